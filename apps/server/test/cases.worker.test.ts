// The worker's deadline reminders and overdue alerts, gap-free 文号 under concurrency, and the vocabularies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_DEADLINE_KIND_CODES,
  CASE_SOURCE_CODES,
  DECISION_OUTCOME_CODES,
  EVIDENCE_TYPE_CODES,
  type CaseDetail,
} from '@chengguan/contracts';
import { CASE_SOURCES, DECISION_OUTCOMES, EVIDENCE_TYPES } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { runDueJobs } from '../src/modules/scheduler/worker.ts';
import { CASE_JOB_HANDLERS } from '../src/modules/cases/cases.jobs.ts';
import { allocateDocNumber, formatDocNumber } from '../src/modules/cases/doc-numbers.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const alerts = async (caseId: string) =>
  (
    await ctx.deps.db
      .selectFrom('case_events')
      .select(['action', 'data'])
      .where('case_id', '=', caseId)
      .where('actor_id', 'is', null)
      .orderBy('seq')
      .execute()
  ).map((e) => `${e.action}:${(e.data as { kind: string }).kind}`);

describe('document numbers (文号)', () => {
  it('formats the configured pattern', () => {
    expect(formatDocNumber('沪浦城管罚决字〔{year}〕第{seq:6}号', 2024, 123)).toBe('沪浦城管罚决字〔2024〕第000123号');
  });

  it('20 concurrent allocations give 1..20 with no gap or duplicate; a rolled-back step gives its number back', async () => {
    const bureauId = kit.orgId('qp');
    const put = await ctx.api('PUT', '/api/v1/doc-number-patterns', {
      token: kit.tokens.admin!,
      body: { bureauId, docType: 'decision', pattern: '沪青城管罚决字〔{year}〕第{seq:6}号' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.deps.db.transaction().execute((trx) => allocateDocNumber(trx, bureauId, 'decision', '2027-05-01')),
      ),
    );
    const seqs = numbers.map((n) => Number(/第(\d{6})号/.exec(n)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers).toContain('沪青城管罚决字〔2027〕第000020号');
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        await allocateDocNumber(trx, bureauId, 'decision', '2027-05-01');
        throw new Error('step refused');
      }),
    ).rejects.toThrow('step refused');
    const next = await ctx.deps.db.transaction().execute((trx) => allocateDocNumber(trx, bureauId, 'decision', '2027-05-01'));
    expect(next).toBe('沪青城管罚决字〔2027〕第000021号');
    const listed = (await ctx.api('GET', `/api/v1/doc-number-patterns?bureauId=${bureauId}`, { token: kit.tokens.qp_zjj_leader! })).json();
    expect(listed.find((p: { docType: string }) => p.docType === 'decision').pattern).toBe('沪青城管罚决字〔{year}〕第{seq:6}号');
  });
});

describe('vocabularies', () => {
  it('the contracts list the same sources, evidence types and outcomes as the domain', () => {
    expect([...CASE_SOURCE_CODES]).toEqual([...CASE_SOURCES]);
    expect([...EVIDENCE_TYPE_CODES]).toEqual([...EVIDENCE_TYPES]);
    expect([...DECISION_OUTCOME_CODES]).toEqual([...DECISION_OUTCOMES]);
    expect(CASE_DEADLINE_KIND_CODES).toContain('decision');
  });
});

describe('deadline worker', () => {
  it('reminds before the C2 filing deadline, alerts once after it, and sets the overdue flag', async () => {
    const c = await kit.register({ date: '2026-03-02', discoveredOn: '2026-03-02', act: { actDate: '2026-03-01' } });
    const filing = c.deadlines.find((d) => d.kind === 'filing')!;
    expect(filing).toMatchObject({ state: 'running', dueDate: '2026-03-11' });
    const jobs = await ctx.deps.db.selectFrom('jobs').select(['kind', 'dedupe_key']).where('dedupe_key', 'like', `%${c.id}%`).execute();
    expect(jobs.map((j) => j.kind).sort()).toEqual(['case.deadline_overdue', 'case.deadline_reminder']);
    const handlers = CASE_JOB_HANDLERS;
    await runDueJobs(ctx.deps, handlers, 'test');
    expect(await alerts(c.id)).toEqual([]);
    ctx.clock.set('2026-03-09T01:00:00Z');
    await runDueJobs(ctx.deps, handlers, 'test');
    expect(await alerts(c.id)).toEqual(['deadlineReminder:filing']);
    ctx.clock.set('2026-03-12T01:00:00Z');
    await runDueJobs(ctx.deps, handlers, 'test');
    await runDueJobs(ctx.deps, handlers, 'test');
    expect(await alerts(c.id)).toEqual(['deadlineReminder:filing', 'deadlineOverdue:filing']);
    // Twelve days later the morning's sessions have expired: log in again.
    const token = await ctx.login('pd_ljz_leader');
    const after = (await ctx.api('GET', `/api/v1/cases/${c.id}`, { token })).json() as CaseDetail;
    expect(after.hasOverdue).toBe(true);
    expect(after.timeline.at(-1)).toMatchObject({ action: 'deadlineOverdue', labelZh: '逾期预警', actorId: null, legalDate: '2026-03-12' });
    const row = await ctx.deps.db
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', c.id)
      .where('kind', '=', 'filing')
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('overdue');
    expect(row.overdue_alerted_at).not.toBeNull();
  });
});
