// Coordinates: stored in WGS-84 (what a phone's satellite receiver gives); Chinese base maps draw in GCJ-02, the
// obfuscated system of GB 20263 / 测绘法 Art. 26 and the State Bureau of Surveying and Mapping's rules on published maps.
// The conversion is gcoord's (maintained, MIT); WGS-84 → GCJ-02 has no closed inverse, gcoord iterates it.
import gcoordModule, { type CRSTypes } from 'gcoord';
import { earthRadius, lengthToDegrees } from '@turf/helpers';

// The package's types describe an ES module with a default export; Node loads its CommonJS build, whose module.exports
// is that default itself, and bundlers load its ES build. Either way this is the object with `transform`.
type Gcoord = { transform: (p: [number, number], from: CRSTypes, to: CRSTypes) => [number, number]; WGS84: CRSTypes; GCJ02: CRSTypes };
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as unknown as Gcoord;

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/** [longitude, latitude] in degrees. */
export type LonLat = readonly [number, number];

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02 } as const;

export function convertPoint(p: LonLat, from: CoordinateSystem, to: CoordinateSystem): [number, number] {
  if (from === to) return [p[0], p[1]];
  const [lon, lat] = gcoord.transform([p[0], p[1]], CRS[from], CRS[to]);
  return [lon, lat];
}

export function toWgs84(p: LonLat, from: CoordinateSystem): [number, number] {
  return convertPoint(p, from, 'wgs84');
}

/** Distance in metres on a sphere of the earth's mean radius (good to well under 0.5 % at a city's scale). */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The degrees of latitude that `metres` span on the same sphere (about 111,195 m a degree); a degree of longitude spans
 * that times cos(latitude). For a box around a point that holds a radius, before the exact distance check.
 */
export function degreesOfLatitude(metres: number): number {
  return lengthToDegrees(metres, 'meters');
}
