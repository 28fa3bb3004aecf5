import { hostname } from 'node:os';
import { openPlatform } from './bootstrap.ts';
import { runCli } from './cli/run-cli.ts';
import { runDueJobs, startWorker } from './modules/scheduler/index.ts';
import { buildModules } from './platform/build-modules.ts';
import { anchorAuditChainAtShutdown } from './modules/audit/index.ts';

/**
 * A worker process on its own (PostgreSQL deployments run one or more beside the API processes), wired from the same
 * module list as the API. `--once` runs the jobs already due, then exits; it schedules nothing (maintenance windows,
 * tests).
 */
runCli(async () => {
  const once = process.argv.includes('--once');
  const { deps, database } = await openPlatform();
  const modules = buildModules(deps);
  const workerId = `${hostname()}:${process.pid}`;
  if (once) {
    let ran = 0;
    for (let n = -1; n !== 0; ran += n) n = await runDueJobs(deps, modules.jobHandlers, workerId);
    console.log(`worker ran ${ran} due jobs on ${database.kind}`);
    await database.close();
    return;
  }
  await modules.scheduleJobs(deps.clock.now());
  const worker = startWorker(deps, modules.jobHandlers, { workerId, onError: (e) => console.error(e) });
  console.log(`worker started on ${database.kind}`);
  const stop = async () => {
    await worker.stop();
    await anchorAuditChainAtShutdown(deps).catch((e: unknown) => console.error('审计链停机锚定失败 / shutdown checkpoint failed:', e));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
