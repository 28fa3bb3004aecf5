// Jobs of the files module: the daily scrub (started at 03:00 Shanghai, then the next day's scheduled) and its batches.
import type { JobHandlers } from '../scheduler/index.ts';
import { AppError } from '../../errors/app-error.ts';
import {
  JOB_SCRUB_BATCH,
  JOB_SCRUB_DAILY,
  nextScrubAt,
  runScrubBatch,
  scheduleDailyScrub,
  startScrubRun,
} from './use-cases/scrub-files.ts';

export const FILE_JOB_HANDLERS: JobHandlers = {
  [JOB_SCRUB_DAILY]: async (deps, job) => {
    try {
      await startScrubRun(deps, 'job', null, { ip: null, correlationId: `job:${job.id}` });
    } catch (e) {
      // Yesterday's run is still going (a very large store): it goes on; today's is skipped.
      if (!(e instanceof AppError && e.code === 'STATE_CONFLICT')) throw e;
    }
    await scheduleDailyScrub(deps, nextScrubAt(deps.clock.now()));
  },
  [JOB_SCRUB_BATCH]: async (deps, job) => {
    await runScrubBatch(deps, (job.payload as { runId: string }).runId, { ip: null, correlationId: `job:${job.id}` });
  },
};
