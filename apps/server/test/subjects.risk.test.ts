// 分级分类: levels follow the timeline in the same transaction (recordSubjectEvents), the change log explains each
// change, overrides need a leader of the jurisdiction other than the requester, rule sets are versioned data checked
// by the domain, the nightly job lowers levels whose events left their window, a decided case adds a violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskRuleSetVersions, SubjectDetail } from '@chengguan/contracts';
import { addDays, DEFAULT_RISK_RULE_SET } from '@chengguan/domain';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { demoCreditCode } from '../src/seed/demo-subjects.ts';
import { shanghaiDate } from '../src/shared/time.ts';
import { recordSubjectEvents, type SubjectEventInput } from '../src/modules/subjects/index.ts';
import { SUBJECT_JOB_HANDLERS, JOB_SUBJECTS_NIGHTLY } from '../src/modules/subjects/subjects.jobs.ts';
import { violationOnDecision } from '../src/modules/subjects/subjects.hooks.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import type { StepWrite } from '../src/modules/cases/index.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_ljz_01', 'pd_ljz_02', 'pd_ljz_leader', 'pd_leader', 'pd_admin', 'qp_zjj_leader', 'qp_admin'];
beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
}, 120_000);
afterAll(async () => ctx?.close());

let serial = 70_000;
/** Each write a minute after the last: the change log is ordered by time. */
const call = (user: string, method: string, url: string, body?: unknown) => {
  if (method !== 'GET') ctx.clock.advance(60_000);
  return ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
};
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const today = () => shanghaiDate(ctx.clock.now());

async function shop(name: string): Promise<SubjectDetail> {
  serial++;
  return ok<SubjectDetail>(
    call('pd_ljz_01', 'POST', '/api/v1/subjects', {
      kind: 'street_shop',
      name,
      address: `上海市浦东新区浦东南路${serial}号`,
      creditCode: demoCreditCode('310115', serial),
      point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
    }),
    201,
  );
}

async function events(subjectId: string, list: Omit<SubjectEventInput, 'id' | 'subjectId'>[]): Promise<string[]> {
  ctx.clock.advance(60_000);
  return ctx.deps.db.transaction().execute((trx) =>
    recordSubjectEvents(
      ctx.deps,
      trx,
      list.map((e) => ({ ...e, id: ctx.deps.newId(), subjectId, refId: e.refId ?? ctx.deps.newId() })),
    ),
  );
}
const detail = (id: string, user = 'pd_ljz_01') => ok<SubjectDetail>(call(user, 'GET', `/api/v1/subjects/${id}`));
/** After the clock moved (sessions end), read as a freshly logged-in user. */
const detailNow = async (id: string) =>
  ok<SubjectDetail>(ctx.api('GET', `/api/v1/subjects/${id}`, { token: await ctx.login('pd_ljz_01') }));

