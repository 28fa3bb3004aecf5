// 综合指挥 through the API (docs/coordination.md): partner departments as data, the partner role's own accounts, the
// inbound joint order of the seed (交警拦停渣土车 → 派单 → 中队接单、处置反馈 → 交警确认) with its clock and a late
// report, the outbound order from a ticket, returns and send-backs with their reasons, the list, filters and export;
// a coordinated action across squads with per-squad progress; the 移送 step recorded with its letter; and the forbidden
// paths — another district, a squad outside the commander's scope, a role that may not, another partner's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDocumentsAnswer,
  JointActionDetail,
  JointOrderDetail,
  JointOrderSummary,
  PageOf,
  PartnerUnit,
  TicketDetail,
} from '@chengguan/contracts';
import { scanJointOrderAlerts } from '../src/modules/coordination/index.ts';
import { caseKit, jpeg, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { pdfText } from './pdf-text.ts';

let ctx: TestContext;
let kit: CaseKit;
const tokens: Record<string, string> = {};
const USERS = ['pd_command', 'qp_command', 'pd_ljz_01', 'pd_ljz_leader', 'pd_hm_01', 'pd_super', 'pd_admin', 'qp_admin'];
const JJ = '0190a000-0000-7000-8000-000000000441'; // 市交警总队 (migration 044)
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
let org: (key: string) => string;

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
const step = (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
  call(user, 'POST', `/api/v1/joint-orders/${id}/${action}`, body);

/** An account of the partner role made by the district administrator and linked to a unit. */
async function partnerAccount(username: string, unitId: string, admin = 'pd_admin', orgKey = 'pd'): Promise<void> {
  const made = await ok<{ id: string }>(
    call(admin, 'POST', '/api/v1/officers', {
      orgId: org(orgKey),
      name: `联络员${username.slice(-2)}`,
      employeeNo: username.replace(/_/g, '-'),
      roles: ['partner'],
      username,
      password: 'Partner#2026-jj!',
    }),
    201,
  );
  await ok(call(admin, 'POST', `/api/v1/partner-units/${unitId}/accounts`, { officerId: made.id }));
  tokens[username] = await ctx.login(username, 'Partner#2026-jj!');
}

const muckTruck = (extra: Record<string, unknown> = {}) => ({
  orgId: org('pd-ljz'),
  category: 'muck_truck',
  title: '渣土车未密闭运输',
  content: '交警在世纪大道拦停一辆渣土车，车厢未密闭、沿途撒漏，移交城管处置',
  address: '上海市浦东新区世纪大道100号',
  point: LJZ,
  vehiclePlate: '沪D12345',
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00.000Z');
  kit = await caseKit(ctx);
  org = kit.orgId;
  for (const u of USERS) tokens[u] = await ctx.login(u);
  await partnerAccount('pd_jj_01', JJ);
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('partner departments', () => {
  it('lists the city-wide units; a bureau adds its own with its limits; bad limits name the field', async () => {
    const units = await ok<PartnerUnit[]>(call('pd_command', 'GET', '/api/v1/partner-units'));
    expect(units.find((u) => u.id === JJ)).toMatchObject({ kind: 'traffic_police', acceptHours: 24, handleDays: 10, ownLimits: false });
    const bad = await call('pd_admin', 'POST', '/api/v1/partner-units', {
      code: 'PD-FG',
      name: '浦东新区房管局',
      kind: 'housing',
      acceptHours: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('acceptHours');
    const own = await ok<PartnerUnit>(
      call('pd_admin', 'POST', '/api/v1/partner-units', {
        code: 'PD-FG',
        name: '浦东新区房管局',
        kind: 'housing',
        acceptHours: 4,
        handleDays: 5,
      }),
      201,
    );
    expect(own).toMatchObject({ bureauId: org('pd'), acceptHours: 4, handleDays: 5, ownLimits: true });
    // 青浦 does not see 浦东's own unit; a commander may not configure units.
    expect((await ok<PartnerUnit[]>(call('qp_command', 'GET', '/api/v1/partner-units'))).some((u) => u.id === own.id)).toBe(false);
    expect((await call('pd_command', 'POST', '/api/v1/partner-units', { code: 'X-1', name: '某部门', kind: 'other' })).statusCode).toBe(
      403,
    );
    // A partner account sees only its own unit.
    expect((await ok<PartnerUnit[]>(call('pd_jj_01', 'GET', '/api/v1/partner-units'))).map((u) => u.id)).toEqual([JJ]);
  });
});

describe('joint work orders', () => {
  it('5.1.13 the seed flow: 交警 dispatch → the squad accepts, reports with result and photo → 交警 confirms', async () => {
    const o = await ok<JointOrderDetail>(call('pd_jj_01', 'POST', '/api/v1/joint-orders', muckTruck()), 201);
    expect(o).toMatchObject({ direction: 'inbound', state: 'dispatched', partnerId: JJ, orgId: org('pd-ljz'), side: 'originator' });
    expect(o.allowedActions).toEqual(['cancel']);
    // I5: CD(10) from the day after dispatch (2026-03-02 Shanghai) → 03-12 24:00 Shanghai.
    expect(o.handle.dueAt).toBe('2026-03-12T16:00:00.000Z');
    expect(o.accept).toMatchObject({ dueAt: '2026-03-03T02:00:00.000Z', status: 'running' });
    // The partner may not accept its own order; the squad may not confirm.
    expect((await step('pd_jj_01', o.id, 'accept')).statusCode).toBe(403);
    const seen = await ok<JointOrderDetail>(call('pd_ljz_01', 'GET', `/api/v1/joint-orders/${o.id}`));
    expect(seen.allowedActions).toEqual(['accept', 'return']);
    await ok(step('pd_ljz_01', o.id, 'accept'));
    const noResult = await step('pd_ljz_01', o.id, 'report', {});
    expect(noResult.statusCode).toBe(400);
    expect(errorBody(noResult).field).toBe('resultText');
    const photo = await kit.upload('pd_ljz_01', jpeg('muck'));
    ctx.clock.set('2026-03-13T01:00:00.000Z'); // after the limit: accepted, flagged late
    tokens.pd_ljz_01 = await ctx.login('pd_ljz_01');
    tokens.pd_jj_01 = await ctx.login('pd_jj_01', 'Partner#2026-jj!');
    const reported = await ok<JointOrderDetail>(
      step('pd_ljz_01', o.id, 'report', { resultText: '已责令当事人清理撒漏，车辆密闭后放行，拟立案查处', photoSm3s: [photo] }),
    );
    expect(reported).toMatchObject({ state: 'reported', resultPhotos: [photo] });
    // The photo is read through the order: by either side, not by another district, not a file the order does not name.
    const photoRead = await call('pd_jj_01', 'GET', `/api/v1/joint-orders/${o.id}/photos/${photo}`);
    expect(photoRead.statusCode, photoRead.body).toBe(200);
    expect(photoRead.rawPayload.equals(jpeg('muck'))).toBe(true);
    expect((await call('pd_ljz_01', 'GET', `/api/v1/joint-orders/${o.id}/photos/${'0'.repeat(64)}`)).statusCode).toBe(404);
    tokens.qp_command = await ctx.login('qp_command');
    expect((await call('qp_command', 'GET', `/api/v1/joint-orders/${o.id}/photos/${photo}`)).statusCode).toBe(404);
    expect(reported.handle.status).toBe('late');
    expect(reported.events.at(-1)).toMatchObject({ action: 'report', late: true });
    const confirmed = await ok<JointOrderDetail>(step('pd_jj_01', o.id, 'confirm'));
    expect(confirmed.state).toBe('confirmed');
    expect(confirmed.events.map((e) => e.action)).toEqual(['dispatch', 'accept', 'report', 'confirm']);
    // Twice is a conflict, not a second confirmation.
    expect((await step('pd_jj_01', o.id, 'confirm')).statusCode).toBe(409);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', o.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'jointOrder.accept',
      'jointOrder.confirm',
      'jointOrder.create',
      'jointOrder.report',
    ]);
    ctx.clock.set('2026-03-02T02:00:00.000Z');
    for (const u of USERS) tokens[u] = await ctx.login(u);
    tokens.pd_jj_01 = await ctx.login('pd_jj_01', 'Partner#2026-jj!');
  });

  it('a return and a send-back need their reasons; a returned order is dispatched again with new clocks', async () => {
    const o = await ok<JointOrderDetail>(call('pd_jj_01', 'POST', '/api/v1/joint-orders', muckTruck({ vehiclePlate: '沪D54321' })), 201);
    const noReason = await step('pd_ljz_leader', o.id, 'return', {});
    expect(noReason.statusCode).toBe(400);
    expect(errorBody(noReason).field).toBe('reason');
    const returned = await ok<JointOrderDetail>(step('pd_ljz_leader', o.id, 'return', { reason: '拦停点位于花木街道辖区' }));
    expect(returned).toMatchObject({ state: 'returned', returnReason: '拦停点位于花木街道辖区' });
    expect(returned.accept.status).toBe('stopped');
    const again = await ok<JointOrderDetail>(step('pd_jj_01', o.id, 'redispatch', { reason: '已核实点位，请陆家嘴中队处置' }));
    expect(again.state).toBe('dispatched');
    await ok(step('pd_ljz_01', o.id, 'accept'));
    await ok(step('pd_ljz_01', o.id, 'report', { resultText: '已处置' }));
    const back = await ok<JointOrderDetail>(step('pd_jj_01', o.id, 'reject', { reason: '未附照片' }));
    expect(back.state).toBe('accepted');
  });

  it('an outbound order comes from a ticket; the partner handles it and the bureau confirms', async () => {
    const ticket = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', {
        channel: 'hotline_12345',
        externalNo: 'SH12345-J001',
        categoryCode: 'SR04',
        content: '工地夜间渣土车进出，道路撒漏',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: LJZ,
      }),
      201,
    );
    const o = await ok<JointOrderDetail>(
      call('pd_command', 'POST', '/api/v1/joint-orders', {
        partnerId: JJ,
        orgId: org('pd-ljz'),
        category: 'muck_truck',
        title: '请交警协查渣土车',
        content: '夜间渣土车撒漏，请协查车辆',
        ticketId: ticket.id,
      }),
      201,
    );
    expect(o).toMatchObject({ direction: 'outbound', ticketId: ticket.id, ticketNumber: ticket.number, side: 'originator' });
    await ok(step('pd_jj_01', o.id, 'accept'));
    await ok(step('pd_jj_01', o.id, 'report', { resultText: '已查实车辆并告知运输企业' }));
    expect((await ok<JointOrderDetail>(step('pd_command', o.id, 'confirm'))).state).toBe('confirmed');
    // A ticket of another district is not found.
    const qp = await call('qp_command', 'POST', '/api/v1/joint-orders', {
      partnerId: JJ,
      orgId: org('qp-zjj'),
      category: 'other',
      title: '协查',
      content: '协查车辆',
      ticketId: ticket.id,
    });
    expect(qp.statusCode).toBe(404);
    expect(errorBody(qp).field).toBe('ticketId');
  });

  it('overdue alerts: not accepted, then not reported, by the limit — the squad’s leaders are told once per limit', async () => {
    const o = await ok<JointOrderDetail>(call('pd_jj_01', 'POST', '/api/v1/joint-orders', muckTruck({ vehiclePlate: '沪D77777' })), 201);
    const row = await ctx.deps.db.selectFrom('joint_orders').selectAll().where('id', '=', o.id).executeTakeFirstOrThrow();
    const leaders = await ctx.deps.db
      .selectFrom('officers as f')
      .innerJoin('officer_roles as r', 'r.officer_id', 'f.id')
      .select(['f.id', 'f.phone'])
      .distinct()
      .where('f.org_id', '=', org('pd-ljz'))
      .where('r.role', '=', 'squad_leader')
      .where('f.active', '=', true)
      .execute();
    expect(leaders.length).toBeGreaterThan(0);
    const withPhone = leaders.filter((l) => /^1\d{10}$/.test((l.phone ?? '').replace(/[\s-]/g, ''))).length;
    const told = async () => ({
      alerts: await ctx.deps.db
        .selectFrom('joint_order_alerts')
        .select(['clock', 'recipients', 'sms'])
        .where('order_id', '=', o.id)
        .orderBy('clock')
        .execute(),
      inbox: (
        await ctx.deps.db
          .selectFrom('console_messages')
          .select('recipient_id')
          .where('dedupe_key', 'like', `joint-order-alert:${o.id}:%`)
          .execute()
      ).length,
      sms: (await ctx.deps.db.selectFrom('messages').select('id').where('text', 'like', `%联合工单${o.number}%`).execute()).length,
    });
    const at = (d: Date | string, minutes: number) => new Date(new Date(d).getTime() + minutes * 60_000);

    await scanJointOrderAlerts(ctx.deps, at(row.accept_due_at, -1));
    expect(await told()).toEqual({ alerts: [], inbox: 0, sms: 0 });
    await scanJointOrderAlerts(ctx.deps, at(row.accept_due_at, 1));
    expect(await told()).toEqual({
      alerts: [{ clock: 'accept', recipients: leaders.length, sms: withPhone }],
      inbox: leaders.length,
      sms: withPhone,
    });
    await scanJointOrderAlerts(ctx.deps, at(row.accept_due_at, 2)); // a rerun sends nothing
    expect((await told()).inbox).toBe(leaders.length);

    // Accepted late; the handling limit passes without a report: one more alert, once.
    await ok(step('pd_ljz_leader', o.id, 'accept'));
    await scanJointOrderAlerts(ctx.deps, at(row.handle_due_at, 1));
    await scanJointOrderAlerts(ctx.deps, at(row.handle_due_at, 30));
    const after = await told();
    expect(after.alerts.map((a) => a.clock)).toEqual(['accept', 'handle']);
    expect(after).toMatchObject({ inbox: 2 * leaders.length, sms: 2 * withPhone });
    const inbox = await ok<PageOf<{ title: string; link: string | null }>>(call('pd_ljz_leader', 'GET', '/api/v1/inbox?pageSize=50'));
    expect(inbox.items.filter((m) => m.link === `/joint-orders/${o.id}`).map((m) => m.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('接单时限'), expect.stringContaining('处置反馈时限')]),
    );
  });

  it('forbidden paths: another district, another partner, a role that may not, a squad beyond a partner account', async () => {
    const o = await ok<JointOrderDetail>(call('pd_jj_01', 'POST', '/api/v1/joint-orders', muckTruck({ vehiclePlate: '沪D00001' })), 201);
    expect((await call('qp_command', 'GET', `/api/v1/joint-orders/${o.id}`)).statusCode).toBe(404);
    expect((await step('qp_command', o.id, 'accept')).statusCode).toBe(404);
    expect((await step('pd_hm_01', o.id, 'accept')).statusCode).toBe(404); // another squad of the same district
    expect((await step('pd_super', o.id, 'accept')).statusCode).toBe(403); // a supervisor reads, does not act
    expect((await ok<JointOrderDetail>(call('pd_super', 'GET', `/api/v1/joint-orders/${o.id}`))).allowedActions).toEqual([]);
    // Another partner unit's account does not see 交警's orders.
    await partnerAccount('pd_fg_01', '0190a000-0000-7000-8000-000000000442');
    expect((await call('pd_fg_01', 'GET', `/api/v1/joint-orders/${o.id}`)).statusCode).toBe(404);
    expect((await ok<PageOf<JointOrderSummary>>(call('pd_fg_01', 'GET', '/api/v1/joint-orders'))).total).toBe(0);
    // A partner account of 浦东 may not dispatch to a 青浦 squad; a partner role reads no cases.
    const far = await call('pd_jj_01', 'POST', '/api/v1/joint-orders', muckTruck({ orgId: org('qp-zjj') }));
    expect(far.statusCode).toBe(404);
    expect(errorBody(far).field).toBe('orgId');
    expect((await call('pd_jj_01', 'GET', '/api/v1/cases')).statusCode).toBe(403);
  });

  it('the list filters and pages on the server and exports to Excel', async () => {
    const all = await ok<PageOf<JointOrderSummary>>(call('pd_command', 'GET', '/api/v1/joint-orders?pageSize=2'));
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(4);
    const plate = await ok<PageOf<JointOrderSummary>>(
      call('pd_command', 'GET', `/api/v1/joint-orders?q=${encodeURIComponent('沪D54321')}`),
    );
    expect(plate.items.map((i) => i.vehiclePlate)).toEqual(['沪D54321']);
    const outbound = await ok<PageOf<JointOrderSummary>>(
      call('pd_command', 'GET', '/api/v1/joint-orders?direction=outbound&state=confirmed'),
    );
    expect(outbound.total).toBe(1);
    expect((await ok<PageOf<JointOrderSummary>>(call('qp_command', 'GET', '/api/v1/joint-orders'))).total).toBe(0);
    const x = await call('pd_command', 'GET', '/api/v1/joint-orders/export.xlsx?direction=inbound');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('coordinated actions (街镇统一指挥)', () => {
  const window = { startsAt: '2026-03-02T12:00:00.000Z', endsAt: '2026-03-02T16:00:00.000Z' };
  it('JA2 the commander launches an action over squads and a partner; each reports; the page shows the progress', async () => {
    const a = await ok<JointActionDetail>(
      call('pd_command', 'POST', '/api/v1/joint-actions', {
        title: '陆家嘴地区夜间渣土运输联合整治',
        objective: '查处渣土车未密闭运输、沿途撒漏',
        area: '世纪大道—浦东南路沿线',
        ...window,
        tasks: [
          { orgId: org('pd-ljz'), task: '世纪大道沿线设卡检查' },
          { orgId: org('pd-hm'), task: '花木路沿线巡查' },
          { partnerId: JJ, task: '配合拦停车辆' },
        ],
      }),
      201,
    );
    expect(a.progress).toEqual({ total: 3, reported: 0, percent: 0, overdue: 0 });
    const ljzTask = a.tasks.find((t) => t.orgId === org('pd-ljz'))!;
    const hmTask = a.tasks.find((t) => t.orgId === org('pd-hm'))!;
    // The 陆家嘴 squad sees the action and may report only its own task.
    const seen = await ok<JointActionDetail>(call('pd_ljz_leader', 'GET', `/api/v1/joint-actions/${a.id}`));
    expect(seen.tasks.filter((t) => t.canReport).map((t) => t.id)).toEqual([ljzTask.id]);
    expect(
      (await call('pd_ljz_leader', 'POST', `/api/v1/joint-actions/${a.id}/tasks/${hmTask.id}/report`, { reportText: '代报' })).statusCode,
    ).toBe(404);
    await ok(
      call('pd_ljz_leader', 'POST', `/api/v1/joint-actions/${a.id}/tasks/${ljzTask.id}/report`, {
        reportText: '检查车辆12辆，查处2起',
        foundCount: 12,
        handledCount: 2,
      }),
    );
    const jjTask = a.tasks.find((t) => t.partnerId === JJ)!;
    const byPartner = await ok<JointActionDetail>(
      call('pd_jj_01', 'POST', `/api/v1/joint-actions/${a.id}/tasks/${jjTask.id}/report`, { reportText: '拦停车辆5辆' }),
    );
    expect(byPartner.progress).toMatchObject({ total: 3, reported: 2, percent: 67 });
    expect(
      (await call('pd_ljz_leader', 'POST', `/api/v1/joint-actions/${a.id}/tasks/${ljzTask.id}/report`, { reportText: '再报' })).statusCode,
    ).toBe(409);
    // Ending before every squad reported needs a summary; then completed.
    const early = await call('pd_command', 'POST', `/api/v1/joint-actions/${a.id}/complete`, {});
    expect(early.statusCode).toBe(400);
    expect(errorBody(early).field).toBe('summary');
    expect((await call('pd_ljz_leader', 'POST', `/api/v1/joint-actions/${a.id}/complete`, { summary: 'x' })).statusCode).toBe(404);
    const done = await ok<JointActionDetail>(
      call('pd_command', 'POST', `/api/v1/joint-actions/${a.id}/complete`, { summary: '花木中队临时调往进博会保障' }),
    );
    expect(done.state).toBe('completed');
    const list = await ok<PageOf<{ id: string }>>(call('pd_hm_01', 'GET', '/api/v1/joint-actions'));
    expect(list.items.map((i) => i.id)).toContain(a.id);
  });

  it('forbidden paths: a squad outside the commander’s scope, another district, a role that may not command', async () => {
    const body = (tasks: unknown[]) => ({ title: '联合整治', objective: '整治设摊', area: '陆家嘴', ...window, tasks });
    // A squad leader commands only within his squad.
    const outside = await call('pd_ljz_leader', 'POST', '/api/v1/joint-actions', body([{ orgId: org('pd-hm'), task: '巡查' }]));
    expect(outside.statusCode).toBe(404);
    expect(errorBody(outside).field).toBe('tasks[0].orgId');
    const other = await call('qp_command', 'POST', '/api/v1/joint-actions', body([{ orgId: org('pd-ljz'), task: '巡查' }]));
    expect(other.statusCode).toBe(404);
    expect((await call('pd_ljz_01', 'POST', '/api/v1/joint-actions', body([{ orgId: org('pd-ljz'), task: '巡查' }]))).statusCode).toBe(403);
    const own = await ok<JointActionDetail>(
      call('pd_ljz_leader', 'POST', '/api/v1/joint-actions', body([{ orgId: org('pd-ljz'), task: '巡查' }])),
      201,
    );
    expect((await call('qp_command', 'GET', `/api/v1/joint-actions/${own.id}`)).statusCode).toBe(404);
    const bad = await call('pd_command', 'POST', '/api/v1/joint-actions', {
      ...body([{ orgId: org('pd-ljz'), task: '巡查' }]),
      endsAt: window.startsAt,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('endsAt');
  });
});

describe('移送 (case transfer to another region)', () => {
  it('C5 the case machine’s transfer step issues the numbered 移送函 and the transfer is recorded with its receiving authority', async () => {
    const c = await kit.register();
    const done = await kit.ok('pd_ljz_leader', c.id, 'transfer', {
      date: '2026-03-02',
      kind: 'other_agency',
      receivingBody: '苏州市吴江区综合行政执法局',
      reason: '违法倾倒建筑垃圾行为发生地位于江苏省苏州市吴江区（长三角毗邻区域）',
      legalBasis: '《中华人民共和国行政处罚法》第二十二条；《上海市城市管理行政执法条例》第二十八条',
    });
    expect(done.state).toBe('transferred');
    const row = await ctx.deps.db.selectFrom('transfers').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ receiving_body: '苏州市吴江区综合行政执法局', kind: 'other_agency', bureau_id: org('pd') });
    expect(row.letter_number).toMatch(/移字/);
    // The signed 移送函 PDF, issued in the step: receiving authority, reason, basis and the facts.
    const docs = await ok<CaseDocumentsAnswer>(ctx.api('GET', `/api/v1/cases/${c.id}/documents`, { token: kit.tokens.pd_ljz_01! }));
    const letter = docs.issued.find((d) => d.kind === 'transfer_letter')!;
    expect(letter.number).toBe(row.letter_number);
    expect(docs.stage.find((d) => d.kind === 'transfer_letter')).toMatchObject({ made: true, source: 'step' });
    const pdf = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/documents/${letter.id}/pdf`,
      headers: { authorization: `Bearer ${kit.tokens.pd_ljz_01!}` },
    });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    for (const part of [
      '案件移送函',
      '苏州市吴江区综合行政执法局',
      '长三角毗邻区域',
      '第二十二条',
      c.facts.replace(/\s+/g, '').slice(0, 10),
    ]) {
      expect(text).toContain(part);
    }
  });
});
