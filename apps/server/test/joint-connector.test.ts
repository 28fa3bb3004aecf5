// Issue 13's remaining pieces through the API: the Open311 key list paged and filtered on the server with its Excel
// export; the overdue SMS to the squad's leaders and the handling officer, once per ticket and limit; a partner's
// system filing joint orders through the signed connector (the contract, against the local simulator) and getting
// the steps back; a ticket made from a joint order, linked both ways; and the forbidden paths (another district, a
// role that may not, a partner account).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JointOrderDetail, Open311Key, PageOf, PartnerConnectorStatus, TicketDetail } from '@chengguan/contracts';
import { failNextPartnerAnswers, setPartnerTransport, simulatorCallbacks } from '../src/modules/coordination/index.ts';
import { buildModules } from '../src/platform/build-modules.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { scanTicketAlerts } from '../src/modules/tickets/index.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { partnerConnectorContract } from './partner-connector.contract.ts';

const SECRET = 'c'.repeat(64);
const JJ = '0190a000-0000-7000-8000-000000000441'; // 市交警总队 (migration 044), code SH-JJ
const LJZ = { lon: 121.51, lat: 31.235 };
let ctx: TestContext;
/** Each user's token and the instant he logged in at: logged in when first needed, again once the clock moved on. */
const tokens = new Map<string, { token: string; at: number }>();
async function tokenOf(user: string): Promise<string> {
  const now = ctx.clock.now().getTime();
  const kept = tokens.get(user);
  if (kept && Math.abs(now - kept.at) < 10 * 60_000) return kept.token;
  const token = await ctx.login(user);
  tokens.set(user, { token, at: now });
  return token;
}

const call = async (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: await tokenOf(user), ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
async function at(instant: string | Date): Promise<void> {
  ctx.clock.set(instant);
}
const runJobs = async (later = false) => {
  if (later) ctx.clock.advance(3600_000);
  const handlers = buildModules(ctx.deps).jobHandlers;
  await runDueJobs(ctx.deps, { 'partner.connector.send': handlers['partner.connector.send']! }, 'test-worker', 100);
};
/** The simulator plays 交警 filing an order at 陆家嘴 (queued, then delivered by the worker's pass). */
async function playOrder(): Promise<{ id: string; number: string; partnerOrderNo: string }> {
  const queued = await ok<{ partnerOrderNo: string }>(
    call('pd_command', 'POST', '/api/v1/partner-connector/simulator/orders', { partnerId: JJ, orgId: ctx.seed.ids.orgs.get('pd-ljz')! }),
    202,
  );
  const handlers = buildModules(ctx.deps).jobHandlers;
  await runDueJobs(ctx.deps, { 'partner.simulator.file': handlers['partner.simulator.file']! }, 'test-worker', 100);
  return { ...(await orderByPartnerNo(queued.partnerOrderNo)), partnerOrderNo: queued.partnerOrderNo };
}
const orderByPartnerNo = (no: string) =>
  ctx.deps.db.selectFrom('joint_orders').select(['id', 'number']).where('partner_order_no', '=', no).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext({ env: { PARTNER_CONNECTOR: 'simulator', PARTNER_CONNECTOR_SECRET: SECRET } });
  setPartnerTransport(async (url, headers, body) => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: new URL(url).pathname,
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });
    return { status: r.statusCode, body: r.body };
  });
  await at('2026-03-02T02:00:00.000Z');
}, 240_000);
afterAll(async () => {
  setPartnerTransport(null);
  await ctx?.close();
});

partnerConnectorContract('local simulator', {
  ctx: () => ctx,
  secret: () => SECRET,
  order: () => ({
    partnerCode: 'SH-JJ',
    unitCode: '310115',
    category: 'muck_truck',
    title: '渣土车未密闭运输',
    content: '执勤民警在陆家嘴环路拦停一辆渣土车，车厢未密闭、沿途撒漏，移交城管处置',
    address: '上海市浦东新区陆家嘴环路1000号',
    ...LJZ,
    vehiclePlate: '沪D12345',
  }),
  step: async (no, action) => {
    const o = await orderByPartnerNo(no);
    const body = action === 'report' ? { resultText: '已责令驾驶员清理撒漏路面，车辆加装密闭盖板后放行，立案调查' } : {};
    await ok(call('pd_ljz_leader', 'POST', `/api/v1/joint-orders/${o.id}/${action}`, body));
  },
  runJobs,
  received: (no) => simulatorCallbacks(ctx.deps, no),
  failNext: failNextPartnerAnswers,
});

