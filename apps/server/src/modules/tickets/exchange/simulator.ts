// The local simulator of the city's ticket exchange (TICKET_EXCHANGE=simulator; the console labels it 「模拟 12345
// 平台」). It plays a stream of tickets deterministic from a seed — categories from the seeded list, points inside the
// bureau's district (sent in GCJ-02, as the exchange's map draws), arrivals peaking in business hours, times from
// deps.clock — with some tickets delivered twice and an occasional malformed or out-of-area point; it delivers them
// signed to the inbound endpoint, and it receives our replies (signature checked, each idempotency key applied
// once), answering an error now and then so that the outbox's retries are exercised.
import type { ExchangeReply, ExchangeReplyAnswer, ExchangeTicket, SimulatorPlayQueued, SimulatorPlayResult } from '@chengguan/contracts';
import { boundsOf, convertPoint, districtOfBureau, type LonLat } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { dropAnswerOf, nextFault } from './simulator-faults.ts';
import { cityMap, placeOf } from '../../geo/index.ts';
import { findOrg } from '../../org/index.ts';
import { enqueueJob, type JobHandlers } from '../../scheduler/index.ts';
import { exchangeAdapter, exchangeSecret, exchangeTransport, inboundPath, ownBaseUrl } from './exchange.ts';
import { signedHeaders } from '../../../shared/connector-signing.ts';

/** mulberry32: a small deterministic generator (the stream is a function of its seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Relative arrivals per Shanghai hour: quiet at night, peaks 9–11 and 14–17 (the hotline's business hours). */
export const HOURLY_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 18, 14, 10, 12, 16, 17, 16, 13, 9, 8, 7, 5, 3, 2];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const STREETS = ['世纪大道', '张杨路', '浦东南路', '东方路', '杨高中路', '锦绣路', '峨山路', '潍坊路'];

export type SimulatedDelivery = { ticket: ExchangeTicket; duplicateOf: number | null; fault: 'malformed' | 'out_of_area' | null };

export type StreamContext = {
  unitCode: string;
  /** Leaf categories (code and Chinese name) of the seeded list. */
  categories: readonly { code: string; nameZh: string }[];
  /** The bureau's district name as the city map names it, for points inside it. */
  bureauName: string;
};

/**
 * `count` deliveries of the stream of `seed`, the first arriving after `start`: inter-arrival times follow the hourly
 * weights, ~5 % re-deliver an earlier ticket, ~3 % carry a malformed or out-of-area point.
 */
