// 勤务 (duty, issue 13 §7; docs/duty.md): shifts and rosters per squad, patrol areas, the officer's tasks, the month's
// plan (双随机 + 分级分类 + 专项), positions on duty with consent, and the duty log written by the steps of cases,
// tickets and inspections, tagged by the "3级18类" scheme.
import type { ServerModule } from '../../platform/server-module.ts';
import { installDutyHooks } from './duty.hooks.ts';
import { DUTY_JOB_HANDLERS, schedulePositionPurge } from './duty.jobs.ts';
import { dutyRoutes } from './duty.routes.ts';

export type { DutyTables } from './duty.tables.ts';
/** For the city generator: the instants of a shift on a date are the domain's; the purge for tests and the worker. */
export { purgeOldPositions, positionsQuery } from './use-cases/positions.ts';

export const dutyModule: ServerModule = {
  name: 'duty',
  routes: dutyRoutes,
  hooks: installDutyHooks,
  jobs: DUTY_JOB_HANDLERS,
  schedule: schedulePositionPurge,
};