describe('the partner connector in the console', () => {
  it('says it is a simulator; the simulator files an order a squad accepts; a partner account and another district cannot play', async () => {
    const status = await ok<PartnerConnectorStatus>(call('pd_command', 'GET', '/api/v1/partner-connector'));
    expect(status).toMatchObject({ enabled: true, simulator: true });
    expect(status.labelZh).toContain('模拟');
    const o = await playOrder();
    const detail = await ok<JointOrderDetail>(call('pd_command', 'GET', `/api/v1/joint-orders/${o.id}`));
    expect(detail).toMatchObject({
      direction: 'inbound',
      partnerOrderNo: o.partnerOrderNo,
      state: 'dispatched',
      orgId: ctx.seed.ids.orgs.get('pd-ljz'),
    });
    expect((await call('qp_command', 'GET', `/api/v1/joint-orders/${o.id}`)).statusCode).toBe(404);
    const qpPlays = await call('qp_command', 'POST', '/api/v1/partner-connector/simulator/orders', {
      partnerId: JJ,
      orgId: ctx.seed.ids.orgs.get('pd-ljz')!,
    });
    expect(qpPlays.statusCode).toBe(404);
    expect(errorBody(qpPlays).field).toBe('orgId');
    expect(
      (
        await call('pd_ljz_01', 'POST', '/api/v1/partner-connector/simulator/orders', {
          partnerId: JJ,
          orgId: ctx.seed.ids.orgs.get('pd-ljz')!,
        })
      ).statusCode,
    ).toBe(403);
  }, 240_000);
});

describe('a ticket from a joint order', () => {
  it('the command centre makes the ticket once; it follows dispatch and clocks; both pages link; forbidden to others', async () => {
    const o = await playOrder();
    const url = `/api/v1/joint-orders/${o.id}/ticket`;
    // A squad leader, another district's centre, a missing category: refused.
    expect((await call('pd_ljz_leader', 'POST', url, { categoryCode: 'SR04' })).statusCode).toBe(403);
    expect((await call('qp_command', 'POST', url, { categoryCode: 'SR04' })).statusCode).toBe(404);
    const badCategory = await call('pd_command', 'POST', url, { categoryCode: 'ZZ99' });
    expect(badCategory.statusCode).toBe(400);
    expect(errorBody(badCategory).field).toBe('categoryCode');
    const made = await ok<JointOrderDetail>(call('pd_command', 'POST', url, { categoryCode: 'SR04' }));
    expect(made.ticketId).not.toBeNull();
    expect(made.events.at(-1)!.note).toContain(made.ticketNumber!);
    const again = await call('pd_command', 'POST', url, { categoryCode: 'SR04' });
    expect(again.statusCode).toBe(409);
    const ticket = await ok<TicketDetail>(call('pd_command', 'GET', `/api/v1/tickets/${made.ticketId}`));
    expect(ticket).toMatchObject({
      channel: 'joint_order',
      externalNo: o.number,
      state: 'received',
      orgId: ctx.seed.ids.orgs.get('pd-ljz'),
    });
    expect(ticket.jointOrders).toEqual([expect.objectContaining({ id: o.id, number: o.number, direction: 'inbound' })]);
    expect(ticket.handling.dueAt).toBeTruthy();
    // The normal dispatch: accept from the queue.
    expect((await ok<TicketDetail>(call('pd_command', 'POST', `/api/v1/tickets/${ticket.id}/accept`, {}))).state).not.toBe('received');
  }, 240_000);
});

