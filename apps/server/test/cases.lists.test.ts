// The case list at scale: its order (发现日期 newest first, then registration order), keyset pages that agree with
// offset pages, the capped count, the jurisdiction each reader's page is drawn from, and the workbench's batched
// hydration agreeing with the one-case load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, type CaseKit } from './cases-support.ts';
import { listCases } from '../src/modules/cases/cases.repository.ts';
import { hydrateSnapshot, hydrateSnapshots } from '../src/modules/cases/case-loader.ts';

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
    const wb = await ctx.api('GET', '/api/v1/cases/workbench', { token: kit.tokens.pd_ljz_leader! });
    expect(wb.statusCode).toBe(200);
    expect(wb.json().myTasks.length).toBeGreaterThan(0);
  });
});
