// The contract every ticket-exchange adapter passes (the local simulator here; a real 12345 / 城运 endpoint later,
// driven through its own test environment): the signed inbound endpoint accepts a signed ticket and refuses a bad
// signature, an old timestamp and a replay (401, the platform's error format); the same ticket delivered twice is one
// ticket with the same answer; malformed or out-of-area coordinates are answered `rejected` with the reason and
// returned through the reply channel once; a reply that failed is retried and applied once on the other side; a
// reply after the limit is flagged late and still sent.
import { describe, expect, it } from 'vitest';
import type { ExchangeTicket, ExchangeTicketAnswer, TicketDetail } from '@chengguan/contracts';
import { convertPoint } from '@chengguan/domain';
import { inboundPath } from '../src/modules/tickets/exchange/exchange.ts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import type { TestContext } from './harness.ts';

export type ExchangeContractSubject = {
  ctx: () => TestContext;
  secret: () => string;
  /** The district code of 浦东 as the exchange addresses it. */
  unitCode: string;
  /** Runs the outbox's due jobs once (the worker's pass). */
  runJobs: () => Promise<void>;
  /** What the other side applied for one ticket number: one row per idempotency key. */
  applied: (ticketNo: string) => Promise<{ kind: string; deliveries: number; late: boolean; reason: string | null }[]>;
  /** The other side's next answers fail: refuse (nothing applied) or lose (applied, error answered). */
  failNext: (faults: ('refuse' | 'lose')[]) => void;
  /** Logs a demo user in (tokens are renewed after the clock moves). */
  token: (user: string) => Promise<string>;
};

// 陆家嘴 (the demo squad pd-ljz's service area) and 青浦.
const LJZ: [number, number] = [121.51, 31.235];
const QINGPU: [number, number] = [121.05, 31.11];

