// The daily enforcement check: public notices reaching their deemed day are served (F4), then every case with a
// fine whose status or surcharge the calendar can have moved since its row was written is re-evaluated (G1 period
// over → 待催告; G2 surcharge; G3 window opening, last day near). Run on demand, it re-evaluates every case with a fine.
import type { Deps, RequestMeta } from '../../context.ts';
import { caseContext, findCase, hydrateSnapshot } from '../cases/index.ts';
import { enqueueJob } from '../scheduler/index.ts';
import type { JobHandlers } from '../scheduler/index.ts';
import { completeDueDeemedServices } from '../service/index.ts';
import { calendarKey, refreshCaseEnforcement } from './enforcement-refresh.ts';
import { enforcementCandidateIds } from './enforcement.repository.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';

export const JOB_ENFORCEMENT_DAILY = 'enforcement.daily';

export type EnforcementCheck = { checked: number; marked: number; deemedServed: number };

/**
 * `all`: every case with a fine in the subtree (the check run on demand). Else the daily check: the cases whose row is
 * due (`enforcementCandidateIds` with `due`) — on the ten-year city a few thousand a day instead of ~145,000.
 */
export async function runEnforcementCheck(
  deps: Deps,
  meta: RequestMeta,
  opts: { jurisdictionPath?: string; all: boolean },
): Promise<EnforcementCheck> {
  const deemedServed = await completeDueDeemedServices(deps, meta);
  const ctx = await caseContext(deps.db, deps.clock.now());
  const ids = await enforcementCandidateIds(deps.db, {
    ...(opts.jurisdictionPath ? { jurisdictionPath: opts.jurisdictionPath } : {}),
    ...(opts.all ? {} : { due: { on: ctx.today, calendarKey: calendarKey(ctx.calendar) } }),
  });
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
    await runEnforcementCheck(deps, { ip: null, correlationId: `job:${job.id}` }, { all: false });
    await scheduleEnforcementDaily(deps, tomorrowInShanghaiAt(deps.clock.now(), '01:00'));
  },
};
