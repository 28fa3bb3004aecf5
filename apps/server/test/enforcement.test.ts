// 执行 (G1–G3): 待催告 found by the daily job, the surcharge paused during 复议 (Art. 73), the G3 window after the
// 催告书's 10 working days, the 「强制执行」 list, access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, EnforcementListItem, EnforcementOverview, PageOf } from '@chengguan/contracts';
import { addWorkingDays } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, decidedCase, expectRule, type CaseKit } from './cases-support.ts';
import { caseContext } from '../src/modules/cases/case-loader.ts';
import { runDueJobs } from '../src/modules/scheduler/worker.ts';
import { ENFORCEMENT_JOB_HANDLERS, runEnforcementCheck, scheduleEnforcementDaily } from '../src/modules/enforcement/enforcement.jobs.ts';
import { enforcementCandidateIds } from '../src/modules/enforcement/enforcement.repository.ts';
import { calendarKey } from '../src/modules/enforcement/enforcement-refresh.ts';

let ctx: TestContext;
let kit: CaseKit;

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx.close());

async function relogin() {
  for (const u of Object.keys(kit.tokens)) kit.tokens[u] = await ctx.login(u);
}

async function enforcement(caseId: string, user = 'pd_ljz_leader'): Promise<EnforcementOverview> {
  const r = await ctx.api('GET', `/api/v1/cases/${caseId}/enforcement`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as EnforcementOverview;
}

async function list(query = '', user = 'pd_ljz_leader'): Promise<PageOf<EnforcementListItem>> {
  const r = await ctx.api('GET', `/api/v1/enforcement${query}`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as PageOf<EnforcementListItem>;
}

/** A decided case served directly on `servedOn` (through the case step). */
async function servedCase(servedOn: string, fineYuan = 1_000): Promise<CaseDetail> {
  const c = await decidedCase(kit, fineYuan);
  return kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: servedOn, method: 'direct' });
}

describe('surcharge and review / litigation (处罚法 Art. 73)', () => {
  it('G2 the surcharge pauses while a review is pending; the tab shows the paused days and the surcharge today', async () => {
    const c = await servedCase('2026-01-22');
    const before = await enforcement(c.id);
    // Due 02-06; 02-07 … 03-02 = 24 overdue days × 3 % of 1,000 yuan = 720 yuan.
    expect(before).toMatchObject({ status: 'awaiting_reminder', paymentDue: '2026-02-06', overdueDays: 24, surchargeFen: 72_000 });
    const filed = await ctx.api('POST', `/api/v1/cases/${c.id}/review-litigations`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'review', filedOn: '2026-02-16', body: '上海市浦东新区人民政府', caseNumber: '浦府复〔2026〕12号' },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'review_pending', pausedDays: 15, overdueDays: 9, surchargeFen: 27_000 });
    const rid = (filed.json() as EnforcementOverview).reviewOrLitigations[0]!.id;
    const again = await ctx.api('POST', `/api/v1/cases/${c.id}/review-litigations`, {
      token: kit.tokens.pd_ljz_01!,
      body: { kind: 'litigation', filedOn: '2026-02-20', body: '浦东新区人民法院' },
    });
    expectRule(again, 422, 'G2');
    const ended = await ctx.api('POST', `/api/v1/cases/${c.id}/review-litigations/${rid}/end`, {
      token: kit.tokens.pd_legal!,
      body: { endedOn: '2026-02-25', result: '维持原行政处罚决定' },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const o = ended.json() as EnforcementOverview;
    // 02-16 … 02-25 (10 days) not counted: 14 days × 30 yuan = 420 yuan.
    expect(o).toMatchObject({ pausedDays: 10, overdueDays: 14, surchargeFen: 42_000 });
    expect(o.reviewOrLitigations[0]).toMatchObject({ endedOn: '2026-02-25', pausedDays: 10, result: '维持原行政处罚决定' });
    // A review filed closes the Art. 53 route (G3).
    expect(o.courtLines.map((l) => l.ruleId)).toContain('G3');
    const d = (await kit.get('pd_ljz_01', c.id)).deadlines.find((x) => x.kind === 'payment');
    expect(d?.surchargeFen).toBe(42_000);
  });

  it('a commander may not record a review (403); another district does not see the case (404)', async () => {
    const c = await servedCase('2026-01-22');
    const commander = await ctx.login('pd_command');
    const r = await ctx.api('POST', `/api/v1/cases/${c.id}/review-litigations`, {
      token: commander,
      body: { kind: 'review', filedOn: '2026-02-16', body: '区政府' },
    });
    expect(r.statusCode, r.body).toBe(403);
    expect((await ctx.api('POST', '/api/v1/enforcement/check', { token: commander })).statusCode).toBe(403);
    expect((await ctx.api('GET', `/api/v1/cases/${c.id}/enforcement`, { token: kit.tokens.qp_zjj_01! })).statusCode).toBe(404);
    const other = await ctx.api('POST', `/api/v1/cases/${c.id}/review-litigations`, {
      token: kit.tokens.qp_zjj_01!,
      body: { kind: 'review', filedOn: '2026-02-16', body: '区政府' },
    });
    expect(other.statusCode).toBe(404);
    const reminder = await ctx.api('POST', `/api/v1/cases/${c.id}/enforcement/reminder`, {
      token: kit.tokens.qp_zjj_leader!,
      body: { date: '2026-03-02' },
    });
    expect(reminder.statusCode).toBe(404);
    const pkg = await ctx.api('POST', `/api/v1/cases/${c.id}/enforcement/court-package`, {
      token: kit.tokens.pd_ljz_01!,
      body: { date: '2026-03-02', court: '上海市浦东新区人民法院' },
    });
    expect(pkg.statusCode).toBe(403);
    expect((await list('', 'qp_zjj_leader')).items.some((i) => i.caseId === c.id)).toBe(false);
  });
});

