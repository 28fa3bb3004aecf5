import type { DistrictFeatureCollection, MapConfig } from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { BOUNDARY_SOURCE, cityMap } from '../districts-data.ts';

/** What the console's maps need: the base map setting (or none) and the city's bounds. */
export function getMapConfig(deps: Deps): MapConfig {
  const { baseMap } = deps.config.map;
  return { baseMap, bounds: [...cityMap().bounds], boundarySource: BOUNDARY_SOURCE };
}

/** The shipped district boundaries in WGS-84, drawn by every map with or without a base map. */
export function getDistricts(): DistrictFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cityMap().districts.map((d) => ({ type: 'Feature', properties: { name: d.name }, geometry: d.geometry })),
  };
}

/** The same for the public portal's map (the complaint form): nothing in it is confidential. */
export function getPublicMapData(deps: Deps): { config: MapConfig; districts: DistrictFeatureCollection } {
  return { config: getMapConfig(deps), districts: getDistricts() };
}
