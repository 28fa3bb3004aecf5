// The 建筑垃圾 GPS feed (docs/waste.md §2). The GPS platform POSTs batches of fixes, signed with HMAC-SM3
// (shared/connector-signing.ts), to /api/public/waste-gps/batches. A batch is taken once per batch id (a second delivery
// answers the same counts, flagged duplicate). Each truck's fixes are cleaned by the domain's cleanTrack — out of order
// re-sorted, duplicates, impossible speeds and invalid coordinates dropped and counted — and every kept fix gets its H3
// cell and is written by COPY into the day's partition of waste_points (made on first use), in one transaction with
// the batch's row and the batch's track summaries (track-summary.ts). The local simulator (gps-simulator.ts) ships; a
// real platform plugs in here and must pass test/waste-gps.contract.ts.
import { randomBytes } from 'node:crypto';
import type { GpsBatch, GpsBatchAnswer, GpsBatchCounts } from '@chengguan/contracts';
import { cleanTrack, pointCellText, type GpsFix } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Deps, Executor } from '../../../context.ts';
import { copyField } from '../../../db/copy-text.ts';
import type { CopySession } from '../../../db/database.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate, shanghaiInstant } from '../../../shared/time.ts';
import { CHUNK_COLUMNS, EDGE_COLUMNS, loadPlacers, summariseChunk } from './track-summary.ts';

export const GPS_INBOUND_PATH = '/api/public/waste-gps/batches';
export const GPS_CHANNEL = 'waste_gps';
export const GPS_LABEL = { zh: '渣土车 GPS 报文', en: 'GPS batch' };
export const POINT_COLUMNS = ['day', 'plate', 't', 'lon', 'lat', 'cell'] as const;

export type GpsFeedAdapter = { name: string; labelZh: string; labelEn: string; simulator: boolean };
export const gpsSimulatorAdapter: GpsFeedAdapter = {
  name: 'simulator',
  labelZh: '模拟渣土车 GPS 平台',
  labelEn: 'simulated truck GPS platform',
  simulator: true,
};

export function gpsAdapter(config: Deps['config']): GpsFeedAdapter | null {
  return config.wasteGps === 'simulator' ? gpsSimulatorAdapter : null;
}

let processSecret: string | null = null;
export function gpsSecret(config: Deps['config']): string {
  if (config.wasteGpsSecret) return config.wasteGpsSecret;
  processSecret ??= randomBytes(32).toString('hex');
  return processSecret;
}

/** The tables kept one partition per day: the fixes and their summaries (track-summary.ts). */
const DAY_TABLES = ['waste_points', 'waste_track_chunks', 'waste_track_edges'] as const;

