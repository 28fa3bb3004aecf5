// 双随机一公开 end to end: a plan is drafted, submitted, approved by someone else above its squads (pools frozen, seed
// committed), drawn on or after its first day (teams and tasks in one transaction), and published so that anyone can
// re-run the draw. Refusals write nothing; another district sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageOf, PlanDetail, PlanListItem } from '@chengguan/contracts';
import { checkPublishedDraw } from '@chengguan/domain';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { insertMatters, insertSubjects, planCalls, SHOP_MATTER, SITE_MATTER, type PlanCalls } from './random-inspections-support.ts';
import { approvePlan } from '../src/modules/random-inspections/use-cases/plan-workflow.ts';
import { authenticate } from '../src/modules/auth/index.ts';
import { buildDemoData } from '../src/seed/demo-data.ts';
import { caseKit } from './cases-support.ts';
import { prepare, visitBody } from './inspections-support.ts';

let ctx: TestContext;
let p: PlanCalls;
const tokens: Record<string, string> = {};
let zjj: { red: string[]; yellow: string[]; green: string[]; sites: string[] };
let xy: string[];
const org = (key: string) => ctx.seed.ids.orgs.get(key)!;
const officer = (key: string) => ctx.seed.ids.officers.get(key)!;
const demo = buildDemoData();
const officerOf = (username: string) => officer(demo.officers.find((o) => o.username === username)!.key);

beforeAll(async () => {
  ctx = await createTestContext();
  p = planCalls(ctx, tokens);
  await insertMatters(ctx);
  // The pools of these tests are exactly the subjects inserted here: the demo registry's records of the two squads
  // are closed first (a closed record is never pooled).
  await ctx.deps.db
    .updateTable('subjects')
    .set({ status: 'closed' })
    .where('org_id', 'in', [ctx.seed.ids.orgs.get('qp-zjj')!, ctx.seed.ids.orgs.get('qp-xy')!])
    .execute();
  zjj = {
    red: await insertSubjects(ctx, 'qp-zjj', 4, 'red'),
    yellow: await insertSubjects(ctx, 'qp-zjj', 8, 'yellow'),
    green: await insertSubjects(ctx, 'qp-zjj', 20, 'green'),
    sites: await insertSubjects(ctx, 'qp-zjj', 3, 'yellow', 'construction_site'),
  };
  xy = await insertSubjects(ctx, 'qp-xy', 12, 'green');
  ctx.clock.set('2026-03-02T02:00:00.000Z');
}, 120_000);
afterAll(async () => ctx?.close());

const Q2 = { periodFrom: '2026-04-01', periodTo: '2026-06-30' };
const zjjPlan = (extra: Record<string, unknown> = {}) => ({
  title: '2026年第二季度朱家角镇沿街商户双随机抽查',
  ...Q2,
  matterCodes: [SHOP_MATTER],
  subjectKinds: ['street_shop'],
  orgIds: [org('qp-zjj')],
  riskLevels: [],
  ...extra,
});

async function drawnPlan(extra: Record<string, unknown> = {}): Promise<PlanDetail> {
  ctx.clock.set('2026-03-02T02:00:00.000Z');
  let plan = await p.create('qp_zjj_leader', zjjPlan(extra));
  plan = await p.submit('qp_zjj_leader', plan);
  plan = await p.approve('qp_leader', plan);
  ctx.clock.set('2026-04-01T02:00:00.000Z');
  return p.draw('qp_leader', plan);
}

const planTasks = (planId: string) =>
  ctx.deps.db.selectFrom('inspection_tasks').selectAll().where('plan_id', '=', planId).orderBy('team_no').orderBy('subject_id').execute();