export function ticketExchangeContract(name: string, s: ExchangeContractSubject): void {
  let serial = 0;
  const ticket = (extra: Partial<ExchangeTicket> = {}): ExchangeTicket => {
    serial += 1;
    const [lon, lat] = convertPoint(LJZ, 'wgs84', 'gcj02');
    return {
      ticketNo: `CT${String(serial).padStart(6, '0')}`,
      unitCode: s.unitCode,
      categoryCode: 'SR04',
      content: '小区楼下饭店油烟直排',
      address: '上海市浦东新区陆家嘴环路1000号',
      lon,
      lat,
      crs: 'gcj02',
      receivedAt: s.ctx().clock.now().toISOString(),
      limitAt: new Date(s.ctx().clock.now().getTime() + 5 * 86_400_000).toISOString(),
      dispatchLevel: 'ordinary',
      reporterName: '王先生',
      reporterPhone: '13800002222',
      ...extra,
    };
  };
  const deliver = (t: ExchangeTicket, headers?: Record<string, string>) =>
    s.ctx().app.inject({
      method: 'POST',
      url: inboundPath('hotline_12345'),
      headers: { 'content-type': 'application/json', ...(headers ?? signedHeaders(s.secret(), t, s.ctx().clock.now())) },
      payload: t,
    });
  const countTickets = async (ticketNo: string) =>
    Number(
      (
        await s
          .ctx()
          .deps.db.selectFrom('tickets')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('external_no', '=', ticketNo)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const call = async (user: string, method: string, url: string, body?: unknown) =>
    s.ctx().api(method, url, { token: await s.token(user), ...(body !== undefined ? { body } : {}) });
  const accepted = async (t: ExchangeTicket): Promise<{ answer: ExchangeTicketAnswer; id: string }> => {
    const r = await deliver(t);
    expect(r.statusCode, r.body).toBe(200);
    const answer = r.json() as ExchangeTicketAnswer;
    expect(answer.result, r.body).toBe('accepted');
    const row = await s.ctx().deps.db.selectFrom('tickets').select('id').where('external_no', '=', t.ticketNo).executeTakeFirstOrThrow();
    return { answer, id: row.id };
  };
  const advance = (ms: number) => s.ctx().clock.set(new Date(s.ctx().clock.now().getTime() + ms));

  describe(`ticket exchange contract: ${name}`, () => {
    it('a signed ticket is taken in: routed by its point (GCJ-02 converted), labelled with the exchange', async () => {
      const t = ticket();
      const { answer, id } = await accepted(t);
      expect(answer).toMatchObject({ ticketNo: t.ticketNo, duplicate: false, reasonCode: null });
      expect(answer.number).toMatch(/^T\d{8}[0-9A-F]{8}$/);
      const page = (await call('pd_command', 'GET', `/api/v1/tickets/${id}`)).json() as TicketDetail;
      expect(page.channel).toBe('hotline_12345');
      expect(page.externalNo).toBe(t.ticketNo);
      expect(page.orgId).toBe(s.ctx().seed.ids.orgs.get('pd-ljz'));
      // Converted back to WGS-84 within a metre of the point the exchange meant.
      expect(page.point!.lon).toBeCloseTo(LJZ[0], 4);
      expect(page.point!.lat).toBeCloseTo(LJZ[1], 4);
      expect(page.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['intake', 'exchangeIntake']));
    });

    it('a wrong signature, a changed body, a wrong key or an old timestamp is refused with 401 and takes nothing in', async () => {
      const t = ticket();
      const good = signedHeaders(s.secret(), t, s.ctx().clock.now());
      const tampered = { ...good, 'x-exchange-signature': good['x-exchange-signature'].replace(/^./, (c) => (c === '0' ? '1' : '0')) };
      const wrongKey = signedHeaders('ab'.repeat(32), t, s.ctx().clock.now());
      const old = signedHeaders(s.secret(), t, new Date(s.ctx().clock.now().getTime() - 10 * 60_000));
      for (const [headers, body] of [
        [tampered, t],
        [good, { ...t, content: '篡改后的内容' }],
        [wrongKey, t],
        [old, t],
        [{}, t],
      ] as const) {
        const r = await s.ctx().app.inject({
          method: 'POST',
          url: inboundPath('hotline_12345'),
          headers: { 'content-type': 'application/json', ...headers },
          payload: body,
        });
        expect(r.statusCode, r.body).toBe(401);
        expect(r.json()).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID', message: expect.stringContaining('签名') });
      }
      expect(await countTickets(t.ticketNo)).toBe(0);
    });

    it('a replayed message (the same nonce) is refused with 401 even though its signature is valid', async () => {
      const t = ticket();
      const headers = signedHeaders(s.secret(), t, s.ctx().clock.now());
      expect((await deliver(t, headers)).statusCode).toBe(200);
      const again = await deliver(t, headers);
      expect(again.statusCode, again.body).toBe(401);
      expect(again.json()).toMatchObject({ code: 'EXCHANGE_REPLAYED' });
      expect(await countTickets(t.ticketNo)).toBe(1);
    });

    it('the same ticket delivered twice (a new message each time) is one ticket with the same answer', async () => {
      const t = ticket();
      const first = await accepted(t);
      const second = await deliver(t);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual({ ...first.answer, duplicate: true });
      expect(await countTickets(t.ticketNo)).toBe(1);
    });

    it('malformed or out-of-area coordinates are returned with the reason, once, through the reply channel', async () => {
      const outside = ticket({ lon: QINGPU[0], lat: QINGPU[1], crs: 'wgs84' });
      const malformed = ticket({ lat: 95 });
      const r1 = (await deliver(outside)).json() as ExchangeTicketAnswer;
      expect(r1).toMatchObject({ result: 'rejected', number: null, reasonCode: 'POINT_OUTSIDE_BUREAU' });
      expect(r1.reason).toContain('青浦');
      const r2 = (await deliver(malformed)).json() as ExchangeTicketAnswer;
      expect(r2).toMatchObject({ result: 'rejected', reasonCode: 'COORDINATES_MALFORMED' });
      expect(r2.reason).toContain('坐标');
      // Delivered again: the same answer, no second rejection queued.
      expect((await deliver(outside)).json()).toEqual({ ...r1, duplicate: true });
      await s.runJobs();
      await s.runJobs();
      for (const [t, answer] of [
        [outside, r1],
        [malformed, r2],
      ] as const) {
        expect(await countTickets(t.ticketNo)).toBe(0);
        const applied = await s.applied(t.ticketNo);
        expect(applied).toHaveLength(1);
        expect(applied[0]).toMatchObject({ kind: 'reject', reason: answer.reason });
      }
    });

    it('a burst of deliveries at the same moment is answered as if each came alone', async () => {
      const good = [1, 2, 3, 4, 5].map(() => ticket());
      const twice = ticket();
      const earlier = ticket();
      const first = await accepted(earlier);
      const unknownUnit = ticket({ unitCode: '999999' });
      const malformed = ticket({ lon: 200 });
      const outside = ticket({ lon: QINGPU[0], lat: QINGPU[1], crs: 'wgs84' });
      const sent = [...good, twice, twice, earlier, unknownUnit, malformed, outside];
      const answers = (await Promise.all(sent.map((t) => deliver(t)))).map((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as ExchangeTicketAnswer;
      });
      for (const a of answers.slice(0, 5)) expect(a).toMatchObject({ result: 'accepted', duplicate: false, reasonCode: null });
      expect(new Set(answers.slice(0, 5).map((a) => a.number)).size).toBe(5);
      // The same number twice in the burst: one ticket, the second answer its duplicate.
      const [a, b] = [answers[5]!, answers[6]!];
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.number).toBe(b.number);
      expect(await countTickets(twice.ticketNo)).toBe(1);
      expect(answers[7]).toEqual({ ...first.answer, duplicate: true });
      expect(answers[8]).toMatchObject({ result: 'rejected', reasonCode: 'UNIT_UNKNOWN', duplicate: false });
      expect(answers[9]).toMatchObject({ result: 'rejected', reasonCode: 'COORDINATES_MALFORMED', duplicate: false });
      expect(answers[10]).toMatchObject({ result: 'rejected', reasonCode: 'POINT_OUTSIDE_BUREAU', duplicate: false });
      for (const t of [...good, earlier]) expect(await countTickets(t.ticketNo)).toBe(1);
      await s.runJobs();
      for (const t of [malformed, outside]) {
        expect(await countTickets(t.ticketNo)).toBe(0);
        expect(await s.applied(t.ticketNo)).toMatchObject([{ kind: 'reject' }]);
      }
    });

    it('签收 refused once by the exchange is retried with backoff and applied once; the ticket page shows the state', async () => {
      const t = ticket();
      const { id } = await accepted(t);
      const r = await call('pd_command', 'POST', `/api/v1/tickets/${id}/accept`, {});
      expect(r.statusCode, r.body).toBe(200);
      expect((r.json() as TicketDetail).outbox).toMatchObject([{ kind: 'accept', status: 'pending', attempts: 0 }]);
      s.failNext(['refuse']);
      await s.runJobs();
      let page = (await call('pd_command', 'GET', `/api/v1/tickets/${id}`)).json() as TicketDetail;
      expect(page.outbox).toMatchObject([{ kind: 'accept', status: 'retrying', attempts: 1, lastError: expect.stringContaining('503') }]);
      expect(await s.applied(t.ticketNo)).toEqual([]);
      // Not before its backoff; then sent.
      await s.runJobs();
      expect(await s.applied(t.ticketNo)).toEqual([]);
      advance(61_000);
      await s.runJobs();
      page = (await call('pd_command', 'GET', `/api/v1/tickets/${id}`)).json() as TicketDetail;
      expect(page.outbox).toMatchObject([{ kind: 'accept', status: 'sent', attempts: 2, lastError: null }]);
      expect(await s.applied(t.ticketNo)).toMatchObject([{ kind: 'accept', deliveries: 1 }]);
    });

    it('a reply applied by the exchange whose answer was lost is sent again and applied once (idempotency key)', async () => {
      const t = ticket();
      const { id } = await accepted(t);
      s.failNext(['lose']);
      expect((await call('pd_command', 'POST', `/api/v1/tickets/${id}/accept`, {})).statusCode).toBe(200);
      await s.runJobs();
      expect(await s.applied(t.ticketNo)).toMatchObject([{ kind: 'accept', deliveries: 1 }]);
      advance(61_000);
      await s.runJobs();
      const applied = await s.applied(t.ticketNo);
      // One application of the key, delivered twice.
      expect(applied).toHaveLength(1);
      expect(applied[0]).toMatchObject({ kind: 'accept', deliveries: 2 });
      const page = (await call('pd_command', 'GET', `/api/v1/tickets/${id}`)).json() as TicketDetail;
      expect(page.outbox[0]).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('退单 and 延期申请 go back with their reasons; a reply after the limit is flagged late and still sent', async () => {
      const back = ticket();
      const { id: backId } = await accepted(back);
      const ret = await call('pd_command', 'POST', `/api/v1/tickets/${backId}/return`, { reason: '不属于城管职责，请转房管部门' });
      expect(ret.statusCode, ret.body).toBe(200);

      const t = ticket();
      const { id } = await accepted(t);
      expect((await call('pd_command', 'POST', `/api/v1/tickets/${id}/accept`, {})).statusCode).toBe(200);
      const dispatched = await call('pd_command', 'POST', `/api/v1/tickets/${id}/dispatch`, { orgId: s.ctx().seed.ids.orgs.get('pd-ljz') });
      expect(dispatched.statusCode, dispatched.body).toBe(200);
      expect((await call('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/start`, {})).statusCode).toBe(200);
      const ext = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/extensions`, {
        kind: 'complex',
        reason: '涉及多个产权单位，需联合核查',
      });
      expect(ext.statusCode, ext.body).toBe(200);
      // Past the limit (WD(5) of the ordinary limit; 20 calendar days is past it whatever the calendar).
      advance(20 * 86_400_000);
      const reply = await call('pd_ljz_01', 'POST', `/api/v1/tickets/${id}/reply`, { replyText: '已责令饭店加装油烟净化设施' });
      expect(reply.statusCode, reply.body).toBe(200);
      const page = reply.json() as TicketDetail;
      expect(page.outbox.map((o) => [o.kind, o.late])).toEqual([
        ['accept', false],
        ['extension', false],
        ['reply', true],
      ]);
      for (let i = 0; i < 4; i++) {
        await s.runJobs();
        advance(10 * 60_000);
      }
      expect(await s.applied(back.ticketNo)).toMatchObject([{ kind: 'return', reason: '不属于城管职责，请转房管部门', deliveries: 1 }]);
      const applied = await s.applied(t.ticketNo);
      expect(applied.map((a) => [a.kind, a.late, a.deliveries])).toEqual(
        expect.arrayContaining([
          ['accept', false, 1],
          ['extension', false, 1],
          ['reply', true, 1],
        ]),
      );
      expect(applied).toHaveLength(3);
      const after = (await call('pd_command', 'GET', `/api/v1/tickets/${id}`)).json() as TicketDetail;
      expect(after.outbox.every((o) => o.status === 'sent')).toBe(true);
    });
  });
}
