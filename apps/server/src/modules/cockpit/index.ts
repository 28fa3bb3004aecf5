// 数据驾驶舱 and 统计通报 (issue 16 §1, §2, §5; docs/cockpit.md): theme views read from a roll-up that statement triggers
// keep current in the writing transaction (migration 054), the big screen, the numbers' definitions and targets,
// and the monthly / quarterly bulletins. Other modules add a theme with registerCockpitTheme (and their table's facts
// function and triggers in their own migration) and list their bulletins with registerBulletinSource.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerBuiltinThemes } from './builtin-themes.ts';
import { COCKPIT_JOB_HANDLERS, scheduleCompaction } from './cockpit.jobs.ts';
import { cockpitRoutes } from './cockpit.routes.ts';

export type { CockpitTables } from './cockpit.tables.ts';
export {
  registerBulletinSource,
  registerCockpitSource,
  registerCockpitTheme,
  type BulletinLister,
  type CockpitTheme,
  type ExternalBulletin,
  type KpiDef,
  type ListLink,
  type LivePart,
  type ThemeSource,
} from './themes.ts';
export { lastMonthOf, liveChildCounts } from './live-parts.ts';

export const cockpitModule: ServerModule = {
  name: 'cockpit',
  routes: cockpitRoutes,
  hooks: registerBuiltinThemes,
  jobs: COCKPIT_JOB_HANDLERS,
  schedule: scheduleCompaction,
};