describe('regrading on events', () => {
  it('two complaints make it yellow, a serious violation red — in the same transaction, with the change explained', async () => {
    const s = await shop('投诉测试店');
    expect(s.riskLevel).toBe('green');
    const touched = await events(s.id, [
      { kind: 'complaint', occurredOn: addDays(today(), -20), refType: 'ticket', summaryZh: '12345工单A' },
      { kind: 'complaint', occurredOn: addDays(today(), -5), refType: 'ticket', summaryZh: '12345工单B' },
    ]);
    expect(touched).toEqual([s.id]);
    const y = await detail(s.id);
    expect(y.riskLevel).toBe('yellow');
    expect(y.risk.ruleId).toBe('yellow-complaints');
    expect(y.risk.evidence[0]?.eventRefs).toHaveLength(2);
    expect(y.risk.changes[0]).toMatchObject({ fromLevel: 'green', toLevel: 'yellow', ruleId: 'yellow-complaints' });
    expect(y.risk.changes[0]?.reasonZh).toContain('升级');
    expect(y.nextInspectionOn).toBe(addDays(shanghaiDate(new Date(y.createdAt)), Math.floor(365 / 4)));
    await events(s.id, [{ kind: 'serious_violation', occurredOn: today(), refType: 'case', summaryZh: '移送司法机关' }]);
    const r = await detail(s.id);
    expect(r.riskLevel).toBe('red');
    expect(r.risk.changes.map((c) => c.toLevel)).toEqual(['red', 'yellow', 'green']);
    // A retried caller adds nothing (same ref).
    const ref = ctx.deps.newId();
    await events(s.id, [{ kind: 'complaint', occurredOn: today(), refType: 'ticket', refId: ref, summaryZh: 'C' }]);
    expect(await events(s.id, [{ kind: 'complaint', occurredOn: today(), refType: 'ticket', refId: ref, summaryZh: 'C' }])).toEqual([]);
  });

  it('an inspection result sets the last inspection and the next one from the level’s frequency', async () => {
    const s = await shop('检查日期测试店');
    const on = addDays(today(), -10);
    await events(s.id, [{ kind: 'passed_inspection', occurredOn: on, refType: 'visit', summaryZh: '检查合格' }]);
    const d = await detail(s.id);
    expect(d.lastInspectedOn).toBe(on);
    expect(d.riskLevel).toBe('green');
    expect(d.nextInspectionOn).toBe(addDays(on, 365));
  });

  it('a decided case against the subject adds a violation (the decide hook)', async () => {
    const s = await shop('案件测试店');
    const caseId = ctx.deps.newId();
    await ctx.deps.db.transaction().execute(async (trx) => {
      const w = {
        trx,
        actor: { id: null },
        loaded: { row: { id: caseId, subject_id: s.id, case_number: '浦城管罚〔2026〕1号' } },
        next: { decision: { decidedOn: today(), outcome: 'penalty' } },
        documentNumber: '浦城管罚决字〔2026〕第1号',
      } as unknown as StepWrite<'decide'>;
      await violationOnDecision(ctx.deps, { ip: null, correlationId: null }, w);
      const none = {
        ...w,
        next: { decision: { decidedOn: today(), outcome: 'no_penalty_facts_not_established' } },
      } as unknown as StepWrite<'decide'>;
      await violationOnDecision(ctx.deps, { ip: null, correlationId: null }, {
        ...none,
        loaded: { row: { id: ctx.deps.newId(), subject_id: s.id } },
      } as unknown as StepWrite<'decide'>);
    });
    const rows = await ctx.deps.db
      .selectFrom('subject_events')
      .select(['kind', 'ref_id'])
      .where('subject_id', '=', s.id)
      .where('kind', '=', 'violation')
      .execute();
    expect(rows).toEqual([{ kind: 'violation', ref_id: caseId }]);
  });
});

