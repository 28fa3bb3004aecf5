import { hostname } from 'node:os';
import { loadConfig, publicAddressBannerLines } from './config.ts';
import { runCli } from './cli/run-cli.ts';
import { openPlatform } from './bootstrap.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { demoPasswordsFor } from './seed/demo-passwords.ts';
import { demoLoginLines } from './seed/demo-logins.ts';
import { seedDemoCases, type DemoCase } from './seed/demo-cases.ts';
import { seedDemoInspections } from './seed/demo-inspections.ts';
import { startWorker } from './modules/scheduler/index.ts';
import { buildModules } from './platform/build-modules.ts';
import { paymentBannerLine } from './modules/payments/index.ts';
import { exchangeBannerLine } from './modules/tickets/index.ts';
import { anchorAuditChainAtShutdown } from './modules/audit/index.ts';

/** API (and, by default, the worker) in one process. */
runCli(async () => {
  const config = loadConfig();
  const platform = await openPlatform({ config, log: (m) => console.log(m) });
  const { deps, database } = platform;
  // The published demo password only on the embedded database; on a server named by DATABASE_URL one-time ones.
  const passwords = demoPasswordsFor(config);
  const seeded = config.seedDemo ? await seedDemo(deps, { passwords }) : null;
  if (seeded?.seeded) console.log(`演示数据已载入 / demo data loaded: ${seeded.orgs} units, ${seeded.officers} officers`);
  const modules = buildModules(deps);
  const app = await buildApp({ deps, databaseKind: database.kind, logger: { level: config.logLevel }, modules });
  // Demo cases go through the API itself, so they are made once the app (and every module's step hooks) is built.
  // They log in with the published password, so only the embedded demo has them (no made-up parties on a server).
  const demoCases: DemoCase[] = seeded?.seeded && passwords.kind === 'published' ? await seedDemoCases(app, deps, seeded.ids.officers) : [];
  // 陆家嘴's 双随机 plan of this quarter, drawn, with two visits (one failed, ordered to rectify).
  if (seeded?.seeded && passwords.kind === 'published') await seedDemoInspections(app, deps);
  const address = await app.listen({ port: config.port, host: config.host });
  const worker = config.runWorker
    ? startWorker(deps, modules.jobHandlers, { workerId: `${hostname()}:${process.pid}`, onError: (e) => app.log.error(e) })
    : null;
  // The daily jobs (maintenance, 待催告 and the G3 window, reconciliation): the first run a minute after start.
  if (config.runWorker) await modules.scheduleJobs(new Date(deps.clock.now().getTime() + 60_000));

  const url = address.replace(/\/\/(0\.0\.0\.0|127\.0\.0\.1|\[::\]|\[::1\])(?=:)/, '//localhost');
  console.log('');
  console.log(`城管执法平台已启动 / chengguan is running: ${url}`);
  console.log(`  数据库 / database: ${database.kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`);
  console.log(`  API 文档 / API docs: ${url}/api/docs`);
  console.log(`  ${paymentBannerLine(config)}`);
  console.log(`  ${exchangeBannerLine(config)}`);
  for (const line of publicAddressBannerLines(config)) console.log(line);
  if (config.seedDemo) for (const line of demoLoginLines(passwords, seeded)) console.log(line);
  if (demoCases.length > 0) {
    console.log(`  演示案件 / demo cases (当事人门户 ${url}/portal — 文号 + 手机验证码，验证码见「短信发件箱」):`);
    for (const c of demoCases) console.log(`    ${c.key}  ${c.documentNumber ?? '—'}  ${c.partyName}  ${c.phone}`);
  }

  const shutdown = async () => {
    await worker?.stop();
    await app.close();
    // The head as it is when the process stops, signed: rows cut from the end after this are seen.
    await anchorAuditChainAtShutdown(deps).catch((e: unknown) => console.error('审计链停机锚定失败 / shutdown checkpoint failed:', e));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
});