describe('drafting a plan', () => {
  it('takes the plan, derives the quarterly proportions from the risk scale and previews the pools', async () => {
    const plan = await p.create('qp_zjj_leader', zjjPlan());
    expect(plan).toMatchObject({
      status: 'draft',
      drawsPerYear: 4,
      proportionsDefault: true,
      publishWithinWorkingDays: 20,
      poolFrozen: false,
    });
    // ceil(10,000 × inspections a year / 4): red 12 → all, yellow 4 → all, green 1 → a quarter.
    expect(plan.proportions).toEqual([
      { level: 'red', basisPoints: 10_000 },
      { level: 'yellow', basisPoints: 10_000 },
      { level: 'green', basisPoints: 2_500 },
    ]);
    const counts = Object.fromEntries(plan.targetCounts.map((c) => [c.level, c.count]));
    expect(counts).toEqual({ red: 4, yellow: 8, green: 20 });
    // 朱家角: the squad leader and three officers, every credential valid.
    expect(plan.inspectorCounts).toEqual([{ orgId: org('qp-zjj'), total: 4, acting: 4 }]);
    expect(plan.can).toMatchObject({ edit: true, submit: true, approve: false, draw: false });
  });

  it('refuses, naming the field: a matter for none of the pooled kinds, a squad of another district, a period that ends before it starts', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ matterCodes: [SITE_MATTER] }, 'matterCodes[0]'],
      [{ matterCodes: ['NO-SUCH'] }, 'matterCodes[0]'],
      [{ orgIds: [org('pd-ljz')] }, 'orgIds[0]'],
      [{ periodTo: '2026-03-31' }, 'periodTo'],
      [{ riskLevels: ['purple'] }, 'riskLevels[0]'],
      [{ conflicts: [{ officerId: officer('pd-ljz-01'), subjectId: zjj.red[0], reason: '亲属关系' }] }, 'conflicts[0].officerId'],
    ];
    for (const [extra, field] of cases) {
      const r = await p.call('qp_zjj_leader', 'POST', '/api/v1/inspection-plans', zjjPlan(extra));
      expect(r.statusCode, r.body).toBe(422);
      expect(errorBody(r as never).field).toBe(field);
    }
    // A field officer may read plans, not make them.
    expect((await p.call('qp_zjj_01', 'POST', '/api/v1/inspection-plans', zjjPlan())).statusCode).toBe(403);
  });

  it('edits a draft with its version, and a submit checks that every kind has a matter', async () => {
    let plan = await p.create('qp_zjj_leader', zjjPlan({ subjectKinds: ['street_shop', 'construction_site'] }));
    const refused = await p.call('qp_zjj_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/submit`, { expectedVersion: plan.version });
    expect(refused.statusCode).toBe(422);
    expect(errorBody(refused as never).field).toBe('subjectKinds[1]');
    plan = await p.ok('qp_zjj_leader', 'PATCH', `/api/v1/inspection-plans/${plan.id}`, {
      expectedVersion: plan.version,
      matterCodes: [SHOP_MATTER, SITE_MATTER],
      maxTargetsPerTeam: 20,
    });
    expect(plan.matters.map((m) => m.code)).toEqual([SHOP_MATTER, SITE_MATTER]);
    const stale = await p.call('qp_zjj_leader', 'PATCH', `/api/v1/inspection-plans/${plan.id}`, {
      expectedVersion: 1,
      title: '另一个标题',
    });
    expect(stale.statusCode).toBe(409);
    plan = await p.submit('qp_zjj_leader', plan);
    expect(plan.status).toBe('submitted');
  });
});

