/**
 * 建筑垃圾 at scale (issue 14 §5; docs/waste.md "Measured"), in one run on one database:
 *   1. ingest of one day of simulated trucks at one fix per 10 s — the feed's own path: per truck-hour batch the
 *      cleaning (domain cleanTrack), the H3 cell of every kept fix and the COPY text, the track summaries
 *      (gps/track-summary.ts), then COPY into the day's partitions — against a bare COPY of the same encoded rows into
 *      a plain table of the same columns and index (target: ingest ≥ 0.5× the bare COPY's rate); the summarising is
 *      also timed apart (made again, untimed in the ingest figures);
 *   2. the day's analysis — the one definition of apps/server/src/modules/waste/analysis.sql.ts — on the database as
 *      the platform runs it (from the summaries, which must be current), on the database over every fix, on DuckDB
 *      (@duckdb/node-api, in-process) over every fix with the same register rows (the baseline), and on DuckDB over
 *      the same summaries; the four must give equal rows (target: the database faster than DuckDB over every fix).
 *      DuckDB's load times are reported apart.
 *   3. memory: this process's peak RSS (DuckDB runs inside it), the partition's size on disk.
 * Generation of the simulated fixes is timed apart and not counted as ingest.
 *
 *   npm run waste -w @chengguan/bench -- --trucks 5000 --hours 24     # the full day: 43.2 million fixes (default)
 *   npm run waste -w @chengguan/bench -- --trucks 200 --hours 4       # a quick run
 *   DATABASE_URL=postgres://…/empty_db npm run waste -w @chengguan/bench -- --trucks 1000 --hours 24
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { corridorCells, mulberry32, siteCells, type LonLat } from '@chengguan/domain';
import type { GpsBatch } from '@chengguan/contracts';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import {
  analyseDay,
  cleanBatch,
  dayReading,
  summariseBatch,
  WASTE_SUMMARY_SQL,
  type AnalysisRow,
  DEFAULT_DEVIATION_MINUTES,
  DEFAULT_STOP_MINUTES,
  driveTruck,
  ensurePartition,
  normaliseRows,
  POINT_COLUMNS,
  simulatedTrucks,
  spoilBatch,
  VISIT_SECONDS,
  WASTE_ANALYSIS_SQL,
  analysisArgs,
  receiveGpsBatch,
  type SimFix,
  type SimPermit,
} from '../../apps/server/src/modules/waste/index.ts';
import { describeMachine, writeResult } from './results.ts';

const { values: args } = parseArgs({
  options: {
    trucks: { type: 'string', default: '5000' },
    hours: { type: 'string', default: '24' },
    seed: { type: 'string', default: '14' },
    'analysis-runs': { type: 'string', default: '3' },
  },
});
const TRUCKS = Number(args.trucks);
const HOURS = Number(args.hours);
const SEED = Number(args.seed);
const RUNS = Number(args['analysis-runs']);
const DAY = '2026-03-02';
const START = Date.UTC(2026, 2, 1, 16, 0, 0); // 00:00 Shanghai on DAY
const TRUCKS_PER_PERMIT = 10;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
const mib = (b: number) => Math.round(b / 2 ** 20);

const config = {
  ...loadConfig(),
  webDist: null,
  dataDir: process.env.DATABASE_URL ? loadConfig().dataDir : 'memory://',
  wasteGps: 'simulator' as const,
};
const platform = await openPlatform({ config, migrate: true, log: () => undefined });
const database = platform.database;
const db = database.db;
const feedDeps = platform.deps;
if (!(await db.selectFrom('orgs').select('id').where('kind', '=', 'district_bureau').executeTakeFirst())) await seedDemo(platform.deps);
const version = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]!.v;
const bureau = (await db.selectFrom('orgs').select('id').where('kind', '=', 'district_bureau').orderBy('code').executeTakeFirstOrThrow())
  .id;

// ---- the register: producing sites, disposal sites, companies, vehicles, permits with corridors --------------------
const rand = mulberry32(SEED);
const uuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rand() * 16).toString(16));
const at = (lonMin: number, lonMax: number, latMin: number, latMax: number): LonLat => [
  lonMin + rand() * (lonMax - lonMin),
  latMin + rand() * (latMax - latMin),
];
const permitsN = Math.ceil(TRUCKS / TRUCKS_PER_PERMIT);
const disposals = Array.from({ length: Math.max(2, Math.ceil(permitsN / 25)) }, (_, i) => ({
  id: uuid(),
  name: `消纳场${i + 1}`,
  p: at(121.2, 121.9, 30.9, 31.5),
}));
const producing = Array.from({ length: permitsN }, (_, i) => ({ id: uuid(), name: `工地${i + 1}`, p: at(121.2, 121.9, 30.9, 31.5) }));
const setupStart = performance.now();
await sql`DELETE FROM waste_corridor_cells`.execute(db);
const siteRows: string[] = [];
const siteCellRows: string[] = [];
const seenCells = new Set<string>();
for (const [kind, list] of [
  ['disposal', disposals],
  ['producing', producing],
] as const) {
  for (const s of list) {
    siteRows.push(`${s.id}\t${bureau}\t${kind}\t${s.name}-${SEED}\t${s.name}\t${s.p[0]}\t${s.p[1]}\t150\n`);
    for (const c of siteCells(s.p, 150)) {
      const t = c.toString();
      if (seenCells.has(t)) continue;
      seenCells.add(t);
      siteCellRows.push(`${t}\t${s.id}\t${kind}\n`);
    }
  }
}
await database.copyIn('waste_sites', ['id', 'bureau_id', 'kind', 'name', 'address', 'lon', 'lat', 'radius_m'], siteRows);
await database.copyIn('waste_site_cells', ['cell', 'site_id', 'kind'], siteCellRows);
const companies = Array.from({ length: Math.ceil(permitsN / 5) }, (_, i) => ({
  id: uuid(),
  code: `91310000BENCH${String(SEED).padStart(2, '0')}${String(i).padStart(3, '0')}`.slice(0, 18),
}));
await database.copyIn(
  'waste_companies',
  ['id', 'bureau_id', 'name', 'credit_code', 'licence_no', 'licence_valid_until'],
  companies.map((c, i) => `${c.id}\t${bureau}\t运输公司${i + 1}-${SEED}\t${c.code}-${SEED}\tL${i}\t2027-12-31\n`),
);
const simPermits: SimPermit[] = [];
const permitRows: string[] = [];
const vehicleRows: string[] = [];
const pvRows: string[] = [];
const pdRows: string[] = [];
const corridorRows: string[] = [];
let plateNo = 0;
for (const [i, s] of producing.entries()) {
  const d = disposals[Math.floor(rand() * disposals.length)]!.p === s.p ? disposals[0]! : disposals[Math.floor(rand() * disposals.length)]!;
  const mid: LonLat = [(s.p[0] + d.p[0]) / 2 + (rand() - 0.5) * 0.02, (s.p[1] + d.p[1]) / 2 + (rand() - 0.5) * 0.02];
  const route: LonLat[] = [s.p, mid, d.p];
  const pid = uuid();
  const company = companies[Math.floor(i / 5)]!;
  permitRows.push(`${pid}\t${bureau}\tBENCH-${SEED}-${i}\t${s.id}\t${company.id}\t${JSON.stringify(route)}\t100\t2026-01-01\t2026-12-31\n`);
  pdRows.push(`${pid}\t${d.id}\n`);
  for (const c of corridorCells(route, 100)) corridorRows.push(`${pid}\t${c}\n`);
  const plates: string[] = [];
  for (let k = 0; k < TRUCKS_PER_PERMIT && plateNo < TRUCKS; k++) {
    plateNo += 1;
    const plate = `沪B${SEED}·${String(plateNo).padStart(5, '0')}`;
    const vid = uuid();
    vehicleRows.push(`${vid}\t${bureau}\t${plate}\t${company.id}\tV${plateNo}\t2027-12-31\n`);
    pvRows.push(`${pid}\t${vid}\t${plate}\n`);
    plates.push(plate);
  }
  simPermits.push({ plates, route });
}
await database.copyIn('waste_vehicles', ['id', 'bureau_id', 'plate', 'company_id', 'licence_no', 'licence_valid_until'], vehicleRows);
await database.copyIn(
  'waste_permits',
  ['id', 'bureau_id', 'number', 'producing_site_id', 'company_id', 'route', 'corridor_m', 'valid_from', 'valid_until'],
  permitRows,
);
await database.copyIn('waste_permit_disposals', ['permit_id', 'site_id'], pdRows);
await database.copyIn('waste_permit_vehicles', ['permit_id', 'vehicle_id', 'plate'], pvRows);
await database.copyIn('waste_corridor_cells', ['permit_id', 'cell'], corridorRows);
// Statistics for the planner, as autovacuum keeps them for a register that changes slowly.
for (const t of [
  'waste_sites',
  'waste_site_cells',
  'waste_permits',
  'waste_permit_vehicles',
  'waste_permit_disposals',
  'waste_corridor_cells',
])
  await sql.raw(`ANALYZE ${t}`).execute(db);
const setupMs = performance.now() - setupStart;
console.log(
  `register: ${producing.length} producing sites, ${disposals.length} disposal sites, ${companies.length} companies, ${vehicleRows.length} vehicles, ${permitRows.length} permits, ${corridorRows.length} corridor cells (${(setupMs / 1000).toFixed(1)} s)`,
);

// ---- DuckDB: the same register rows ---------------------------------------------------------------------------------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waste-bench-'));
const duck = await (await DuckDBInstance.create(':memory:')).connect();
await duck.run(`
  CREATE TABLE waste_points (day DATE, plate VARCHAR, t BIGINT, lon DOUBLE, lat DOUBLE, cell BIGINT);
  CREATE TABLE waste_permits (id UUID, producing_site_id UUID, valid_from DATE, valid_until DATE, status VARCHAR);
  CREATE TABLE waste_permit_vehicles (permit_id UUID, plate VARCHAR);
  CREATE TABLE waste_corridor_cells (permit_id UUID, cell BIGINT);
  CREATE TABLE waste_site_cells (cell BIGINT, site_id UUID, kind VARCHAR);
  CREATE TABLE waste_track_chunks (day DATE, plate VARCHAR, t_first BIGINT, t_last BIGINT, n INTEGER, permits VARCHAR,
    register_version BIGINT);
  CREATE TABLE waste_track_edges (day DATE, plate VARCHAR, chunk_t BIGINT, i INTEGER, t BIGINT, cell BIGINT, zone VARCHAR,
    site_id UUID, site_kind VARCHAR, new_cell SMALLINT, cell_end SMALLINT, new_zone SMALLINT, zone_end SMALLINT);`);
async function toDuck(table: string, query: string): Promise<void> {
  const rows = (await sql.raw(query).execute(db)).rows as Record<string, unknown>[];
  const file = path.join(tmp, `${table}.tsv`);
  fs.writeFileSync(
    file,
    rows
      .map(
        (r) =>
          `${Object.values(r)
            .map((v) => (v === null ? '\\N' : String(v)))
            .join('\t')}\n`,
      )
      .join(''),
  );
  await duck.run(`COPY ${table} FROM '${file}' (DELIMITER '\t', HEADER false, NULLSTR '\\N')`);
  fs.unlinkSync(file);
}
await toDuck('waste_permits', `SELECT id, producing_site_id, valid_from::text, valid_until::text, status FROM waste_permits`);
await toDuck('waste_permit_vehicles', `SELECT permit_id, plate FROM waste_permit_vehicles`);
await toDuck('waste_corridor_cells', `SELECT permit_id, cell::text FROM waste_corridor_cells`);
await toDuck('waste_site_cells', `SELECT cell::text, site_id, kind FROM waste_site_cells`);

// ---- ingest vs bare COPY -------------------------------------------------------------------------------------------
await ensurePartition(db, DAY);
await sql.raw(`DROP TABLE IF EXISTS bench_bare_points`).execute(db);
await sql.raw(`CREATE TABLE bench_bare_points (LIKE waste_points)`).execute(db);
await sql.raw(`CREATE INDEX ON bench_bare_points (plate, t)`).execute(db);
const trucks = simulatedTrucks(
  simPermits,
  TRUCKS,
  SEED,
  producing.map((s) => s.p),
);
const batchRand = mulberry32(SEED ^ 0xbad);
let genMs = 0;
let ingestMs = 0;
let bareMs = 0;
let duckLoadMs = 0;
const summarising = { placingMs: 0, summarisingMs: 0 };
let received = 0;
let kept = 0;
let batchesSent = 0;
const counts = { outOfOrder: 0, duplicates: 0, impossibleSpeed: 0, invalid: 0 };
const CHUNK_TRUCKS = 25;
/** Runs `work` over `items` with at most `width` in flight (the feed's batches arrive concurrently). */
async function inFlight<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
for (let c0 = 0; c0 < trucks.length; c0 += CHUNK_TRUCKS) {
  // The GPS platform's batches for this chunk of trucks: one per hour with every truck's fixes of that hour, a few
  // spoiled (a repeated fix, two swapped, a jump). Generation is timed apart.
  let g = performance.now();
  const byHour: SimFix[][] = Array.from({ length: HOURS }, () => []);
  for (let i = c0; i < Math.min(trucks.length, c0 + CHUNK_TRUCKS); i++) {
    let hour: SimFix[] = [];
    let h = 0;
    const flush = () => {
      if (batchRand() < 0.05) spoilBatch(hour, batchRand);
      for (const f of hour) byHour[h]!.push(f);
      hour = [];
    };
    driveTruck(trucks[i]!, START, HOURS, SEED * 7919 + i, (f) => {
      const fh = Math.floor((f.at - START) / 3_600_000);
      if (fh !== h && hour.length) flush();
      h = fh;
      hour.push(f);
    });
    if (hour.length) flush();
  }
  const batches: GpsBatch[] = byHour
    .map((points, h) => ({ batchId: `BENCH-${SEED}-${c0}-${h}`, points }))
    .filter((b) => b.points.length > 0);
  genMs += performance.now() - g;
  // Ingest: the feed's own receive (clean, cell, encode, the batch row and COPY in one transaction), two batches in flight.
  g = performance.now();
  await inFlight(batches, 2, async (b) => {
    const a = await receiveGpsBatch(feedDeps, b);
    received += a.counts.received;
    kept += a.counts.kept;
    counts.outOfOrder += a.counts.outOfOrder;
    counts.duplicates += a.counts.duplicates;
    counts.impossibleSpeed += a.counts.impossibleSpeed;
    counts.invalid += a.counts.invalid;
  });
  ingestMs += performance.now() - g;
  batchesSent += batches.length;
  // The same rows encoded again (not timed), then the bare COPY of them in one statement. The summaries of the batches
  // are made again too, one batch at a time, timed apart: the register's statement (its round trip) and the
  // summarising itself — the share of the ingest's work that the day's analysis no longer does.
  const lines: string[] = [];
  for (const b of batches) {
    const cleaned = cleanBatch(b.points);
    for (const l of cleaned.rows) lines.push(l);
    await summariseBatch(db, feedDeps.db, cleaned, summarising);
  }
  g = performance.now();
  await database.copyIn('bench_bare_points', POINT_COLUMNS, lines);
  bareMs += performance.now() - g;
  // DuckDB gets the same rows.
  g = performance.now();
  const file = path.join(tmp, 'points.tsv');
  fs.writeFileSync(file, lines.join(''));
  await duck.run(`COPY waste_points FROM '${file}' (DELIMITER '\t', HEADER false)`);
  fs.unlinkSync(file);
  duckLoadMs += performance.now() - g;
  if ((c0 / CHUNK_TRUCKS) % 40 === 0) {
    console.log(
      `  ${Math.min(trucks.length, c0 + CHUNK_TRUCKS)}/${trucks.length} trucks, ${kept} fixes kept, ingest ${(ingestMs / 1000).toFixed(1)} s, bare ${(bareMs / 1000).toFixed(1)} s`,
    );
  }
}
await sql.raw(`ANALYZE waste_points`).execute(db);
await sql.raw(`DROP TABLE bench_bare_points`).execute(db);
const relationBytes = async (table: string) =>
  Number((await sql<{ n: string }>`SELECT pg_total_relation_size(${table}::regclass)::text AS n`.execute(db)).rows[0]!.n);