describe('overdue alerts by SMS', () => {
  it('texts the squad leader and the handling officer once when the handling limit passes; reruns send nothing', async () => {
    const t = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', {
        channel: 'hotline_12345',
        externalNo: 'SMS-0001',
        categoryCode: 'SR04',
        content: '小区楼下饭店油烟直排，影响居民生活',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: { ...LJZ, crs: 'wgs84' },
        reporterPhone: '13800001111',
      }),
      201,
    );
    const officer = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', 'pd_ljz_01').executeTakeFirstOrThrow())
      .id;
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {}));
    await ok(
      call('pd_command', 'POST', `/api/v1/tickets/${t.id}/dispatch`, { orgId: ctx.seed.ids.orgs.get('pd-ljz'), officerId: officer }),
    );
    await ok(call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/contact`, {}));
    const smsOf = () =>
      ctx.deps.db.selectFrom('messages').select(['to_address', 'text', 'purpose']).where('text', 'like', `%${t.number}%`).execute();
    // Before the limit: no SMS (warnings stay in the console).
    await scanTicketAlerts(ctx.deps, new Date(new Date(t.handling.dueAt).getTime() - 3_600_000));
    expect(await smsOf()).toEqual([]);
    const past = new Date(new Date(t.handling.dueAt).getTime() + 60_000);
    const first = await scanTicketAlerts(ctx.deps, past);
    const phones = await ctx.deps.db
      .selectFrom('officers as o')
      .select('o.phone')
      .where((eb) =>
        eb.or([
          eb('o.id', '=', officer),
          eb(
            'o.id',
            'in',
            eb
              .selectFrom('officer_roles as r')
              .innerJoin('officers as x', 'x.id', 'r.officer_id')
              .select('x.id')
              .where('r.role', '=', 'squad_leader')
              .where('x.org_id', '=', ctx.seed.ids.orgs.get('pd-ljz')!),
          ),
        ]),
      )
      .execute();
    const sent = await smsOf();
    // The scan also texts for the other overdue tickets of the squad (this file's earlier ones).
    expect(first.sms).toBeGreaterThanOrEqual(sent.length);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.map((m) => m.to_address).sort()).toEqual(phones.map((p) => p.phone!.replace(/[\s-]/g, '')).sort());
    expect(sent.every((m) => m.text.includes('超过办结时限') && m.purpose === 'reminder')).toBe(true);
    const rerun = await scanTicketAlerts(ctx.deps, new Date(past.getTime() + 600_000));
    expect(rerun.sms).toBe(0);
    expect(await smsOf()).toHaveLength(sent.length);
  }, 240_000);
});

describe('Open311 partner keys: server paging, filters, export', () => {
  it('pages and filters on the server within the administrator’s jurisdiction; exports; others refused', async () => {
    const pd = ctx.seed.ids.orgs.get('pd')!;
    const made: string[] = [];
    for (const name of ['随手拍甲', '随手拍乙', '市民通丙']) {
      made.push((await ok<{ id: string }>(call('pd_admin', 'POST', '/api/v1/open311-keys', { name, bureauId: pd }), 201)).id);
    }
    await ok(call('pd_admin', 'POST', `/api/v1/open311-keys/${made[2]}/revoke`, {}));
    const page1 = await ok<PageOf<Open311Key>>(call('pd_admin', 'GET', '/api/v1/open311-keys?pageSize=2'));
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page1.items).toHaveLength(2);
    const page2 = await ok<PageOf<Open311Key>>(call('pd_admin', 'GET', '/api/v1/open311-keys?pageSize=2&page=2'));
    expect(page2.items.map((k) => k.id)).not.toContain(page1.items[0]!.id);
    const q = await ok<PageOf<Open311Key>>(call('pd_admin', 'GET', `/api/v1/open311-keys?q=${encodeURIComponent('随手拍')}`));
    expect(q.total).toBe(2);
    const revoked = await ok<PageOf<Open311Key>>(call('pd_admin', 'GET', '/api/v1/open311-keys?status=revoked'));
    expect(revoked.items.map((k) => k.id)).toEqual([made[2]]);
    const active = await ok<PageOf<Open311Key>>(call('pd_admin', 'GET', `/api/v1/open311-keys?status=active&bureauId=${pd}`));
    expect(active.total).toBe(2);
    const bad = await call('pd_admin', 'GET', '/api/v1/open311-keys?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('status');
    const xlsx = await call('pd_admin', 'GET', '/api/v1/open311-keys/export.xlsx?status=active');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await ok<PageOf<Open311Key>>(call('qp_admin', 'GET', '/api/v1/open311-keys'))).total).toBe(0);
    expect((await call('pd_command', 'GET', '/api/v1/open311-keys')).statusCode).toBe(403);
    expect((await call('pd_command', 'GET', '/api/v1/open311-keys/export.xlsx')).statusCode).toBe(403);
  }, 240_000);
});