describe('approval', () => {
  it('only someone else above every squad of the plan approves; another district does not see the plan', async () => {
    let plan = await p.create('qp_zjj_leader', zjjPlan());
    plan = await p.submit('qp_zjj_leader', plan);
    const body = { expectedVersion: plan.version };
    const url = `/api/v1/inspection-plans/${plan.id}/approve`;
    const author = await p.call('qp_zjj_leader', 'POST', url, body);
    expect(author.statusCode).toBe(403);
    expect(errorBody(author as never).message).toContain('计划制定人不能审批');
    // 夏阳's squad leader is not above 朱家角: the plan does not exist for him. A field officer may not approve at all.
    expect((await p.call('qp_xy_leader', 'POST', url, body)).statusCode).toBe(404);
    expect((await p.call('qp_zjj_01', 'POST', url, body)).statusCode).toBe(403);
    // 浦东: the plan does not exist for him, nor in his list.
    expect((await p.call('pd_leader', 'POST', url, body)).statusCode).toBe(404);
    expect((await p.call('pd_leader', 'GET', `/api/v1/inspection-plans/${plan.id}`)).statusCode).toBe(404);
    const pdList = await p.ok<PageOf<PlanListItem>>('pd_leader', 'GET', '/api/v1/inspection-plans?pageSize=200');
    expect(pdList.items.map((i) => i.id)).not.toContain(plan.id);
    // Nothing published before approval.
    expect((await ctx.api('GET', `/api/public/draws/${plan.id}`)).statusCode).toBe(404);

    plan = await p.approve('qp_leader', plan);
    expect(plan).toMatchObject({ status: 'approved', poolFrozen: true });
    expect(plan.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.approvedBy?.id).toBe(officer('qp-leader'));
    // The pool is frozen: a subject registered afterwards is not in it.
    const [late] = await insertSubjects(ctx, 'qp-zjj', 1, 'red');
    const again = await p.ok('qp_zjj_leader', 'GET', `/api/v1/inspection-plans/${plan.id}`);
    expect(again.targetCounts.find((c) => c.level === 'red')!.count).toBe(4);
    await ctx.deps.db.deleteFrom('subjects').where('id', '=', late!).execute();
  });

  it('publishes the commitment, the digest and the pools without the seed or anything personal', async () => {
    let plan = await p.create('qp_zjj_leader', zjjPlan());
    plan = await p.submit('qp_zjj_leader', plan);
    plan = await p.approve('qp_leader', plan);
    const pub = await p.publicDraw(plan.id);
    expect(pub).toMatchObject({
      status: 'approved',
      seedHex: null,
      result: null,
      commitment: plan.commitment,
      inputDigest: plan.inputDigest,
    });
    expect(pub.areas).toEqual([{ code: 'QP-ZJJ', name: '朱家角镇中队' }]);
    expect(pub.inspectors).toHaveLength(4);
    expect(pub.inspectors.every((i) => i.area === 'QP-ZJJ' && i.acting)).toBe(true);
    const text = JSON.stringify(pub);
    expect(text).not.toContain('测试商户');
    const seed = await ctx.deps.db.selectFrom('inspection_plans').select('seed_hex').where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(text).not.toContain(seed.seed_hex!);
    for (const n of await ctx.deps.db.selectFrom('officers').select('name').where('org_id', '=', org('qp-zjj')).execute())
      expect(text).not.toContain(n.name);
    const checks = checkPublishedDraw({ ...pub, seedHex: null, result: null });
    expect(checks).toMatchObject({ inputDigest: 'consistent', seed: 'pending', result: 'pending' });
  });
});

