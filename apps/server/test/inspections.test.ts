// 检查: the matter list, tasks, the visit (综合查一次) and what a failed item leads to — on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionMatter, InspectionTask, InspectionVisit, OverdueSummary, PageOf, RectificationOrder } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { giveTask, insertSubject, prepare, visitBody } from './inspections-support.ts';

let ctx: TestContext;
let kit: CaseKit;

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const HOME_PATH = '/api/v1/home';
const LJZ = { squad: 'pd-ljz', bureau: 'pd' } as const;
const TEAM: [string, string] = ['pd_ljz_01', 'pd_ljz_03'];

async function submit(body: unknown, user = 'pd_ljz_01', headers: Record<string, string> = {}) {
  return ctx.api('POST', '/api/v1/inspection-visits', { token: kit.tokens[user]!, body, headers });
}

describe('检查事项清单', () => {
  it('holds the starter list with items, bases and photo rules, unverified articles marked', async () => {
    const r = await ctx.api('GET', '/api/v1/inspection-matters', { token: kit.tokens.pd_ljz_01! });
    expect(r.statusCode).toBe(200);
    const list = r.json() as InspectionMatter[];
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list.map((m) => m.code)).toContain('SR-ZDJY');
    for (const m of list) expect(m.items.length).toBeGreaterThan(0);
    expect(list.some((m) => m.items.some((i) => i.legalBasisZh.includes('未核实')))).toBe(true);
    const fume = await ctx.api('GET', '/api/v1/inspection-matters?subjectKind=restaurant_fume', { token: kit.tokens.pd_ljz_01! });
    expect((fume.json() as InspectionMatter[]).map((m) => m.code)).toContain('HJ-YY');
  });

  it('refuses an item code used twice or with another text than elsewhere; only the admin writes; a new version keeps the old', async () => {
    const body = {
      code: 'T-DUP',
      nameZh: '测试事项',
      legalBasisZh: '测试依据（条款未核实）',
      subjectKinds: ['street_shop'],
      items: [
        { code: 'TD-01', textZh: '第一项', legalBasisZh: '依据', photo: 'never' },
        { code: 'TD-01', textZh: '第一项', legalBasisZh: '依据', photo: 'never' },
        { code: 'ZRQ-01', textZh: '另一种说法', legalBasisZh: '依据', photo: 'never' },
      ],
    };
    const bad = await ctx.api('POST', '/api/v1/inspection-matters', { token: kit.tokens.admin!, body });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).details!.map((d) => d.field)).toEqual(['items[1].code', 'items[2].textZh']);
    const good = { ...body, items: [body.items[0]] };
    expect((await ctx.api('POST', '/api/v1/inspection-matters', { token: kit.tokens.pd_ljz_leader!, body: good })).statusCode).toBe(403);
    const created = await ctx.api('POST', '/api/v1/inspection-matters', { token: kit.tokens.admin!, body: good });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json() as InspectionMatter;
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['T-DUP'] });
    const edited = await ctx.api('PUT', `/api/v1/inspection-matters/${m.id}`, {
      token: kit.tokens.admin!,
      body: {
        ...good,
        items: [{ code: 'TD-02', textZh: '第二项', legalBasisZh: '依据', photo: 'never' }],
        active: true,
        expectedVersion: 1,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((edited.json() as InspectionMatter).version).toBe(2);
    // The task given before the edit keeps its form.
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    expect(form.items.map((i) => i.code)).toEqual(['TD-01']);
    const stale = await ctx.api('PUT', `/api/v1/inspection-matters/${m.id}`, {
      token: kit.tokens.admin!,
      body: { ...good, active: true, expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('tasks', () => {
  it('a special inspection is set by a squad leader with two credentialed officers of his squad', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    const body = {
      subjectId,
      origin: 'special',
      inspectorIds: TEAM.map((u) => kit.officerId(u)),
      matterCodes: ['SR-ZDJY'],
      dueOn: '2026-03-20',
    };
    const byOfficer = await ctx.api('POST', '/api/v1/inspection-tasks', { token: kit.tokens.pd_ljz_01!, body });
    expect(byOfficer.statusCode).toBe(403);
    const expired = await ctx.api('POST', '/api/v1/inspection-tasks', {
      token: kit.tokens.pd_ljz_leader!,
      body: { ...body, inspectorIds: [kit.officerId('pd_ljz_01'), kit.officerId('pd_ljz_02')] },
    });
    expect(expired.statusCode).toBe(422);
    expect(errorBody(expired).field).toBe('inspectorIds[1]');
    const wrongKind = await ctx.api('POST', '/api/v1/inspection-tasks', {
      token: kit.tokens.pd_ljz_leader!,
      body: { ...body, matterCodes: ['LS-JZ'] },
    });
    expect(wrongKind.statusCode).toBe(422);
    expect(errorBody(wrongKind).field).toBe('matterCodes');
    const ok = await ctx.api('POST', '/api/v1/inspection-tasks', { token: kit.tokens.pd_ljz_leader!, body });
    expect(ok.statusCode, ok.body).toBe(201);
    const task = ok.json() as InspectionTask;
    expect(task).toMatchObject({ origin: 'special', status: 'open', overdue: false, subjectId });
    const mine = await ctx.api('GET', `/api/v1/inspection-tasks?mine=true&subjectId=${subjectId}`, { token: kit.tokens.pd_ljz_03! });
    expect((mine.json() as PageOf<InspectionTask>).items.map((t) => t.id)).toEqual([task.id]);
    const otherDistrict = await ctx.api('GET', `/api/v1/inspection-tasks?subjectId=${subjectId}`, { token: kit.tokens.qp_zjj_leader! });
    expect((otherDistrict.json() as PageOf<InspectionTask>).total).toBe(0);
    const xlsx = await ctx.api('GET', `/api/v1/inspection-tasks/export.xlsx?subjectId=${subjectId}`, { token: kit.tokens.pd_ljz_leader! });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');
  });

  it("lists overdue tasks per squad and for the leader's squad", async () => {
    const subjectId = await insertSubject(kit, LJZ);
    const id = await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZRQ'], dueOn: '2026-02-27' });
    const r = await ctx.api('GET', '/api/v1/inspection-tasks/overdue', { token: kit.tokens.pd_ljz_leader! });
    const s = r.json() as OverdueSummary;
    expect(s.items.map((t) => t.id)).toContain(id);
    expect(s.items.every((t) => t.overdue)).toBe(true);
    expect(s.squads.find((q) => q.orgId === kit.orgId('pd-ljz'))!.overdue).toBeGreaterThanOrEqual(1);
    const list = await ctx.api('GET', `/api/v1/inspection-tasks?overdue=true&subjectId=${subjectId}`, { token: kit.tokens.pd_ljz_01! });
    expect((list.json() as PageOf<InspectionTask>).items.map((t) => t.id)).toEqual([id]);
    // The squad leader's home counts his squad's tasks.
    const home = (await ctx.api('GET', HOME_PATH, { token: kit.tokens.pd_ljz_leader! })).json() as {
      inspections?: { open: number; overdue: number };
    };
    const open = await ctx.deps.db
      .selectFrom('inspection_tasks')
      .select('id')
      .where('org_id', '=', kit.orgId('pd-ljz'))
      .where('status', '=', 'open')
      .execute();
    expect(home.inspections).toMatchObject({ open: open.length });
    expect(home.inspections!.overdue).toBeGreaterThanOrEqual(1);
  });
});

describe('the visit', () => {
  it('one visit closes every open task of the team at the subject (综合查一次), shared items once', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    const a = await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZRQ'] });
    const b = await giveTask(kit, {
      ...LJZ,
      subjectId,
      inspectors: ['pd_ljz_03', 'pd_ljz_01'],
      matters: ['SR-ZDJY', 'SR-GGZP'],
      origin: 'special',
    });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    expect(form.tasks.map((t) => t.id).sort()).toEqual([a, b].sort());
    expect(form.items.filter((i) => i.code === 'ZRQ-01')).toHaveLength(1);
    const body = await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03');
    const r = await submit(body);
    expect(r.statusCode, r.body).toBe(201);
    const visit = r.json() as InspectionVisit;
    expect(visit.outcome).toBe('passed');
    const tasks = await ctx.api('GET', `/api/v1/inspection-tasks?subjectId=${subjectId}`, { token: kit.tokens.pd_ljz_01! });
    expect((tasks.json() as PageOf<InspectionTask>).items.map((t) => [t.status, t.visitId])).toEqual([
      ['done', visit.id],
      ['done', visit.id],
    ]);
    const events = await ctx.deps.db.selectFrom('subject_events').selectAll().where('subject_id', '=', subjectId).execute();
    const passed = events.find((e) => e.kind === 'passed_inspection')!;
    expect(passed.data).toMatchObject({
      visitId: visit.id,
      outcome: 'passed',
      published: true,
      publishedOn: '2026-03-02',
      failedItems: [],
    });
    expect((passed.data as { matters: { code: string }[] }).matters.map((m) => m.code)).toEqual(['SR-GGZP', 'SR-ZDJY', 'SR-ZRQ']);
  });

  it('an incomplete visit is 422 listing each issue with its field; the second inspector confirms with his own number', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-GGZP'] });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const body = await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03');
    const r = await submit({
      ...body,
      results: body.results.filter((x) => x.code !== 'GGZP-03').map((x) => (x.code === 'GGZP-01' ? { ...x, photoIds: [] } : x)),
      inspectorSignatures: [body.inspectorSignatures[0], { ...body.inspectorSignatures[1], employeeNo: 'X0000' }],
      acknowledgement: { kind: 'refused' },
    });
    expect(r.statusCode).toBe(422);
    const fields = errorBody(r).details!.map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'results[GGZP-03].result',
        'results[0].photoIds',
        'inspectorSignatures[1].employeeNo',
        'acknowledgement.witnessName',
      ]),
    );
    // A refusal with a witness is complete (沪条例 Art. 19).
    const ok = await submit({
      ...body,
      acknowledgement: { kind: 'refused', witnessName: '邻店店员李四', witnessSignatureSm3: body.acknowledgement.signatureSm3 },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("a visit after the task's period is 422 naming the rule", async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZRQ'], dueOn: '2026-03-01' });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const r = await submit(await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03'));
    expect(r.statusCode).toBe(422);
    expect(errorBody(r)).toMatchObject({ field: 'taskIds', rule: expect.stringContaining('期限') });
  });

  it('another district neither sees the form nor submits', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZRQ'] });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const body = await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03');
    const seen = await ctx.api('GET', `/api/v1/inspection-visits/prepare?subjectId=${subjectId}`, { token: kit.tokens.qp_zjj_01! });
    expect(seen.statusCode).toBe(404);
    expect((await submit(body, 'qp_zjj_01')).statusCode).toBe(404);
    const r = await submit(body);
    expect(r.statusCode).toBe(201);
    const visit = r.json() as InspectionVisit;
    expect((await ctx.api('GET', `/api/v1/inspection-visits/${visit.id}`, { token: kit.tokens.qp_zjj_leader! })).statusCode).toBe(404);
  });

  it('a retried submission with the same idempotency key creates one visit', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZRQ'] });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const body = await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03');
    const key = { 'idempotency-key': `visit-${subjectId}` };
    const first = await submit(body, 'pd_ljz_01', key);
    const second = await submit(body, 'pd_ljz_01', key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect((second.json() as InspectionVisit).id).toBe((first.json() as InspectionVisit).id);
    const n = await ctx.deps.db.selectFrom('inspection_visits').select('id').where('subject_id', '=', subjectId).execute();
    expect(n).toHaveLength(1);
  });
});

