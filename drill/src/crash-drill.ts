/**
 * Crash drill: does every write happen exactly once when the server dies mid-request?
 *
 *   npm run drill:crash                                   embedded PGlite (or PostgreSQL when DATABASE_URL is set)
 *   DATABASE_URL=postgres://… npm run drill:crash -- --engine both
 *   npm run drill:crash -- --runs 2 --writers 4 --write-ms 1000-3000 --strict     the bounded version CI runs
 *
 * On a fresh database the real server process runs while N writers send summary tickets and ordinary-case steps,
 * each with a fresh Idempotency-Key; at a drawn moment the server gets kill -9, is restarted on the same database,
 * and every request that lost its answer is retried with the same key and body. After the last cycle the server is
 * stopped and each logical request's effects are counted in the database by the marker it carried (verify.ts).
 * Exit code 1 when anything was lost, doubled or answered wrongly (unless --report-only); 2 when the drill itself failed.
 */
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '@chengguan/domain';
import { prepareDatabase } from './drill-database.ts';
import { Retrier, type LogicalRequest } from './ledger.ts';
import { parseOptions, USAGE, type DrillOptions, type Engine } from './options.ts';
import { DEFINITIONS, printEngineReport, type Totals } from './report.ts';
import { freePort, ServerProcess } from './server-process.ts';
import { loginTeams, teamPlans } from './teams.ts';
import { drillDates, Writer, type WriterContext } from './writer.ts';
import { judge, readEffects } from './verify.ts';

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const running = new Set<ServerProcess>();

async function drill(engine: Engine, opts: DrillOptions): Promise<Totals> {
  const started = now();
  const say = (m: string) => console.log(`[${engine}] ${m}`);
  // The same seed draws the same kill moments and writer choices on either engine.
  const rand = mulberry32(opts.seed);
  const db = await prepareDatabase(engine, opts.databaseUrl);
  say(`database: ${db.describe}; server log: ${db.logFile}`);
  const server = new ServerProcess({
    port: await freePort(),
    env: db.serverEnv,
    logFile: db.logFile,
    startTimeoutMs: opts.startTimeoutMs,
    now,
  });
  running.add(server);
  await server.start();
  say(`server up at ${server.baseUrl} after ${((now() - started) / 1000).toFixed(1)} s`);

  const dates = drillDates(new Date());
  const teams = await loginTeams(server.baseUrl, teamPlans(dates.back(17), dates.today), opts.writers);
  const ledger: LogicalRequest[] = [];
  const retrier = new Retrier(server, { retryTimeoutMs: opts.retryTimeoutMs, requestTimeoutMs: opts.requestTimeoutMs, now });
  let stopping = false;
  const ctx: WriterContext = {
    seed: opts.seed,
    server,
    retrier,
    ledger,
    dates,
    requestTimeoutMs: opts.requestTimeoutMs,
    now,
    stopping: () => stopping,
  };
  const writerErrors: unknown[] = [];
  const writers = teams.map((team, i) =>
    new Writer(ctx, i, team, mulberry32((opts.seed + 7919 * (i + 1)) >>> 0)).run().catch((e: unknown) => {
      writerErrors.push(e);
    }),
  );

  for (let run = 1; run <= opts.runs; run++) {
    const writeMs = opts.writeMs.min + Math.floor(rand() * (opts.writeMs.max - opts.writeMs.min + 1));
    await sleep(writeMs);
    if (writerErrors.length > 0) break;
    if (run === opts.runs) stopping = true;
    const inFlight = ledger.filter((r) => r.attempts.length === 0).length;
    await server.kill9();
    const t = now();
    await server.start();
    say(
      `cycle ${run}/${opts.runs}: kill -9 after ${writeMs} ms of writing with ${inFlight} requests in flight; ` +
        `back in ${((now() - t) / 1000).toFixed(1)} s; ${retrier.inFlight} requests retrying; ${ledger.length} sent so far`,
    );
  }
  stopping = true;
  await Promise.all(writers);
  if (writerErrors.length > 0) throw writerErrors[0];
  if (retrier.inFlight > 0) say(`waiting for ${retrier.inFlight} retries (up to ${opts.retryTimeoutMs / 1000} s of server up-time each)`);
  await retrier.drain();
  await server.stop();
  running.delete(server);

  const sql = await db.open();
  const found = await readEffects(sql.rows).finally(() => sql.close());
  const verdicts = ledger.map((r) => judge(r, found));
  const result = printEngineReport({
    engine,
    database: db.describe,
    seed: opts.seed,
    kills: server.restartMs.length,
    restartMs: server.restartMs,
    verdicts,
    elapsedMs: now() - started,
  });
  const failed = result.lost + result.doubled + result.wrongAnswers + result.keyReused > 0;
  if (failed || opts.keep) say(`kept for inspection: ${db.describe}`);
  else await db.drop();
  return result;
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  if (opts === 'help') {
    console.log(USAGE);
    return 0;
  }
  console.log(
    `crash drill: engines ${opts.engines.join(', ')}; ${opts.runs} runs, ${opts.writers} writers, seed ${opts.seed} ` +
      `(repeat with --seed ${opts.seed}), writing ${opts.writeMs.min}-${opts.writeMs.max} ms per run, retry timeout ${opts.retryTimeoutMs / 1000} s`,
  );
  const results: [Engine, Totals][] = [];
  for (const engine of opts.engines) results.push([engine, await drill(engine, opts)]);
  console.log(`\n${DEFINITIONS}\n`);
  let failed = false;
  for (const [engine, t] of results) {
    const reasons = [
      t.lost && `${t.lost} lost`,
      t.doubled && `${t.doubled} doubled`,
      t.wrongAnswers && `${t.wrongAnswers} wrong answers`,
      t.keyReused && `${t.keyReused} IDEMPOTENCY_KEY_REUSED (the drill sent a different body with a key: a drill bug)`,
      opts.strict && t.unresolved && `${t.unresolved} retries without a definitive answer (--strict)`,
    ].filter(Boolean);
    console.log(`${engine}: ${reasons.length ? `FAILED — ${reasons.join(', ')}` : 'exactly once: nothing lost, nothing doubled'}`);
    if (reasons.length) failed = true;
  }
  return failed && !opts.reportOnly ? 1 : 0;
}

const stopServers = () => {
  for (const s of running) s.killNow();
};
process.on('exit', stopServers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopServers();
    process.exit(130);
  });
}

main().then(
  // Exit now: keep-alive sockets and abandoned timers of the HTTP client would otherwise hold the process open.
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    // Writers and retries may still wait for a server that will not come back.
    process.exit(2);
  },
);
