// 执行: 待催告, 催告书, the court-enforcement package and its window, surcharge pauses.
import type { ServerModule } from '../../platform/server-module.ts';
import { installEnforcementHooks } from './enforcement.install.ts';

export { ENFORCEMENT_REFRESH_ACTIONS } from './enforcement.install.ts';
export { enforcementRow } from './enforcement-refresh.ts';
import { ENFORCEMENT_JOB_HANDLERS, scheduleEnforcementDaily } from './enforcement.jobs.ts';
import { enforcementRoutes } from './enforcement.routes.ts';

export const enforcementModule: ServerModule = {
  name: 'enforcement',
  routes: enforcementRoutes,
  hooks: installEnforcementHooks,
  jobs: ENFORCEMENT_JOB_HANDLERS,
  schedule: scheduleEnforcementDaily,
};
