// The daily enforcement check: public notices reaching their deemed day are served (F4), then every case with a
// fine is re-evaluated (G1 period over → 待催告; G3 window opening, last day near). Also run on demand.
import type { Deps, RequestMeta } from '../../context.ts';
import { caseContext, findCase, hydrateSnapshot } from '../cases/index.ts';
import { enqueueJob } from '../scheduler/index.ts';
import type { JobHandlers } from '../scheduler/index.ts';
import { completeDueDeemedServices } from '../service/index.ts';
import { refreshCaseEnforcement } from './enforcement-refresh.ts';
import { enforcementCandidateIds } from './enforcement.repository.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';

export const JOB_ENFORCEMENT_DAILY = 'enforcement.daily';

export type EnforcementCheck = { checked: number; marked: number; deemedServed: number };

export async function runEnforcementCheck(deps: Deps, meta: RequestMeta, jurisdictionPath?: string): Promise<EnforcementCheck> {
  const deemedServed = await completeDueDeemedServices(deps, meta);
  const ids = await enforcementCandidateIds(deps.db, jurisdictionPath);
  const ctx = await caseContext(deps.db, deps.clock.now());
  let marked = 0;
  for (const id of ids) {
    // One short transaction per case: a failure on one case does not hold back the others.
    const r = await deps.db.transaction().execute(async (trx) => {
      const row = await findCase(trx, id);
      if (!row) return null;
      return refreshCaseEnforcement(trx, deps, meta, row, await hydrateSnapshot(trx, row), ctx, { mark: true });
    });
    if (r?.marked) marked += 1;
  }
  return { checked: ids.length, marked, deemedServed };
}

/** Next run shortly after midnight in Shanghai (01:00 +08:00), deduplicated per day. */
export async function scheduleEnforcementDaily(deps: Deps, at: Date): Promise<void> {
  const day = shanghaiDate(at);
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_ENFORCEMENT_DAILY,
    runAt: at,
    dedupeKey: `${JOB_ENFORCEMENT_DAILY}:${day}`,
  });
}

export const ENFORCEMENT_JOB_HANDLERS: JobHandlers = {
  [JOB_ENFORCEMENT_DAILY]: async (deps, job) => {
    await runEnforcementCheck(deps, { ip: null, correlationId: `job:${job.id}` });
    await scheduleEnforcementDaily(deps, tomorrowInShanghaiAt(deps.clock.now(), '01:00'));
  },
};
