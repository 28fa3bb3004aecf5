// The case list at scale: its order (发现日期 newest first, then registration order), keyset pages that agree with
// offset pages, the capped count, the jurisdiction each reader's page is drawn from, and the workbench's batched
// hydration agreeing with the one-case load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListItem, PageOf, Workbench } from '@chengguan/contracts';
import { ACTIVE_CASE_STATES, actionsAllowedNow, addDays } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { listCases } from '../src/modules/cases/cases.repository.ts';
import { caseContext, hydrateSnapshot, hydrateSnapshots } from '../src/modules/cases/case-loader.ts';
import { summarizeDeadlines } from '../src/modules/cases/case-deadlines.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  // Cases discovered on several days, some on the same day (the id breaks the tie).
  for (const [i, day] of ['2026-01-05', '2026-01-07', '2026-01-07', '2026-01-09', '2026-01-07', '2026-01-12'].entries()) {
    await kit.register({ date: day, discoveredOn: day, location: `列表测试路 ${i + 1} 号`, act: { actDate: day } });
  }
});
afterAll(async () => ctx?.close());

const page = async (user: string, query: string): Promise<PageOf<CaseListItem>> => {
  const r = await ctx.api('GET', `/api/v1/cases?${query}`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('the case list at scale', () => {
  it('lists by 发现日期 newest first, then by registration order', async () => {
    const all = await page('pd_ljz_leader', 'pageSize=200');
    expect(all.items.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < all.items.length; i++) {
      const [a, b] = [all.items[i - 1]!, all.items[i]!];
      expect((a.discoveredOn ?? '') > (b.discoveredOn ?? '') || ((a.discoveredOn ?? '') === (b.discoveredOn ?? '') && a.id > b.id)).toBe(
        true,
      );
    }
  });

  it('keyset pages (cursor) walk the same rows in the same order as offset pages, and end with a null cursor', async () => {
    const all = await page('pd_ljz_leader', 'pageSize=200');
    const walked: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const p = await page('pd_ljz_leader', `pageSize=3${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...p.items.map((i) => i.id));
      expect(p.total).toBe(all.total);
      cursor = p.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(walked).toEqual(all.items.map((i) => i.id));
    // Offset pages agree too.
    const second = await page('pd_ljz_leader', 'pageSize=3&page=2');
    expect(second.items.map((i) => i.id)).toEqual(all.items.slice(3, 6).map((i) => i.id));
  });

  it('a cursor works with filters: the pages of a date range are that range, in order', async () => {
    const want = (await page('pd_ljz_leader', 'pageSize=200&from=2026-01-06&to=2026-01-10')).items;
    expect(want.length).toBeGreaterThanOrEqual(4);
    expect(want.every((i) => i.discoveredOn! >= '2026-01-06' && i.discoveredOn! <= '2026-01-10')).toBe(true);
    const first = await page('pd_ljz_leader', 'pageSize=2&from=2026-01-06&to=2026-01-10');
    const next = await page('pd_ljz_leader', `pageSize=2&from=2026-01-06&to=2026-01-10&cursor=${first.nextCursor}`);
    expect([...first.items, ...next.items].map((i) => i.id)).toEqual(want.slice(0, 4).map((i) => i.id));
  });

  it('a cursor that was not given by the list is a 400 naming the field', async () => {
    for (const bad of ['bm90LWEtY3Vyc29y', 'abc', Buffer.from('2026-13-01|x').toString('base64url')]) {
      const r = await ctx.api('GET', `/api/v1/cases?cursor=${bad}`, { token: kit.tokens.pd_ljz_leader! });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ field: 'cursor' });
    }
  });

  it('counts at most the cap: beyond it the total is the cap and says so', async () => {
    const f = { jurisdictionPath: '/' };
    const exact = await listCases(ctx.deps.db, f, 2, 0);
    expect(exact.totalCapped).toBe(false);
    expect(exact.total).toBeGreaterThan(3);
    const capped = await listCases(ctx.deps.db, f, 2, 0, { countCap: 3 });
    expect(capped).toMatchObject({ total: 3, totalCapped: true });
    expect(capped.items.map((i) => i.id)).toEqual(exact.items.map((i) => i.id));
    const page = await ctx.api('GET', '/api/v1/cases?pageSize=1', { token: kit.tokens.pd_ljz_leader! });
    expect(page.json()).toMatchObject({ totalCapped: false });
  });

  it('each reader pages only his jurisdiction: squad, district, and an org filter outside it lists nothing', async () => {
    const squad = await page('pd_ljz_01', 'pageSize=200');
    const district = await page('pd_leader', 'pageSize=200');
    const other = await page('qp_zjj_leader', 'pageSize=200');
    const ids = (p: PageOf<CaseListItem>) => new Set(p.items.map((i) => i.id));
    expect(squad.items.every((i) => ids(district).has(i.id))).toBe(true);
    expect(district.items.some((i) => ids(other).has(i.id))).toBe(false);
    const pdSquad = squad.items[0]!.orgId;
    expect((await page('qp_zjj_leader', `pageSize=200&orgId=${pdSquad}`)).items).toEqual([]);
    const filtered = await page('pd_leader', `pageSize=200&orgId=${pdSquad}`);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((i) => i.orgId === pdSquad)).toBe(true);
    expect(filtered.total).toBe(filtered.items.length);
  });

  it('the workbench hydrates its cases in a batch exactly as the one-case load does', async () => {
    const rows = await ctx.deps.db.selectFrom('cases').select(['id', 'act_id', 'snapshot']).execute();
    const batch = await hydrateSnapshots(ctx.deps.db, rows);
    for (const [i, r] of rows.entries()) expect(batch[i]).toEqual(await hydrateSnapshot(ctx.deps.db, r));
  });

  it("the workbench's sets are those the live judgement of every open case gives, in the reader's jurisdiction", async () => {
    const leader = await workbench('pd_ljz_leader', 'pageSize=50');
    const today = leader.today;
    const horizon = addDays(today, leader.dueSoonDays);
    // Independently: every open case of the squad, hydrated one by one and judged by the domain.
    const squad = (await page('pd_ljz_leader', 'pageSize=200')).items.filter((i) => ACTIVE_CASE_STATES.includes(i.state));
    const cctx = await caseContext(ctx.deps.db, ctx.deps.clock.now());
    const wantTasks: string[] = [];
    const wantDue: string[] = [];
    const wantOverdue: string[] = [];
    for (const item of squad) {
      const row = await ctx.deps.db
        .selectFrom('cases')
        .select(['id', 'act_id', 'snapshot'])
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      const s = await hydrateSnapshot(ctx.deps.db, row);
      const actions = actionsAllowedNow(s, ['squad_leader'], cctx);
      if (actions.length > 0) wantTasks.push(item.id);
      for (const d of summarizeDeadlines(s, cctx).deadlines) {
        if (d.holder !== 'agency' || d.doneOn !== undefined) continue;
        if (d.state === 'running' && d.dueDate <= horizon) wantDue.push(`${item.id}/${d.kind}`);
        if (d.state === 'overdue') wantOverdue.push(`${item.id}/${d.kind}`);
      }
    }
    expect(wantTasks.length).toBeGreaterThan(0);
    expect(leader.myTasks.items.map((t) => t.case.id).sort()).toEqual(wantTasks.sort());
    expect(leader.dueSoon.items.map((d) => `${d.case.id}/${d.deadline.kind}`).sort()).toEqual(wantDue.sort());
    expect(leader.overdue.items.map((d) => `${d.case.id}/${d.deadline.kind}`).sort()).toEqual(wantOverdue.sort());
    expect(leader.dueSoon.total).toBe(wantDue.length);
    expect(leader.overdue.total).toBe(wantOverdue.length);
    // The answer carries what the page shows, not the list's rows: a case is five fields.
    for (const t of leader.myTasks.items)
      expect(Object.keys(t.case).sort()).toEqual(['caseNumber', 'id', 'offenceName', 'partyName', 'state']);
  });

  it('each workbench set pages by cursor through the same items as one large page, then ends', async () => {
    const whole = await workbench('pd_ljz_leader', 'pageSize=50');
    const first = await workbench('pd_ljz_leader', 'pageSize=1');
    for (const set of ['myTasks', 'dueSoon', 'overdue', 'squadOverdue'] as const) {
      const all = whole[set]!;
      const start = first[set]!;
      expect(start.total).toBe(all.total);
      const key = (x: unknown) => JSON.stringify(x);
      const walked = [...start.items.map(key)];
      let cursor = start.nextCursor;
      for (let n = 0; cursor && n < 100; n++) {
        const r = await ctx.api('GET', `/api/v1/cases/workbench/${set}?pageSize=1&cursor=${cursor}`, { token: kit.tokens.pd_ljz_leader! });
        expect(r.statusCode, r.body).toBe(200);
        const next = r.json() as { items: unknown[]; nextCursor: string | null };
        walked.push(...next.items.map(key));
        cursor = next.nextCursor;
      }
      expect(walked, set).toEqual(all.items.map(key));
    }
    // A field officer sees no squad set; a cursor the set did not give and a set that does not exist are 400s.
    expect((await workbench('pd_ljz_01', '')).squadOverdue).toBeNull();
    const bad = await ctx.api('GET', '/api/v1/cases/workbench/dueSoon?cursor=abc', { token: kit.tokens.pd_ljz_leader! });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'cursor' });
    expect((await ctx.api('GET', '/api/v1/cases/workbench/everything', { token: kit.tokens.pd_ljz_leader! })).statusCode).toBe(400);
  });
});

const workbench = async (user: string, query: string): Promise<Workbench> => {
  const r = await ctx.api('GET', `/api/v1/cases/workbench?${query}`, { token: kit.tokens[user]! });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