const day8 = DAY.replaceAll('-', '');
const partitionBytes = await relationBytes(`waste_points_${day8}`);
const summaryBytes = (await relationBytes(`waste_track_chunks_${day8}`)) + (await relationBytes(`waste_track_edges_${day8}`));
const summaryRows = Number(
  (await sql<{ n: string }>`SELECT (SELECT COUNT(*) FROM waste_track_edges WHERE day = ${DAY})::text AS n`.execute(db)).rows[0]!.n,
);
const reading = await dayReading(db, DAY);

// ---- the day's analysis, both ways ---------------------------------------------------------------------------------
const params = {
  day: DAY,
  stopSeconds: DEFAULT_STOP_MINUTES * 60,
  deviationSeconds: DEFAULT_DEVIATION_MINUTES * 60,
  visitSeconds: VISIT_SECONDS,
};
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; out: T }> {
  let best = Infinity;
  let out: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    out = await run();
    best = Math.min(best, performance.now() - s);
  }
  return { ms: best, out: out! };
}
// The analysis as the platform runs it: from the summaries (current: every batch summarised, nothing changed since).
const pgRun = await timed(() => analyseDay(feedDeps, params, { reading: 'summaries' }));
// The same analysis over every fix on the database (once: the definition the summaries must match).
const pgPointsStart = performance.now();
const pgPoints = await analyseDay(feedDeps, params, { reading: 'points' });
const pgPointsMs = performance.now() - pgPointsStart;
// DuckDB: the definition over every fix (the baseline), and for comparison the same summaries loaded into it.
const duckRows = async (text: string) =>
  normaliseRows((await duck.runAndReadAll(text, analysisArgs(params) as never)).getRowObjectsJS() as Record<string, unknown>[]);