/** The day's partition of waste_points (or of another day table). */
export const partitionName = (day: string, table: (typeof DAY_TABLES)[number] = 'waste_points') => `${table}_${day.replaceAll('-', '')}`;
/** The days whose partitions this process made or saw, per database (its Kysely adapter): one process may open several. */
const knownDays = new WeakMap<object, Set<string>>();
function known(db: Executor): Set<string> {
  const key = db.getExecutor().adapter;
  let days = knownDays.get(key);
  if (!days) knownDays.set(key, (days = new Set()));
  return days;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day's partitions of the day tables, made if missing (outside any transaction; a concurrent maker is fine). */
export async function ensurePartition(db: Executor, day: string): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  if (known(db).has(day)) return;
  for (const table of DAY_TABLES) {
    const name = partitionName(day, table);
    try {
      await sql
        .raw(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${table} FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`)
        .execute(db);
    } catch (err) {
      const exists = await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM pg_class WHERE relname = ${name}`.execute(db);
      if (Number(exists.rows[0]?.n ?? 0) === 0) throw err;
    }
  }
  known(db).add(day);
}

/** Partitions (days) present, oldest first. */
export async function pointPartitions(db: Executor): Promise<string[]> {
  const r = await sql<{ relname: string }>`
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'waste_points' ORDER BY c.relname`.execute(db);
  return r.rows.map((x) => x.relname.replace(/^waste_points_(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3'));
}

/** Drops the partitions older than `keepDays` before `today` (a month is kept for replay). */
export async function dropOldPartitions(db: Executor, today: string, keepDays: number): Promise<string[]> {
  const cutoff = new Date(`${today}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - keepDays);
  const limit = cutoff.toISOString().slice(0, 10);
  const dropped: string[] = [];
  for (const day of await pointPartitions(db)) {
    if (day >= limit) continue;
    for (const table of DAY_TABLES) await sql.raw(`DROP TABLE IF EXISTS ${partitionName(day, table)}`).execute(db);
    known(db).delete(day);
    dropped.push(day);
  }
  return dropped;
}

/** One truck's kept fixes of one day in a batch, in time order: Unix seconds and cells (decimal text). */
export type BatchTrack = { plate: string; day: string; t: number[]; cells: string[] };
export type CleanedBatch = { counts: GpsBatchCounts; rows: string[]; days: string[]; tracks: BatchTrack[] };

/**
 * The Shanghai day of a fix's instant, remembered for the last day seen: a batch's fixes are nearly all of one day, and
 * formatting a date per fix was a third of the encoding's time.
 */
let lastDay = { from: 0, to: 0, day: '' };
function dayOf(at: number): string {
  if (at >= lastDay.from && at < lastDay.to) return lastDay.day;
  const day = shanghaiDate(new Date(at));
  const from = shanghaiInstant(day).getTime();
  lastDay = { from, to: from + 86_400_000, day };
  return day;
}

/** Cleans a batch per truck and encodes the kept fixes as COPY lines of waste_points, and as tracks for the summaries. */
export function cleanBatch(points: GpsBatch['points']): CleanedBatch {
  const byPlate = new Map<string, GpsFix[]>();
  for (const p of points) {
    let list = byPlate.get(p.plate);
    if (!list) byPlate.set(p.plate, (list = []));
    list.push({ at: p.at, lng: p.lng, lat: p.lat });
  }
  const counts: GpsBatchCounts = { received: 0, kept: 0, outOfOrder: 0, duplicates: 0, impossibleSpeed: 0, invalid: 0 };
  const rows: string[] = [];
  const days = new Set<string>();
  const tracks: BatchTrack[] = [];
  for (const [plate, fixes] of byPlate) {
    const c = cleanTrack(fixes);
    counts.received += c.counts.received;
    counts.kept += c.counts.kept;
    counts.outOfOrder += c.counts.outOfOrder;
    counts.duplicates += c.counts.duplicates;
    counts.impossibleSpeed += c.counts.impossibleSpeed;
    counts.invalid += c.counts.invalid;
    const plateField = copyField(plate);
    let track: BatchTrack = { plate, day: '', t: [], cells: [] };
    for (const f of c.fixes) {
      const day = dayOf(f.at);
      if (track.day !== day) {
        days.add(day);
        tracks.push((track = { plate, day, t: [], cells: [] }));
      }
      const t = Math.floor(f.at / 1000);
      const cell = pointCellText(f.lng, f.lat);
      track.t.push(t);
      track.cells.push(cell);
      rows.push(`${day}\t${plateField}\t${t}\t${f.lng}\t${f.lat}\t${cell}\n`);
    }
  }
  return { counts, rows, days: [...days].sort(), tracks };
}

/**
 * The summaries of a cleaned batch (track-summary.ts): COPY lines of waste_track_chunks and waste_track_edges.
 * `timing`, when given, adds the milliseconds spent loading the register (its statement's round trip) and summarising.
 */
export async function summariseBatch(
  db: Executor,
  key: object,
  cleaned: CleanedBatch,
  timing?: { placingMs: number; summarisingMs: number },
): Promise<{ chunks: string[]; edges: string[] }> {
  const chunks: string[] = [];
  const edges: string[] = [];
  if (cleaned.tracks.length === 0) return { chunks, edges };
  const start = performance.now();
  const placers = await loadPlacers(db, key, cleaned.days, [...new Set(cleaned.tracks.map((tr) => tr.plate))]);
  const placed = performance.now();
  for (const tr of cleaned.tracks) summariseChunk(placers.get(tr.day)!, tr.day, tr.plate, tr.t, tr.cells, chunks, edges);
  if (timing) {
    timing.placingMs += placed - start;
    timing.summarisingMs += performance.now() - placed;
  }
  return { chunks, edges };
}

async function storedAnswer(db: Executor, batchId: string): Promise<GpsBatchAnswer | null> {
  const r = await db
    .selectFrom('waste_gps_batches')
    .select(['received', 'kept', 'out_of_order', 'duplicates', 'impossible', 'invalid'])
    .where('channel', '=', GPS_CHANNEL)
    .where('batch_id', '=', batchId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    batchId,
    duplicate: true,
    counts: {
      received: r.received,
      kept: r.kept,
      outOfOrder: r.out_of_order,
      duplicates: r.duplicates,
      impossibleSpeed: r.impossible,
      invalid: r.invalid,
    },
  };
}

export async function receiveGpsBatch(deps: Deps, batch: GpsBatch): Promise<GpsBatchAnswer> {
  if (!gpsAdapter(deps.config))
    throw new AppError('EXCHANGE_NOT_CONFIGURED', { message: '未启用渣土车 GPS 接入', messageEn: 'The GPS feed is off' });
  const seen = await storedAnswer(deps.db, batch.batchId);
  if (seen) {
    await deps.db
      .updateTable('waste_gps_batches')
      .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_at: deps.clock.now() }))
      .where('channel', '=', GPS_CHANNEL)
      .where('batch_id', '=', batch.batchId)
      .execute();
    return seen;
  }
  const cleaned = cleanBatch(batch.points);
  const now = deps.clock.now();
  // The batch row and its points in one transaction of their own, the points by COPY. On PostgreSQL that is a session
  // of its own beside the request's unit of work: the day's partition is made there too (CREATE TABLE … PARTITION OF
  // locks waste_points until its transaction ends, and the COPY must not wait for the request's). A batch is its own
  // idempotent write (by its batch id), so it commits whatever the request's unit does after it.
  const write = async (session: CopySession) => {
    for (const day of cleaned.days) await ensurePartition(session.db, day);
    const summaries = await summariseBatch(session.db, deps.db, cleaned);
    return session.db.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('waste_gps_batches')
        .values({
          channel: GPS_CHANNEL,
          batch_id: batch.batchId,
          received_at: now,
          last_at: now,
          days: cleaned.days,
          received: cleaned.counts.received,
          kept: cleaned.counts.kept,
          out_of_order: cleaned.counts.outOfOrder,
          duplicates: cleaned.counts.duplicates,
          impossible: cleaned.counts.impossibleSpeed,
          invalid: cleaned.counts.invalid,
          summarised: true,
        })
        .onConflict((oc) => oc.columns(['channel', 'batch_id']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      if (cleaned.rows.length > 0) {
        await session.copyIn('waste_points', POINT_COLUMNS, cleaned.rows);
        await session.copyIn('waste_track_chunks', CHUNK_COLUMNS, summaries.chunks);
        await session.copyIn('waste_track_edges', EDGE_COLUMNS, summaries.edges);
      }
      return true;
    });
  };
  if (!deps.copySession) throw new Error('the GPS feed needs a database session that can COPY');
  const fresh = await deps.copySession(write);
  if (!fresh) return (await storedAnswer(deps.db, batch.batchId))!;
  return { batchId: batch.batchId, duplicate: false, counts: cleaned.counts };
}
