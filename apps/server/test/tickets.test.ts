// 诉件处置 through the API: intake from the officer and the command centre (idempotent by the sender's number),
// routing by the squads' service areas, the clocks (I6 on the 调休 calendar), the machine's steps with their
// refusals, extensions, 退单 and reopening, duplicates and merging, repeats, the list, the export and the four rates;
// and the forbidden paths — another district, another squad, a role that may not, a squad outside the scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_ACTION_CODES, type PageOf, type TicketDetail, type TicketRates, type TicketSummary } from '@chengguan/contracts';
import { TICKET_ACTIONS } from '@chengguan/domain';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { PNG_1X1 } from './portal-support.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_command', 'qp_command', 'pd_ljz_01', 'pd_ljz_02', 'pd_ljz_leader', 'pd_hm_01', 'pd_leader', 'pd_super', 'qp_zjj_01'];
// The demo service areas (seed/demo-subjects.ts): 陆家嘴 121.503–121.52 E, 31.228–31.245 N; 花木 121.54–121.575 E.
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
const HM = { lon: 121.55, lat: 31.21, crs: 'wgs84' as const };
const QINGPU = { lon: 121.05, lat: 31.11, crs: 'wgs84' as const };

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const hotline = (externalNo: string, extra: Record<string, unknown> = {}) => ({
  channel: 'hotline_12345',
  externalNo,
  categoryCode: 'SR04',
  content: '小区楼下饭店油烟直排，影响居民生活',
  address: '上海市浦东新区陆家嘴环路1000号',
  point: LJZ,
  reporterName: '王先生',
  reporterPhone: '13800001111',
  ...extra,
});
const step = (user: string, id: string, path: string, body: Record<string, unknown> = {}) =>
  call(user, 'POST', `/api/v1/tickets/${id}/${path}`, body);

/** Puts the clock at an instant and logs everyone in again (a session idles out when the clock jumps). */
async function at(instant: string | Date): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
}
async function advance(ms: number): Promise<void> {
  await at(new Date(ctx.clock.now().getTime() + ms));
}

