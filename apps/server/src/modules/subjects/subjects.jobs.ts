// The nightly regrading: every live subject, in batches by id (events leave their windows, licences expire,
// overrides end — levels follow without anyone touching the record). A new rule-set version queues the same job for
// its bureau at once.
import type { Deps } from '../../context.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { regradeAll } from './use-cases/grading.ts';
import { JOB_SUBJECTS_REGRADE } from './use-cases/risk.ts';

export const JOB_SUBJECTS_NIGHTLY = 'subjects.nightly_regrade';

export async function scheduleNightlyRegrade(deps: Deps, at: Date): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_SUBJECTS_NIGHTLY,
    runAt: at,
    dedupeKey: `${JOB_SUBJECTS_NIGHTLY}:${shanghaiDate(at)}`,
  });
}

export const SUBJECT_JOB_HANDLERS: JobHandlers = {
  [JOB_SUBJECTS_NIGHTLY]: async (deps) => {
    await regradeAll(deps);
    await scheduleNightlyRegrade(deps, tomorrowInShanghaiAt(deps.clock.now(), '02:30'));
  },
  [JOB_SUBJECTS_REGRADE]: async (deps, job) => {
    const bureauId = (job.payload as { bureauId?: string } | null)?.bureauId;
    await regradeAll(deps, bureauId ? { bureauId } : {});
  },
};
