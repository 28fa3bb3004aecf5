// 城管进社区 through the API (docs/workrooms.md): a squad leader sets up a workroom with its officers and hours; an
// officer records activities (one of the 城管进社区 week); a complaint received there is a ticket of channel
// `workroom`; the cockpit's counts; the forbidden paths — another district, a role that may not, an officer of
// another unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { CockpitThemeView, PageOf, Workroom, WorkroomActivity, WorkroomCounts } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { workroomCounts } from '../src/modules/workrooms/index.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_ljz_01', 'pd_ljz_leader', 'qp_zjj_leader', 'qp_zjj_01', 'pd_legal', 'pd_leader'];

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const idOf = async (username: string) =>
  await ctx.deps.db.selectFrom('officers').select(['id', 'org_id']).where('username', '=', username).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) tokens[u] = await ctx.login(u);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('community workrooms', () => {
  it('set up with officers and hours, activities, a complaint as a workroom ticket, and the cockpit counts', async () => {
    const officer = await idOf('pd_ljz_01');
    const other = await idOf('qp_zjj_01');
    // The cockpit's 城管进社区 theme for 浦东 in March, before and after (the demo's own workrooms count too).
    const wall = async () => {
      const v = await ok<CockpitThemeView>(call('pd_leader', 'GET', '/api/v1/cockpit/themes/community?month=2026-03'));
      return Object.fromEntries(v.kpis.map((k) => [k.key, k.value ?? 0]));
    };
    const before = await wall();
    const body = {
      orgId: officer.org_id,
      name: '测试居委城管工作室',
      community: '测试居委',
      address: '上海市浦东新区陆家嘴东路1号',
      openingHours: '每周二、周四 9:00–11:30',
      officerIds: [officer.id],
    };
    expect((await call('pd_ljz_01', 'POST', '/api/v1/workrooms', body)).statusCode).toBe(403);
    expect((await call('qp_zjj_leader', 'POST', '/api/v1/workrooms', body)).statusCode).toBe(404);
    const stranger = await call('pd_ljz_leader', 'POST', '/api/v1/workrooms', { ...body, officerIds: [other.id] });
    expect(errorBody(stranger).field).toBe('officerIds[0]');
    const w = await ok<Workroom>(call('pd_ljz_leader', 'POST', '/api/v1/workrooms', body), 201);
    expect(w.officers.map((o) => o.id)).toEqual([officer.id]);
    expect((await call('pd_ljz_leader', 'POST', '/api/v1/workrooms', body)).statusCode).toBe(409);

    const act = {
      kind: 'publicity',
      title: '城管进社区周：垃圾分类与违法搭建宣传',
      heldOn: '2026-03-01',
      participants: 35,
      communityWeek: true,
    };
    await ok<WorkroomActivity>(call('pd_ljz_01', 'POST', `/api/v1/workrooms/${w.id}/activities`, act), 201);
    await ok<WorkroomActivity>(
      call('pd_ljz_01', 'POST', `/api/v1/workrooms/${w.id}/activities`, {
        ...act,
        communityWeek: false,
        participants: 5,
        kind: 'consultation',
      }),
      201,
    );
    const future = await call('pd_ljz_01', 'POST', `/api/v1/workrooms/${w.id}/activities`, { ...act, heldOn: '2026-04-01' });
    expect(errorBody(future).field).toBe('heldOn');
    expect((await call('qp_zjj_01', 'POST', `/api/v1/workrooms/${w.id}/activities`, act)).statusCode).toBe(404);

    const complaint = {
      categoryCode: 'SR04',
      content: '居民来工作室反映楼下饭店油烟直排',
      reporterName: '王先生',
      reporterPhone: '13800138000',
      point: { lon: 121.51, lat: 31.235, crs: 'wgs84' },
    };
    expect((await call('pd_legal', 'POST', `/api/v1/workrooms/${w.id}/complaints`, complaint)).statusCode).toBe(403);
    expect((await call('qp_zjj_01', 'POST', `/api/v1/workrooms/${w.id}/complaints`, complaint)).statusCode).toBe(404);
    const filed = await ok<{ ticketId: string }>(call('pd_ljz_01', 'POST', `/api/v1/workrooms/${w.id}/complaints`, complaint), 201);
    const t = await ctx.deps.db
      .selectFrom('tickets')
      .select(['channel', 'org_id'])
      .where('id', '=', filed.ticketId)
      .executeTakeFirstOrThrow();
    expect(t.channel).toBe('workroom');

    const counts = await ok<WorkroomCounts>(call('pd_ljz_leader', 'GET', '/api/v1/workroom-counts?from=2026-03-01&to=2026-03-31'));
    expect(counts).toEqual({ workrooms: 1, officers: 1, activities: 2, communityWeekActivities: 1, participants: 40, tickets: 1 });
    expect(await ok<WorkroomCounts>(call('qp_zjj_leader', 'GET', '/api/v1/workroom-counts'))).toMatchObject({ workrooms: 0, tickets: 0 });
    const squadPath = (await ctx.deps.db.selectFrom('orgs').select('path').where('id', '=', officer.org_id).executeTakeFirstOrThrow()).path;
    expect(await workroomCounts(ctx.deps.db, squadPath, '2026-03-02')).toMatchObject({ activities: 0, tickets: 1 });
    const after = await wall();
    expect(Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]))).toEqual({
      'community.workrooms': 1,
      'community.activities': 2,
      'community.week_activities': 1,
      'community.participants': 40,
      'community.tickets': 1,
    });
    // An officer (no cockpit:read) may not read the wall.
    expect((await call('pd_ljz_01', 'GET', '/api/v1/cockpit/themes/community?month=2026-03')).statusCode).toBe(403);
    const list = await ok<PageOf<Workroom>>(call('pd_ljz_01', 'GET', '/api/v1/workrooms?q=测试居委'));
    expect(list.items[0]).toMatchObject({ activities: 2, tickets: 1 });
    expect((await ok<PageOf<Workroom>>(call('qp_zjj_01', 'GET', '/api/v1/workrooms'))).total).toBe(0);
  });
});
