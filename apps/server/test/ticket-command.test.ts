// 综合指挥 through the API (docs/tickets.md §14): the command centre's queue (order, filters, alerts, export) and map
// (points by clock, service areas, duplicate proposals), the steps taken from it, the overdue alerts raised once per
// clock and due instant with their in-console messages, the city administrator's category editor — and the forbidden
// paths: a role without the command page, another district, a transfer to a squad outside the commander's scope, a
// district administrator editing the city's categories, another officer's message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandMap, CommandQueueItem, InboxPage, PageOf, TicketCategoryAdmin, TicketDetail } from '@chengguan/contracts';
import { scanTicketAlerts } from '../src/modules/tickets/index.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const USERS = ['pd_command', 'qp_command', 'pd_ljz_leader', 'pd_ljz_01', 'pd_leader', 'pd_admin', 'admin', 'qp_zjj_leader'];
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
const T0 = '2026-03-02T02:00:00.000Z'; // Monday 10:00 Shanghai

const call = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: tokens[user]!, ...(body !== undefined ? { body } : {}) });
async function ok<T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}
async function at(instant: string | Date): Promise<void> {
  ctx.clock.set(instant);
  for (const u of USERS) tokens[u] = await ctx.login(u);
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
const squad = (key: string) => ctx.seed.ids.orgs.get(key)!;

beforeAll(async () => {
  ctx = await createTestContext();
  await at(T0);
}, 240_000);
afterAll(async () => ctx?.close());

describe('the queue, the map and the steps from them', () => {
  it('lists tickets to accept first, then by the earliest running clock; filters, pages, exports; forbidden to other roles', async () => {
    const a = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0001')), 201);
    const b = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0002', { categoryCode: 'JM01' })), 201);
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${a.id}/accept`, {}));
    const q = await ok<PageOf<CommandQueueItem>>(call('pd_command', 'GET', '/api/v1/command/queue?open=true&pageSize=50'));
    const ids = q.items.map((i) => i.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(q.items.find((i) => i.id === a.id)!.urgencyAt).toBe(a.firstContact!.dueAt);
    expect(q.items.find((i) => i.id === a.id)!.point).toEqual({ lon: LJZ.lon, lat: LJZ.lat });
    const received = await ok<PageOf<CommandQueueItem>>(call('pd_command', 'GET', '/api/v1/command/queue?state=received&pageSize=1'));
    expect(received.pageSize).toBe(1);
    expect(received.items.every((i) => i.state === 'received')).toBe(true);
    const xlsx = await call('pd_command', 'GET', '/api/v1/command/queue/export.xlsx?open=true');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // The district leader has the page; a squad leader and an officer do not; 青浦's centre sees none of 浦东's tickets.
    expect((await call('pd_leader', 'GET', '/api/v1/command/queue')).statusCode).toBe(200);
    expect((await call('pd_ljz_leader', 'GET', '/api/v1/command/queue')).statusCode).toBe(403);
    expect((await call('pd_ljz_01', 'GET', '/api/v1/command/map')).statusCode).toBe(403);
    const qp = await ok<PageOf<CommandQueueItem>>(call('qp_command', 'GET', '/api/v1/command/queue?pageSize=200'));
    expect(qp.items.map((i) => i.id)).not.toContain(a.id);
    const qpMap = await ok<CommandMap>(call('qp_command', 'GET', '/api/v1/command/map'));
    expect(qpMap.tickets.map((t) => t.id)).not.toContain(a.id);
    expect(qpMap.areas.map((x) => x.orgId)).not.toContain(squad('pd-ljz'));
  });

  it('draws the points by clock, the squads’ areas and the duplicate proposals; merging one keeps the reporters on the parent', async () => {
    await at('2026-03-02T03:00:00.000Z');
    const parent = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0101', { categoryCode: 'JM04' })),
      201,
    );
    await at('2026-03-02T04:00:00.000Z');
    const child = await ok<TicketDetail>(
      call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0102', { categoryCode: 'JM04', point: { ...LJZ, lon: 121.5101 } })),
      201,
    );
    const map = await ok<CommandMap>(call('pd_command', 'GET', '/api/v1/command/map'));
    expect(map.tickets.find((t) => t.id === child.id)!.clock).toBe('received');
    expect(map.areas.map((x) => x.orgId)).toContain(squad('pd-ljz'));
    const dup = map.duplicates.find((d) => d.ticketId === child.id)!;
    expect(dup.parentId).toBe(parent.id);
    expect(dup.distanceMetres).toBeLessThan(50);
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${child.id}/merge`, { parentTicketId: parent.id, reason: '同一地点同一事项' }));
    const after = await ok<CommandMap>(call('pd_command', 'GET', '/api/v1/command/map'));
    expect(after.tickets.map((t) => t.id)).not.toContain(child.id);
    expect(after.duplicates.map((d) => d.ticketId)).not.toContain(child.id);
    expect((await ok<TicketDetail>(call('pd_command', 'GET', `/api/v1/tickets/${parent.id}`))).children).toEqual([child.id]);
  });

  it('accept, transfer (refused outside the scope), return with reason and escalate from the queue', async () => {
    const t = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0201')), 201);
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {}));
    const outside = await call('pd_command', 'POST', `/api/v1/tickets/${t.id}/transfer`, { orgId: squad('qp-zjj'), reason: '位于青浦区' });
    expect(outside.statusCode).toBe(404);
    expect(errorBody(outside).field).toBe('orgId');
    // Another district's commander cannot even see it.
    expect((await call('qp_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {})).statusCode).toBe(404);
    const moved = await ok<TicketDetail>(
      call('pd_command', 'POST', `/api/v1/tickets/${t.id}/transfer`, { orgId: squad('pd-hm'), reason: '点位在花木街道' }),
    );
    expect(moved.orgId).toBe(squad('pd-hm'));
    expect(
      (await ok<TicketDetail>(call('pd_leader', 'POST', `/api/v1/tickets/${t.id}/escalate`, { reason: '群众反复投诉' }))).dispatchLevel,
    ).toBe('supervision');
    const noReason = await call('pd_command', 'POST', `/api/v1/tickets/${t.id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(errorBody(noReason).field).toBe('reason');
    expect((await ok<TicketDetail>(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/return`, { reason: '不属于城管职责' }))).state).toBe(
      'returned',
    );
  });
});

