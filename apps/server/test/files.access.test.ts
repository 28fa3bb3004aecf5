// A stored file is served only through an object the caller may read — the evidence or 笔录 of a case in his
// jurisdiction, a document, a service record, the party's own submission or portal case — never by its hash; another
// bureau gets 404 (existence not revealed), and uploading the same bytes gives it nothing. Every file leaves as an
// attachment (a PDF the console previews: inline), never sniffed, sandboxed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { CasePortalSubmission, CaseDetail, IssuedDocumentCreated, ServiceOverview, ServiceRecord } from '@chengguan/contracts';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';
import { caseKit, decidedCase, fine, investigatedCase, jpeg, notice, signedRecord, type CaseKit } from './cases-support.ts';
import { PNG_1X1, portalLogin, type PortalClient } from './portal-support.ts';

let ctx: TestContext;
let kit: CaseKit;
let decided: CaseDetail;
let decisionDoc: IssuedDocumentCreated;
let noticed: { id: string; number: string; pdfId: string };

const as = (user: string, url: string) => ctx.api('GET', url, { token: kit.tokens[user]! });

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  for (const u of ['pd_admin', 'qp_admin', 'qp_leader']) kit.tokens[u] = await ctx.login(u);
  decided = await decidedCase(kit);
  const issued = await ctx.api('POST', `/api/v1/cases/${decided.id}/documents`, {
    token: kit.tokens.pd_ljz_01!,
    body: { kind: 'decision' },
  });
  expect(issued.statusCode, issued.body).toBe(201);
  decisionDoc = issued.json() as IssuedDocumentCreated;
  // A notice served today (the test clock, 2026-03-02): the party may state his case in the portal until 03-05.
  const c = await investigatedCase(kit);
  await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) });
  const after = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(5_000, true, '2026-03-02'));
  const pdf = await ctx.api('POST', `/api/v1/cases/${c.id}/documents`, { token: kit.tokens.pd_ljz_01!, body: { kind: 'prior_notice' } });
  expect(pdf.statusCode, pdf.body).toBe(201);
  noticed = {
    id: c.id,
    number: after.documents.find((d) => d.docType === 'prior_notice')!.number,
    pdfId: (pdf.json() as IssuedDocumentCreated).document.id,
  };
}, 120_000);
afterAll(async () => ctx?.close());

function expectServedAsAttachment(r: LightMyRequestResponse, type: string) {
  expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
  expect(r.headers['content-type']).toBe(type);
  expect(String(r.headers['content-disposition'])).toMatch(/^attachment; filename=/);
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['content-security-policy']).toBe('sandbox');
}

describe('the evidence of a case', () => {
  it('is served to the case’s officers through the evidence item, as an attachment with its SM3', async () => {
    const e = decided.evidence[0]!;
    const r = await as('pd_ljz_01', `/api/v1/cases/${decided.id}/evidence/${e.id}/file`);
    expectServedAsAttachment(r, 'image/jpeg');
    expect(r.headers['x-content-sm3']).toBe(e.fileSm3);
    expect(r.rawPayload.equals(jpeg(`photo of ${decided.id}`))).toBe(true);
    // The district's leader reads it too (his jurisdiction holds the squad).
    expect((await as('pd_leader', `/api/v1/cases/${decided.id}/evidence/${e.id}/file`)).statusCode).toBe(200);
  });

  it('another bureau gets 404, as for an item that does not exist — and uploading the same bytes gives it nothing', async () => {
    const e = decided.evidence[0]!;
    const url = `/api/v1/cases/${decided.id}/evidence/${e.id}/file`;
    const missing = await as('qp_zjj_01', `/api/v1/cases/${decided.id}/evidence/019c0000-0000-7000-8000-000000000000/file`);
    expect(missing.statusCode).toBe(404);
    for (const user of ['qp_zjj_01', 'qp_zjj_leader']) {
      const r = await as(user, url);
      expect(r.statusCode).toBe(404);
      expect({ ...errorBody(r), correlationId: null }).toEqual({ ...errorBody(missing), correlationId: null });
    }
    // 青浦 holds the very same bytes now (content addressing stores them once): still nothing of 浦东's opens.
    const same = await kit.upload('qp_zjj_01', `photo of ${decided.id}`);
    expect(same).toBe(e.fileSm3);
    expect((await as('qp_zjj_01', url)).statusCode).toBe(404);
    // An evidence id of another case under this case's id is not found either.
    const other = await investigatedCase(kit);
    const otherEvidence = (await kit.get('pd_ljz_01', other.id)).evidence[0]!;
    expect((await as('pd_ljz_01', `/api/v1/cases/${decided.id}/evidence/${otherEvidence.id}/file`)).statusCode).toBe(404);
  });

  it('a 笔录 scan is served through its record; 404 for another bureau and for a record without a scan', async () => {
    const c = await kit.register();
    const scan = await kit.upload('pd_ljz_01', `笔录 ${c.id}`);
    const withScan = await kit.ok('pd_ljz_01', c.id, 'recordInspection', { ...signedRecord(kit, '2026-01-05'), fileSm3: scan });
    const record = withScan.records.find((r) => r.fileSm3 === scan)!;
    expectServedAsAttachment(await as('pd_ljz_01', `/api/v1/cases/${c.id}/records/${record.id}/file`), 'image/jpeg');
    expect((await as('qp_zjj_01', `/api/v1/cases/${c.id}/records/${record.id}/file`)).statusCode).toBe(404);
    const plain = await kit.ok('pd_ljz_01', c.id, 'recordQuestioning', { ...signedRecord(kit, '2026-01-06'), interviewee: '王小明' });
    const noScan = plain.records.find((r) => r.kind === 'questioning')!;
    expect((await as('pd_ljz_01', `/api/v1/cases/${c.id}/records/${noScan.id}/file`)).statusCode).toBe(404);
  });
});

