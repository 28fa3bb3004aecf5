// The bureau's districts as polygons, and which district a point falls in (turf's booleanPointInPolygon).
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { type CoordinateSystem, convertPoint, type LonLat } from './coordinates.ts';

export type Ring = [number, number][];
export type DistrictGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
export type District = { name: string; geometry: DistrictGeometry };
/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

type CompactGeometry =
  | { type: 'Polygon'; coordinates: (string | number[][])[]; encodeOffsets?: number[][] }
  | { type: 'MultiPolygon'; coordinates: (string | number[][])[][]; encodeOffsets?: number[][][] };
export type CompactFeatureCollection = {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: { properties: { name: string }; geometry: CompactGeometry }[];
};

// The compact form of the shipped boundary files: per ring a string of character pairs, each a zig-zag encoded delta
// from the previous vertex (the first from the ring's offset), quantized by the file's scale (1024 per degree).
function decodeRing(encoded: string | number[][], offset: number[] | undefined, scale: number): Ring {
  if (typeof encoded !== 'string') return encoded.map((p) => [p[0]!, p[1]!]);
  if (!offset) throw new Error('encoded ring without its offset');
  const ring: Ring = [];
  let x = offset[0]!;
  let y = offset[1]!;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** A closed ring repeats its first vertex at the end (RFC 7946 §3.1.6); the compact files leave it out. */
function closed(ring: Ring): Ring {
  const first = ring[0];
  const last = ring.at(-1);
  return first && last && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, [first[0], first[1]]] : ring;
}

/**
 * Districts from a boundary file (plain or compact GeoJSON) drawn in `crs`, with every vertex converted to WGS-84,
 * the system points are stored in.
 */
export function districtsFromGeoJson(json: CompactFeatureCollection, crs: CoordinateSystem): District[] {
  const scale = json.UTF8Encoding ? (json.UTF8Scale ?? 1024) : 1;
  const ring = (encoded: string | number[][], offset: number[] | undefined): Ring =>
    closed(
      (json.UTF8Encoding ? decodeRing(encoded, offset, scale) : decodeRing(encoded, undefined, 1)).map((p) =>
        convertPoint(p, crs, 'wgs84'),
      ),
    );
  return json.features.map((f) => {
    const g = f.geometry;
    const geometry: DistrictGeometry =
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: g.coordinates.map((r, i) => ring(r, g.encodeOffsets?.[i])) }
        : {
            type: 'MultiPolygon',
            coordinates: g.coordinates.map((poly, i) => poly.map((r, j) => ring(r, g.encodeOffsets?.[i]?.[j]))),
          };
    return { name: f.properties.name, geometry };
  });
}

/** Whether a WGS-84 point lies in a polygon or multipolygon (on its boundary counts as inside). */
export function pointInArea(point: LonLat, geometry: DistrictGeometry): boolean {
  return booleanPointInPolygon([point[0], point[1]], geometry);
}

/** The district a WGS-84 point lies in (on a shared border: the first listed), or null outside all of them. */
export function districtAt(point: LonLat, districts: readonly District[]): District | null {
  return districts.find((d) => booleanPointInPolygon([point[0], point[1]], d.geometry)) ?? null;
}

/** The box around every district, widened by `marginDegrees` on each side. */
export function boundsOf(districts: readonly District[], marginDegrees: number): Bounds {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const d of districts) {
    const polygons = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    for (const [lon, lat] of polygons.flat(2)) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return [w - marginDegrees, s - marginDegrees, e + marginDegrees, n + marginDegrees];
}

export function withinBounds(point: LonLat, b: Bounds): boolean {
  return point[0] >= b[0] && point[0] <= b[2] && point[1] >= b[1] && point[1] <= b[3];
}

/**
 * The district of a bureau whose name begins with the district's (「浦东新区城市管理行政执法局」 → 浦东新区), or null for
 * the city bureau and units named after no district.
 */
export function districtOfBureau(bureauName: string, districts: readonly District[]): District | null {
  return districts.find((d) => bureauName.startsWith(d.name) || bureauName.startsWith(`上海市${d.name}`)) ?? null;
}
