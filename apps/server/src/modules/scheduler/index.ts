// 定时任务: the jobs table and the worker that runs it. Other modules enqueue their timed work here.
import type { ServerModule } from '../../platform/server-module.ts';
import { CORE_JOB_HANDLERS, scheduleDailyMaintenance } from './worker.ts';

export { enqueueJob, enqueueJobs, enqueueOutboxSend, type ClaimedJob, type NewJob } from './jobs.repository.ts';
export { periodicScan, type PeriodicScan } from './periodic.ts';
export { runDueJobs, startWorker, type JobHandler, type JobHandlers, type Worker } from './worker.ts';

export const schedulerModule: ServerModule = {
  name: 'scheduler',
  jobs: CORE_JOB_HANDLERS,
  schedule: scheduleDailyMaintenance,
};
