// 信用 through the API (docs/credit.md): a decision makes a credit record (C1) sent to the credit platform through the
// connector (the local simulator passes credit-platform.contract.ts); the party asks for repair in the portal — before
// the minimum period refused with the date (C2), then decided and withdrawn from publication; the signed 专用信用报告
// verifiable on the public page; settings and catalogue; and the forbidden paths (wrong role, other district).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreditCatalogueLineView,
  CreditRecordView,
  CreditReportView,
  CreditSettingsView,
  PageOf,
  PortalCreditState,
} from '@chengguan/contracts';
import { failNextCreditAnswers, JOB_CREDIT_SEND, setCreditTransport, simulatorApplied } from '../src/modules/credit/index.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { caseKit, decidedCase, ID_CARD, type CaseKit } from './cases-support.ts';
import { creditPlatformContract } from './credit-platform.contract.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { portalLogin } from './portal-support.ts';
import { buildModules } from '../src/platform/build-modules.ts';

const SECRET = '6b'.repeat(32);
let ctx: TestContext;
let kit: CaseKit;
const tokens: Record<string, string> = {};
const USERS = ['pd_legal', 'pd_leader', 'pd_admin', 'pd_super', 'pd_ljz_01', 'qp_leader', 'qp_admin'];

let loggedInAt = -Infinity;
/** Logs in again after the clock moved (sessions idle out); otherwise keeps the tokens (logins are slow). */
async function relogin(): Promise<void> {
  if (Math.abs(ctx.clock.now().getTime() - loggedInAt) < 10 * 60_000) return;
  for (const u of USERS) tokens[u] = await ctx.login(u);
  kit = await caseKit(ctx);
  loggedInAt = ctx.clock.now().getTime();
}
const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}
const runJobs = async (later = false) => {
  if (later) ctx.clock.advance(3600_000);
  const handlers = buildModules(ctx.deps).jobHandlers;
  await runDueJobs(ctx.deps, { [JOB_CREDIT_SEND]: handlers[JOB_CREDIT_SEND]! }, 'test-worker', 100);
};
const recordOf = async (caseId: string) =>
  ctx.deps.db.selectFrom('credit_records').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
let pd: string;

beforeAll(async () => {
  ctx = await createTestContext({ env: { CREDIT_PLATFORM: 'simulator', CREDIT_PLATFORM_SECRET: SECRET } });
  setCreditTransport(async (url, headers, body) => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: new URL(url).pathname,
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });
    return { status: r.statusCode, body: r.body };
  });
  await relogin();
  pd = ctx.seed.ids.orgs.get('pd')!;
}, 240_000);
afterAll(async () => {
  setCreditTransport(null);
  await ctx?.close();
});

creditPlatformContract('local simulator', {
  ctx: () => ctx,
  secret: () => SECRET,
  newRecord: async () => {
    await relogin();
    const c = await decidedCase(kit, 800);
    return (await recordOf(c.id)).id;
  },
  runJobs,
  applied: (id) => simulatorApplied(ctx.deps, id),
  outbox: (id) =>
    ctx.deps.db.selectFrom('credit_outbox').select(['status', 'attempts']).where('record_id', '=', id).orderBy('created_at').execute(),
  failNext: failNextCreditAnswers,
});

