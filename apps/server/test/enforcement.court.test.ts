// 催告书 → its service starts G3's 10 working days → the court package (行政强制法 Art. 55) with its manifest.
// The documents module is the real one, wrapped so the test also sees what this feature asks it to print
// (extra.amounts, extra.service); the PDFs in the package are the frozen ones.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { unzipSync } from 'fflate';
import type { EnforcementOverview, ServiceOverview } from '@chengguan/contracts';
import { addWorkingDays } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, decidedCase, expectRule, type CaseKit } from './cases-support.ts';
import { caseContext } from '../src/modules/cases/case-loader.ts';
import { sm3Hex } from '../src/shared/sm3.ts';
import * as documents from '../src/modules/documents/issue-document.ts';

vi.mock('../src/modules/documents/issue-document.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/modules/documents/issue-document.ts')>();
  return { ...real, issueCaseDocument: vi.fn(real.issueCaseDocument) };
});

let ctx: TestContext;
let kit: CaseKit;

/** Every document issued so far: the request and the id it got. */
async function issuedDocs(): Promise<(documents.IssueRequest & { id: string })[]> {
  const mock = vi.mocked(documents.issueCaseDocument).mock;
  const out: (documents.IssueRequest & { id: string })[] = [];
  for (let i = 0; i < mock.calls.length; i++) {
    const r = mock.results[i];
    if (r?.type !== 'return') continue;
    const doc = await (r.value as Promise<documents.IssuedDocument>).catch(() => null);
    if (doc) out.push({ ...mock.calls[i]![4], id: doc.id });
  }
  return out;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-07-20T02:00:00.000Z');
  kit = await caseKit(ctx);
});
afterAll(async () => {
  await ctx.close();
});

const api = (method: string, url: string, user: string, body?: unknown) =>
  ctx.api(method, url, { token: kit.tokens[user]!, ...(body ? { body } : {}) });