describe('overrides', () => {
  it('requested with a reason; not by the requester, not by a field officer, not from another district; approved sets the level', async () => {
    const s = await shop('人工调整测试店');
    const bad = await call('pd_ljz_01', 'POST', `/api/v1/subjects/${s.id}/risk-override`, { level: 'purple', reasonZh: '理由' });
    expect(bad.statusCode).toBe(422);
    expect(errorBody(bad).field).toBe('level');
    const req = await ok<SubjectDetail>(
      call('pd_ljz_01', 'POST', `/api/v1/subjects/${s.id}/risk-override`, {
        level: 'red',
        reasonZh: '群众反映强烈，近期重点监管',
        validUntil: addDays(today(), 30),
      }),
      201,
    );
    const o = req.risk.overrides[0]!;
    expect(req.risk.overrides).toHaveLength(1);
    expect(o.status).toBe('pending');
    expect(req.riskLevel).toBe('green');
    expect((await call('pd_ljz_02', 'POST', `/api/v1/subjects/${s.id}/risk-override/${o.id}/approve`, {})).statusCode).toBe(403);
    expect((await call('qp_zjj_leader', 'POST', `/api/v1/subjects/${s.id}/risk-override/${o.id}/approve`, {})).statusCode).toBe(404);

    // The leader's own request: he may not approve it himself.
    const own = await ok<SubjectDetail>(
      call('pd_ljz_leader', 'POST', `/api/v1/subjects/${s.id}/risk-override`, { level: 'red', reasonZh: '中队长申请' }),
      201,
    );
    const ownId = own.risk.overrides.find((x) => x.status === 'pending')!.id;
    expect(own.risk.overrides.find((x) => x.id === o.id)?.status).toBe('superseded');
    const self = await call('pd_ljz_leader', 'POST', `/api/v1/subjects/${s.id}/risk-override/${ownId}/approve`, {});
    expect(self.statusCode).toBe(422);
    expect(errorBody(self).field).toBe('approvedBy');
    expect(errorBody(self).message).toContain('申请人本人');

    const approved = await ok<SubjectDetail>(
      call('pd_leader', 'POST', `/api/v1/subjects/${s.id}/risk-override/${ownId}/approve`, { note: '同意' }),
    );
    expect(approved.riskLevel).toBe('red');
    expect(approved.risk.computedLevel).toBe('green');
    expect(approved.risk.activeOverride?.id).toBe(ownId);
    expect(approved.risk.explanationZh).toContain('人工调整');
    expect(approved.risk.changes[0]).toMatchObject({ fromLevel: 'green', toLevel: 'red' });
    expect((await call('pd_leader', 'POST', `/api/v1/subjects/${s.id}/risk-override/${ownId}/reject`, {})).statusCode).toBe(409);
  });

  it('a rejected request changes nothing; an override ends after its last day (nightly job)', async () => {
    const s = await shop('调整到期测试店');
    const r1 = await ok<SubjectDetail>(
      call('pd_ljz_01', 'POST', `/api/v1/subjects/${s.id}/risk-override`, { level: 'yellow', reasonZh: '试行' }),
      201,
    );
    const rej = await ok<SubjectDetail>(
      call(
        'pd_ljz_leader',
        'POST',
        `/api/v1/subjects/${s.id}/risk-override/${r1.risk.overrides.find((x) => x.status === 'pending')!.id}/reject`,
        { note: '理由不足' },
      ),
    );
    expect(rej.riskLevel).toBe('green');
    expect(rej.risk.overrides.map((x) => x.status)).toEqual(['rejected']);
    const r2 = await ok<SubjectDetail>(
      call('pd_ljz_01', 'POST', `/api/v1/subjects/${s.id}/risk-override`, {
        level: 'red',
        reasonZh: '专项整治期间',
        validUntil: addDays(today(), 3),
      }),
      201,
    );
    expect(
      (
        await ok<SubjectDetail>(
          call(
            'pd_ljz_leader',
            'POST',
            `/api/v1/subjects/${s.id}/risk-override/${r2.risk.overrides.find((x) => x.status === 'pending')!.id}/approve`,
            {},
          ),
        )
      ).riskLevel,
    ).toBe('red');
    const saved = ctx.clock.now();
    try {
      ctx.clock.set(new Date(saved.getTime() + 5 * 86_400_000));
      await SUBJECT_JOB_HANDLERS[JOB_SUBJECTS_NIGHTLY]!(ctx.deps, {
        id: 'j',
        kind: JOB_SUBJECTS_NIGHTLY,
        payload: {},
        attempts: 1,
        max_attempts: 5,
        bureau_id: null,
      });
      const d = await detailNow(s.id);
      expect(d.riskLevel).toBe('green');
      expect(d.risk.changes[0]?.reasonZh).toContain('人工调整已失效');
      const next = await ctx.deps.db
        .selectFrom('jobs')
        .select('run_at')
        .where('kind', '=', JOB_SUBJECTS_NIGHTLY)
        .where('status', '=', 'pending')
        .execute();
      expect(next.length).toBeGreaterThanOrEqual(1);
    } finally {
      ctx.clock.set(saved);
    }
  });
});

describe('the nightly job', () => {
  it('lowers a level when its events leave the window, in batches, and writes only what changed', async () => {
    const s = await shop('窗口测试店');
    await events(s.id, [
      { kind: 'complaint', occurredOn: addDays(today(), -3), refType: 'ticket', summaryZh: '工单1' },
      { kind: 'complaint', occurredOn: addDays(today(), -2), refType: 'ticket', summaryZh: '工单2' },
    ]);
    expect((await detail(s.id)).riskLevel).toBe('yellow');
    const { regradeAll } = await import('../src/modules/subjects/index.ts');
    // The demo data was graded when the template was seeded; settle it on the test's date first.
    await regradeAll(ctx.deps, { batch: 7 });
    const same = await regradeAll(ctx.deps, { batch: 7 });
    expect(same.graded).toBeGreaterThan(30);
    expect(same.changed).toBe(0);
    const saved = ctx.clock.now();
    try {
      ctx.clock.set(new Date(saved.getTime() + 200 * 86_400_000));
      const r = await regradeAll(ctx.deps, { batch: 7 });
      expect(r.changed).toBeGreaterThanOrEqual(1);
      const d = await detailNow(s.id);
      expect(d.riskLevel).toBe('green');
      expect(d.risk.changes[0]).toMatchObject({ fromLevel: 'yellow', toLevel: 'green' });
      expect(d.risk.changes[0]?.reasonZh).toContain('降级');
    } finally {
      ctx.clock.set(saved);
    }
  });
});

