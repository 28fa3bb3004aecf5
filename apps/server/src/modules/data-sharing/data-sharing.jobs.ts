// The daily signed digest (docs/data-sharing.md §3): at 01:30 Shanghai time the worker makes the digest of the day
// before, then schedules the next run. Idempotent: a day's digest is made once (a second run answers it).
import { addDays } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { makeDigest } from './use-cases/digest.ts';

export const JOB_PUBLICATION_DIGEST = 'data_sharing.publication_digest';

export async function scheduleDigest(deps: Deps, at: Date): Promise<void> {
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_PUBLICATION_DIGEST,
    runAt: at,
    dedupeKey: `${JOB_PUBLICATION_DIGEST}:${shanghaiDate(at)}`,
  });
}

export const DATA_SHARING_JOB_HANDLERS: JobHandlers = {
  [JOB_PUBLICATION_DIGEST]: async (deps, job) => {
    const now = deps.clock.now();
    await makeDigest(deps, addDays(shanghaiDate(now), -1), null, { ip: null, correlationId: `job:${job.id}` });
    await scheduleDigest(deps, tomorrowInShanghaiAt(now, '01:30'));
  },
};