describe('催告书 and the court package', () => {
  it('G3: the 催告书 states the amounts; its service starts the 10 working days; the package holds the 5 items of Art. 55', async () => {
    const c = await decidedCase(kit);
    const services = (await api('GET', `/api/v1/cases/${c.id}/services`, 'pd_ljz_01')).json() as ServiceOverview;
    const decision = services.documents.find((d) => d.kind === 'decision')!;
    const sig = await kit.upload('pd_ljz_01', `signature ${c.id}`);
    const served = await api('POST', `/api/v1/cases/${c.id}/services`, 'pd_ljz_01', {
      documentId: decision.id,
      method: 'direct',
      servedOn: '2026-01-22',
      recipientName: '王小明',
      signatureSm3: sig,
    });
    expect(served.statusCode, served.body).toBe(201);
    // The 送达回证 was issued from the record, with the record in extra.service.
    const receipt = (await issuedDocs()).find((d) => d.kind === 'service_receipt')!;
    expect(receipt.extra).toMatchObject({
      service: { method: 'direct', servedOn: '2026-01-22', recipientName: '王小明', documentTitle: '行政处罚决定书' },
    });
    expect(served.json()).toMatchObject({ receiptDocumentId: receipt.id });
    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/services/${(served.json() as { id: string }).id}/receipt.pdf`,
      headers: { authorization: `Bearer ${kit.tokens.pd_ljz_01}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // 催告书 on 07-20: 1,000 yuan fine, the surcharge capped at the fine (34+ overdue days), 2,000 yuan in all.
    const early = await api('POST', `/api/v1/cases/${c.id}/enforcement/reminder`, 'pd_ljz_01', { date: '2026-02-06' });
    expectRule(early, 422, 'G1');
    const reminder = await api('POST', `/api/v1/cases/${c.id}/enforcement/reminder`, 'pd_ljz_01', { date: '2026-07-20' });
    expect(reminder.statusCode, reminder.body).toBe(200);
    const r = (await issuedDocs()).find((d) => d.kind === 'payment_reminder')!;
    expect(r.extra).toMatchObject({
      amounts: { fineFen: 100_000, surchargeFen: 100_000, totalFen: 200_000, paidFen: 0, paymentDue: '2026-02-06', performanceDays: 10 },
    });
    expect(JSON.stringify(r.extra)).toContain('陈述和申辩');
    const reminderDoc = (reminder.json() as EnforcementOverview).documents.find((d) => d.kind === 'payment_reminder')!;

    // Recording the 催告书's service takes startEnforcement (a leaders' step: a field officer is refused).
    const officer = await api('POST', `/api/v1/cases/${c.id}/services`, 'pd_ljz_01', {
      documentId: reminderDoc.id,
      method: 'lien',
      servedOn: '2026-07-20',
      witnessName: '居委会 李主任',
    });
    expect(officer.statusCode, officer.body).toBe(403);
    const rs = await api('POST', `/api/v1/cases/${c.id}/services`, 'pd_ljz_leader', {
      documentId: reminderDoc.id,
      method: 'lien',
      servedOn: '2026-07-20',
      witnessName: '居委会 李主任',
    });
    expect(rs.statusCode, rs.body).toBe(201);
    expect(rs.json()).toMatchObject({ caseStep: 'startEnforcement', status: 'served' });
    const { calendar } = await caseContext(ctx.deps.db, ctx.deps.clock.now());
    const o = (await api('GET', `/api/v1/cases/${c.id}/enforcement`, 'pd_ljz_leader')).json() as EnforcementOverview;
    expect(o).toMatchObject({
      status: 'reminded',
      reminderServedOn: '2026-07-20',
      reminderWaitEnds: addWorkingDays(calendar, '2026-07-20', 10),
    });
    expect(o.documents.find((d) => d.id === reminderDoc.id)?.servedOn).toBe('2026-07-20');

    const tooEarly = await api('POST', `/api/v1/cases/${c.id}/enforcement/court-package`, 'pd_ljz_leader', {
      date: '2026-07-20',
      court: '上海市浦东新区人民法院',
    });
    expectRule(tooEarly, 422, 'G3');

    ctx.clock.set(`${o.courtOpensOn}T02:00:00.000Z`);
    for (const u of ['pd_ljz_leader', 'pd_ljz_01']) kit.tokens[u] = await ctx.login(u);
    const pkg = await api('POST', `/api/v1/cases/${c.id}/enforcement/court-package`, 'pd_ljz_leader', {
      date: o.courtOpensOn,
      court: '上海市浦东新区人民法院',
    });
    expect(pkg.statusCode, pkg.body).toBe(200);
    const after = pkg.json() as EnforcementOverview;
    expect(after.courtPackage?.createdOn).toBe(o.courtOpensOn);
    expect((await issuedDocs()).find((d) => d.kind === 'court_application')?.extra).toMatchObject({
      court: '上海市浦东新区人民法院',
      application: { owedFen: 200_000 },
    });

    const zipRes = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/enforcement/court-package.zip`,
      headers: { authorization: `Bearer ${kit.tokens.pd_ljz_leader}` },
    });
    expect(zipRes.statusCode).toBe(200);
    expect(sm3Hex(zipRes.rawPayload)).toBe(after.courtPackage!.zipSm3);
    const files = unzipSync(new Uint8Array(zipRes.rawPayload));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as {
      lastDayToFile: string;
      items: { item: number; file: string | null; sm3: string | null }[];
    };
    expect(manifest.lastDayToFile).toBe(o.courtClosesOn);
    expect([...new Set(manifest.items.map((i) => i.item))]).toEqual([1, 2, 3, 4, 5]);
    for (const i of manifest.items) {
      expect(i.file, JSON.stringify(i)).toBeTruthy();
      expect(sm3Hex(files[i.file!]!)).toBe(i.sm3);
    }
    const names = Object.keys(files);
    expect(names.some((n) => n.startsWith('1-强制执行申请书'))).toBe(true);
    expect(names.some((n) => n.startsWith('2-行政处罚决定书'))).toBe(true);
    expect(names.some((n) => n.startsWith('2-送达回证'))).toBe(true);
    expect(names).toContain('2-作出决定的事实、理由和依据.txt');
    expect(names.some((n) => n.startsWith('3-催告书'))).toBe(true);
    expect(names.some((n) => n.startsWith('3-送达回证-催告书'))).toBe(true);
    expect(new TextDecoder().decode(files['3-当事人陈述申辩及催告情况.txt'])).toContain('催告书送达日 2026-07-20');
  });
});