describe('the enforcement list and the daily check (clock moves forward)', () => {
  it('overdue → 待催告: the daily job marks the case once, with a timeline event; list, filter and export', async () => {
    // Served 02-20: G1 ends 03-07 (Saturday) → Monday 03-09.
    const c = await servedCase('2026-02-20');
    expect(await enforcement(c.id)).toMatchObject({ status: 'paying', paymentDue: '2026-03-09', awaitingReminderSince: null });
    expect((await list('?status=paying')).items.some((i) => i.caseId === c.id)).toBe(true);
    ctx.clock.set('2026-03-10T02:00:00.000Z');
    await relogin();
    await scheduleEnforcementDaily(ctx.deps, ctx.deps.clock.now());
    await runDueJobs(ctx.deps, ENFORCEMENT_JOB_HANDLERS, 'test');
    const o = await enforcement(c.id);
    expect(o).toMatchObject({ status: 'awaiting_reminder', statusZh: '待催告', awaitingReminderSince: '2026-03-10', surchargeFen: 3_000 });
    const marks = (await kit.get('pd_ljz_01', c.id)).timeline.filter((e) => e.action === 'enforcementAwaitingReminder');
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ labelZh: '待催告', legalDate: '2026-03-10', actorId: null });
    // On demand again: nothing new to mark.
    const again = await ctx.api('POST', '/api/v1/enforcement/check', { token: kit.tokens.pd_ljz_leader! });
    expect(again.statusCode, again.body).toBe(200);
    expect((await kit.get('pd_ljz_01', c.id)).timeline.filter((e) => e.action === 'enforcementAwaitingReminder')).toHaveLength(1);
    const page = await list(`?status=awaiting_reminder&orgId=${kit.orgId('pd-ljz')}&from=2026-03-09&to=2026-03-09`);
    expect(page.items.map((i) => i.caseId)).toContain(c.id);
    const item = page.items.find((i) => i.caseId === c.id)!;
    // The squad leader handles the case: the party's name in full; 督察 only watches: masked.
    expect(item).toMatchObject({ paymentDue: '2026-03-09', partyName: c.party.name });
    const supervisor = await ctx.login('pd_super');
    const watched = (
      await ctx.api('GET', `/api/v1/enforcement?status=awaiting_reminder`, { token: supervisor })
    ).json() as PageOf<EnforcementListItem>;
    expect(watched.items.find((i) => i.caseId === c.id)?.partyName).toMatch(/\*/);
    const xlsx = await ctx.api('GET', '/api/v1/enforcement/export.xlsx?status=awaiting_reminder', { token: kit.tokens.pd_ljz_leader! });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('G3 after the 催告书: the window opens after 10 working days (calendar) and shows the last day to file', async () => {
    ctx.clock.set('2026-07-20T02:00:00.000Z');
    await relogin();
    const c = await servedCase('2026-01-22');
    // The 催告 served 07-20 (through the case step; the documents stream issues the 催告书 itself).
    await kit.ok('pd_ljz_leader', c.id, 'startEnforcement', { date: '2026-07-20', kind: 'reminder' });
    const { calendar } = await caseContext(ctx.deps.db, ctx.deps.clock.now());
    const waitEnds = addWorkingDays(calendar, '2026-07-20', 10);
    const o = await enforcement(c.id);
    // The litigation period (6 months from 01-22) ends 07-22; the 10 working days run later, so they decide.
    expect(o).toMatchObject({
      status: 'reminded',
      reminderServedOn: '2026-07-20',
      reminderWaitEnds: waitEnds,
      courtClosesOn: '2026-10-22',
    });
    expect(o.courtOpensOn! > waitEnds).toBe(true);
    const early = await ctx.api('POST', `/api/v1/cases/${c.id}/enforcement/court-filing`, {
      token: kit.tokens.pd_ljz_leader!,
      body: { date: '2026-07-20', court: '上海市浦东新区人民法院' },
    });
    expectRule(early, 422, 'G3');
    ctx.clock.set(`${o.courtOpensOn}T02:00:00.000Z`);
    await relogin();
    expect(await enforcement(c.id)).toMatchObject({ status: 'court_window_open' });
    // The list follows the calendar through the daily check (here on demand).
    expect((await list('?status=court_window_open')).items.map((i) => i.caseId)).not.toContain(c.id);
    expect((await ctx.api('POST', '/api/v1/enforcement/check', { token: kit.tokens.pd_ljz_leader! })).statusCode).toBe(200);
    expect((await list('?status=court_window_open')).items.map((i) => i.caseId)).toContain(c.id);
    const filed = await ctx.api('POST', `/api/v1/cases/${c.id}/enforcement/court-filing`, {
      token: kit.tokens.pd_ljz_leader!,
      body: { date: o.courtOpensOn, court: '上海市浦东新区人民法院', courtCaseNumber: '(2026)沪0115行审123号' },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'court_applied', courtAppliedOn: o.courtOpensOn });
  });
});

