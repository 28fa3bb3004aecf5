// 地图: the place of a case — coordinates (WGS-84 stored, GCJ-02 converted), the shipped district boundaries, which
// district a point lies in, and the base map setting the console's maps read.
import type { ServerModule } from '../../platform/server-module.ts';
import { geoRoutes } from './geo.routes.ts';

export { cityMap } from './districts-data.ts';
export { getPublicMapData } from './use-cases/get-map-config.ts';
export { bureauNameOf, cityPointOrFail, placeOf } from './use-cases/locate-point.ts';

export const geoModule: ServerModule = { name: 'geo', routes: geoRoutes };
