// 执法文书: a decision PDF with its statutory contents (E5, G2, J1), frozen (SM3), SM2-signed, verifiable in public;
// template changes reach the next PDF only; the access paths; rare characters in names.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import type {
  CaseDocumentsAnswer,
  DocumentTemplateBody,
  DocumentVerification,
  IssuedDocumentCreated,
  TemplateDetail,
} from '@chengguan/contracts';
import { DEFAULT_TEMPLATES, renderTemplate, sampleDocumentData } from '@chengguan/domain';
import { DOCUMENT_KIND_TITLES, DOCUMENT_KINDS } from '@chengguan/contracts';
import { fileStorageOf } from '../src/modules/files/file-storage.ts';
import { sm3Hex } from '../src/shared/sm3.ts';
import { renderPdf } from '../src/modules/documents/pdf/render-pdf.ts';
import { fontChain } from '../src/modules/documents/pdf/fonts.ts';
import { issueCaseDocument, listCaseDocuments, readDocumentPdf } from '../src/modules/documents/issue-document.ts';
import { channelActor } from '../src/modules/cases/channel-actor.ts';
import { findCase } from '../src/modules/cases/cases.repository.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, decidedCase, ID_CARD, type CaseKit } from './cases-support.ts';

let ctx: TestContext;
let kit: CaseKit;
let pdAdmin: string;
let pdCommand: string;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  pdAdmin = await ctx.login('pd_admin');
  pdCommand = await ctx.login('pd_command');
});
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-docs-'));
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(TMP, { recursive: true, force: true });
});

/** The text of a PDF as pdftotext reads it, with the page footers dropped and all white space removed. */
function pdfText(bytes: Buffer): string {
  const file = path.join(TMP, `${sm3Hex(bytes)}.pdf`);
  fs.writeFileSync(file, bytes);
  const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return raw
    .split('\n')
    .filter((l) => !/^(核验码：|https?:\/\/|—\s*\d+\s*—)/.test(l.trim()))
    .join('')
    .replace(/\s+/g, '');
}

async function issue(caseId: string, kind: string, token = kit.tokens.pd_ljz_01!, extra?: Record<string, unknown>) {
  return ctx.api('POST', `/api/v1/cases/${caseId}/documents`, {
    token,
    body: { kind, ...(extra ? { extra } : {}) },
    headers: { 'idempotency-key': `doc-${caseId}-${kind}-${Math.random()}` },
  });
}

