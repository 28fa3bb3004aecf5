import type { DistrictFeatureCollection, LocateQuery, MapConfig, PlaceInfo } from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// Typed calls to /api/v1/map (apps/server/src/modules/geo/geo.routes.ts).
export const mapApi = {
  config: (signal?: AbortSignal) => api.get<MapConfig>('/api/v1/map/config', undefined, signal),
  districts: (signal?: AbortSignal) => api.get<DistrictFeatureCollection>('/api/v1/map/districts', undefined, signal),
  locate: (query: LocateQuery, signal?: AbortSignal) => api.get<PlaceInfo>('/api/v1/map/locate', query as Query, signal),
};
