// 数据驾驶舱 and 统计通报 (docs/cockpit.md): the roll-up kept by the writing transaction equals a rebuild from the base
// tables; theme views with KPIs, drill-down and the list behind a number; role × jurisdiction (404 outside, 403
// for a role without the theme); targets; bulletins (an honest empty one, publish by the leader, PDF and Excel).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin, CockpitDefinitions, CockpitThemes, CockpitThemeView } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const org = (k: string) => ctx.seed.ids.orgs.get(k)!;

async function rollup() {
  const r = await sql<{ metric: string; month: string; org_id: string; value: string }>`
    SELECT metric, to_char(month, 'YYYY-MM-DD') AS month, org_id, sum(value)::text AS value FROM cockpit_rollup GROUP BY 1, 2, 3 HAVING sum(value) <> 0 ORDER BY 1, 2, 3`.execute(
    ctx.deps.db,
  );
  return r.rows;
}

/** Keys where the subtree roll-up differs from the direct one summed up every unit's path (migration 066). */
async function treeMismatches(): Promise<number> {
  const r = await sql<{ n: number }>`
    WITH want AS (
      SELECT r.metric, r.month, a.id AS org_id, sum(r.value) AS value
        FROM cockpit_rollup r JOIN orgs o ON o.id = r.org_id CROSS JOIN LATERAL unnest(cockpit_path_ids(o.path)) AS a (id)
       GROUP BY 1, 2, 3 HAVING sum(r.value) <> 0
    ), have AS (
      SELECT metric, month, org_id, sum(value) AS value FROM cockpit_rollup_tree GROUP BY 1, 2, 3 HAVING sum(value) <> 0
    )
    SELECT count(*)::int AS n FROM ((SELECT * FROM want EXCEPT SELECT * FROM have) UNION ALL (SELECT * FROM have EXCEPT SELECT * FROM want)) d`.execute(
    ctx.deps.db,
  );
  return r.rows[0]!.n;
}

let n = 0;
/** A ticket row as the tickets module writes it; the roll-up does not care which code path writes. */
async function insertTicket(o: {
  squad: string;
  receivedAt: string;
  state?: string;
  phone?: boolean;
  contactAt?: string | null;
  repliedAt?: string | null;
  satisfaction?: string | null;
}) {
  n += 1;
  const id = ctx.deps.newId();
  const received = new Date(o.receivedAt);
  await ctx.deps.db
    .insertInto('tickets')
    .values({
      id,
      number: `CKPT-${n}-${id.slice(-6)}`,
      channel: 'hotline_12345',
      bureau_id: org('pd'),
      org_id: org(o.squad),
      category_code: 'JM01',
      limit_kind: 'ordinary',
      state: o.state ?? 'closed',
      content: '测试诉件内容',
      reporter_phone: o.phone === false ? null : '13800000000',
      received_at: received,
      first_contact_due_at: new Date(received.getTime() + 24 * 3600_000),
      first_contact_at: o.contactAt === undefined ? new Date(received.getTime() + 3600_000) : o.contactAt && new Date(o.contactAt),
      handling_due_on: '2026-02-20',
      handling_due_at: new Date(received.getTime() + 10 * 24 * 3600_000),
      replied_at: o.repliedAt === undefined ? new Date(received.getTime() + 2 * 24 * 3600_000) : o.repliedAt && new Date(o.repliedAt),
      resolved: true,
      satisfaction: o.satisfaction === undefined ? 'satisfied' : o.satisfaction,
      created_at: received,
      updated_at: received,
    } as never)
    .execute();
  return id;
}

const view = (user: string, theme: string, q = '') => ctx.api('GET', `/api/v1/cockpit/themes/${theme}${q}`, { token: tokens[user] });
const kpi = (v: CockpitThemeView, key: string) => v.kpis.find((k) => k.key === key)!;

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-10T02:00:00.000Z');
  for (const u of ['admin', 'pd_leader', 'pd_command', 'pd_admin', 'pd_ljz_leader', 'pd_ljz_01', 'qp_leader'])
    tokens[u] = await ctx.login(u);
});
afterAll(async () => {
  await ctx?.close();
});

