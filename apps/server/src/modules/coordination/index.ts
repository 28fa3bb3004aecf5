// 综合指挥 coordination (REQUIREMENTS.md R13; docs/coordination.md): partner departments and their accounts, joint work
// orders (联合工单) with their clocks, street-wide coordinated actions (联合行动), and the record of every 移送 taken by
// the case machine's transfer step.
import type { ServerModule } from '../../platform/server-module.ts';
import { installCoordinationHooks } from './coordination.hooks.ts';
import { coordinationRoutes } from './coordination.routes.ts';

export type { CoordinationTables } from './coordination.tables.ts';

export const coordinationModule: ServerModule = {
  name: 'coordination',
  routes: coordinationRoutes,
  hooks: installCoordinationHooks,
};