describe('the draw', () => {
  it('runs on or after the first day, writes the teams and the tasks at once, and publishes the seed and the result', async () => {
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    let plan = await p.create(
      'qp_zjj_leader',
      zjjPlan({ conflicts: [{ officerId: officer('qp-zjj-01'), subjectId: zjj.red[0], reason: '系其亲属经营' }] }),
    );
    plan = await p.submit('qp_zjj_leader', plan);
    plan = await p.approve('qp_leader', plan);
    const early = await p.call('qp_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/draw`, { expectedVersion: plan.version });
    expect(early.statusCode).toBe(422);
    expect(errorBody(early as never).field).toBe('periodFrom');
    ctx.clock.set('2026-04-01T02:00:00.000Z');
    const author = await p.call('qp_zjj_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/draw`, { expectedVersion: plan.version });
    expect(author.statusCode).toBe(403);
    plan = await p.draw('qp_leader', plan);
    expect(plan.status).toBe('drawn');
    // 4 red + 8 yellow + a quarter of 20 green = 17 targets; 4 officers = 2 teams.
    expect(plan.teams).toHaveLength(2);
    expect(plan.teams.flatMap((t) => t.targets)).toHaveLength(17);
    expect(plan.progress).toEqual({ total: 17, done: 0, open: 17 });
    expect(plan.publishBy! > '2026-04-01').toBe(true);

    const tasks = await planTasks(plan.id);
    expect(tasks).toHaveLength(17);
    for (const t of tasks) {
      const team = plan.teams.find((x) => x.teamNo === t.team_no)!;
      expect(t).toMatchObject({ origin: 'random', org_id: org('qp-zjj'), matter_codes: [SHOP_MATTER], status: 'open' });
      expect(String(t.due_on)).toBe('2026-06-30');
      expect([...t.inspector_ids].sort()).toEqual(team.inspectors.map((i) => i.id).sort());
      expect(t.matter_versions).toEqual({ [SHOP_MATTER]: 1 });
      expect(t.created_by).toBe(officerOf('qp_leader'));
    }
    // The drawn targets are the tasks' subjects, in the result's order, each with its team.
    const pubOrder = (await p.publicDraw(plan.id)).result!.targets;
    expect(new Set(pubOrder.map((x) => x.id))).toEqual(new Set(tasks.map((t) => t.subject_id)));
    for (const x of pubOrder) expect(tasks.find((t) => t.subject_id === x.id)!.team_no).toBe(x.teamNo);
    // The conflicted officer never inspects the subject he must stay away from.
    const conflicted = tasks.find((t) => t.subject_id === zjj.red[0])!;
    expect(conflicted.inspector_ids).not.toContain(officer('qp-zjj-01'));

    const pub = await p.publicDraw(plan.id);
    expect(pub.status).toBe('drawn');
    expect(pub.seedHex).toMatch(/^[0-9a-f]{64}$/);
    expect(pub.conflicts).toEqual([{ inspectorId: officer('qp-zjj-01'), targetId: zjj.red[0] }]);
    const checks = checkPublishedDraw(pub);
    expect(checks).toMatchObject({ inputDigest: 'consistent', seed: 'consistent', result: 'consistent' });

    // Drawn once: a second draw is refused and writes nothing more.
    const twice = await p.call('qp_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/draw`, { expectedVersion: plan.version });
    expect(twice.statusCode).toBe(409);
    expect(await planTasks(plan.id)).toHaveLength(17);
  });

  it('publishes each result once its visit is submitted (on time or late), counts what is not yet done, and refuses a visit after the period', async () => {
    const plan = await drawnPlan();
    expect(plan.publishBy).not.toBeNull();
    let pub = await p.publicDraw(plan.id);
    expect(pub.results).toEqual({ total: 17, done: 0, notDone: 17, publishedLate: 0, items: [] });

    // The team's two officers visit three of their targets: one passes, one fails late, one comes after the period.
    const kit = await caseKit(ctx);
    const username = (id: string) => demo.officers.find((o) => ctx.seed.ids.officers.get(o.key) === id)!.username;
    const team = plan.teams.find((t) => t.targetCount >= 3)!;
    const [user, other] = team.inspectors.map((i) => username(i.id)) as [string, string];
    const relogin = async () => {
      for (const u of [user, other]) kit.tokens[u] = await ctx.login(u);
    };
    const submit = async (subjectId: string, fail: string[] = []) => {
      await relogin();
      const form = await prepare(kit, user, subjectId);
      return ctx.api('POST', '/api/v1/inspection-visits', {
        token: kit.tokens[user]!,
        body: await visitBody(kit, form, user, other, fail),
      });
    };
    const [a, b, c] = team.targets.map((t) => t.subjectId) as [string, string, string];
    // The other tests' draws (random seeds) may have left open tasks at the same subjects with another team; a visit
    // takes the earliest team's tasks, so those are cancelled here to make the visits this plan's.
    await ctx.deps.db
      .updateTable('inspection_tasks')
      .set({ status: 'cancelled' })
      .where('subject_id', 'in', [a, b, c])
      .where('status', '=', 'open')
      .where((eb) => eb.or([eb('plan_id', 'is', null), eb('plan_id', '!=', plan.id)]))
      .execute();
    // A visit regrades its subject; the levels are put back at the end so that the other tests' pools stay as inserted.
    const levels = await ctx.deps.db.selectFrom('subjects').select(['id', 'risk_level']).where('id', 'in', [a, b, c]).execute();

    ctx.clock.set('2026-04-02T02:00:00.000Z');
    const passed = await submit(a);
    expect(passed.statusCode, passed.body).toBe(201);
    // After publishBy but within the plan's period: accepted, published late.
    ctx.clock.set(`${plan.publishBy!}T20:00:00.000Z`);
    const failed = await submit(b, ['I-1']);
    expect(failed.statusCode, failed.body).toBe(201);
    const failedDay = new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    pub = await p.publicDraw(plan.id);
    expect(pub.results).toEqual({
      total: 17,
      done: 2,
      notDone: 15,
      publishedLate: 1,
      items: [
        { id: a, visitedOn: '2026-04-02', publishedOn: '2026-04-02', outcome: 'passed', failedItems: [], withinPeriod: true },
        { id: b, visitedOn: failedDay, publishedOn: failedDay, outcome: 'failed', failedItems: ['门责区域整洁'], withinPeriod: false },
      ],
    });
    // Nothing about the officers, the photos or the notes is published with a result.
    const text = JSON.stringify(pub.results);
    for (const x of [...team.inspectors.map((i) => i.id), ...team.inspectors.map((i) => i.name), '现场发现问题'])
      expect(text).not.toContain(x);

    // A 责令改正 order issued from the failed visit shows as such.
    const visitId = (failed.json() as { id: string }).id;
    const order = await ctx.api('POST', `/api/v1/inspection-visits/${visitId}/rectification`, {
      token: kit.tokens[user]!,
      body: { itemCodes: ['I-1'], deadlineOn: '2026-06-20', reinspectOn: '2026-06-25' },
    });
    expect(order.statusCode, order.body).toBe(201);
    pub = await p.publicDraw(plan.id);
    expect(pub.results!.items.find((i) => i.id === b)!.outcome).toBe('rectification_ordered');

    // After the plan's period (its tasks are due on its last day) a visit is refused as before, and nothing changes.
    ctx.clock.set('2026-07-01T02:00:00.000Z');
    const late = await submit(c);
    expect(late.statusCode, late.body).toBe(422);
    expect(errorBody(late as never)).toMatchObject({ field: 'taskIds', rule: expect.stringContaining('INSP1') });
    pub = await p.publicDraw(plan.id);
    expect(pub.results).toMatchObject({ done: 2, notDone: 15 });
    // The signed-in plan page counts the same.
    const detail = await p.ok('qp_leader', 'GET', `/api/v1/inspection-plans/${plan.id}`);
    expect(detail.progress).toEqual({ total: 17, done: 2, open: 15 });
    for (const l of levels) await ctx.deps.db.updateTable('subjects').set({ risk_level: l.risk_level }).where('id', '=', l.id).execute();
  });

  it('is determined by the seed: two plans over the same pools with the same seed draw the same teams and targets', async () => {
    const fixed = () => Uint8Array.from({ length: 32 }, (_, i) => i);
    const results = [];
    for (let n = 0; n < 2; n++) {
      ctx.clock.set('2026-03-02T02:00:00.000Z');
      let plan = await p.create('qp_zjj_leader', zjjPlan({ riskLevels: ['red', 'green'] }));
      plan = await p.submit('qp_zjj_leader', plan);
      const actor = await authenticate(ctx.deps, tokens.qp_leader!);
      plan = await approvePlan(ctx.deps, actor!, { ip: null, correlationId: null }, plan.id, { expectedVersion: plan.version }, fixed);
      expect(plan.commitment).toBe('fa34635f1d3ac2729ac5987eb59e01928457f325b4b51ca85a177813c5c5ddf7');
      ctx.clock.set('2026-04-02T02:00:00.000Z');
      plan = await p.draw('qp_leader', plan);
      const pub = await p.publicDraw(plan.id);
      expect(pub.seedHex).toBe('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
      results.push(pub.result);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.targets).toHaveLength(4 + 5);
    expect(results[0]!.teams).toHaveLength(2);
  });

  it('refuses with too few inspectors, naming the squad and the shortage, and writes nothing', async () => {
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    // 夏阳: 12 subjects, all drawn, at most 2 per team → 6 teams = 12 inspectors; the squad has 3.
    let plan = await p.create('qp_leader', {
      ...zjjPlan(),
      orgIds: [org('qp-xy')],
      proportions: [{ level: 'green', basisPoints: 10_000 }],
      maxTargetsPerTeam: 2,
    });
    expect(plan.inspectorCounts).toEqual([{ orgId: org('qp-xy'), total: 3, acting: 3 }]);
    expect(plan.targetCounts).toEqual([{ orgId: org('qp-xy'), level: 'green', count: xy.length }]);
    plan = await p.submit('qp_leader', plan);
    plan = await p.approve('qp_xy_leader', plan);
    ctx.clock.set('2026-04-01T02:00:00.000Z');
    const r = await p.call('qp_xy_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/draw`, { expectedVersion: plan.version });
    expect(r.statusCode, r.body).toBe(422);
    const e = errorBody(r as never);
    expect(e.field).toBe('orgIds');
    expect(e.message).toContain('夏阳街道中队抽中检查对象12个，需要执法人员12名，持有效执法证的仅3名，缺9名');
    expect((r.json() as { rule: string }).rule).toContain('INSUFFICIENT_INSPECTORS');
    expect(await planTasks(plan.id)).toHaveLength(0);
    const teams = await ctx.deps.db.selectFrom('inspection_plan_teams').select('team_no').where('plan_id', '=', plan.id).execute();
    expect(teams).toHaveLength(0);
    const after = await p.ok('qp_leader', 'GET', `/api/v1/inspection-plans/${plan.id}`);
    expect(after.status).toBe('approved');
    // Sent back to draft, the frozen pools and the seed are gone; the public record with them.
    const reopened = await p.ok('qp_xy_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/reopen`, { expectedVersion: after.version });
    expect(reopened).toMatchObject({ status: 'draft', commitment: null, poolFrozen: false });
    expect((await ctx.api('GET', `/api/public/draws/${plan.id}`)).statusCode).toBe(404);
  });

  it('refuses a target every team must stay away from, naming the conflicts, and writes nothing', async () => {
    const target = zjj.red[1]!;
    const conflicts = ['qp-zjj-leader', 'qp-zjj-01', 'qp-zjj-02', 'qp-zjj-03'].map((k) => ({
      officerId: officer(k),
      subjectId: target,
      reason: '利害关系',
    }));
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    let plan = await p.create('qp_zjj_leader', zjjPlan({ conflicts }));
    plan = await p.submit('qp_zjj_leader', plan);
    plan = await p.approve('qp_leader', plan);
    ctx.clock.set('2026-04-01T02:00:00.000Z');
    const r = await p.call('qp_leader', 'POST', `/api/v1/inspection-plans/${plan.id}/draw`, { expectedVersion: plan.version });
    expect(r.statusCode, r.body).toBe(422);
    expect(errorBody(r as never).field).toBe('conflicts');
    expect(errorBody(r as never).message).toContain('有成员须回避');
    expect(await planTasks(plan.id)).toHaveLength(0);
  });

  it('a tampered stored seed shows on the public record: the seed no longer matches the commitment, nor the result', async () => {
    const plan = await drawnPlan();
    await ctx.deps.db
      .updateTable('inspection_plans')
      .set({ seed_hex: 'ab'.repeat(32) })
      .where('id', '=', plan.id)
      .execute();
    const pub = await p.publicDraw(plan.id);
    expect(checkPublishedDraw(pub)).toMatchObject({
      inputDigest: 'consistent',
      seed: 'inconsistent',
      seedReason: 'mismatch',
      result: 'inconsistent',
    });
  });
});

describe('the list, the export and the quarterly drafts', () => {
  it('filters and pages on the server, exports the filtered list, and makes the four quarters of a year from a plan', async () => {
    const drawn = await drawnPlan();
    const list = await p.ok<PageOf<PlanListItem>>('qp_zjj_01', 'GET', '/api/v1/inspection-plans?status=drawn&pageSize=2');
    expect(list.items.length).toBeLessThanOrEqual(2);
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.items.every((i) => i.status === 'drawn')).toBe(true);
    const found = await p.ok<PageOf<PlanListItem>>(
      'qp_zjj_01',
      'GET',
      `/api/v1/inspection-plans?status=drawn&periodOn=2026-05-01&pageSize=200`,
    );
    const item = found.items.find((i) => i.id === drawn.id)!;
    expect(item).toMatchObject({ drawnTargets: 17, squads: [{ code: 'QP-ZJJ' }] });
    const x = await p.call('qp_leader', 'GET', '/api/v1/inspection-plans/export.xlsx?status=drawn');
    expect(x.statusCode).toBe(200);
    const xlsx = x as unknown as { headers: Record<string, string>; rawPayload: Buffer };
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const quarters = await p.ok<PlanDetail[]>(
      'qp_zjj_leader',
      'POST',
      `/api/v1/inspection-plans/${drawn.id}/quarterly-plans`,
      { year: 2027 },
      201,
    );
    expect(quarters.map((q) => [q.periodFrom, q.periodTo, q.status])).toEqual([
      ['2027-01-01', '2027-03-31', 'draft'],
      ['2027-04-01', '2027-06-30', 'draft'],
      ['2027-07-01', '2027-09-30', 'draft'],
      ['2027-10-01', '2027-12-31', 'draft'],
    ]);
    expect(quarters[2]!.title).toBe('2027年第三季度 朱家角镇沿街商户双随机抽查');
    expect(quarters.every((q) => q.matters.map((m) => m.code).join() === SHOP_MATTER && q.squads[0]!.id === org('qp-zjj'))).toBe(true);
  });
});
