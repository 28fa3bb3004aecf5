// The local GPS platform simulator (docs/waste.md §2; the console says 「模拟渣土车 GPS 平台」): drives the trucks of the
// register for a day (gps-tracks.ts) and delivers one signed batch per truck and hour to the public endpoint, with
// bad fixes in some batches; a failed delivery (5xx or network) is retried with the same batch id, which the endpoint
// takes once.
import type { GpsBatch, GpsBatchCounts, SimulateGpsBody, SimulateGpsQueued, SimulateGpsResult } from '@chengguan/contracts';
import { mulberry32, type LonLat } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { signedHeaders } from '../../../shared/connector-signing.ts';
import { shanghaiInstant } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { enqueueJob, type JobHandlers } from '../../scheduler/index.ts';
import { GPS_INBOUND_PATH, gpsAdapter, gpsSecret } from './gps-feed.ts';
import { driveTruck, simulatedTrucks, spoilBatch, type SimFix, type SimPermit } from './gps-tracks.ts';

export type GpsTransport = (path: string, headers: Record<string, string>, body: GpsBatch) => Promise<{ status: number; body: string }>;

let transportOverride: GpsTransport | null = null;
/** Tests deliver through the app in-process. */
export function setGpsTransport(t: GpsTransport | null): void {
  transportOverride = t;
}

function transport(deps: Deps): GpsTransport {
  if (transportOverride) return transportOverride;
  const base = deps.config.ticketExchangeBaseUrl ?? `http://127.0.0.1:${deps.config.port}`;
  return async (path, headers, body) => {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: r.status, body: await r.text() };
  };
}

/** Delivers one batch, signed, retrying a failure up to `attempts` times with the same batch id. */
export async function deliverGpsBatch(deps: Deps, batch: GpsBatch, attempts = 3): Promise<{ status: number; body: string }> {
  let last: { status: number; body: string } = { status: 0, body: '' };
  for (let i = 0; i < attempts; i++) {
    try {
      last = await transport(deps)(GPS_INBOUND_PATH, { ...signedHeaders(gpsSecret(deps.config), batch, deps.clock.now()) }, batch);
      if (last.status < 500) return last;
    } catch (err) {
      last = { status: 0, body: String(err) };
    }
  }
  return last;
}

export type RegisterForSimulation = { permits: SimPermit[]; producingSites: LonLat[] };

export async function registerForSimulation(deps: Deps, day: string): Promise<RegisterForSimulation> {
  const permits = await deps.db
    .selectFrom('waste_permits')
    .select(['id', 'route'])
    .where('status', '=', 'valid')
    .where('valid_from', '<=', day)
    .where('valid_until', '>=', day)
    .orderBy('number')
    .execute();
  const plates = permits.length
    ? await deps.db
        .selectFrom('waste_permit_vehicles')
        .select(['permit_id', 'plate'])
        .where(
          'permit_id',
          'in',
          permits.map((p) => p.id),
        )
        .orderBy('plate')
        .execute()
    : [];
  const sites = await deps.db.selectFrom('waste_sites').select(['lon', 'lat']).where('kind', '=', 'producing').orderBy('name').execute();
  const used = new Set<string>();
  return {
    permits: permits.map((p) => ({
      route: p.route as LonLat[],
      plates: plates.filter((v) => v.permit_id === p.id && !used.has(v.plate) && used.add(v.plate)).map((v) => v.plate),
    })),
    producingSites: sites.map((s) => [s.lon, s.lat] as LonLat),
  };
}

export async function simulateGpsDay(deps: Deps, actor: Actor, meta: RequestMeta, body: SimulateGpsBody): Promise<SimulateGpsQueued> {
  assertPermission(actor, 'waste:write');
  if (!gpsAdapter(deps.config)?.simulator) {
    throw new AppError('EXCHANGE_NOT_CONFIGURED', { message: '未启用模拟渣土车 GPS 平台', messageEn: 'The GPS simulator is off' });
  }
  const hours = body.hours ?? 10;
  if (body.trucks * hours > 2000) {
    throw fieldError(
      'trucks',
      '控制台一次最多模拟 2000 车·小时（更大规模请用 npm run waste 基准）',
      'at most 2000 truck-hours from the console',
    );
  }
  const jobId = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await enqueueJob(trx, { id: jobId, kind: JOB_GPS_SIMULATE, runAt: deps.clock.now(), payload: { ...body, hours } });
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.gps_simulate',
      entityType: 'job',
      entityId: jobId,
      data: { day: body.day, trucks: body.trucks, hours, seed: body.seed ?? 1 },
    });
  });
  return { jobId };
}

export const JOB_GPS_SIMULATE = 'waste.gps_simulate';

/**
 * The simulated platform's day: drives the trucks and delivers every batch through the signed endpoint (run by the
 * worker, never inside a request: the deliveries are requests of their own).
 */
export async function playGpsDay(deps: Deps, body: SimulateGpsBody & { hours: number }): Promise<SimulateGpsResult> {
  const hours = body.hours;
  const seed = body.seed ?? 1;
  const reg = await registerForSimulation(deps, body.day);
  const trucks = simulatedTrucks(reg.permits, body.trucks, seed, reg.producingSites);
  const start = shanghaiInstant(body.day, '07:00:00.000').getTime();
  const rand = mulberry32(seed ^ 0x5eed);
  const total: GpsBatchCounts = { received: 0, kept: 0, outOfOrder: 0, duplicates: 0, impossibleSpeed: 0, invalid: 0 };
  let batches = 0;
  let points = 0;
  for (const [i, truck] of trucks.entries()) {
    const byHour = new Map<number, SimFix[]>();
    driveTruck(truck, start, hours, seed * 7919 + i, (f) => {
      const h = Math.floor((f.at - start) / 3_600_000);
      let list = byHour.get(h);
      if (!list) byHour.set(h, (list = []));
      list.push(f);
    });
    for (const [h, fixes] of byHour) {
      if (rand() < 0.05) spoilBatch(fixes, rand);
      const batch: GpsBatch = {
        batchId: `SIM-${body.day.replaceAll('-', '')}-${seed}-${i}-${h}`,
        points: fixes.map((f) => ({ plate: f.plate, at: f.at, lng: f.lng, lat: f.lat })),
      };
      const r = await deliverGpsBatch(deps, batch);
      if (r.status !== 200)
        throw new AppError('NOT_SAVED', { message: `模拟 GPS 报文未被接收（${r.status}）`, messageEn: `batch refused (${r.status})` });
      const answer = JSON.parse(r.body) as { counts: GpsBatchCounts };
      for (const k of Object.keys(total) as (keyof GpsBatchCounts)[]) total[k] += answer.counts[k];
      batches += 1;
      points += fixes.length;
    }
  }
  return { batches, points, counts: total };
}

export const GPS_SIMULATOR_JOB_HANDLERS: JobHandlers = {
  [JOB_GPS_SIMULATE]: async (deps, job) => {
    await playGpsDay(deps, job.payload as SimulateGpsBody & { hours: number });
  },
};
