// The local simulator of the 12345 exchange passes the exchange contract (ticket-exchange.contract.ts), and its own
// duties: a deterministic stream (categories from the seeded list, points inside the district, business-hours peaks,
// duplicates and faulty points), played through the signed endpoint by the command centre; the admin routes' access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorPlayQueued, TicketExchangeStatus } from '@chengguan/contracts';
import { placeOf } from '../src/modules/geo/index.ts';
import { setExchangeTransport } from '../src/modules/tickets/exchange/exchange.ts';
import { EXCHANGE_JOB_HANDLERS } from '../src/modules/tickets/exchange/outbox.ts';
import { simulatedStream, HOURLY_WEIGHTS, SIMULATOR_JOB_HANDLERS } from '../src/modules/tickets/exchange/simulator.ts';
import {
  clearSimulatorFaults,
  injectSimulatorFaults,
  nextFault,
  setRandomFaults,
} from '../src/modules/tickets/exchange/simulator-faults.ts';
import { runDueJobs } from '../src/modules/scheduler/index.ts';
import { convertPoint } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { ticketExchangeContract } from './ticket-exchange.contract.ts';

const SECRET = '5a'.repeat(32);
let ctx: TestContext;
const tokens = new Map<string, { token: string; at: number }>();

beforeAll(async () => {
  ctx = await createTestContext({ env: { TICKET_EXCHANGE: 'simulator', TICKET_EXCHANGE_SECRET: SECRET } });
  // The contract injects its own faults; the simulator's random refusals are tested on their own below.
  setRandomFaults(false);
  setExchangeTransport(async (url, headers, body) => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: new URL(url).pathname,
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });
    return { status: r.statusCode, body: r.body };
  });
}, 240_000);
afterAll(async () => {
  setExchangeTransport(null);
  clearSimulatorFaults();
  setRandomFaults(true);
  await ctx?.close();
});

async function token(user: string): Promise<string> {
  const now = ctx.clock.now().getTime();
  const held = tokens.get(user);
  // A session idles out after the clock jumps: log in again after ten minutes of test time.
  if (held && now - held.at < 10 * 60_000) return held.token;
  const t = await ctx.login(user);
  tokens.set(user, { token: t, at: now });
  return t;
}

ticketExchangeContract('local simulator', {
  ctx: () => ctx,
  secret: () => SECRET,
  unitCode: '310115',
  runJobs: async () => {
    await runDueJobs(ctx.deps, EXCHANGE_JOB_HANDLERS, 'test-worker', 100);
  },
  applied: async (ticketNo) => {
    const rows = await ctx.deps.db
      .selectFrom('ticket_exchange_sim_replies')
      .select(['kind', 'deliveries', 'payload'])
      .where('external_no', '=', ticketNo)
      .orderBy('applied_at')
      .execute();
    return rows.map((r) => {
      const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { late?: boolean; reason?: string };
      return { kind: r.kind, deliveries: r.deliveries, late: p.late ?? false, reason: p.reason ?? null };
    });
  },
  failNext: (faults) => {
    clearSimulatorFaults();
    injectSimulatorFaults(faults);
  },
  token,
});

