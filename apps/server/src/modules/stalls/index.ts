// 上海摊服务地图 (REQUIREMENTS.md R16; docs/stall-map.md): stall points of the registry with type, hours, capacity and
// rules, approved and supervised; the public map; complaints about a point go to 诉件处置.
import type { ServerModule } from '../../platform/server-module.ts';
import { publicStallRoutes, stallRoutes } from './stalls.routes.ts';

export type { StallTables } from './stalls.tables.ts';

export const stallsModule: ServerModule = { name: 'stalls', routes: stallRoutes, publicRoutes: publicStallRoutes };