async function download(id: string, token = kit.tokens.pd_ljz_01!) {
  const r = await ctx.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/pdf`, headers: { authorization: `Bearer ${token}` } });
  return r;
}

const party = (name: string, address: string | null = '上海市浦东新区世纪大道100号') => ({
  type: 'natural_person' as const,
  name,
  idType: 'id_card' as const,
  idNumber: ID_CARD,
  phone: '13812345678',
  ...(address ? { address } : {}),
});

describe('a decision PDF (E5, G2, J1)', () => {
  let caseId: string;
  let first: IssuedDocumentCreated;
  let firstBytes: Buffer;

  beforeAll(async () => {
    const c = await decidedCase(kit, 1_000, { party: party('王䶮𠮷') });
    caseId = c.id;
    const r = await issue(caseId, 'decision');
    expect(r.statusCode, r.body).toBe(201);
    first = r.json() as IssuedDocumentCreated;
    const d = await download(first.document.id);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.headers['content-type']).toBe('application/pdf');
    firstBytes = d.rawPayload;
  });

  it('E5 J1 G2: the text holds the 文号, the party, the remedy clause and the surcharge standard', () => {
    const text = pdfText(firstBytes);
    expect(first.document.number).toMatch(/罚决字〔2026〕第\d{6}号/);
    expect(text).toContain(first.document.number!.replace(/\s+/g, ''));
    expect(text).toContain('王䶮');
    expect(text).toContain('上海市浦东新区世纪大道100号');
    expect(text).toContain('上海市浦东新区人民政府申请行政复议');
    expect(text).toContain('六十日');
    expect(text).toContain('六个月');
    expect(text).toContain('到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款');
    expect(text).toContain('罚款人民币1,000.00元');
    expect(text).toContain('本机关责令当事人');
    expect(text).toContain('上海市浦东新区城市管理行政执法局');
    // E12: the article the legal reviewer confirmed for the case, never the library's 「未核实」 note.
    expect(text).toContain('《上海市生活垃圾管理条例》第五十七条第四款所指的驳运规定');
    expect(text).not.toContain('未核实');
  });

  it('rare characters: 䶮 (Ext-A) from Noto Serif SC; 𠮷 (Ext-B) from a fallback font, or recorded as missing', () => {
    const text = pdfText(firstBytes);
    const hasFallback = fontChain().fallbacks.some((f) => f.font.hasGlyphForCodePoint(0x20bb7));
    if (hasFallback) {
      expect(text).toContain('王䶮𠮷');
      expect(first.document.missingGlyphs).toEqual([]);
    } else {
      expect(first.document.missingGlyphs).toEqual(['𠮷']);
    }
  });

  it('is frozen: stored under its SM3 and listed on the case with the verify path shown once', async () => {
    expect(sm3Hex(firstBytes)).toBe(first.document.sm3);
    expect(first.verifyPath).toMatch(new RegExp(`^/verify/${first.document.id}\\?c=[A-Z2-9]{10}$`));
    const r = await ctx.api('GET', `/api/v1/cases/${caseId}/documents`, { token: kit.tokens.pd_ljz_01! });
    expect(r.statusCode, r.body).toBe(200);
    const answer = r.json() as CaseDocumentsAnswer;
    expect(answer.issued.map((d) => d.id)).toContain(first.document.id);
    expect(answer.issued[0]!.verifyPath).toBeNull();
    const decision = answer.available.find((a) => a.kind === 'decision')!;
    expect(decision.allowed).toBe(true);
    // The PDF bears the date the decision was made (the step), not the day it was printed.
    const detail = (await ctx.api('GET', `/api/v1/cases/${caseId}`, { token: kit.tokens.pd_ljz_01! })).json() as {
      documents: { docType: string; issuedOn: string }[];
    };
    const decidedOn = detail.documents.find((d) => d.docType === 'decision')!.issuedOn;
    expect(decidedOn < ctx.clock.now().toISOString().slice(0, 10)).toBe(true);
    expect(first.document.issuedOn).toBe(decidedOn);
    const reminder = answer.available.find((a) => a.kind === 'payment_reminder')!;
    expect(reminder.allowed).toBe(false);
    expect(reminder.reasons[0]!.ruleId).toBe('G1');
  });

  it('SM2: the signature over the SM3 verifies with the bureau public key; the public page says genuine', async () => {
    const code = first.verifyPath.split('c=')[1]!;
    const r = await ctx.api('GET', `/api/public/documents/${first.document.id}/verify?c=${code}`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json() as DocumentVerification;
    expect(v).toMatchObject({
      kind: 'decision',
      number: first.document.number,
      sm3: first.document.sm3,
      signatureValid: true,
      storedIntact: true,
      status: 'issued',
    });
    expect(v.partyMasked).toBe('王**');
    expect(v.agency).toBe('上海市浦东新区城市管理行政执法局');
    const row = await ctx.deps.db
      .selectFrom('documents')
      .select(['signature'])
      .where('id', '=', first.document.id)
      .executeTakeFirstOrThrow();
    expect(sm2.doVerifySignature(sm2.hexToArray(v.sm3), row.signature, v.publicKey, { hash: true })).toBe(true);
    expect(
      sm2.doVerifySignature(sm2.hexToArray(v.sm3.replace(/^./, (c) => (c === '0' ? '1' : '0'))), row.signature, v.publicKey, {
        hash: true,
      }),
    ).toBe(false);
  });

  it('a wrong code or an unknown id answers 404 (existence not revealed)', async () => {
    expect((await ctx.api('GET', `/api/public/documents/${first.document.id}/verify?c=AAAAAAAAAA`)).statusCode).toBe(404);
    expect((await ctx.api('GET', `/api/public/documents/0190f5c8-0000-7000-8000-000000000000/verify?c=AAAAAAAAAA`)).statusCode).toBe(404);
  });

  it('tampering: one flipped byte in the PDF is reported (compare and stored copy)', async () => {
    const code = first.verifyPath.split('c=')[1]!;
    const post = (bytes: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/public/documents/${first.document.id}/verify?c=${code}`,
        headers: { 'content-type': 'application/pdf' },
        payload: bytes,
      });
    const same = await post(firstBytes);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ matches: true });
    const tampered = Buffer.from(firstBytes);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const diff = await post(tampered);
    expect(diff.json()).toMatchObject({ matches: false, expectedSm3: first.document.sm3 });
    // The stored copy itself altered behind the system's back: the public page says it no longer matches.
    const store = fileStorageOf(ctx.deps);
    await store.put(first.document.sm3, tampered);
    const v = (await ctx.api('GET', `/api/public/documents/${first.document.id}/verify?c=${code}`)).json() as DocumentVerification;
    expect(v.storedIntact).toBe(false);
    expect(v.signatureValid).toBe(true);
    await store.put(first.document.sm3, firstBytes);
  });

  it('a template change reaches the next PDF but not the frozen one', async () => {
    const body: DocumentTemplateBody = structuredClone(DEFAULT_TEMPLATES.decision);
    body.blocks.push({ type: 'paragraph', text: '浦东局试行条款：{{agency.name}}欢迎当事人监督。' });
    const saved = await ctx.api('POST', '/api/v1/document-templates/decision', {
      token: pdAdmin,
      body: { scope: 'bureau', template: body, note: '试行' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as TemplateDetail).current.version).toBe(1);
    const second = (await issue(caseId, 'decision')).json() as IssuedDocumentCreated;
    expect(second.document.number).toBe(first.document.number);
    expect(second.document.templateScope).toBe('bureau');
    const secondText = pdfText((await download(second.document.id)).rawPayload);
    expect(secondText).toContain('浦东局试行条款');
    const again = (await download(first.document.id)).rawPayload;
    expect(sm3Hex(again)).toBe(first.document.sm3);
    expect(pdfText(again)).not.toContain('浦东局试行条款');
    // Revert: the override is removed and the city default applies again.
    const reverted = await ctx.api('POST', '/api/v1/document-templates/decision/revert', { token: pdAdmin, body: { scope: 'bureau' } });
    expect(reverted.statusCode, reverted.body).toBe(200);
    const third = (await issue(caseId, 'decision')).json() as IssuedDocumentCreated;
    expect(third.document.templateScope).toBe('builtin');
  });

  it('every issue, template change and seal change writes an audit row', async () => {
    const png = fs.readFileSync(path.join(path.dirname(fontChain().regular.source), 'NotoSerifSC_400Regular.ttf.png'));
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/document-settings/images',
      headers: { authorization: `Bearer ${pdAdmin}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(up.statusCode, up.body).toBe(201);
    const put = await ctx.api('PUT', '/api/v1/document-settings', {
      token: pdAdmin,
      body: {
        agencyName: '上海市浦东新区城市管理行政执法局',
        addressLine: '上海市浦东新区（测试地址）',
        sealSm3: (up.json() as { sm3: string }).sm3,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const sealed = await issue(caseId, 'decision');
    expect(sealed.statusCode, sealed.body).toBe(201);
    const actions = (await ctx.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'document.%').execute()).map(
      (r) => r.action,
    );
    expect(actions.filter((a) => a === 'document.issue').length).toBeGreaterThanOrEqual(4);
    expect(actions).toContain('document.template.save');
    expect(actions).toContain('document.template.revert');
    expect(actions).toContain('document.settings.save');
  });

  it('access: another district → 404; the commander reads but cannot issue → 403', async () => {
    expect((await ctx.api('GET', `/api/v1/cases/${caseId}/documents`, { token: kit.tokens.qp_zjj_01! })).statusCode).toBe(404);
    expect((await download(first.document.id, kit.tokens.qp_zjj_01!)).statusCode).toBe(404);
    expect((await issue(caseId, 'decision', kit.tokens.qp_zjj_01!)).statusCode).toBe(404);
    const read = await ctx.api('GET', `/api/v1/cases/${caseId}/documents`, { token: pdCommand });
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as CaseDocumentsAnswer).canIssue).toBe(false);
    expect((await download(first.document.id, pdCommand)).statusCode).toBe(200);
    const r = await issue(caseId, 'decision', pdCommand);
    expect(r.statusCode, r.body).toBe(403);
  });
});

describe('refusals: stage and statutory contents', () => {
  it('E5: a decision for a party without an address is refused naming party.address', async () => {
    const c = await decidedCase(kit, 800, { party: party('陈无址', null) });
    const r = await issue(c.id, 'decision');
    expect(r.statusCode, r.body).toBe(422);
    const body = r.json() as { field: string; rule: string; message: string; messageEn: string };
    expect(body.field).toBe('party.address');
    expect(body.rule).toMatch(/^E5 /);
    expect(body.message).toContain('《中华人民共和国行政处罚法》第五十九条');
    expect(body.message).not.toContain('party.address');
    expect(body.messageEn).toContain('E5');
  });

  it('G1: no 催告书 before the payment deadline has passed', async () => {
    const c = await decidedCase(kit, 600, { party: party('周未到期') });
    const r = await issue(c.id, 'payment_reminder');
    expect(r.statusCode, r.body).toBe(422);
    expect((r.json() as { rule: string }).rule).toMatch(/^G1 /);
  });

  it('a preview is a 「样稿」 PDF and stores nothing', async () => {
    const c = await decidedCase(kit, 700, { party: party('吴样稿') });
    const before = await ctx.deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/documents/preview`,
      headers: { authorization: `Bearer ${kit.tokens.pd_ljz_01!}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ kind: 'prior_notice' }),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(pdfText(r.rawPayload)).toContain('稿');
    const after = await ctx.deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('templates: administrators only, checked on save', () => {
  const withParagraph = (text: string): DocumentTemplateBody => {
    const body = structuredClone(DEFAULT_TEMPLATES.decision);
    body.blocks.push({ type: 'paragraph', text });
    return body;
  };

  it('an unknown placeholder is refused with 400 naming it', async () => {
    const r = await ctx.api('POST', '/api/v1/document-templates/decision', {
      token: kit.tokens.admin!,
      body: { scope: 'city', template: withParagraph('当事人：{{party.nmae}}') },
    });
    expect(r.statusCode, r.body).toBe(400);
    const body = r.json() as { field: string; message: string; messageEn: string };
    expect(body.field).toMatch(/^template\.blocks\.\d+\.text$/);
    expect(body.message).toContain('party.nmae');
    expect(body.messageEn).toContain('party.nmae');
  });

  it('J1: a decision template without the remedy clause is refused naming the rule', async () => {
    const body = structuredClone(DEFAULT_TEMPLATES.decision);
    body.blocks = body.blocks.filter((b) => !(b.type === 'paragraph' && b.text.includes('remedy.text')));
    const r = await ctx.api('POST', '/api/v1/document-templates/decision', {
      token: kit.tokens.admin!,
      body: { scope: 'city', template: body },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect((r.json() as { rule: string }).rule).toMatch(/^J1 /);
  });

  it('forbidden paths: an officer → 403; a district admin on the city default → 403; on another bureau → 404', async () => {
    const template = withParagraph('补充说明');
    expect(
      (await ctx.api('POST', '/api/v1/document-templates/decision', { token: kit.tokens.pd_ljz_01!, body: { scope: 'bureau', template } }))
        .statusCode,
    ).toBe(403);
    expect((await ctx.api('GET', '/api/v1/document-templates', { token: kit.tokens.pd_ljz_01! })).statusCode).toBe(403);
    expect(
      (await ctx.api('POST', '/api/v1/document-templates/decision', { token: pdAdmin, body: { scope: 'city', template } })).statusCode,
    ).toBe(403);
    const qp = ctx.seed.ids.orgs.get('qp')!;
    expect(
      (await ctx.api('POST', '/api/v1/document-templates/decision', { token: pdAdmin, body: { scope: 'bureau', bureauId: qp, template } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ctx.api('PUT', '/api/v1/document-settings', { token: pdAdmin, body: { bureauId: qp, agencyName: '青浦' } })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.api('PUT', '/api/v1/document-settings', { token: kit.tokens.pd_leader!, body: { agencyName: '浦东' } })).statusCode,
    ).toBe(403);
  });

  it('the city administrator saves a city default; the list shows it; a preview renders sample data', async () => {
    const r = await ctx.api('POST', '/api/v1/document-templates/correction_order', {
      token: kit.tokens.admin!,
      body: { scope: 'city', template: { ...structuredClone(DEFAULT_TEMPLATES.correction_order), title: '责令限期改正通知书' } },
    });
    expect(r.statusCode, r.body).toBe(200);
    const list = await ctx.api('GET', '/api/v1/document-templates', { token: kit.tokens.admin! });
    expect(list.statusCode, list.body).toBe(200);
    expect(
      (list.json() as { items: { kind: string; effective: string; cityVersion: number }[] }).items.find(
        (t) => t.kind === 'correction_order',
      ),
    ).toMatchObject({
      effective: 'city',
      cityVersion: 1,
    });
    const p = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/document-templates/correction_order/preview',
      headers: { authorization: `Bearer ${pdAdmin}`, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(p.statusCode, p.body).toBe(200);
    const text = pdfText(p.rawPayload);
    expect(text).toContain('责令限期改正通知书');
    // The diagonal watermark's two characters land among the body lines of the extracted text.
    expect(text).toContain('样');
    expect(text).toContain('稿');
  });
});

describe('issueCaseDocument (for the other modules)', () => {
  it('issues inside the caller’s transaction for a channel actor; the same sourceId returns the first document', async () => {
    const c = await decidedCase(kit, 500, { party: party('郑渠道') });
    const row = (await findCase(ctx.deps.db, c.id))!;
    const actor = channelActor(row, 'scheduler', ['field_officer']);
    const meta = { ip: null, correlationId: null };
    const req = {
      caseId: c.id,
      kind: 'service_receipt' as const,
      sourceId: 'svc-1',
      extra: { service: { method: 'direct', servedOn: '2026-01-21', recipient: '郑渠道' } },
    };
    const a = await ctx.deps.db.transaction().execute((trx) => issueCaseDocument(trx, ctx.deps, actor, meta, req));
    const b = await ctx.deps.db.transaction().execute((trx) => issueCaseDocument(trx, ctx.deps, actor, meta, req));
    expect(b.id).toBe(a.id);
    expect(a.verifyPath).toMatch(/\?c=/);
    // The case's steps issued their own documents (立案审批表, 告知书, 决定书); this source made one receipt.
    const rows = (await listCaseDocuments(ctx.deps.db, c.id)).filter((r) => r.kind === 'service_receipt');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channel).toBe('scheduler');
    const text = pdfText(await readDocumentPdf(ctx.deps, ctx.deps.db, a.id, { actor: null, meta }));
    expect(text).toContain('送达回证');
    expect(text).toContain('直接送达');
    expect(text).toContain('2026年1月21日');
  });
});

describe('PDF rendering', () => {
  it('every kind of document renders from its default template to an A4 PDF carrying its title', async () => {
    const data = sampleDocumentData();
    for (const kind of DOCUMENT_KINDS) {
      const document = renderTemplate(DEFAULT_TEMPLATES[kind], data);
      const out = await renderPdf({
        document,
        documentId: `all-${kind}`,
        agencyName: data.agency.name,
        number: null,
        createdAt: new Date('2026-01-20T02:00:00Z'),
        verify: { url: 'http://localhost/verify/x?c=ABCDEFGHJK', code: 'ABCDE-FGHJK' },
        seal: { png: null, name: data.agency.name },
        leaderSignaturePng: null,
        watermark: null,
      });
      expect(out.pages, kind).toBeGreaterThanOrEqual(1);
      const file = path.join(TMP, `all-${kind}.pdf`);
      fs.writeFileSync(file, out.bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info, kind).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
      expect(pdfText(out.bytes), kind).toContain((document.title || DOCUMENT_KIND_TITLES[kind].zh).replace(/\s+/g, ''));
    }
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const input = {
      document: renderTemplate(DEFAULT_TEMPLATES.decision, sampleDocumentData()),
      documentId: 'fixed',
      agencyName: '上海市浦东新区城市管理行政执法局',
      number: '浦东城管罚决字〔2026〕第000001号',
      createdAt: new Date('2026-01-20T02:00:00Z'),
      verify: { url: 'http://localhost/verify/x?c=ABCDEFGHJK', code: 'ABCDE-FGHJK' },
      seal: { png: null, name: '上海市浦东新区城市管理行政执法局' },
      leaderSignaturePng: null,
      watermark: null,
    };
    const a = await renderPdf(input);
    const b = await renderPdf(input);
    expect(sm3Hex(a.bytes)).toBe(sm3Hex(b.bytes));
    expect(a.pages).toBeGreaterThanOrEqual(2);
    const file = path.join(TMP, 'pages.pdf');
    fs.writeFileSync(file, a.bytes);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('—2—');
  });
});

describe('作废 (withdrawal of a document issued in error)', () => {
  it('a leader voids an unserved document with the reason; the verify page says so; a served one is refused', async () => {
    const c = await decidedCase(kit, 800, { party: party('赵作废') });
    const first = (await issue(c.id, 'decision')).json() as IssuedDocumentCreated;
    const url = `/api/v1/documents/${first.document.id}/withdraw`;
    const officer = await ctx.api('POST', url, { token: kit.tokens.pd_ljz_01!, body: { reason: '当事人地址有误' } });
    expect(officer.statusCode).toBe(403);
    const otherDistrict = await ctx.api('POST', url, { token: await ctx.login('qp_zjj_leader'), body: { reason: '当事人地址有误' } });
    expect(otherDistrict.statusCode).toBe(404);
    const noReason = await ctx.api('POST', url, { token: kit.tokens.pd_ljz_leader!, body: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(errorBody(noReason).field).toBe('reason');

    const ok = await ctx.api('POST', url, { token: kit.tokens.pd_ljz_leader!, body: { reason: '当事人地址有误，重新制作' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '当事人地址有误，重新制作' });
    const code = first.verifyPath.split('c=')[1]!;
    const v = (await ctx.api('GET', `/api/public/documents/${first.document.id}/verify?c=${code}`)).json() as DocumentVerification;
    expect(v).toMatchObject({ status: 'withdrawn', withdrawnReason: '当事人地址有误，重新制作', signatureValid: true, storedIntact: true });
    expect((await ctx.api('POST', url, { token: kit.tokens.pd_ljz_leader!, body: { reason: '再次' } })).statusCode).toBe(409);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'document.withdraw')
      .where('entity_id', '=', first.document.id)
      .executeTakeFirst();
    expect(audit?.data).toMatchObject({ reason: '当事人地址有误，重新制作' });

    // The re-made decision is served: it can no longer be voided.
    const second = (await issue(c.id, 'decision')).json() as IssuedDocumentCreated;
    const sig = await kit.upload('pd_ljz_01', `signature ${second.document.id}`);
    const served = await ctx.api('POST', `/api/v1/cases/${c.id}/services`, {
      token: kit.tokens.pd_ljz_01!,
      body: { documentId: second.document.id, method: 'direct', servedOn: '2026-01-22', recipientName: '赵作废', signatureSm3: sig },
    });
    expect(served.statusCode, served.body).toBe(201);
    const refused = await ctx.api('POST', `/api/v1/documents/${second.document.id}/withdraw`, {
      token: kit.tokens.pd_ljz_leader!,
      body: { reason: '误发' },
    });
    expect(refused.statusCode).toBe(409);
    expect(errorBody(refused).message).toContain('已送达');
  });
});