describe('credit records, repair and the report', () => {
  let caseId: string;
  let record: CreditRecordView;

  it('C1: a decided fine makes a record, published three years, repairable after three months; sent to the platform', async () => {
    await relogin();
    const c = await decidedCase(kit, 1_000);
    caseId = c.id;
    const page = await ok<PageOf<CreditRecordView>>(call('pd_legal', 'GET', `/api/v1/credit/records?q=${ID_CARD}&status=published`));
    record = page.items.find((r) => r.caseId === caseId)!;
    expect(record).toMatchObject({
      decidedOn: '2026-01-20',
      publishUntil: '2029-01-20',
      repairPossibleOn: '2026-04-21',
      severity: 'general',
      subjectCode: ID_CARD,
    });
    await runJobs();
    expect(await simulatorApplied(ctx.deps, record.id)).toEqual([{ op: 'publish', deliveries: 1 }]);
    const settings = await ok<CreditSettingsView>(call('pd_legal', 'GET', `/api/v1/credit/settings?bureauId=${pd}`));
    expect(settings.connector.simulator).toBe(true);
    expect(settings.connector.labelZh).toContain('模拟');
    const xlsx = await call('pd_super', 'GET', `/api/v1/credit/records/export.xlsx?bureauId=${pd}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    // Forbidden paths: an officer may not read credit records; another district does not see the record.
    expect((await call('pd_ljz_01', 'GET', '/api/v1/credit/records')).statusCode).toBe(403);
    expect((await call('qp_leader', 'GET', `/api/v1/credit/records/${record.id}`)).statusCode).toBe(404);
    const qp = await ok<PageOf<CreditRecordView>>(call('qp_leader', 'GET', '/api/v1/credit/records'));
    expect(qp.items.some((r) => r.id === record.id)).toBe(false);
    expect(
      (
        await call('qp_admin', 'PUT', '/api/v1/credit/settings', {
          bureauId: pd,
          publishMonths: 36,
          repairMinMonthsGeneral: 3,
          repairMinMonthsSerious: 12,
          repairConditions: [],
        })
      ).statusCode,
    ).toBe(404);
  }, 240_000);

  it('C2: the party asks too early and is told the date; then applies, the bureau approves, the record is withdrawn', async () => {
    const party = await portalLogin(ctx, caseId, record.documentNumber);
    const state = (await party.call('GET', '/api/portal/credit')).json() as PortalCreditState;
    expect(state.record?.repairPossibleOn).toBe('2026-04-21');
    const body = { applicant: '王小明', corrected: '已缴清罚款并改正', commitment: '承诺不再违反', conditions: state.conditions };
    const early = await party.call('POST', '/api/portal/credit/repairs', body);
    expect(early.statusCode).toBe(422);
    expect(errorBody(early).message).toContain('2026-04-21');
    expect((early.json() as { rule?: string }).rule).toMatch(/^C2/);
    expect(await ctx.deps.db.selectFrom('credit_repairs').selectAll().where('record_id', '=', record.id).execute()).toEqual([]);

    ctx.clock.set('2026-04-21T02:00:00.000Z');
    await relogin();
    const party2 = await portalLogin(ctx, caseId, record.documentNumber);
    const missing = await party2.call('POST', '/api/portal/credit/repairs', { ...body, conditions: [] });
    expect(missing.statusCode).toBe(400);
    expect(errorBody(missing).field).toBe('conditions');
    const applied = await party2.call('POST', '/api/portal/credit/repairs', body);
    expect(applied.statusCode, applied.body).toBe(200);
    const repairId = (applied.json() as PortalCreditState).repairs[0]!.id;
    expect((await party2.call('POST', '/api/portal/credit/repairs', body)).statusCode).toBe(409);

    expect(
      (await call('pd_ljz_01', 'POST', `/api/v1/credit/repairs/${repairId}/decision`, { approve: true, note: '符合条件' })).statusCode,
    ).toBe(403);
    expect(
      (await call('qp_leader', 'POST', `/api/v1/credit/repairs/${repairId}/decision`, { approve: true, note: '符合条件' })).statusCode,
    ).toBe(404);
    const decided = await ctx.api('POST', `/api/v1/credit/repairs/${repairId}/decision`, {
      token: tokens.pd_legal!,
      body: { approve: true, note: '符合修复条件' },
      headers: { 'idempotency-key': 'repair-decision-1' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const replay = await ctx.api('POST', `/api/v1/credit/repairs/${repairId}/decision`, {
      token: tokens.pd_legal!,
      body: { approve: true, note: '符合修复条件' },
      headers: { 'idempotency-key': 'repair-decision-1' },
    });
    expect(replay.statusCode).toBe(200);
    expect((await recordOf(caseId)).status).toBe('repaired');
    await runJobs();
    expect((await simulatorApplied(ctx.deps, record.id)).map((a) => a.op)).toEqual(['publish', 'withdraw']);
    const list = await ok<PageOf<{ id: string; status: string }>>(call('pd_legal', 'GET', '/api/v1/credit/repairs?status=approved'));
    expect(list.items.map((r) => r.id)).toContain(repairId);
  }, 240_000);

  it('the 专用信用报告 lists the subject’s records or their absence, signed and verifiable on the public page', async () => {
    const c = await decidedCase(kit, 500);
    const rec = await recordOf(c.id);
    const body = {
      bureauId: pd,
      subjectCode: ID_CARD,
      subjectName: '王小明',
      periodFrom: '2025-01-01',
      periodTo: ctx.clock.now().toISOString().slice(0, 10),
    };
    const report = await ok<CreditReportView>(call('pd_legal', 'POST', '/api/v1/credit/reports', body));
    expect(report.recordCount).toBeGreaterThanOrEqual(1);
    expect(rec.status).toBe('published');
    const code = report.verifyPath.split('c=')[1]!;
    const verify = await ctx.api('GET', `/api/public/documents/${report.documentId}/verify?c=${code}`);
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json()).toMatchObject({ kind: 'credit_report', title: '专用信用报告', signatureValid: true, storedIntact: true });
    const pdf = await call('pd_legal', 'GET', `/api/v1/credit/reports/${report.id}/pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const none = await ok<CreditReportView>(
      call('pd_legal', 'POST', '/api/v1/credit/reports', { ...body, subjectCode: '91310115MA1FL9999X', subjectName: '无记录公司' }),
    );
    expect(none.recordCount).toBe(0);
    const later = await call('pd_legal', 'POST', '/api/v1/credit/reports', { ...body, periodTo: '2027-01-01' });
    expect(errorBody(later).field).toBe('periodTo');
    expect((await call('pd_ljz_01', 'POST', '/api/v1/credit/reports', body)).statusCode).toBe(403);
  }, 240_000);

  it('settings and catalogue: a serious offence waits a year; only the bureau’s administrator or leader edits', async () => {
    const line = await call('pd_admin', 'POST', '/api/v1/credit/catalogue', {
      bureauId: pd,
      offenceCode: 'SH-LJ-57-4',
      record: true,
      severity: 'serious',
    });
    expect(line.statusCode, line.body).toBe(200);
    expect((line.json() as CreditCatalogueLineView).offenceName).toBeTruthy();
    const listed = await ok<PageOf<CreditCatalogueLineView>>(
      call('pd_legal', 'GET', `/api/v1/credit/catalogue?bureauId=${pd}&q=SH-LJ-57-4`),
    );
    expect(listed.items.map((l) => l.offenceCode)).toEqual(['SH-LJ-57-4']);
    expect(listed.items[0]).toMatchObject({ severity: 'serious', offenceName: (line.json() as CreditCatalogueLineView).offenceName });
    const byName = await ok<PageOf<CreditCatalogueLineView>>(
      call(
        'pd_legal',
        'GET',
        `/api/v1/credit/catalogue?bureauId=${pd}&severity=serious&record=true&pageSize=1&q=${encodeURIComponent(listed.items[0]!.offenceName!.slice(0, 4))}`,
      ),
    );
    expect(byName).toMatchObject({ page: 1, pageSize: 1 });
    expect(byName.items.every((l) => l.severity === 'serious' && l.record)).toBe(true);
    expect(byName.total).toBeGreaterThanOrEqual(1);
    const none = await ok<PageOf<CreditCatalogueLineView>>(
      call('pd_legal', 'GET', `/api/v1/credit/catalogue?bureauId=${pd}&q=SH-LJ-57-4&severity=general`),
    );
    expect(none.total).toBe(0);
    const xlsx = await call('pd_legal', 'GET', `/api/v1/credit/catalogue/export.xlsx?bureauId=${pd}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Another district's catalogue does not exist for the reader (404, as every record outside the jurisdiction).
    expect((await call('qp_leader', 'GET', `/api/v1/credit/catalogue?bureauId=${pd}`)).statusCode).toBe(404);
    expect((await call('qp_leader', 'GET', `/api/v1/credit/catalogue/export.xlsx?bureauId=${pd}`)).statusCode).toBe(404);
    expect((await call('pd_ljz_01', 'GET', `/api/v1/credit/catalogue?bureauId=${pd}`)).statusCode).toBe(403);
    expect(
      (
        await call('pd_legal', 'POST', '/api/v1/credit/catalogue', {
          bureauId: pd,
          offenceCode: 'SH-LJ-57-4',
          record: true,
          severity: 'general',
        })
      ).statusCode,
    ).toBe(403);
    const unknown = await call('pd_admin', 'POST', '/api/v1/credit/catalogue', {
      bureauId: pd,
      offenceCode: 'NO-SUCH',
      record: true,
      severity: 'general',
    });
    expect(errorBody(unknown).field).toBe('offenceCode');
    const bad = await call('pd_admin', 'PUT', '/api/v1/credit/settings', {
      bureauId: pd,
      publishMonths: 6,
      repairMinMonthsGeneral: 12,
      repairMinMonthsSerious: 6,
      repairConditions: [],
    });
    expect(errorBody(bad).field).toBe('repairMinMonthsGeneral');
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    await relogin();
    const c = await decidedCase(kit, 600);
    expect(await recordOf(c.id)).toMatchObject({ severity: 'serious', repair_possible_on: '2027-01-21' });
  }, 240_000);
});