const duckRun = await timed(() => duckRows(WASTE_ANALYSIS_SQL));
const g0 = performance.now();
await toDuck(
  'waste_track_chunks',
  `SELECT day::text, plate, t_first, t_last, n, permits, register_version FROM waste_track_chunks WHERE day = '${DAY}'`,
);
await toDuck(
  'waste_track_edges',
  `SELECT day::text, plate, chunk_t, i, t, cell::text, zone, site_id, site_kind, new_cell, cell_end, new_zone, zone_end FROM waste_track_edges WHERE day = '${DAY}'`,
);
const duckSummaryLoadMs = performance.now() - g0;
const duckSummaryRun = await timed(() => duckRows(WASTE_SUMMARY_SQL));
const expected = JSON.stringify(duckRun.out);
const equal =
  reading === 'summaries' &&
  JSON.stringify(pgRun.out) === expected &&
  JSON.stringify(pgPoints) === expected &&
  JSON.stringify(duckSummaryRun.out) === expected;
if (!equal) {
  const differ = (name: string, rows: AnalysisRow[]) => {
    const want = new Set(duckRun.out.map((r) => JSON.stringify(r)));
    const got = new Set(rows.map((r) => JSON.stringify(r)));
    const missing = [...want].filter((r) => !got.has(r));
    const extra = [...got].filter((r) => !want.has(r));
    console.log(`${name}: ${rows.length} rows, ${missing.length} missing, ${extra.length} extra`, missing.slice(0, 3), extra.slice(0, 3));
  };
  console.log(`reading: ${reading}; DuckDB from every fix: ${duckRun.out.length} rows`);
  differ('database from summaries', pgRun.out);
  differ('database from every fix', pgPoints);
  differ('DuckDB from summaries', duckSummaryRun.out);
}
const byKind: Record<string, number> = {};
for (const r of pgRun.out) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const figures = {
  trucks: TRUCKS,
  hours: HOURS,
  batches: batchesSent,
  fixesReceived: received,
  fixesKept: kept,
  cleaning: counts,
  generationSeconds: +(genMs / 1000).toFixed(1),
  ingestSeconds: +(ingestMs / 1000).toFixed(1),
  ingestRowsPerSecond: Math.round(kept / (ingestMs / 1000)),
  bareCopySeconds: +(bareMs / 1000).toFixed(1),
  bareCopyRowsPerSecond: Math.round(kept / (bareMs / 1000)),
  ingestVsBareCopy: +(bareMs / ingestMs).toFixed(2),
  summarisePlacingSeconds: +(summarising.placingMs / 1000).toFixed(1),
  summariseSeconds: +(summarising.summarisingMs / 1000).toFixed(1),
  summaryRows,
  reading,
  analysisSeconds: +(pgRun.ms / 1000).toFixed(2),
  analysisFromEveryFixSeconds: +(pgPointsMs / 1000).toFixed(2),
  duckdbAnalysisSeconds: +(duckRun.ms / 1000).toFixed(2),
  duckdbLoadSeconds: +(duckLoadMs / 1000).toFixed(1),
  analysisVsDuckdb: +(duckRun.ms / pgRun.ms).toFixed(2),
  duckdbFromSummariesSeconds: +(duckSummaryRun.ms / 1000).toFixed(2),
  duckdbSummariesLoadSeconds: +(duckSummaryLoadMs / 1000).toFixed(1),
  resultsEqual: equal,
  findings: byKind,
  peakRssMiB: mib(peakRss),
  partitionMiB: mib(partitionBytes),
  summariesMiB: mib(summaryBytes),
};
console.log(JSON.stringify(figures, null, 2));
console.log(
  `ingest ${figures.ingestRowsPerSecond} rows/s vs bare COPY ${figures.bareCopyRowsPerSecond} rows/s: ${figures.ingestVsBareCopy}× (target ≥ 0.5×); ` +
    `analysis ${figures.analysisSeconds} s (from ${reading}; ${figures.analysisFromEveryFixSeconds} s from every fix) vs DuckDB ${figures.duckdbAnalysisSeconds} s ` +
    `(${figures.analysisVsDuckdb}×, target > 1; DuckDB from the same summaries ${figures.duckdbFromSummariesSeconds} s), results ${equal ? 'equal' : 'DIFFERENT'}`,
);
writeResult({
  name: 'waste',
  engine: database.kind,
  machine: describeMachine(version),
  options: { trucks: TRUCKS, hours: HOURS, seed: SEED, analysisRuns: RUNS, sharedMachine: true },
  figures,
});
fs.rmSync(tmp, { recursive: true, force: true });
await platform.database.close();
if (!equal) process.exitCode = 1;
