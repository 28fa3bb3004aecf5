// The district boundaries the platform ships: Shanghai's 16 districts (区) from the `echarts` package, version 4.9.0
// (Apache-2.0; its map files were dropped from later versions). The file draws in GCJ-02, quantized to 1/1024 of a
// degree (≈ 100 m): good for showing a district and telling which one a point lies in, not a surveyed boundary.
// No openly licensed package carries the streets' and towns' (街镇) boundaries; they are not shipped.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Bounds, boundsOf, type CompactFeatureCollection, type District, districtsFromGeoJson } from '@chengguan/domain';

export const BOUNDARY_SOURCE = 'echarts 4.9.0 (Apache-2.0): map/json/province/shanghai.json — 上海市 16 个区，精度约 100 米';

/** Points this far outside the districts' box are still the city's (offshore islands, the coastline's coarse file). */
export const CITY_BOUNDS_MARGIN_DEGREES = 0.1;

export type CityMap = { districts: readonly District[]; bounds: Bounds };

let loaded: CityMap | undefined;

/** Read once per process (12 KB, decoded and converted to WGS-84 in a few milliseconds). */
export function cityMap(): CityMap {
  if (!loaded) {
    const file = createRequire(import.meta.url).resolve('echarts/map/json/province/shanghai.json');
    const districts = districtsFromGeoJson(JSON.parse(fs.readFileSync(file, 'utf8')) as CompactFeatureCollection, 'gcj02');
    loaded = { districts, bounds: boundsOf(districts, CITY_BOUNDS_MARGIN_DEGREES) };
  }
  return loaded;
}
