// 城管进社区 (REQUIREMENTS.md R23; docs/workrooms.md): community workrooms with their officers and hours, activities and
// the 城管进社区 week, complaints received there as tickets of channel `workroom`, and the cockpit's numbers.
import type { ServerModule } from '../../platform/server-module.ts';
import { workroomRoutes } from './workrooms.routes.ts';
import { registerCommunityTheme } from './workrooms.cockpit.ts';

export type { WorkroomTables } from './workrooms.tables.ts';

export const workroomsModule: ServerModule = { name: 'workrooms', routes: workroomRoutes, hooks: registerCommunityTheme };

/** The cockpit's numbers for a jurisdiction path and an optional date range (workrooms, officers, activities, tickets). */
export { workroomCounts } from './workrooms.ts';
