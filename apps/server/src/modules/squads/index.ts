// 规范化中队 (issue 15 §10; docs/squads.md): criteria sheets, self-assessment and inspection scores, ratings, and the
// share of rated squads against the 十四五 targets.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerSquadNumbers } from './squads.cockpit.ts';
import { squadRoutes } from './squads.routes.ts';

export type { SquadTables } from './squads.tables.ts';

export const squadsModule: ServerModule = { name: 'squads', routes: squadRoutes, hooks: registerSquadNumbers };