describe('licence state', () => {
  it('is kept with the grading and follows the date through the nightly job (list filter)', async () => {
    serial++;
    const s = await ok<SubjectDetail>(
      call('pd_ljz_01', 'POST', '/api/v1/subjects', {
        kind: 'restaurant_fume',
        name: '许可到期测试店',
        address: `上海市浦东新区浦东南路${serial}号`,
        creditCode: demoCreditCode('310115', serial),
        point: { lon: 121.51, lat: 31.236, crs: 'wgs84' },
        licences: [{ kind: 'food_business_licence', number: 'JY-EXP', issuedOn: addDays(today(), -300), validUntil: addDays(today(), 10) }],
      }),
      201,
    );
    expect(s.licenceState).toBe('expiring');
    expect(s.riskLevel).toBe('yellow');
    const saved = ctx.clock.now();
    try {
      ctx.clock.set(new Date(saved.getTime() + 20 * 86_400_000));
      const { regradeAll } = await import('../src/modules/subjects/index.ts');
      await regradeAll(ctx.deps);
      const token = await ctx.login('pd_ljz_01');
      const list = await ok<{ items: { id: string; licenceState: string }[] }>(
        ctx.api('GET', `/api/v1/subjects?licence=expired&q=${s.code}`, { token }),
      );
      expect(list.items.map((i) => [i.id, i.licenceState])).toEqual([[s.id, 'expired']]);
    } finally {
      ctx.clock.set(saved);
    }
  });
});

describe('rule sets', () => {
  it('starts with the default, refuses an invalid set naming the field, publishes a version that regrades the bureau', async () => {
    const v0 = await ok<RiskRuleSetVersions>(call('pd_ljz_01', 'GET', '/api/v1/subject-risk-rules'));
    expect(v0.items).toHaveLength(1);
    expect(v0.items[0]).toMatchObject({ version: 0, builtIn: true, inForce: true });
    expect((await call('pd_ljz_01', 'POST', '/api/v1/subject-risk-rules', { ruleSet: DEFAULT_RISK_RULE_SET })).statusCode).toBe(403);
    const broken = { ...DEFAULT_RISK_RULE_SET, defaultLevel: 'blue' };
    const bad = await call('pd_admin', 'POST', '/api/v1/subject-risk-rules', { ruleSet: broken });
    expect(bad.statusCode).toBe(422);
    expect(errorBody(bad).field).toBe('ruleSet.defaultLevel');
    // Every street shop yellow from today.
    const strict = {
      ...DEFAULT_RISK_RULE_SET,
      version: '2026.2',
      effectiveFrom: today(),
      rules: [
        ...DEFAULT_RISK_RULE_SET.rules,
        { id: 'yellow-shops', level: 'yellow', descriptionZh: '沿街商户试点重点监管', when: [{ fact: 'kind', in: ['street_shop'] }] },
      ],
    };
    const s = await shop('规则版本测试店');
    const v1 = await ok<RiskRuleSetVersions>(
      call('pd_admin', 'POST', '/api/v1/subject-risk-rules', { ruleSet: strict, note: '试点' }),
      201,
    );
    expect(v1.items.map((v) => [v.version, v.inForce])).toEqual([
      [1, true],
      [0, false],
    ]);
    expect((await ok<RiskRuleSetVersions>(call('qp_admin', 'GET', '/api/v1/subject-risk-rules'))).items).toHaveLength(1);
    const job = await ctx.deps.db
      .selectFrom('jobs')
      .select(['id', 'status', 'run_at'])
      .where('kind', '=', 'subjects.regrade')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('pending');
    ctx.clock.advance(60_000);
    await runDueJobs(ctx.deps, SUBJECT_JOB_HANDLERS, 'test', 1000);
    const after = await ctx.deps.db.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'done' });
    const d = await detail(s.id);
    expect(d.riskLevel).toBe('yellow');
    expect(d.risk.ruleId).toBe('yellow-shops');
    expect(d.risk.ruleVersion).toBe(1);
    expect(d.risk.changes[0]?.reasonZh).toContain('规则版本');
  });
});
