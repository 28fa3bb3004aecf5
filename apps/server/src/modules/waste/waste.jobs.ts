// Daily (docs/waste.md §3, §5): at 01:30 Shanghai the analysis of yesterday runs with the default thresholds, and the
// point partitions older than the retention (31 days: a month kept for replay) are dropped. Idempotent.
import { addDays } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { shanghaiDate, tomorrowInShanghaiAt } from '../../shared/time.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { dropOldPartitions } from './gps/gps-feed.ts';
import { runAnalysisFor } from './use-cases/analysis.ts';
import { GPS_SIMULATOR_JOB_HANDLERS } from './gps/gps-simulator.ts';

export const JOB_WASTE_DAILY = 'waste.daily';
export const POINT_RETENTION_DAYS = 31;

export async function scheduleWasteDaily(deps: Deps, at: Date): Promise<void> {
  await enqueueJob(deps.db, { id: deps.newId(), kind: JOB_WASTE_DAILY, runAt: at, dedupeKey: `${JOB_WASTE_DAILY}:${shanghaiDate(at)}` });
}

export const WASTE_JOB_HANDLERS: JobHandlers = {
  ...GPS_SIMULATOR_JOB_HANDLERS,
  [JOB_WASTE_DAILY]: async (deps) => {
    const today = shanghaiDate(deps.clock.now());
    await runAnalysisFor(deps, { id: null, bureauId: null }, { ip: null, correlationId: null }, { day: addDays(today, -1) });
    await dropOldPartitions(deps.db, today, POINT_RETENTION_DAYS);
    await scheduleWasteDaily(deps, tomorrowInShanghaiAt(deps.clock.now(), '01:30'));
  },
};