beforeAll(async () => {
  ctx = await createTestContext();
  await at('2026-03-02T02:00:00.000Z');
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('intake and routing', () => {
  it('I6 a 12345 ticket is routed to the squad whose service area holds its point, with the ordinary limit WD(5)', async () => {
    // 2026-03-02 10:00 Shanghai (a Monday); WD(5) from the next day is 03-09.
    await at('2026-03-02T02:00:00.000Z');
    const t = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0001')), 201);
    expect(t.state).toBe('received');
    expect(t.orgId).toBe(ctx.seed.ids.orgs.get('pd-ljz'));
    expect(t.limitKind).toBe('ordinary');
    expect(t.handlingDueOn).toBe('2026-03-09');
    expect(t.handling.status).toBe('running');
    expect(t.firstContact?.dueAt).toBe('2026-03-03T02:00:00.000Z');
    expect(t.reporterContactVisible).toBe(true);
    expect(t.reporterPhone).toBe('13800001111');
    expect(t.timeline.map((e) => e.action)).toEqual(['intake']);
    expect(t.allowedActions).toEqual(expect.arrayContaining(['accept', 'returnTicket', 'refer', 'merge']));
  });

  it('the same 12345 ticket delivered twice is one ticket', async () => {
    const first = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0002')), 201);
    const again = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0002')), 200);
    expect(again.id).toBe(first.id);
    const n = await ctx.deps.db.selectFrom('tickets').select('id').where('external_no', '=', 'SH12345-0002').execute();
    expect(n).toHaveLength(1);
  });

  it('a point outside the bureau or the city is returned with the reason, naming the field', async () => {
    const outside = await call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0003', { point: QINGPU }));
    expect(outside.statusCode).toBe(422);
    expect(errorBody(outside)).toMatchObject({ code: 'POINT_OUTSIDE_BUREAU', field: 'point' });
    const city = await call(
      'pd_command',
      'POST',
      '/api/v1/tickets',
      hotline('SH12345-0004', { point: { lon: 100, lat: 20, crs: 'wgs84' } }),
    );
    expect(city.statusCode).toBe(422);
    expect(errorBody(city)).toMatchObject({ code: 'POINT_OUTSIDE_CITY', field: 'point' });
    const bad = await call(
      'pd_command',
      'POST',
      '/api/v1/tickets',
      hotline('SH12345-0005', { point: { lon: 'x', lat: 31, crs: 'wgs84' } }),
    );
    expect(bad.statusCode).toBe(400);
    const noCategory = await call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0006', { categoryCode: 'SR' }));
    expect(noCategory.statusCode).toBe(400);
    expect(errorBody(noCategory).field).toBe('categoryCode');
    expect(
      await ctx.deps.db.selectFrom('tickets').select('id').where('external_no', 'in', ['SH12345-0003', 'SH12345-0004']).execute(),
    ).toEqual([]);
  });

  it('an officer files his own discovery with a photo; he may not take in another channel', async () => {
    const up = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { authorization: `Bearer ${tokens.pd_ljz_01}`, 'content-type': 'image/png' },
      payload: Buffer.from(PNG_1X1, 'base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const sm3 = (up.json() as { sm3: string }).sm3;
    const own = await ok<TicketDetail>(
      call('pd_ljz_01', 'POST', '/api/v1/tickets', {
        channel: 'officer',
        categoryCode: 'JM01',
        content: '陆家嘴环路人行道上无证设摊',
        point: LJZ,
        photoSm3s: [sm3],
      }),
      201,
    );
    expect(own.state).toBe('dispatched');
    expect(own.officerName).not.toBeNull();
    expect(own.photoSm3s).toEqual([sm3]);
    expect(own.firstContact).toBeNull();
    const photoless = await call('pd_ljz_01', 'POST', '/api/v1/tickets', {
      channel: 'officer',
      categoryCode: 'JM01',
      content: '无证设摊一处',
      point: LJZ,
      photoSm3s: ['0'.repeat(64)],
    });
    expect(photoless.statusCode).toBe(400);
    expect(errorBody(photoless).field).toBe('photoSm3s[0]');
    const elsewhere = await call('pd_ljz_01', 'POST', '/api/v1/tickets', {
      channel: 'officer',
      categoryCode: 'JM01',
      content: '花木路人行道无证设摊',
      point: HM,
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(errorBody(elsewhere).field).toBe('point');
    const forbidden = await call('pd_ljz_01', 'POST', '/api/v1/tickets', hotline('SH12345-0007'));
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('the machine, its clocks and its refusals', () => {
  it("publishes exactly the domain machine's steps in the contracts", () => {
    expect([...TICKET_ACTION_CODES]).toEqual([...TICKET_ACTIONS]);
  });

  it('received → accepted → dispatched → handling → replied → closed, with first contact and callback, audited', async () => {
    const t = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0100')), 201);
    expect((await step('pd_ljz_01', t.id, 'accept')).statusCode).toBe(403);
    await ok(step('pd_command', t.id, 'accept'));
    const officerId = (await ctx.deps.db.selectFrom('officers').select('id').where('username', '=', 'pd_ljz_01').executeTakeFirstOrThrow())
      .id;
    const dispatched = await ok<TicketDetail>(step('pd_command', t.id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz'), officerId }));
    expect(dispatched.officerId).toBe(officerId);
    await ok(step('pd_ljz_01', t.id, 'start'));
    await advance(3 * 3_600_000);
    const contacted = await ok<TicketDetail>(step('pd_ljz_01', t.id, 'contact'));
    expect(contacted.firstContact?.status).toBe('met');
    const replied = await ok<TicketDetail>(step('pd_ljz_01', t.id, 'reply', { replyText: '已到现场，责令饭店安装油烟净化设施并限期整改' }));
    expect(replied.state).toBe('replied');
    expect(replied.handling.status).toBe('met');
    expect((await step('pd_ljz_01', t.id, 'reply', { replyText: '再次回复内容' })).statusCode).toBe(409);
    await ok(step('pd_command', t.id, 'callback', { resolved: true, satisfaction: 'satisfied' }));
    const closed = await ok<TicketDetail>(step('pd_command', t.id, 'close'));
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e) => e.action)).toEqual([
      'intake',
      'accept',
      'dispatch',
      'startHandling',
      'recordContact',
      'reply',
      'recordCallback',
      'close',
    ]);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', t.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['ticket.create', 'ticket.accept', 'ticket.reply', 'ticket.close']));
  });

  it('I4 退单 needs a reason; the clock stands still while returned and moves on by the paused working days at reopening', async () => {
    await at('2026-03-02T02:00:00.000Z');
    const t = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0200')), 201);
    const noReason = await step('pd_command', t.id, 'return', {});
    expect(noReason.statusCode).toBe(400);
    expect(errorBody(noReason).field).toBe('reason');
    const returned = await ok<TicketDetail>(step('pd_command', t.id, 'return', { reason: '反映的是物业服务纠纷，不属于城管执法职责' }));
    expect(returned.state).toBe('returned');
    expect(returned.handling.status).toBe('paused');
    await advance(2 * 86_400_000);
    const reopened = await ok<TicketDetail>(step('pd_command', t.id, 'reopen', { reason: '热线重新派单，涉及违法搭建' }));
    expect(reopened.state).toBe('received');
    // Received 03-02 (due 03-09); paused over two working days → 03-11.
    expect(reopened.handlingDueOn).toBe('2026-03-11');
  });

  it('I6 督办 shortens the limit to WD(3); an approved extension moves the due date; the requester may not approve his own', async () => {
    const t = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0300', { receivedAt: ctx.clock.now().toISOString() })),
      201,
    );
    const escalated = await ok<TicketDetail>(step('pd_super', t.id, 'escalate', { reason: '热线督办件' }));
    expect(escalated.dispatchLevel).toBe('supervision');
    expect(escalated.limitKind).toBe('supervision');
    await ok(step('pd_command', t.id, 'accept'));
    await ok(step('pd_command', t.id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') }));
    const early = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/extensions`, {
      kind: 'date',
      requestedDue: escalated.handlingDueOn,
      reason: '需要协调房管部门',
    });
    expect(early.statusCode).toBe(400);
    expect(errorBody(early).field).toBe('requestedDue');
    const requested = await ok<TicketDetail>(
      call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/extensions`, { kind: 'complex', reason: '涉及多个部门，需联合处置' }),
    );
    const ext = requested.extensions[0]!;
    expect(ext.status).toBe('pending');
    const twice = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/extensions`, { kind: 'complex', reason: '再次申请' });
    expect(twice.statusCode).toBe(409);
    expect((await call('pd_ljz_01', 'POST', `/api/v1/tickets/${t.id}/extensions/${ext.id}/decision`, { approve: true })).statusCode).toBe(
      403,
    );
    const approved = await ok<TicketDetail>(
      call('pd_command', 'POST', `/api/v1/tickets/${t.id}/extensions/${ext.id}/decision`, { approve: true, note: '同意按复杂事项办理' }),
    );
    expect(approved.limitKind).toBe('complex');
    expect(approved.handlingDueOn > escalated.handlingDueOn).toBe(true);
    expect(approved.extensions[0]!.status).toBe('approved');
  });

  it('a reply after the limit is sent, flagged and counted late', async () => {
    const t = await ok<TicketDetail>(
      call(
        'pd_command',
        'POST',
        '/api/v1/tickets',
        hotline('SH12345-0400', { categoryCode: 'QT01', receivedAt: ctx.clock.now().toISOString() }),
      ),
      201,
    );
    expect(t.limitKind).toBe('consultation');
    await ok(step('pd_command', t.id, 'accept'));
    await ok(step('pd_command', t.id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') }));
    await advance(7 * 86_400_000);
    const listed = await ok<PageOf<TicketSummary>>(call('pd_command', 'GET', '/api/v1/tickets?overdue=true&pageSize=200'));
    expect(listed.items.map((i) => i.id)).toContain(t.id);
    const replied = await ok<TicketDetail>(step('pd_ljz_01', t.id, 'reply', { replyText: '已电话答复诉求人相关政策' }));
    expect(replied.handling.status).toBe('late');
    const event = await ctx.deps.db
      .selectFrom('ticket_events')
      .select('data')
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'reply')
      .executeTakeFirstOrThrow();
    expect((event.data as { late: boolean }).late).toBe(true);
  });
});

describe('duplicates, repeats, list and rates', () => {
  it('proposes an earlier ticket of another channel 20 m away as a duplicate; merging keeps the reporter informed by the parent', async () => {
    const parent = await ok<TicketDetail>(
      call(
        'pd_command',
        'POST',
        '/api/v1/tickets',
        hotline('SH12345-0500', { categoryCode: 'SG01', receivedAt: ctx.clock.now().toISOString() }),
      ),
      201,
    );
    await advance(3_600_000);
    const child = await ok<TicketDetail>(
      call(
        'pd_command',
        'POST',
        '/api/v1/tickets',
        hotline('CY-0500', {
          channel: 'city_ops',
          categoryCode: 'SG01',
          point: { ...LJZ, lon: LJZ.lon + 0.0002 },
          reporterPhone: '13900002222',
        }),
      ),
      201,
    );
    expect(child.duplicates.map((d) => d.id)).toEqual([parent.id]);
    expect(child.duplicates[0]!.distanceMetres).toBeGreaterThan(15);
    expect(child.duplicates[0]!.distanceMetres).toBeLessThan(25);
    const merged = await ok<TicketDetail>(
      step('pd_command', child.id, 'merge', { parentTicketId: parent.id, reason: '同一工地夜间施工噪声的重复来件' }),
    );
    expect(merged.state).toBe('merged');
    expect(merged.parentId).toBe(parent.id);
    await ok(step('pd_command', parent.id, 'accept'));
    await ok(step('pd_command', parent.id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') }));
    const parentPage = await ok<TicketDetail>(step('pd_ljz_01', parent.id, 'reply', { replyText: '已责令工地停止夜间施工' }));
    expect(parentPage.children).toEqual([child.id]);
    expect((await ok<TicketDetail>(call('pd_command', 'GET', `/api/v1/tickets/${child.id}`))).replyText).toBe('已责令工地停止夜间施工');
  });

  it('flags a repeated complaint by the same reporter within 30 days', async () => {
    const again = await ok<TicketDetail>(
      call(
        'pd_command',
        'POST',
        '/api/v1/tickets',
        hotline('SH12345-0600', { address: '浦东新区银城中路8号', receivedAt: ctx.clock.now().toISOString() }),
      ),
      201,
    );
    expect(again.repeated).toBe(true);
    const listed = await ok<PageOf<TicketSummary>>(call('pd_command', 'GET', '/api/v1/tickets?repeated=true&pageSize=200'));
    expect(listed.items.map((i) => i.id)).toContain(again.id);
    expect(listed.items.every((i) => i.reporterPhone === null || i.reporterPhone.includes('*'))).toBe(true);
  });

  it('lists with filters and paging, "my tickets", and the Excel export', async () => {
    const page = await ok<PageOf<TicketSummary>>(call('pd_command', 'GET', '/api/v1/tickets?pageSize=2&page=1'));
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(5);
    const mine = await ok<PageOf<TicketSummary>>(call('pd_ljz_01', 'GET', '/api/v1/tickets?mine=true&pageSize=200'));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.officerName !== null)).toBe(true);
    const xlsx = await call('pd_command', 'GET', '/api/v1/tickets/export.xlsx?open=true');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the four rates over a day: first contact, on time, resolution and satisfaction from the tickets’ facts', async () => {
    // A day no other test uses: 2026-05-11 (Monday) 09:00 Shanghai.
    await at('2026-05-11T01:00:00.000Z');
    const make = async (no: string) =>
      (
        await ok<TicketDetail>(
          call('pd_command', 'POST', '/api/v1/tickets', hotline(no, { categoryCode: 'XC01', reporterPhone: `1370000${no.slice(-4)}` })),
          201,
        )
      ).id;
    const handle = async (id: string) => {
      await ok(step('pd_command', id, 'accept'));
      await ok(step('pd_command', id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') }));
    };
    const a = await make('RATE-0001');
    const b = await make('RATE-0002');
    const c = await make('RATE-0003');
    const d = await make('RATE-0004');
    for (const id of [a, b, c, d]) await handle(id);
    await ok(step('pd_ljz_01', a, 'contact'));
    await ok(step('pd_ljz_01', a, 'reply', { replyText: '已清除小广告并约谈张贴人' }));
    await ok(step('pd_command', a, 'callback', { resolved: true, satisfaction: 'basically_satisfied' }));
    await ok(step('pd_command', d, 'return', { reason: '不属于城管执法职责' }));
    await advance(30 * 3_600_000);
    // b: contacted after 24 hours, replied in time, unsolved and unsatisfied at the callback.
    await ok(step('pd_ljz_01', b, 'contact'));
    await ok(step('pd_ljz_01', b, 'reply', { replyText: '已到现场，张贴人未找到' }));
    await ok(step('pd_command', b, 'callback', { resolved: false, satisfaction: 'unsatisfied' }));
    const r = await ok<TicketRates>(call('pd_leader', 'GET', '/api/v1/ticket-rates?from=2026-05-11&to=2026-05-11'));
    expect(r.received).toBe(3); // d was returned
    expect(r.firstContact).toEqual({ numerator: 1, denominator: 3, percent: 33.33 }); // c: 24 hours gone, no contact
    expect(r.onTime).toEqual({ numerator: 2, denominator: 2, percent: 100 }); // c is not yet due
    expect(r.resolution).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(r.satisfaction).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    await advance(10 * 86_400_000);
    expect((await ok<TicketRates>(call('pd_leader', 'GET', '/api/v1/ticket-rates?from=2026-05-11&to=2026-05-11'))).onTime).toEqual({
      numerator: 2,
      denominator: 3,
      percent: 66.67,
    });
    const qp = await ok<TicketRates>(call('qp_command', 'GET', '/api/v1/ticket-rates?from=2026-05-11&to=2026-05-11'));
    expect(qp.received).toBe(0);
    expect((await call('pd_leader', 'GET', '/api/v1/ticket-rates?from=2026-05-31&to=2026-05-01')).statusCode).toBe(400);
  });
});

describe('forbidden paths', () => {
  let id: string;
  beforeAll(async () => {
    id = (
      await ok<TicketDetail>(
        call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0900', { receivedAt: ctx.clock.now().toISOString() })),
        201,
      )
    ).id;
  });

  it('another district and another squad do not see the ticket (404, as an unknown id)', async () => {
    expect((await call('qp_command', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    expect((await call('qp_zjj_01', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    expect((await call('pd_hm_01', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
    expect((await step('qp_command', id, 'accept')).statusCode).toBe(404);
    const list = await ok<PageOf<TicketSummary>>(call('qp_command', 'GET', '/api/v1/tickets?pageSize=200'));
    expect(list.items).toEqual([]);
  });

  it('a transfer to a squad outside the commander’s scope is refused; a squad leader may not transfer', async () => {
    await ok(step('pd_command', id, 'accept'));
    await ok(step('pd_command', id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-ljz') }));
    const outside = await step('pd_command', id, 'transfer', { orgId: ctx.seed.ids.orgs.get('qp-zjj'), reason: '位于青浦区' });
    expect(outside.statusCode).toBe(404);
    expect(errorBody(outside).field).toBe('orgId');
    expect(
      (await step('pd_ljz_leader', id, 'transfer', { orgId: ctx.seed.ids.orgs.get('pd-hm'), reason: '位于花木街道' })).statusCode,
    ).toBe(403);
    const moved = await ok<TicketDetail>(
      step('pd_command', id, 'transfer', { orgId: ctx.seed.ids.orgs.get('pd-hm'), reason: '点位位于花木街道辖区' }),
    );
    expect(moved.orgId).toBe(ctx.seed.ids.orgs.get('pd-hm'));
    // Now the 花木 officer sees it and the 陆家嘴 officer no longer does.
    expect((await call('pd_hm_01', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(200);
    expect((await call('pd_ljz_02', 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(404);
  });

  it('a squad leader dispatches only inside his squad; an officer may not escalate; a replayed write answers the same', async () => {
    const t = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', hotline('SH12345-0950', { receivedAt: ctx.clock.now().toISOString() })),
      201,
    );
    await ok(step('pd_ljz_leader', t.id, 'accept'));
    const other = await step('pd_ljz_leader', t.id, 'dispatch', { orgId: ctx.seed.ids.orgs.get('pd-hm') });
    expect(other.statusCode).toBe(404);
    expect(errorBody(other).field).toBe('orgId');
    expect((await step('pd_ljz_01', t.id, 'escalate', { reason: '要求督办' })).statusCode).toBe(403);
    const headers = { 'idempotency-key': `ticket-dispatch-${t.id}` };
    const body = { orgId: ctx.seed.ids.orgs.get('pd-ljz') };
    const first = await ctx.api('POST', `/api/v1/tickets/${t.id}/dispatch`, { token: tokens.pd_ljz_leader!, body, headers });
    const again = await ctx.api('POST', `/api/v1/tickets/${t.id}/dispatch`, { token: tokens.pd_ljz_leader!, body, headers });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect((again.json() as TicketDetail).state).toBe('dispatched');
    const dispatches = await ctx.deps.db
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', t.id)
      .where('action', '=', 'dispatch')
      .execute();
    expect(dispatches).toHaveLength(1);
  });

  it('an officer outside the handling squad reads the reporter masked; a leader too', async () => {
    const page = await ok<TicketDetail>(call('pd_leader', 'GET', `/api/v1/tickets/${id}`));
    expect(page.reporterContactVisible).toBe(false);
    expect(page.reporterPhone).toBe('138****1111');
    expect(page.reporterName).toBe('王**');
  });
});