describe('cockpit', () => {
  it('keeps the roll-up in the writing transaction, equal to a rebuild from the base tables; a rolled-back write leaves no trace', async () => {
    await insertTicket({ squad: 'pd-ljz', receivedAt: '2026-02-03T02:00:00Z' });
    await insertTicket({ squad: 'pd-ljz', receivedAt: '2026-02-04T02:00:00Z', satisfaction: 'unsatisfied' });
    const waiting = await insertTicket({
      squad: 'pd-hm',
      receivedAt: '2026-02-05T02:00:00Z',
      state: 'handling',
      contactAt: null,
      repliedAt: null,
      satisfaction: null,
    });
    // A later step: the waiting ticket is contacted late and answered.
    await ctx.deps.db
      .updateTable('tickets')
      .set({ first_contact_at: new Date('2026-02-07T02:00:00Z'), state: 'replied', replied_at: new Date('2026-02-08T02:00:00Z') })
      .where('id', '=', waiting)
      .execute();
    const before = await rollup();
    expect(await treeMismatches()).toBe(0);
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('tickets').set({ state: 'merged' }).where('id', '=', waiting).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await rollup()).toEqual(before);
    // Writers appended deltas; the compaction folds each key into one row and the numbers stay.
    await sql`SELECT cockpit_compact()`.execute(ctx.deps.db);
    expect(await rollup()).toEqual(before);
    const rows = await sql<{ n: string; keys: string }>`
      SELECT count(*) AS n, count(DISTINCT (metric, month, org_id)) AS keys FROM cockpit_rollup`.execute(ctx.deps.db);
    expect(rows.rows[0]!.n).toBe(rows.rows[0]!.keys);
    expect(await treeMismatches()).toBe(0);
    await sql`SELECT cockpit_rebuild()`.execute(ctx.deps.db);
    expect(await rollup()).toEqual(before);
    expect(await treeMismatches()).toBe(0);
  });

  it('shows a theme’s KPIs against targets, the next level for the map and drill-down, and the list behind a number', async () => {
    const r = await view('pd_leader', 'complaints', '?month=2026-02');
    expect(r.statusCode).toBe(200);
    const v = r.json() as CockpitThemeView;
    expect(v.org.id).toBe(org('pd'));
    expect(kpi(v, 'tickets.received').value).toBeGreaterThanOrEqual(3);
    const sat = kpi(v, 'tickets.satisfaction');
    expect(sat.target).toBe(88);
    expect(sat.denominator).toBeGreaterThanOrEqual(2);
    expect(kpi(v, 'tickets.received').listUrl).toContain(`/tickets?orgId=${org('pd')}&receivedFrom=2026-02-01&receivedTo=2026-02-28`);
    expect(v.trend.months).toHaveLength(24);
    expect(v.trend.months.at(-1)).toBe('2026-02');
    // Drill down: 区 → 大队 → 中队; the squad's numbers add up to the 大队 row.
    const b1 = v.children.find((c) => c.orgId === org('pd-b1'))!;
    expect(b1.values['tickets.received']).toBeGreaterThanOrEqual(3);
    const down = (await view('pd_leader', 'complaints', `?month=2026-02&orgId=${org('pd-b1')}`)).json() as CockpitThemeView;
    expect(down.breadcrumb.map((o) => o.id)).toEqual([org('pd'), org('pd-b1')]);
    const ljz = down.children.find((c) => c.orgId === org('pd-ljz'))!;
    expect(ljz.values['tickets.received']).toBeGreaterThanOrEqual(2);
    expect(down.kpis.find((k) => k.key === 'tickets.received')!.value).toBe(b1.values['tickets.received']);
    // The first-contact rate counts the late contact: 2 on time of 3 contacted, plus whatever the demo had.
    const fc = kpi(down, 'tickets.first_contact');
    expect(fc.denominator! - fc.numerator!).toBeGreaterThanOrEqual(1);
    // Definitions: every number says how it is counted.
    const defs = (await ctx.api('GET', '/api/v1/cockpit/definitions', { token: tokens.pd_leader })).json() as CockpitDefinitions;
    expect(defs.items.find((d) => d.key === 'tickets.first_contact')!.definition).toContain('先行联系');
    expect(defs.items.find((d) => d.key === 'cases.summary_online')).toMatchObject({ defaultTarget: 70, targetOp: '>=' });
  });

  it('shows the off-site, waste, supervision and campaign themes from their tables, and the staff theme’s squads and training', async () => {
    const db = ctx.deps.db;
    const pdPath = (await db.selectFrom('orgs').select('path').where('id', '=', org('pd-ljz')).executeTakeFirstOrThrow()).path;
    const at = new Date('2026-02-10T02:00:00Z');
    const review = (state: string, i: number) => ({
      id: ctx.deps.newId(),
      number: `CKPT-OFF-${i}`,
      bureau_id: org('pd'),
      org_path: pdPath,
      scene: 'test-scene',
      first_at: at,
      last_at: at,
      state,
      created_at: at,
    });
    await db
      .insertInto('offsite_reviews')
      .values([review('confirmed', 1), review('dismissed', 2), review('pending', 3)] as never)
      .execute();
    const off = (await view('pd_leader', 'offsite', '?month=2026-02')).json() as CockpitThemeView;
    expect(kpi(off, 'offsite.found').value).toBeGreaterThanOrEqual(3);
    const rate = kpi(off, 'offsite.confirm_rate');
    expect(rate.denominator! - rate.numerator!).toBeGreaterThanOrEqual(1);
    expect(off.children.find((c) => c.orgId === org('pd-b1'))!.values['offsite.found']).toBeGreaterThanOrEqual(3);
    // Closing an item moves it out of the queue in the same transaction.
    const pendingBefore = kpi(off, 'offsite.pending_now').value!;
    await db.updateTable('offsite_reviews').set({ state: 'dismissed' }).where('number', '=', 'CKPT-OFF-3').execute();
    const off2 = (await view('pd_leader', 'offsite', '?month=2026-02')).json() as CockpitThemeView;
    expect(kpi(off2, 'offsite.pending_now').value).toBe(pendingBefore - 1);
    expect(await treeMismatches()).toBe(0);

    const ids = (await ctx.api('GET', '/api/v1/cockpit/themes', { token: tokens.pd_leader })).json() as CockpitThemes;
    expect(ids.themes.map((t) => t.id)).toEqual(expect.arrayContaining(['offsite', 'waste', 'supervision', 'campaigns']));
    for (const theme of ['waste', 'supervision', 'campaigns'])
      expect((await view('pd_leader', theme, '?month=2026-02')).statusCode).toBe(200);

    // Staff: a 示范 rating and a training completion connect the numbers that were 未接入.
    await db
      .insertInto('squad_ratings')
      .values({
        id: ctx.deps.newId(),
        org_id: org('pd-ljz'),
        bureau_id: org('pd'),
        year: 2026,
        rating: 'model',
        decided_on: '2026-01-20',
      } as never)
      .execute();
    const staffAt = async (month: string) =>
      (await view('pd_leader', 'staff', `?month=${month}&orgId=${org('pd-ljz')}`)).json() as CockpitThemeView;
    const [febBefore, janBefore] = [kpi(await staffAt('2026-02'), 'staff.training'), kpi(await staffAt('2026-01'), 'staff.training')];
    const officer = await db
      .selectFrom('officers as f')
      .select('f.id')
      .where('f.org_id', '=', org('pd-ljz'))
      .where('f.active', '=', true)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom('training_completions as c').select('c.id').whereRef('c.officer_id', '=', 'f.id').where('c.year', '=', 2026)),
        ),
      )
      .executeTakeFirstOrThrow();
    await db
      .insertInto('training_completions')
      .values({
        id: ctx.deps.newId(),
        officer_id: officer.id,
        bureau_id: org('pd'),
        year: 2026,
        source: 'offline',
        title: '测试培训',
        hours: 2,
        credits: 1,
        completed_on: '2026-02-03',
      } as never)
      .execute();
    const staff = await staffAt('2026-02');
    const model = kpi(staff, 'staff.model_squads');
    expect(model).toMatchObject({ connected: true, numerator: 1, denominator: 1, value: 100 });
    expect(kpi(staff, 'staff.standard_squads').value).toBe(100);
    const trained = kpi(staff, 'staff.training');
    expect(trained.connected).toBe(true);
    const serving = await db
      .selectFrom('officers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org('pd-ljz'))
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    expect(trained.denominator).toBe(Number(serving.n));
    expect(trained.numerator).toBe(febBefore.numerator! + 1);
    // Counted from the completion's day: January's number does not move.
    expect(kpi(await staffAt('2026-01'), 'staff.training').numerator).toBe(janBefore.numerator);
    const defs = (await ctx.api('GET', '/api/v1/cockpit/definitions', { token: tokens.pd_leader })).json() as CockpitDefinitions;
    expect(defs.items.find((d) => d.key === 'staff.training')!.definition).not.toContain('尚未接入');
  });

  it('answers 404 for a jurisdiction the user may not see and 403 for a role without the theme', async () => {
    expect((await view('qp_leader', 'complaints', `?orgId=${org('pd')}`)).statusCode).toBe(404);
    expect((await view('pd_ljz_leader', 'cases', `?orgId=${org('pd-hm')}`)).statusCode).toBe(404);
    expect((await view('pd_ljz_leader', 'cases', `?orgId=${org('pd-ljz')}`)).statusCode).toBe(200);
    const own = (await view('pd_ljz_leader', 'cases')).json() as CockpitThemeView;
    expect(own.breadcrumb.map((o) => o.id)).toEqual([org('pd-ljz')]);
    expect((await view('pd_ljz_01', 'cases')).statusCode).toBe(403);
    expect((await view('admin', 'complaints')).statusCode).toBe(403);
    expect((await view('pd_leader', 'nothing_here')).statusCode).toBe(404);
    const themes = (await ctx.api('GET', '/api/v1/cockpit/themes', { token: tokens.admin })).json() as CockpitThemes;
    // The city's administrator reads the registry and the device register, not cases or complaints.
    expect(themes.themes.map((t) => t.id)).toEqual(['subjects', 'offsite']);
    const areas = await ctx.api('GET', `/api/v1/cockpit/areas?orgId=${org('pd')}`, { token: tokens.qp_leader });
    expect(areas.statusCode).toBe(404);
  });

  it('lets the city set a target (idempotent, audited) and refuses others and bad values in both languages', async () => {
    const put = (user: string, body: unknown, key = 'k1') =>
      ctx.api('PUT', '/api/v1/cockpit/targets/tickets.satisfaction', { token: tokens[user], body, headers: { 'idempotency-key': key } });
    expect((await put('pd_admin', { target: 90 })).statusCode).toBe(403);
    const bad = await put('admin', { target: 150 }, 'k0');
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad)).toMatchObject({ field: 'target' });
    expect(errorBody(bad).message).toMatch(/百分比/);
    expect(errorBody(bad).messageEn).toMatch(/percentage/);
    expect((await put('admin', { target: 90 })).statusCode).toBe(200);
    expect((await put('admin', { target: 90 })).statusCode).toBe(200);
    const audits = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE action = 'cockpit.target'`.execute(ctx.deps.db);
    expect(Number(audits.rows[0]!.n)).toBe(1);
    const v = (await view('pd_leader', 'complaints', '?month=2026-02')).json() as CockpitThemeView;
    expect(kpi(v, 'tickets.satisfaction').target).toBe(90);
    expect((await put('admin', { target: null }, 'k2')).statusCode).toBe(200);
  });

  it('generates bulletins, an honest empty one for a period without records, published by the leader as PDF and Excel', async () => {
    const post = (user: string, body: unknown, key: string) =>
      ctx.api('POST', '/api/v1/cockpit/bulletins', { token: tokens[user], body, headers: { 'idempotency-key': key } });
    const r = await post('pd_command', { periodKind: 'month', period: '2026-02' }, 'b1');
    expect(r.statusCode).toBe(201);
    const b = r.json() as Bulletin;
    expect(b.status).toBe('draft');
    expect(b.empty).toBe(false);
    expect(b.sections.find((s) => s.theme === 'complaints')!.kpis.find((k) => k.key === 'tickets.received')!.value).toBeGreaterThanOrEqual(
      3,
    );
    const empty = (await post('pd_leader', { periodKind: 'quarter', period: '2001-Q1' }, 'b2')).json() as Bulletin;
    expect(empty).toMatchObject({ empty: true, months: ['2001-01', '2001-02', '2001-03'] });
    const badPeriod = await post('pd_leader', { periodKind: 'quarter', period: '2026-03' }, 'b3');
    expect(badPeriod.statusCode).toBe(400);
    expect(errorBody(badPeriod)).toMatchObject({ field: 'period' });
    expect(errorBody(badPeriod).messageEn).toMatch(/quarter/);
    expect((await post('pd_ljz_01', { periodKind: 'month', period: '2026-02' }, 'b4')).statusCode).toBe(403);
    expect((await post('qp_leader', { periodKind: 'month', period: '2026-02', orgId: org('pd') }, 'b5')).statusCode).toBe(404);

    const publish = (user: string, key: string) =>
      ctx.api('POST', `/api/v1/cockpit/bulletins/${b.id}/publish`, { token: tokens[user], body: {}, headers: { 'idempotency-key': key } });
    expect((await publish('pd_command', 'p1')).statusCode).toBe(403);
    const pub = await publish('pd_leader', 'p2');
    expect(pub.statusCode).toBe(200);
    expect((pub.json() as Bulletin).status).toBe('published');
    expect((await post('pd_command', { periodKind: 'month', period: '2026-02' }, 'b6')).statusCode).toBe(409);
    expect((await ctx.api('GET', `/api/v1/cockpit/bulletins/${b.id}`, { token: tokens.qp_leader })).statusCode).toBe(404);

    const pdf = await ctx.api('GET', `/api/v1/cockpit/bulletins/${empty.id}/bulletin.pdf`, { token: tokens.pd_leader });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await ctx.api('GET', `/api/v1/cockpit/bulletins/${b.id}/bulletin.xlsx`, { token: tokens.pd_leader });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const list = (await ctx.api('GET', '/api/v1/cockpit/bulletins?status=published', { token: tokens.pd_leader })).json() as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toContain(b.id);
  });
});
