import { hostname } from 'node:os';
import { ConfigError, loadConfig } from './config.ts';
import { openPlatform } from './bootstrap.ts';
import { buildApp } from './http/app.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed/demo-data.ts';
import { seedDemoCases, type DemoCase } from './seed/demo-cases.ts';
import { CORE_JOB_HANDLERS, scheduleDailyMaintenance, startWorker } from './modules/scheduler/worker.ts';
import { CASE_JOB_HANDLERS } from './modules/cases/cases.jobs.ts';
import { SERVICE_JOB_HANDLERS } from './modules/service/service.jobs.ts';
import { ENFORCEMENT_JOB_HANDLERS, scheduleEnforcementDaily } from './modules/enforcement/enforcement.jobs.ts';
import { PAYMENT_JOB_HANDLERS, schedulePaymentReconciliation } from './modules/payments/payments.jobs.ts';
import { DISCLOSURE_JOB_HANDLERS } from './modules/disclosure/disclosure.jobs.ts';

/** API (and, by default, the worker) in one process. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const platform = await openPlatform({ config, log: (m) => console.log(m) });
  const { deps, database } = platform;
  const seeded = config.seedDemo ? await seedDemo(deps) : null;
  if (seeded?.seeded) console.log(`演示数据已载入 / demo data loaded: ${seeded.orgs} units, ${seeded.officers} officers`);
  const app = await buildApp({ deps, databaseKind: database.kind, logger: { level: config.logLevel } });
  // Demo cases go through the API itself, so they are made once the app (and every module's step hooks) is built.
  const demoCases: DemoCase[] = seeded?.seeded ? await seedDemoCases(app, deps, seeded.ids.officers) : [];
  const address = await app.listen({ port: config.port, host: config.host });
  const worker = config.runWorker
    ? startWorker(
        deps,
        {
          ...CORE_JOB_HANDLERS,
          ...CASE_JOB_HANDLERS,
          ...SERVICE_JOB_HANDLERS,
          ...ENFORCEMENT_JOB_HANDLERS,
          ...PAYMENT_JOB_HANDLERS,
          ...DISCLOSURE_JOB_HANDLERS,
        },
        { workerId: `${hostname()}:${process.pid}`, onError: (e) => app.log.error(e) },
      )
    : null;
  if (config.runWorker) await scheduleDailyMaintenance(deps, new Date(deps.clock.now().getTime() + 60_000));
  // 送达 / 执行: the daily check (待催告, G3 window, F4 deemed service) — first run a minute after start.
  if (config.runWorker) await scheduleEnforcementDaily(deps, new Date(deps.clock.now().getTime() + 60_000));
  if (config.runWorker) await schedulePaymentReconciliation(deps);

  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  console.log('');
  console.log(`城管执法平台已启动 / chengguan is running: ${url}`);
  console.log(`  数据库 / database: ${database.kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`);
  console.log(`  API 文档 / API docs: ${url}/api/docs`);
  if (config.seedDemo) {
    console.log(`  演示账号 / demo logins (password ${DEMO_PASSWORD}):`);
    for (const l of DEMO_LOGINS) console.log(`    ${l.username.padEnd(16)} ${l.roleZh}（${l.orgName}）`);
  }
  if (demoCases.length > 0) {
    console.log(`  演示案件 / demo cases (当事人门户 ${url}/portal — 文号 + 手机验证码，验证码见「短信发件箱」):`);
    for (const c of demoCases) console.log(`    ${c.key}  ${c.documentNumber ?? '—'}  ${c.partyName}  ${c.phone}`);
  }

  const shutdown = async () => {
    await worker?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
