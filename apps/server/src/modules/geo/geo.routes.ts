import { DistrictFeatureCollection, ErrorBody, LocateQuery, MapConfig, PlaceInfo } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/auth-hook.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getDistricts, getMapConfig } from './use-cases/get-map-config.ts';
import { locatePoint } from './use-cases/locate-point.ts';

const TAGS = ['map'];

export function geoRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/map/config',
    { schema: { tags: TAGS, summary: '地图设置 / the base map setting and the city bounds', response: { 200: MapConfig } } },
    async () => getMapConfig(deps),
  );
  app.get(
    '/api/v1/map/districts',
    {
      schema: {
        tags: TAGS,
        summary: '区界 / the shipped district boundaries (GeoJSON, WGS-84)',
        response: { 200: DistrictFeatureCollection },
      },
    },
    async (_request, reply) => {
      // Shipped with the release: the same for every user until the next one.
      reply.header('cache-control', 'private, max-age=3600');
      return getDistricts();
    },
  );
  app.get(
    '/api/v1/map/locate',
    {
      schema: {
        tags: TAGS,
        summary: '定位点所在区 / which district a point lies in, and whether it is the bureau’s area',
        querystring: LocateQuery,
        response: { 200: PlaceInfo, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => locatePoint(deps, actorOf(request), request.query),
  );
}
