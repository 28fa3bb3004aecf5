import type { Deps } from '../../context.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { purgeThrottleCounters } from './use-cases/list-counters.ts';

export const JOB_THROTTLE_PURGE = 'throttle.purge';
const DAY_MS = 86_400_000;

export async function scheduleThrottlePurge(deps: Deps, at: Date): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_THROTTLE_PURGE,
    runAt: at,
    dedupeKey: `${JOB_THROTTLE_PURGE}:${at.toISOString().slice(0, 10)}`,
  });
}

export const THROTTLE_JOB_HANDLERS: JobHandlers = {
  [JOB_THROTTLE_PURGE]: async (deps) => {
    const now = deps.clock.now();
    await purgeThrottleCounters(deps.db, now);
    await scheduleThrottlePurge(deps, new Date(now.getTime() + DAY_MS));
  },
};
