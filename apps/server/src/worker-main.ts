import { hostname } from 'node:os';
import { openPlatform } from './bootstrap.ts';
import { CORE_JOB_HANDLERS, scheduleDailyMaintenance, startWorker } from './modules/scheduler/worker.ts';
import { CASE_JOB_HANDLERS } from './modules/cases/cases.jobs.ts';
import { SERVICE_JOB_HANDLERS } from './modules/service/service.jobs.ts';
import { ENFORCEMENT_JOB_HANDLERS, scheduleEnforcementDaily } from './modules/enforcement/enforcement.jobs.ts';
import { PAYMENT_JOB_HANDLERS, schedulePaymentReconciliation } from './modules/payments/payments.jobs.ts';
import { DISCLOSURE_JOB_HANDLERS } from './modules/disclosure/disclosure.jobs.ts';

/** A worker process on its own (PostgreSQL deployments run one or more beside the API processes). */
async function main(): Promise<void> {
  const { deps, database } = await openPlatform();
  const worker = startWorker(
    deps,
    {
      ...CORE_JOB_HANDLERS,
      ...CASE_JOB_HANDLERS,
      ...SERVICE_JOB_HANDLERS,
      ...ENFORCEMENT_JOB_HANDLERS,
      ...PAYMENT_JOB_HANDLERS,
      ...DISCLOSURE_JOB_HANDLERS,
    },
    { workerId: `${hostname()}:${process.pid}`, onError: (e) => console.error(e) },
  );
  await scheduleDailyMaintenance(deps, deps.clock.now());
  await scheduleEnforcementDaily(deps, deps.clock.now());
  await schedulePaymentReconciliation(deps);
  console.log(`worker started on ${database.kind}`);
  const stop = async () => {
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
