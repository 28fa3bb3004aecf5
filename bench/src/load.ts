/**
 * The load run: N officers at once against the server process for a fixed time, then the raw-SQL ceiling with the
 * same officers, concurrency and mix on the same database; the figures of both, their ratio, and the server's
 * resident memory. See bench/README.md ("Load").
 *
 *   npm run bench:load                                        PGlite in DATA_DIR (default /tmp/load-pglite)
 *   DATABASE_URL=postgres://…/city npm run bench:load         PostgreSQL
 *   npm run bench:load -- --officers 20 --duration 10s --warmup 5s     the smoke run
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mulberry32 } from '@chengguan/domain';
import { shanghaiDate } from '../../apps/server/src/shared/time.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { PG_SESSION_OPTIONS } from '../../apps/server/src/db/database.ts';
import { markBenchLibraryVerified } from './verified-library.ts';
import { OfficerSession, REQUEST_KINDS, type LoadOfficer, type RequestKind } from './load-session.ts';
import { assignTicketRanges, chooseOfficers, inBatches, listOfficers, login } from './load-setup.ts';
import { benchServerEnv, httpTransport, startServer } from './load-server.ts';
import { LoadStats, RssSampler, type KindFigures, type MemoryFigures } from './load-stats.ts';
import { Ceiling } from './load-ceiling.ts';
import { describeMachine, printComparison, readResult, writeResult } from './results.ts';

const { values: args } = parseArgs({
  options: {
    officers: { type: 'string', default: '500' },
    duration: { type: 'string', default: '5m' },
    warmup: { type: 'string', default: '30s' },
    think: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    pool: { type: 'string', default: '10' },
    port: { type: 'string', default: '3950' },
    admin: { type: 'string', default: 'admin' },
    password: { type: 'string', default: process.env.LOAD_PASSWORD ?? DEMO_PASSWORD },
    'data-dir': { type: 'string', default: '/tmp/load-pglite' },
    'skip-ceiling': { type: 'boolean', default: false },
    'skip-platform': { type: 'boolean', default: false },
    name: { type: 'string', default: 'load' },
    note: { type: 'string', default: '' },
  },
});

/** '5m', '30s', '90' (seconds) → milliseconds. */
function duration(raw: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) throw new Error(`--${name} must be a duration such as 10s, 5m or 300, got "${raw}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

const OFFICERS = Number(args.officers);
const DURATION_MS = duration(args.duration!, 'duration');
const WARMUP_MS = duration(args.warmup!, 'warmup');
const SEED = Number(args.seed);
const POOL = Number(args.pool);
const DATABASE_URL = process.env.DATABASE_URL?.trim() || null;
const ENGINE = DATABASE_URL ? 'postgresql' : 'pglite';
const DATA_DIR = path.resolve(args['data-dir']!);
const today = () => shanghaiDate(new Date());
const officerRandom = (i: number) => mulberry32(SEED * 100_003 + i);
/**
 * --think: the mean pause of an officer between two operations (0: none, every officer sends his next request as soon
 * as the last is answered — the closed loop that measures the most each side can carry). The pauses are exponential,
 * drawn from a stream of their own, so the officers' operations are the same with or without them, on both sides.
 */
const THINK_MS = duration(args.think!, 'think');
const thinkRandom = (i: number) => mulberry32(SEED * 100_003 + i + 7_919_000);

type Phase = { requests: number; perSec: number; seconds: number; kinds: Record<string, KindFigures> };

/** An officer's loop: operations until `stop()`, each followed by `pause()` (his think time, cut short at the end). */
type Loop = (stop: () => boolean, pause: () => Promise<void> | undefined) => Promise<void>;

/** Warm-up (not recorded), then the timed window; every officer's loop runs until the window ends. */
async function drive<K extends string>(stats: LoadStats<K>, loops: Loop[], onWarm: () => void) {
  // Warm-up, then the timed window, both on the clock: every loop checks it between operations.
  const from = performance.now() + WARMUP_MS;
  const to = from + DURATION_MS;
  stats.window = { from, to };
  const warm = setTimeout(onWarm, WARMUP_MS);
  const pauseOf = (i: number) => {
    if (THINK_MS <= 0) return () => undefined;
    const random = thinkRandom(i);
    return () => {
      const ms = Math.min(-Math.log(1 - random()) * THINK_MS, to - performance.now());
      return ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : undefined;
    };
  };
  await Promise.all(
    loops.map(async (loop, i) => {
      const pause = pauseOf(i);
      // With think time the officers start spread over one pause, not all at once.
      await pause();
      return loop(() => performance.now() >= to, pause);
    }),
  );
  clearTimeout(warm);
  const seconds = DURATION_MS / 1000;
  const kinds = stats.figures(seconds);
  return { requests: kinds.all?.requests ?? 0, perSec: kinds.all?.perSec ?? 0, seconds, kinds } satisfies Phase;
}

function busyProcesses(): string {
  try {
    return execFileSync('ps', ['-eo', 'pid,pcpu,rss,comm', '--sort=-pcpu'], { encoding: 'utf8' }).split('\n').slice(0, 8).join('\n');
  } catch {
    return 'unknown';
  }
}

async function platformRun(): Promise<{
  phase: Phase | null;
  memory: MemoryFigures | null;
  officers: LoadOfficer[];
  loginSeconds: number;
  errors: string[];
}> {
  const database: Record<string, string> = DATABASE_URL ? { DATABASE_URL } : { DATA_DIR };
  const server = await startServer(benchServerEnv({ port: Number(args.port), poolSize: POOL, database }));
  console.log(`server pid ${server.pid} at ${server.baseUrl} (${ENGINE}${DATABASE_URL ? '' : `, DATA_DIR ${DATA_DIR}`})`);
  const { transport, agent } = httpTransport(server.baseUrl, OFFICERS + 8);
  try {
    const all = await listOfficers(transport, await login(transport, args.admin!, args.password!));
    const officers = chooseOfficers(all, OFFICERS);
    if (officers.length < OFFICERS) {
      throw new Error(
        `only ${officers.length} officers can play (field officers and squad leaders with a login and a valid 执法证, two per squad at least); ` +
          `load a city (npm run generate) or lower --officers`,
      );
    }
    console.log(`${officers.length} officers in ${new Set(officers.map((o) => o.orgId)).size} squads`);
    // The ceiling alone (--skip-platform): the server only named the officers.
    if (args['skip-platform']) return { phase: null, memory: null, officers, loginSeconds: 0, errors: [] };
    const tag = `${new Date().toISOString().slice(0, 16)}-${SEED}`;
    const l0 = performance.now();
    let logged = 0;
    const tokens = await inBatches(officers, 8, async (o) => {
      const token = await login(transport, o.username, args.password!);
      if (++logged % 50 === 0) console.log(`  ${logged} logins`);
      return token;
    });
    const loginSeconds = (performance.now() - l0) / 1000;
    await assignTicketRanges(transport, all, officers, tokens, args.password!, tag, (done, of) => {
      if (done % 50 === 0 || done === of) console.log(`  ${done}/${of} ticket ranges`);
    });
    console.log(
      `${tokens.length} logins in ${loginSeconds.toFixed(1)} s; warm-up ${WARMUP_MS / 1000} s, then ${DURATION_MS / 1000} s timed`,
    );

    const stats = new LoadStats<RequestKind>();
    const sessions = officers.map(
      (officer, i) =>
        new OfficerSession({
          officer,
          token: tokens[i]!,
          transport,
          record: (kind, status, ms) => stats.record(kind, status, ms),
          onError: (kind, req, res) => stats.sample(`${kind} ${req.method} ${req.url}: ${res.status} ${res.body.slice(0, 240)}`),
          random: officerRandom(i),
          today,
          now: () => performance.now(),
        }),
    );
    const rss = new RssSampler(server.pid);
    rss.start(Date.now());
    const phase = await drive(
      stats,
      sessions.map((s): Loop => async (stop, pause) => {
        while (!stop()) {
          await s.next();
          await pause();
        }
      }),
      () => rss.warmedUp(Date.now()),
    );
    const memory = rss.stop(Date.now());
    return { phase, memory, officers, loginSeconds, errors: stats.errorSamples };
  } finally {
    agent.destroy();
    const code = await server.stop();
    if (code !== 0) console.warn(`the server exited with ${code}:\n${server.output().slice(-2000)}`);
  }
}

async function ceilingPool(): Promise<{ pool: pg.Pool; close: () => Promise<void>; version: string }> {
  if (DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL, options: PG_SESSION_OPTIONS });
    const v = await pool.query<{ v: string }>('SELECT version() AS v');
    return { pool, close: () => pool.end(), version: v.rows[0]!.v.split(',')[0]! };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const lite = await PGlite.create(`${DATA_DIR}/pglite`, { extensions: { pg_trgm } });
  const pool = new pg.Pool(createPgConfig(lite));
  const v = await pool.query<{ v: string }>('SELECT version() AS v');
  return {
    pool,
    version: `PGlite (${v.rows[0]!.v.split(',')[0]!})`,
    close: async () => {
      await pool.end();
      await lite.close();
    },
  };
}

async function ceilingRun(officers: LoadOfficer[]): Promise<{ phase: Phase; errors: string[]; version: string }> {
  const { pool, close, version } = await ceilingPool();
  const stats = new LoadStats<RequestKind>();
  const ceiling = new Ceiling({
    pool,
    officers,
    random: officerRandom,
    today,
    record: (kind, status, ms) => stats.record(kind, status, ms),
    onError: (kind, e) => stats.sample(`${kind}: ${e instanceof Error ? e.message : String(e)}`),
  });
  try {
    await ceiling.prepare(`${new Date().toISOString().slice(0, 16)}-${SEED}`);
    const phase = await drive(
      stats,
      officers.map(
        (_, i): Loop =>
          (stop, pause) =>
            ceiling.officer(i, stop, pause),
      ),
      () => undefined,
    );
    return { phase, errors: stats.errorSamples, version };
  } finally {
    await ceiling.cleanUp();
    await close();
  }
}

function printPhase(title: string, p: Phase): void {
  console.log(`\n${title}: ${p.requests} requests in ${p.seconds.toFixed(0)} s = ${p.perSec.toFixed(1)} req/s`);
  console.table(
    Object.fromEntries(
      [...REQUEST_KINDS, 'all']
        .filter((k) => p.kinds[k])
        .map((k) => {
          const f = p.kinds[k]!;
          return [
            k,
            {
              requests: f.requests,
              'req/s': f.perSec,
              'p50 ms': f.p50,
              'p95 ms': f.p95,
              'p99 ms': f.p99,
              'max ms': f.max,
              errors: f.errors,
              '409': f.conflicts,
            },
          ];
        }),
    ),
  );
}

async function main(): Promise<void> {
  const before = { loadAverage: os.loadavg(), busiest: busyProcesses() };
  console.log(
    `load run on ${ENGINE}: ${OFFICERS} officers, ${args.duration} (+${args.warmup} warm-up), ` +
      `think ${THINK_MS > 0 ? `${THINK_MS / 1000} s mean` : 'none'}, seed ${SEED}, pool ${POOL}`,
  );
  console.log(`busiest processes before the run:\n${before.busiest}`);
  // The offences the sessions use, verified as a bureau's checked library has them (verified-library.ts).
  const lib = await ceilingPool();
  await markBenchLibraryVerified((text, params) => lib.pool.query(text, params)).finally(() => lib.close());
  const platform = await platformRun();
  const m = platform.memory;
  if (platform.phase && m) {
    printPhase('platform (HTTP server process)', platform.phase);
    if (platform.errors.length) console.log(`first errors:\n  ${platform.errors.join('\n  ')}`);
    console.log(
      `server RSS: start ${m.startMiB} MiB, after warm-up ${m.afterWarmupMiB} MiB, end ${m.endMiB} MiB (max ${m.maxMiB}); growth ${m.growthPercent}%; trend (median of the last third over the first) ${m.trendPercent ?? '—'}%`,
    );
  }
  const save = (ceiling: { phase: Phase; errors: string[]; version: string } | null) => {
    const all = platform.phase?.kinds.all;
    const ratio = ceiling && platform.phase ? platform.phase.perSec / ceiling.phase.perSec : null;
    const targets = {
      'p99 ≤ 200 ms': { value: all?.p99 ?? null, met: (all?.p99 ?? Infinity) <= 200 },
      '0 errors': { value: all?.errors ?? null, met: (all?.errors ?? 1) === 0 },
      'throughput ≥ 0.7 × ceiling': { value: ratio, met: ratio !== null && ratio >= 0.7 },
      // Flat after warm-up: the trend, not two samples the collector's cycle places (MemoryFigures.trendPercent).
      'RSS flat after warm-up (trend < 10%)': { value: m?.trendPercent ?? null, met: m?.trendPercent != null && m.trendPercent < 10 },
    };
    const figures = {
      platform: platform.phase,
      ceiling: ceiling?.phase ?? null,
      ratio,
      memory: m,
      loginSeconds: platform.loginSeconds,
      targets,
      errorSamples: { platform: platform.errors, ceiling: ceiling?.errors ?? [] },
      machineLoad: { before, after: { loadAverage: os.loadavg() } },
    };
    return writeResult({
      name: args.name!,
      engine: ENGINE,
      machine: describeMachine(ceiling?.version ?? ENGINE),
      options: {
        officers: OFFICERS,
        duration: args.duration,
        warmup: args.warmup,
        thinkMs: THINK_MS,
        seed: SEED,
        pool: POOL,
        database: DATABASE_URL ? DATABASE_URL.replace(/\/\/[^@/]*@/, '//') : `PGlite ${DATA_DIR}`,
        only: args['skip-platform'] ? 'ceiling' : args['skip-ceiling'] ? 'platform' : 'both',
        note: args.note,
      },
      figures,
    });
  };
  // The platform's figures are kept even if the ceiling does not finish.
  const first = platform.phase ? save(null) : null;
  const ceiling = args['skip-ceiling'] ? null : await ceilingRun(platform.officers);
  if (ceiling) {
    printPhase('ceiling (raw SQL, same officers, concurrency and mix)', ceiling.phase);
    if (ceiling.errors.length) console.log(`first ceiling errors:\n  ${ceiling.errors.join('\n  ')}`);
  }
  const { file, previous: written } = save(ceiling);
  const previous = first ? first.previous : written;
  const f = readResult<{ ratio: number | null; targets: Record<string, { value: number | null; met: boolean }> }>(args.name!, ENGINE)!;
  console.log(`\nplatform / ceiling throughput: ${f.figures.ratio === null ? '—' : f.figures.ratio.toFixed(2)}`);
  for (const [t, v] of Object.entries(f.figures.targets)) console.log(`  ${v.met ? 'met   ' : 'MISSED'} ${t}: ${v.value ?? '—'}`);
  console.log(`\nfigures written to ${file}`);
  const all = platform.phase?.kinds.all;
  printComparison(
    'load',
    [
      { label: 'platform req/s', previous: previous?.figures.platform?.perSec, current: platform.phase?.perSec ?? 0, digits: 1 },
      { label: 'platform p99 ms', previous: previous?.figures.platform?.kinds.all?.p99, current: all?.p99 ?? 0, digits: 1 },
      { label: 'platform / ceiling', previous: previous?.figures.ratio, current: f.figures.ratio ?? 0 },
      { label: 'RSS growth %', previous: previous?.figures.memory?.growthPercent, current: m?.growthPercent ?? 0, digits: 1 },
      { label: 'RSS trend %', previous: previous?.figures.memory?.trendPercent ?? undefined, current: m?.trendPercent ?? 0, digits: 1 },
    ],
    previous,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
