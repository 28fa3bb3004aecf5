import type { DistrictFeatureCollection, MapConfig } from '@chengguan/contracts';
import { mapApi } from '../api/map.ts';

export type MapData = { config: MapConfig; districts: DistrictFeatureCollection };

let cached: Promise<MapData> | null = null;

/** The base map setting and the shipped district boundaries: read once per page load (they change with a release). */
export function loadMapData(): Promise<MapData> {
  cached ??= Promise.all([mapApi.config(), mapApi.districts()]).then(([config, districts]) => ({ config, districts }));
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