export function simulatedStream(seed: number, start: Date, count: number, ctx: StreamContext): SimulatedDelivery[] {
  const rnd = seededRandom(seed);
  const { districts } = cityMap();
  const district = districtOfBureau(ctx.bureauName, districts);
  const [w, s, e, n] = district ? boundsOf([district], 0) : cityMap().bounds;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: SimulatedDelivery[] = [];
  let at = start.getTime();
  let serial = 0;
  while (out.length < count) {
    // Next arrival: exponential gap at ~12 tickets per hour scaled by the Shanghai hour's weight.
    const hour = (new Date(at).getUTCHours() + 8) % 24;
    const perHour = (12 * HOURLY_WEIGHTS[hour]!) / 10;
    at += Math.max(1000, Math.round((-Math.log(1 - rnd()) / perHour) * 3600_000));
    const originals = out.filter((d) => d.duplicateOf === null);
    if (originals.length > 0 && rnd() < 0.05) {
      const i = out.indexOf(pick(originals));
      out.push({ ticket: { ...out[i]!.ticket }, duplicateOf: i, fault: null });
      continue;
    }
    serial += 1;
    const category = pick(ctx.categories);
    const faultRoll = rnd();
    let point: LonLat;
    let fault: SimulatedDelivery['fault'] = null;
    if (faultRoll < 0.015) {
      fault = 'malformed';
      point = [rnd() < 0.5 ? 0 : 1210.5, 31.2];
    } else if (faultRoll < 0.03) {
      fault = 'out_of_area';
      point = [121.05 + rnd() * 0.05, 31.1 + rnd() * 0.03]; // 青浦: inside the city, outside this district
    } else {
      let p: LonLat = [w + (e - w) / 2, s + (n - s) / 2];
      for (let k = 0; k < 200; k++) {
        const c: LonLat = [w + rnd() * (e - w), s + rnd() * (n - s)];
        if (placeOf(c, ctx.bureauName).inBureauArea) {
          p = c;
          break;
        }
      }
      point = p;
    }
    const gcj = fault === 'malformed' ? point : convertPoint(point, 'wgs84', 'gcj02');
    const date = new Date(at + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    out.push({
      ticket: {
        ticketNo: `SIM${date}${String(seed % 10000).padStart(4, '0')}${String(serial).padStart(5, '0')}`,
        unitCode: ctx.unitCode,
        categoryCode: category.code,
        content: `市民反映：${pick(STREETS)}附近${category.nameZh}，请核实处理。`,
        address: `上海市${pick(STREETS)}${1 + Math.floor(rnd() * 2000)}号`,
        lon: Math.round(gcj[0] * 1e6) / 1e6,
        lat: Math.round(gcj[1] * 1e6) / 1e6,
        crs: 'gcj02',
        receivedAt: new Date(at).toISOString(),
        limitAt: new Date(at + 5 * 86_400_000).toISOString(),
        dispatchLevel: rnd() < 0.08 ? 'supervision' : 'ordinary',
        reporterName: `${pick(SURNAMES)}先生`,
        reporterPhone: `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      },
      duplicateOf: null,
      fault,
    });
  }
  return out;
}

// --- The simulated exchange receiving our replies ---------------------------------------------------------------

export class SimulatorAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function simulatorReceiveReply(deps: Deps, reply: ExchangeReply): Promise<ExchangeReplyAnswer> {
  const fault = nextFault(reply.idempotencyKey);
  if (fault === 'refuse') throw new SimulatorAnswer(503, 'simulated exchange busy, retry later');
  const now = deps.clock.now();
  const r = await deps.db
    .insertInto('ticket_exchange_sim_replies')
    .values({
      idempotency_key: reply.idempotencyKey,
      channel: reply.channel,
      external_no: reply.ticketNo,
      kind: reply.kind,
      payload: JSON.stringify(reply),
      applied_at: now,
    })
    .onConflict((oc) =>
      oc.column('idempotency_key').doUpdateSet((eb) => ({ deliveries: eb('ticket_exchange_sim_replies.deliveries', '+', 1) })),
    )
    .returning(['deliveries'])
    .executeTakeFirstOrThrow();
  const duplicate = r.deliveries > 1;
  // Applied and committed; the simulated network loses the answer on its way back.
  if (fault === 'lose') dropAnswerOf(reply.idempotencyKey);
  return { idempotencyKey: reply.idempotencyKey, applied: !duplicate, duplicate };
}

// --- Playing the stream -------------------------------------------------------------------------------------------

export const JOB_SIMULATOR_PLAY = 'tickets.exchange.simulator.play';

/**
 * Queues a batch of the stream for the actor's bureau (the command centre or an administrator): the worker delivers
 * it, signed, to the inbound endpoint — outside this request, as the exchange would.
 */
export async function queueSimulatedBatch(
  deps: Deps,
  actor: Actor,
  body: { count: number; seed?: number; channel?: 'hotline_12345' | 'city_ops' },
): Promise<SimulatorPlayQueued> {
  assertPermission(actor, 'ticket:dispatch');
  if (!actor.roles.includes('commander') && !actor.roles.includes('admin')) {
    throw new AppError('FORBIDDEN', {
      message: '只有指挥中心或管理员可以播放模拟工单',
      messageEn: 'Only the command centre or an administrator plays the simulator',
    });
  }
  const adapter = exchangeAdapter(deps.config);
  if (!adapter?.simulator)
    throw new AppError('EXCHANGE_NOT_CONFIGURED', { message: '未启用模拟 12345 平台', messageEn: 'The simulator is off' });
  if (!actor.bureauId)
    throw new AppError('FORBIDDEN', { message: '诉件由区局受理', messageEn: 'Tickets are taken in by a district bureau' });
  const bureau = (await findOrg(deps.db, actor.bureauId))!;
  if (!bureau.region_code)
    throw new AppError('STATE_CONFLICT', { message: '本单位没有行政区划代码', messageEn: 'The bureau has no region code' });
  const seed = body.seed ?? Math.floor(deps.clock.now().getTime() / 1000) % 2_147_483_647;
  const channel = body.channel ?? 'hotline_12345';
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_SIMULATOR_PLAY,
    runAt: deps.clock.now(),
    payload: { bureauId: bureau.id, count: body.count, seed, channel },
    bureauId: bureau.id,
    maxAttempts: 1,
  });
  return { queued: body.count, seed, channel };
}

/** Delivers `count` tickets of the stream of `seed` now, signed, to the inbound endpoint; the arrivals end now. */
export async function playSimulatedStream(
  deps: Deps,
  p: { bureauId: string; count: number; seed: number; channel: 'hotline_12345' | 'city_ops' },
): Promise<SimulatorPlayResult> {
  const bureau = await findOrg(deps.db, p.bureauId);
  if (!bureau?.region_code) throw new Error(`bureau ${p.bureauId} has no region code`);
  const categories = await deps.db
    .selectFrom('ticket_categories as c')
    .select(['c.code', 'c.name_zh'])
    .where('c.active', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ticket_categories as k').select('k.code').whereRef('k.parent_code', '=', 'c.code'))),
    )
    .orderBy('c.code')
    .execute();
  const now = deps.clock.now();
  const stream = simulatedStream(p.seed, now, p.count, {
    unitCode: bureau.region_code,
    categories: categories.map((c) => ({ code: c.code, nameZh: c.name_zh })),
    bureauName: bureau.name,
  });
  // Laid out forward from now, then moved back so that the last arrival is now (none in the future).
  const shift = new Date(stream[stream.length - 1]!.ticket.receivedAt).getTime() - now.getTime();
  const result: SimulatorPlayResult = { delivered: 0, accepted: 0, duplicates: 0, rejected: 0, refused: 0 };
  for (const d of stream) {
    const ticket = {
      ...d.ticket,
      receivedAt: new Date(new Date(d.ticket.receivedAt).getTime() - shift).toISOString(),
      limitAt: new Date(new Date(d.ticket.limitAt!).getTime() - shift).toISOString(),
    };
    const headers = signedHeaders(exchangeSecret(deps.config), ticket, deps.clock.now());
    const r = await exchangeTransport()(`${ownBaseUrl(deps)}${inboundPath(p.channel)}`, { ...headers }, ticket);
    result.delivered += 1;
    if (r.status !== 200) {
      result.refused += 1;
      continue;
    }
    const a = JSON.parse(r.body) as { result: string; duplicate: boolean };
    if (a.duplicate) result.duplicates += 1;
    else if (a.result === 'accepted') result.accepted += 1;
    else result.rejected += 1;
  }
  return result;
}

export const SIMULATOR_JOB_HANDLERS: JobHandlers = {
  [JOB_SIMULATOR_PLAY]: async (deps, job) => {
    const r = await playSimulatedStream(deps, job.payload as Parameters<typeof playSimulatedStream>[1]);
    if (r.refused > 0) throw new Error(`${r.refused} of ${r.delivered} simulated deliveries were refused`);
  },
};