describe('from inspection to action', () => {
  it('failed → 责令改正 → re-inspection task of the same team → rectified', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['SR-ZDJY'] });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const r = await submit(await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03', ['ZDJY-01']));
    const visit = r.json() as InspectionVisit;
    expect(visit.outcome).toBe('failed');
    const risk = await ctx.deps.db
      .selectFrom('subject_events')
      .select('data')
      .where('subject_id', '=', subjectId)
      .where('kind', '=', 'failed_inspection')
      .executeTakeFirstOrThrow();
    expect(risk.data).toMatchObject({ outcome: 'failed', failedItems: [{ textZh: '无超出门窗、外墙摆卖或者经营（跨门营业）' }] });
    const notFailed = await ctx.api('POST', `/api/v1/inspection-visits/${visit.id}/rectification`, {
      token: kit.tokens.pd_ljz_01!,
      body: { itemCodes: ['ZDJY-02'], deadlineOn: '2026-03-09', reinspectOn: '2026-03-10' },
    });
    expect(notFailed.statusCode).toBe(400);
    expect(errorBody(notFailed).field).toBe('itemCodes[0]');
    const ordered = await ctx.api('POST', `/api/v1/inspection-visits/${visit.id}/rectification`, {
      token: kit.tokens.pd_ljz_01!,
      body: { itemCodes: ['ZDJY-01'], deadlineOn: '2026-03-09', reinspectOn: '2026-03-10' },
    });
    expect(ordered.statusCode, ordered.body).toBe(201);
    const order = (ordered.json() as InspectionVisit).rectification!;
    expect(order).toMatchObject({ status: 'open', deadlineOn: '2026-03-09' });
    const tasks = (
      await ctx.api('GET', `/api/v1/inspection-tasks?subjectId=${subjectId}&origin=reinspection`, { token: kit.tokens.pd_ljz_03! })
    ).json() as PageOf<InspectionTask>;
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({ id: order.reinspectionTaskId, dueOn: '2026-03-10', status: 'open' });
    expect([...tasks.items[0]!.inspectorIds].sort()).toEqual(TEAM.map((u) => kit.officerId(u)).sort());
    const relogin = async () => {
      for (const u of ['pd_ljz_01', 'pd_ljz_03', 'pd_ljz_leader']) kit.tokens[u] = await ctx.login(u);
    };
    ctx.clock.set('2026-03-10T02:00:00.000Z');
    try {
      await relogin();
      const again = await prepare(kit, 'pd_ljz_03', subjectId);
      const re = await submit(await visitBody(kit, again, 'pd_ljz_03', 'pd_ljz_01'), 'pd_ljz_03');
      expect(re.statusCode, re.body).toBe(201);
    } finally {
      ctx.clock.set('2026-03-02T02:00:00.000Z');
      await relogin();
    }
    const orders = (
      await ctx.api('GET', `/api/v1/rectification-orders?subjectId=${subjectId}`, { token: kit.tokens.pd_ljz_leader! })
    ).json() as PageOf<RectificationOrder>;
    expect(orders.items[0]).toMatchObject({ id: order.id, status: 'rectified', closedOn: '2026-03-10' });
  });

  it('failed → case registered against the subject with the photos as evidence', async () => {
    const subjectId = await insertSubject(kit, LJZ);
    await giveTask(kit, { ...LJZ, subjectId, inspectors: TEAM, matters: ['LJ-FL'] });
    const form = await prepare(kit, 'pd_ljz_01', subjectId);
    const body = await visitBody(kit, form, 'pd_ljz_01', 'pd_ljz_03', ['LJ-02']);
    const visit = (await submit(body)).json() as InspectionVisit;
    expect(visit.caseDraft.facts).toContain('管理责任人将分类投放的生活垃圾分类驳运');
    const photo = body.results.find((x) => x.code === 'LJ-02')!.photoIds[0]!;
    const read = await ctx.api('GET', `/api/v1/inspection-visits/${visit.id}/photos/${photo}`, { token: kit.tokens.pd_ljz_leader! });
    expect(read.statusCode).toBe(200);
    expect(read.headers['x-content-sm3']).toBe(photo);
    const foreign = await ctx.api('GET', `/api/v1/inspection-visits/${visit.id}/photos/${photo}`, { token: kit.tokens.qp_zjj_leader! });
    expect(foreign.statusCode).toBe(404);
    const denied = await ctx.api('POST', `/api/v1/inspection-visits/${visit.id}/case`, {
      token: kit.tokens.qp_zjj_leader!,
      body: { offenceCode: 'SH-LJ-57-4' },
    });
    expect(denied.statusCode).toBe(404);
    const r = await ctx.api('POST', `/api/v1/inspection-visits/${visit.id}/case`, {
      token: kit.tokens.pd_ljz_01!,
      body: { offenceCode: 'SH-LJ-57-4' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const caseId = (r.json() as InspectionVisit).caseId!;
    const row = await ctx.deps.db
      .selectFrom('cases')
      .select(['subject_id', 'source', 'source_ref', 'party_name'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ subject_id: subjectId, source: 'inspection', source_ref: `检查记录 ${visit.id}` });
    const evidence = await ctx.deps.db.selectFrom('case_evidence').select('file_sm3').where('case_id', '=', caseId).execute();
    expect(evidence.map((e) => e.file_sm3)).toEqual([body.results.find((x) => x.code === 'LJ-02')!.photoIds[0]]);
    const twice = await ctx.api('POST', `/api/v1/inspection-visits/${visit.id}/case`, {
      token: kit.tokens.pd_ljz_01!,
      body: { offenceCode: 'SH-LJ-57-4' },
    });
    expect(twice.statusCode).toBe(409);
  });
});