describe('the simulated stream', () => {
  const categories = [
    { code: 'SR04', nameZh: '餐饮油烟扰民' },
    { code: 'JM01', nameZh: '无证设摊、占道经营' },
    { code: 'SG01', nameZh: '夜间施工噪声' },
  ];
  const stream = (seed: number) =>
    simulatedStream(seed, new Date('2026-03-02T00:00:00.000Z'), 400, {
      unitCode: '310115',
      categories,
      bureauName: '上海市浦东新区城市管理行政执法局',
    });

  it('is a function of its seed; points lie in the district except the deliberate faults; duplicates repeat a ticket', () => {
    const a = stream(42);
    expect(stream(42)).toEqual(a);
    expect(stream(43)).not.toEqual(a);
    const originals = a.filter((d) => d.duplicateOf === null);
    const dups = a.filter((d) => d.duplicateOf !== null);
    expect(dups.length).toBeGreaterThan(5);
    for (const d of dups) expect(d.ticket).toEqual(a[d.duplicateOf!]!.ticket);
    expect(new Set(originals.map((d) => d.ticket.ticketNo)).size).toBe(originals.length);
    const faulty = originals.filter((d) => d.fault !== null);
    expect(faulty.length).toBeGreaterThan(0);
    expect(faulty.length).toBeLessThan(originals.length * 0.1);
    for (const d of originals.filter((x) => x.fault === null)) {
      const wgs = convertPoint([d.ticket.lon!, d.ticket.lat!], 'gcj02', 'wgs84');
      expect(placeOf(wgs, '上海市浦东新区城市管理行政执法局').inBureauArea).toBe(true);
      expect(categories.map((c) => c.code)).toContain(d.ticket.categoryCode);
    }
  });

  it('refuses about one reply key in eight at its first delivery, and accepts its retry', () => {
    setRandomFaults(true);
    try {
      const keys = Array.from({ length: 400 }, (_, i) => `hotline_12345:SIM${i}:reply:k`);
      const first = keys.map((k) => nextFault(k));
      const refused = first.filter((f) => f === 'refuse').length;
      expect(refused).toBeGreaterThan(20);
      expect(refused).toBeLessThan(80);
      expect(keys.map((k) => nextFault(k)).every((f) => f === null)).toBe(true);
    } finally {
      setRandomFaults(false);
    }
  });

  it('peaks in business hours: more arrivals 9–17 Shanghai than 0–6', () => {
    const hours = stream(7).map((d) => (new Date(d.ticket.receivedAt).getUTCHours() + 8) % 24);
    const day = hours.filter((h) => h >= 9 && h < 17).length;
    const night = hours.filter((h) => h < 6).length;
    expect(HOURLY_WEIGHTS[10]).toBeGreaterThan(HOURLY_WEIGHTS[3]!);
    expect(day).toBeGreaterThan(night * 4);
  });

  it('the command centre plays a batch: the worker delivers it signed; accepted, duplicates and rejections counted', async () => {
    const r = await ctx.api('POST', '/api/v1/ticket-exchange/simulator/play', {
      token: await token('pd_command'),
      body: { count: 60, seed: 2026 },
    });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json() as SimulatorPlayQueued).toEqual({ queued: 60, seed: 2026, channel: 'hotline_12345' });
    const before = (await ctx.api('GET', '/api/v1/ticket-exchange', { token: await token('pd_command') })).json() as TicketExchangeStatus;
    await runDueJobs(ctx.deps, SIMULATOR_JOB_HANDLERS, 'test-worker', 10);
    const job = await ctx.deps.db
      .selectFrom('jobs')
      .select(['status', 'last_error'])
      .where('kind', '=', 'tickets.exchange.simulator.play')
      .executeTakeFirstOrThrow();
    expect(job, job.last_error ?? '').toMatchObject({ status: 'done' });
    const status = (await ctx.api('GET', '/api/v1/ticket-exchange', { token: await token('pd_command') })).json() as TicketExchangeStatus;
    expect(status).toMatchObject({ mode: 'simulator', simulator: true, labelZh: '模拟 12345 平台' });
    const accepted = status.inbound.accepted - before.inbound.accepted;
    const rejected = status.inbound.rejected - before.inbound.rejected;
    // Every distinct ticket of the batch is accepted or rejected once; the re-deliveries add nothing.
    const rows = await ctx.deps.db
      .selectFrom('ticket_exchange_inbound')
      .select(['deliveries'])
      .where('external_no', 'like', 'SIM%')
      .execute();
    expect(rows.length).toBe(accepted + rejected);
    expect(rows.reduce((n, x) => n + x.deliveries, 0)).toBe(60);
    expect(accepted).toBeGreaterThan(40);
    const simTickets = await ctx.deps.db.selectFrom('tickets').select('id').where('external_no', 'like', 'SIM%').execute();
    expect(simTickets.length).toBe(accepted);
  });

  it('forbidden paths: an officer may not play the stream; another district reads only its own counts', async () => {
    const officer = await ctx.api('POST', '/api/v1/ticket-exchange/simulator/play', {
      token: await token('pd_ljz_01'),
      body: { count: 1 },
    });
    expect(officer.statusCode).toBe(403);
    const anon = await ctx.api('POST', '/api/v1/ticket-exchange/simulator/play', { body: { count: 1 } });
    expect(anon.statusCode).toBe(401);
    const qp = (await ctx.api('GET', '/api/v1/ticket-exchange', { token: await token('qp_command') })).json() as TicketExchangeStatus;
    expect(qp.inbound).toEqual({ accepted: 0, rejected: 0 });
  });
});
