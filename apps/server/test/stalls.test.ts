// 上海摊 through the API (docs/stall-map.md): a stall point of the registry gets its type, hours, capacity and rules;
// the squad leader approves it (an officer may not), officers record supervision; the public map shows approved points
// without login (and not proposed ones); a citizen's complaint about a point becomes a ticket (诉件处置) at its place;
// another district sees and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { PageOf, PublicStallPoint, StallPoint } from '@chengguan/contracts';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_ljz_01', 'pd_ljz_leader', 'qp_zjj_01', 'qp_zjj_leader'];
let pointId: string;
let shopId: string;

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T11:00:00.000Z'); // 19:00 in Shanghai
  for (const u of USERS) tokens[u] = await ctx.login(u);
  const subject = (kind: string, name: string) =>
    ok<{ id: string }>(
      call('pd_ljz_01', 'POST', '/api/v1/subjects', {
        kind,
        name,
        address: '上海市浦东新区陆家嘴环路500号',
        point: { lon: 121.505, lat: 31.238, crs: 'wgs84' },
      }),
      201,
    );
  pointId = (await subject('stall_point', '测试夜市特色点')).id;
  shopId = (await subject('residential_compound', '测试小区')).id;
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const stall = () => ({
  subjectId: pointId,
  pointType: 'featured',
  opensAt: '18:00',
  closesAt: '02:00',
  capacity: 40,
  rules: '限定区域经营，22点后不得外放音响，收摊清场',
});

describe('stall points', () => {
  it('registered, approved by the leader only, supervised; other districts and other subjects refused', async () => {
    const saved = await ok<StallPoint>(call('pd_ljz_01', 'PUT', '/api/v1/stall-points', stall()));
    expect(saved).toMatchObject({ state: 'proposed', pointType: 'featured', openNow: false });
    const notStall = await call('pd_ljz_01', 'PUT', '/api/v1/stall-points', { ...stall(), subjectId: shopId });
    expect(errorBody(notStall)).toMatchObject({ code: 'SUBJECT_INVALID', field: 'subjectId' });
    expect((await call('qp_zjj_01', 'PUT', '/api/v1/stall-points', stall())).statusCode).toBe(404);
    expect((await call('pd_ljz_01', 'POST', `/api/v1/stall-points/${pointId}/steps`, { action: 'approve' })).statusCode).toBe(403);
    expect((await call('qp_zjj_leader', 'POST', `/api/v1/stall-points/${pointId}/steps`, { action: 'approve' })).statusCode).toBe(404);
    expect((await ctx.api('GET', '/api/public/stall-points')).json()).toEqual([]);
    const approved = await ok<StallPoint>(call('pd_ljz_leader', 'POST', `/api/v1/stall-points/${pointId}/steps`, { action: 'approve' }));
    expect(approved).toMatchObject({ state: 'approved', openNow: true });
    const visited = await ok<StallPoint>(call('pd_ljz_01', 'POST', `/api/v1/stall-points/${pointId}/steps`, { action: 'supervise' }));
    expect(visited.supervisions).toBe(1);
    const list = await ok<PageOf<StallPoint>>(call('pd_ljz_01', 'GET', '/api/v1/stall-points?pointType=featured'));
    expect(list.items.map((p) => p.id)).toEqual([pointId]);
    expect((await ok<PageOf<StallPoint>>(call('qp_zjj_01', 'GET', '/api/v1/stall-points'))).total).toBe(0);
    expect((await call('pd_ljz_01', 'GET', '/api/v1/stall-points/export.xlsx')).statusCode).toBe(200);
    const bad = await call('pd_ljz_01', 'PUT', '/api/v1/stall-points', { ...stall(), opensAt: '25:00' });
    expect(bad.statusCode).toBe(400);
  });

  it('the public map without login, and a complaint about a point becomes a ticket at its place', async () => {
    const map = await ok<PublicStallPoint[]>(ctx.api('GET', '/api/public/stall-points?pointType=featured'));
    expect(map.map((p) => p.id)).toEqual([pointId]);
    expect(map[0]).toMatchObject({ opensAt: '18:00', closesAt: '02:00', capacity: 40, openNow: true });
    expect((await ok<PublicStallPoint[]>(ctx.api('GET', '/api/public/stall-points?pointType=outdoor'))).length).toBe(0);

    const complaint = { categoryCode: 'SR04', content: '夜市摊位占用盲道，噪声扰民', contactConsent: true };
    const anon = await ctx.api('POST', `/api/portal/citizen/stall-points/${pointId}/complaints`, {
      body: complaint,
      headers: { origin: OWN_ORIGIN },
    });
    expect(anon.statusCode).toBe(401);
    const phone = '13900001818';
    await ctx.api('POST', '/api/portal/citizen/code', { body: { phone } });
    const m = await ctx.deps.db.selectFrom('messages').select('text').where('to_address', '=', phone).executeTakeFirstOrThrow();
    const s = await ctx.api('POST', '/api/portal/citizen/session', { body: { phone, code: /验证码为 (\d{6})/.exec(m.text)![1] } });
    const cookie = ([] as string[])
      .concat(s.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('cg_citizen='))!
      .split(';')[0]!;
    const filed = await ok<{ ticketId: string; ticketNumber: string }>(
      ctx.api('POST', `/api/portal/citizen/stall-points/${pointId}/complaints`, {
        body: complaint,
        headers: { cookie, origin: OWN_ORIGIN },
      }),
      201,
    );
    const t = await ctx.deps.db
      .selectFrom('tickets')
      .select(['channel', 'content', 'point_lon'])
      .where('id', '=', filed.ticketId)
      .executeTakeFirstOrThrow();
    expect(t.channel).toBe('portal');
    expect(t.content).toMatch(/测试夜市特色点/);
    expect(t.point_lon).toBeCloseTo(121.505, 3);
    const unknown = await ctx.api('POST', `/api/portal/citizen/stall-points/${shopId}/complaints`, {
      body: complaint,
      headers: { cookie, origin: OWN_ORIGIN },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
