// The daily deletion of positions older than each bureau's retention (D4; docs/duty.md §4). Idempotent.
import type { Deps } from '../../context.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { purgeOldPositions } from './use-cases/positions.ts';

export const JOB_DUTY_PURGE_POSITIONS = 'duty.purge_positions';

export async function schedulePositionPurge(deps: Deps, at: Date): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_DUTY_PURGE_POSITIONS,
    runAt: at,
    dedupeKey: `${JOB_DUTY_PURGE_POSITIONS}:${shanghaiDate(at)}`,
  });
}

export const DUTY_JOB_HANDLERS: JobHandlers = {
  [JOB_DUTY_PURGE_POSITIONS]: async (deps) => {
    await purgeOldPositions(deps);
    await schedulePositionPurge(deps, tomorrowInShanghaiAt(deps.clock.now(), '03:10'));
  },
};