describe('overdue alerts', () => {
  it('warns within the lead and alerts once overdue, once per clock, to the squad leader and the command centre', async () => {
    await at('2026-03-09T02:00:00.000Z');
    const t = await ok<TicketDetail>(call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0301')), 201);
    expect(t.orgId).toBe(squad('pd-ljz'));
    // 21 h later: the 24-hour first contact is within its 4-hour lead.
    const warn = new Date('2026-03-09T23:00:00.000Z');
    const first = await scanTicketAlerts(ctx.deps, warn);
    expect(first.raised).toBeGreaterThanOrEqual(1);
    const again = await scanTicketAlerts(ctx.deps, warn);
    expect(again.raised).toBe(0);
    expect(again.messages).toBe(0);
    const rows = await ctx.deps.db.selectFrom('ticket_alerts').selectAll().where('ticket_id', '=', t.id).execute();
    expect(rows.map((r) => `${r.clock}:${r.threshold}`)).toEqual(['first_contact:warning']);
    // Past the 24 hours: expired, once.
    await scanTicketAlerts(ctx.deps, new Date('2026-03-10T03:00:00.000Z'));
    await scanTicketAlerts(ctx.deps, new Date('2026-03-10T03:10:00.000Z'));
    const after = await ctx.deps.db.selectFrom('ticket_alerts').selectAll().where('ticket_id', '=', t.id).execute();
    expect(after.map((r) => `${r.clock}:${r.threshold}`).sort()).toEqual(['first_contact:expired', 'first_contact:warning']);
    await at('2026-03-10T03:10:00.000Z');
    const leader = await ok<InboxPage>(call('pd_ljz_leader', 'GET', '/api/v1/inbox?unread=true&pageSize=100'));
    const mine = leader.items.filter((m) => m.link === `/tickets/${t.id}`);
    expect(mine.map((m) => m.kind).sort()).toEqual(['ticket.first_contact.expired', 'ticket.first_contact.warning']);
    const centre = await ok<InboxPage>(call('pd_command', 'GET', '/api/v1/inbox?pageSize=100'));
    expect(centre.items.filter((m) => m.link === `/tickets/${t.id}`)).toHaveLength(2);
    const qp = await ok<InboxPage>(call('qp_command', 'GET', '/api/v1/inbox?pageSize=100'));
    expect(qp.items.filter((m) => m.link === `/tickets/${t.id}`)).toHaveLength(0);
    // The queue marks them, and filters on them.
    const alerted = await ok<PageOf<CommandQueueItem>>(call('pd_command', 'GET', '/api/v1/command/queue?alerted=true&pageSize=200'));
    const item = alerted.items.find((i) => i.id === t.id)!;
    expect(item.alerts.map((a) => a.threshold)).toContain('expired');
    // Reading: one's own message only.
    const read = await ok<{ readAt: string | null }>(call('pd_ljz_leader', 'POST', `/api/v1/inbox/${mine[0]!.id}/read`, {}));
    expect(read.readAt).not.toBeNull();
    expect((await call('qp_zjj_leader', 'POST', `/api/v1/inbox/${mine[0]!.id}/read`, {})).statusCode).toBe(404);
    // Contacted: the first-contact clock stops; nothing more is raised on it.
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/accept`, {}));
    await ok(call('pd_command', 'POST', `/api/v1/tickets/${t.id}/contact`, {}));
    const quiet = await ok<PageOf<CommandQueueItem>>(call('pd_command', 'GET', '/api/v1/command/queue?alerted=true&pageSize=200'));
    expect(quiet.items.map((i) => i.id)).not.toContain(t.id);
  });
});

describe('the category editor', () => {
  it('the city administrator creates, edits and disables a category, audited; bad input names the field', async () => {
    const body = {
      code: 'SR06',
      nameZh: '暴露垃圾',
      nameEn: 'Exposed waste',
      parentCode: 'SR',
      defaultLimit: 'ordinary',
      offenceCode: 'SH-LJ-57-2',
    };
    const created = await ok<TicketCategoryAdmin>(call('admin', 'POST', '/api/v1/ticket-categories', body), 201);
    expect(created.limits.map((l) => `${l.dispatchLevel}:${l.workingDays}`)).toEqual(['ordinary:5', 'supervision:3', 'callback_review:3']);
    const dup = await call('admin', 'POST', '/api/v1/ticket-categories', body);
    expect(dup.statusCode).toBe(409);
    expect(errorBody(dup).field).toBe('code');
    const badParent = await call('admin', 'POST', '/api/v1/ticket-categories', { ...body, code: 'XC07', parentCode: 'SR' });
    expect(badParent.statusCode).toBe(400);
    expect(errorBody(badParent).field).toBe('parentCode');
    const badOffence = await call('admin', 'POST', '/api/v1/ticket-categories', { ...body, code: 'SR07', offenceCode: 'NO-SUCH-1' });
    expect(badOffence.statusCode).toBe(400);
    expect(errorBody(badOffence).field).toBe('offenceCode');
    const badCode = await call('admin', 'POST', '/api/v1/ticket-categories', { ...body, code: 'sr8' });
    expect(badCode.statusCode).toBe(400);
    expect(errorBody(badCode).field).toBe('code');
    const edited = await ok<TicketCategoryAdmin>(
      call('admin', 'PATCH', '/api/v1/ticket-categories/SR06', { defaultLimit: 'consultation' }),
    );
    expect(edited.limits[0]).toEqual({ dispatchLevel: 'ordinary', kind: 'consultation', workingDays: 1 });
    await ok(call('admin', 'PATCH', '/api/v1/ticket-categories/SR06', { active: false }));
    const refused = await call('pd_command', 'POST', '/api/v1/tickets', hotline('CMD-0401', { categoryCode: 'SR06' }));
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', 'SR06').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['ticketCategory.create', 'ticketCategory.update', 'ticketCategory.disable']),
    );
    const list = await ok<PageOf<TicketCategoryAdmin>>(call('admin', 'GET', '/api/v1/ticket-categories/manage?q=SR06'));
    expect(list.items[0]!.active).toBe(false);
    // A district's administrator and the command centre may not.
    expect((await call('pd_admin', 'PATCH', '/api/v1/ticket-categories/SR04', { nameZh: '油烟' })).statusCode).toBe(403);
    expect((await call('pd_admin', 'GET', '/api/v1/ticket-categories/manage')).statusCode).toBe(403);
    expect((await call('pd_command', 'POST', '/api/v1/ticket-categories', { ...body, code: 'SR09' })).statusCode).toBe(403);
  });
});