describe('documents and service records', () => {
  it('the decision PDF: inline for the console’s preview but sandboxed and not sniffed; 404 for another bureau', async () => {
    const r = await as('pd_ljz_01', `/api/v1/documents/${decisionDoc.document.id}/pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(String(r.headers['content-disposition'])).toMatch(/^inline; filename=/);
    expect(r.headers['content-security-policy']).toBe('sandbox');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await as('qp_leader', `/api/v1/documents/${decisionDoc.document.id}/pdf`)).statusCode).toBe(404);
  });

  it('the recipient’s signature of a service record, through the record; 404 for another bureau or a part not recorded', async () => {
    const services = (await as('pd_ljz_01', `/api/v1/cases/${decided.id}/services`)).json() as ServiceOverview;
    const signature = await kit.upload('pd_ljz_01', `签收 ${decided.id}`);
    const served = await ctx.api('POST', `/api/v1/cases/${decided.id}/services`, {
      token: kit.tokens.pd_ljz_01!,
      body: {
        documentId: services.documents.find((d) => d.kind === 'decision')!.id,
        method: 'direct',
        servedOn: '2026-01-21',
        recipientName: '王小明',
        signatureSm3: signature,
      },
    });
    expect(served.statusCode, served.body).toBe(201);
    const s = served.json() as ServiceRecord;
    const base = `/api/v1/cases/${decided.id}/services/${s.id}/files`;
    const r = await as('pd_ljz_01', `${base}/signature`);
    expectServedAsAttachment(r, 'image/jpeg');
    expect(r.headers['x-content-sm3']).toBe(signature);
    expect((await as('qp_zjj_01', `${base}/signature`)).statusCode).toBe(404);
    expect((await as('pd_ljz_01', `${base}/media`)).statusCode).toBe(404);
    expect((await as('pd_ljz_01', `${base}/other`)).statusCode).toBe(400);
  });

  it('a service record cannot name a file another bureau uploaded (its hash alone)', async () => {
    const c = await decidedCase(kit);
    const services = (await as('pd_ljz_01', `/api/v1/cases/${c.id}/services`)).json() as ServiceOverview;
    const theirs = await kit.upload('qp_zjj_01', `青浦的签名 ${c.id}`);
    const r = await ctx.api('POST', `/api/v1/cases/${c.id}/services`, {
      token: kit.tokens.pd_ljz_01!,
      body: {
        documentId: services.documents.find((d) => d.kind === 'decision')!.id,
        method: 'direct',
        servedOn: '2026-01-21',
        recipientName: '王小明',
        signatureSm3: theirs,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('signatureSm3');
  });

  it('the seal image: only the one the bureau’s settings name, for its administrator', async () => {
    const png = Buffer.from(PNG_1X1, 'base64');
    const up = (bytes: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/document-settings/images',
        headers: { authorization: `Bearer ${kit.tokens.pd_admin!}`, 'content-type': 'image/png' },
        payload: bytes,
      });
    const seal = ((await up(png)).json() as { sm3: string }).sm3;
    const saved = await ctx.api('PUT', '/api/v1/document-settings', {
      token: kit.tokens.pd_admin!,
      body: { agencyName: '上海市浦东新区城市管理行政执法局', sealSm3: seal },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expectServedAsAttachment(await as('pd_admin', `/api/v1/document-settings/images/${seal}`), 'image/png');
    expect((await as('qp_admin', `/api/v1/document-settings/images/${seal}`)).statusCode).toBe(404);
    // Any other hash — the bureau's evidence photo, a file not referred to by the settings — is not an image of the settings.
    const evidence = decided.evidence[0]!.fileSm3;
    expect((await as('pd_admin', `/api/v1/document-settings/images/${evidence}`)).statusCode).toBe(404);
    // 青浦 cannot make 浦东's seal its own by naming its hash.
    const theirs = await ctx.api('PUT', '/api/v1/document-settings', {
      token: kit.tokens.qp_admin!,
      body: { agencyName: '上海市青浦区城市管理行政执法局', sealSm3: seal },
    });
    expect(theirs.statusCode).toBe(400);
    expect(errorBody(theirs).field).toBe('sealSm3');
  });
});

describe('the party in the portal', () => {
  let party: PortalClient;
  let attachment: string;

  it('reads only his case’s documents: his notice (inline, sandboxed), not another case’s decision', async () => {
    party = await portalLogin(ctx, noticed.id, noticed.number);
    const mine = await party.call('GET', `/api/portal/documents/${noticed.pdfId}/pdf`);
    expect(mine.statusCode).toBe(200);
    expect(String(mine.headers['content-disposition'])).toMatch(/^inline;/);
    expect(mine.headers['content-security-policy']).toBe('sandbox');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect((await party.call('GET', `/api/portal/documents/${decisionDoc.document.id}/pdf`)).statusCode).toBe(404);
    // The officers' routes are closed to a portal session.
    const e = decided.evidence[0]!;
    expect((await party.call('GET', `/api/v1/cases/${noticed.id}/evidence/${e.id}/file`)).statusCode).toBe(401);
  });

  it('attaches only files he uploaded himself: an officer’s evidence hash is refused naming the attachment', async () => {
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/portal/files',
      headers: { cookie: party.cookie, origin: OWN_ORIGIN, 'content-type': 'image/png' },
      payload: Buffer.from(PNG_1X1, 'base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    attachment = (up.json() as { sm3: string }).sm3;
    const foreign = await party.call('POST', '/api/portal/statement', { content: '陈述', attachments: [decided.evidence[0]!.fileSm3] });
    expect(foreign.statusCode).toBe(400);
    expect(errorBody(foreign).field).toBe('attachments.0');
    const ok = await party.call('POST', '/api/portal/statement', { content: '我已整改，请求从轻处理。', attachments: [attachment] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('his attachment reaches the officers of his case through the submission; another bureau gets 404', async () => {
    const list = await as('pd_ljz_01', `/api/v1/cases/${noticed.id}/portal-submissions`);
    expect(list.statusCode, list.body).toBe(200);
    const statement = (list.json() as CasePortalSubmission[]).find((s) => s.kind === 'statement')!;
    expect(statement.files).toEqual([
      { sm3: attachment, size: Buffer.from(PNG_1X1, 'base64').length, mime: 'image/png', role: 'attachment' },
    ]);
    const url = `/api/v1/cases/${noticed.id}/portal-submissions/${statement.id}/files/${attachment}`;
    expectServedAsAttachment(await as('pd_ljz_01', url), 'image/png');
    expect((await as('qp_zjj_01', url)).statusCode).toBe(404);
    expect((await as('qp_zjj_01', `/api/v1/cases/${noticed.id}/portal-submissions`)).statusCode).toBe(404);
    // A hash the submission does not hold is not served through it.
    const other = `/api/v1/cases/${noticed.id}/portal-submissions/${statement.id}/files/${decided.evidence[0]!.fileSm3}`;
    expect((await as('pd_ljz_01', other)).statusCode).toBe(404);
  });
});