describe('the daily check at city scale: it looks again only at the rows the calendar can have changed', () => {
  /** The cases the daily check would look at today, under today's calendar. */
  async function dueToday(): Promise<string[]> {
    const { today, calendar } = await caseContext(ctx.deps.db, ctx.deps.clock.now());
    return enforcementCandidateIds(ctx.deps.db, { due: { on: today, calendarKey: calendarKey(calendar) } });
  }

  it('G1 a paying case is due the day after its payment period; the check on demand still looks at every case', async () => {
    ctx.clock.set('2026-11-02T02:00:00.000Z');
    await relogin();
    // Served 11-02: G1 ends 11-17 (Tuesday); the step wrote its row with the next look on 11-18.
    const c = await servedCase('2026-11-02');
    const row = () => ctx.deps.db.selectFrom('case_enforcement').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'paying', payment_due: '2026-11-17', recheck_on: '2026-11-18' });
    expect(await dueToday()).not.toContain(c.id);
    expect(await enforcementCandidateIds(ctx.deps.db, {})).toContain(c.id);
    ctx.clock.set('2026-11-17T02:00:00.000Z');
    expect(await dueToday()).not.toContain(c.id);
    ctx.clock.set('2026-11-18T02:00:00.000Z');
    expect(await dueToday()).toContain(c.id);
    // The daily check marks it and, while the surcharge (G2) grows, looks again the next day.
    const done = await runEnforcementCheck(ctx.deps, { ip: null, correlationId: 'test' }, { all: false });
    expect(done.marked).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ status: 'awaiting_reminder', awaiting_reminder_since: '2026-11-18', recheck_on: '2026-11-19' });
    expect(await dueToday()).not.toContain(c.id);
    // Without a row (a case loaded in bulk) the case is due at once.
    await ctx.deps.db.deleteFrom('case_enforcement').where('case_id', '=', c.id).execute();
    expect(await dueToday()).toContain(c.id);
    await runEnforcementCheck(ctx.deps, { ip: null, correlationId: 'test' }, { all: false });
    expect(await row()).toMatchObject({ status: 'awaiting_reminder', recheck_on: '2026-11-19' });
  });

  it('a 调休 correction of the calendar makes every row written under the old calendar due', async () => {
    ctx.clock.set('2026-11-20T02:00:00.000Z');
    await relogin();
    const c = await servedCase('2026-11-20');
    expect(await dueToday()).not.toContain(c.id);
    const admin = await ctx.login('admin');
    const put = await ctx.api('PUT', '/api/v1/law/calendar/overrides/2026-12-01', {
      token: admin,
      body: { kind: 'holiday', note: '测试假日' },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    try {
      expect(await dueToday()).toContain(c.id);
      await runEnforcementCheck(ctx.deps, { ip: null, correlationId: 'test' }, { all: false });
      expect(await dueToday()).not.toContain(c.id);
    } finally {
      await ctx.api('DELETE', '/api/v1/law/calendar/overrides/2026-12-01', { token: admin });
    }
    expect(await dueToday()).toContain(c.id);
  });
});
