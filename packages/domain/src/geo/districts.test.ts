import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  type CompactFeatureCollection,
  districtAt,
  pointInArea,
  districtOfBureau,
  districtsFromGeoJson,
  withinBounds,
} from './districts.ts';

// Two squares side by side in plain GeoJSON (WGS-84), and the same left square in the compact encoding.
const PLAIN: CompactFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      properties: { name: '甲区' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [121, 31],
            [121.1, 31],
            [121.1, 31.1],
            [121, 31.1],
            [121, 31],
          ],
        ],
      },
    },
    {
      properties: { name: '乙新区' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [121.1, 31],
              [121.2, 31],
              [121.2, 31.1],
              [121.1, 31.1],
              [121.1, 31],
            ],
          ],
          [
            [
              [121.5, 31.5],
              [121.6, 31.5],
              [121.6, 31.6],
              [121.5, 31.5],
            ],
          ],
        ],
      },
    },
  ],
};

/** Encodes a ring the way the compact files do (zig-zag deltas as character pairs), independently of the decoder. */
function encode(ring: [number, number][], scale: number): { text: string; offset: number[] } {
  const q = ring.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)] as const);
  const offset = [q[0]![0], q[0]![1]];
  let [px, py] = offset as [number, number];
  let text = '';
  for (const [x, y] of q) {
    const zig = (v: number) => (v >= 0 ? v * 2 : -v * 2 - 1);
    text += String.fromCharCode(zig(x - px) + 64, zig(y - py) + 64);
    [px, py] = [x, y];
  }
  return { text, offset };
}

describe('districts', () => {
  const districts = districtsFromGeoJson(PLAIN, 'wgs84');

  it('finds the district a point lies in, or none', () => {
    expect(districtAt([121.05, 31.05], districts)?.name).toBe('甲区');
    expect(districtAt([121.15, 31.05], districts)?.name).toBe('乙新区');
    expect(districtAt([121.52, 31.51], districts)?.name).toBe('乙新区');
    expect(districtAt([121.3, 31.3], districts)).toBeNull();
  });

  it('tells whether a point lies in a multipolygon with a hole', () => {
    const square = (x: number, y: number, d: number): [number, number][] => [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ];
    const area = {
      type: 'MultiPolygon' as const,
      coordinates: [[square(121, 31, 0.1), square(121.04, 31.04, 0.02).reverse()], [square(121.2, 31, 0.1)]],
    };
    expect(pointInArea([121.01, 31.01], area)).toBe(true);
    expect(pointInArea([121.05, 31.05], area)).toBe(false);
    expect(pointInArea([121.25, 31.05], area)).toBe(true);
    expect(pointInArea([121.15, 31.05], area)).toBe(false);
  });

  it('decodes the compact encoding to the same polygon', () => {
    const square: [number, number][] = [
      [121, 31],
      [121.1, 31],
      [121.1, 31.1],
      [121, 31.1],
    ];
    const { text, offset } = encode(square, 1024);
    const compact: CompactFeatureCollection = {
      type: 'FeatureCollection',
      UTF8Encoding: true,
      features: [{ properties: { name: '甲区' }, geometry: { type: 'Polygon', coordinates: [text], encodeOffsets: [offset] } }],
    };
    const [d] = districtsFromGeoJson(compact, 'wgs84');
    const ring = d!.geometry.coordinates[0] as [number, number][];
    expect(ring).toHaveLength(5); // closed
    for (const [i, p] of square.entries()) {
      expect(ring[i]![0]).toBeCloseTo(p[0], 2);
      expect(ring[i]![1]).toBeCloseTo(p[1], 2);
    }
    expect(districtAt([121.05, 31.05], [d!])?.name).toBe('甲区');
  });

  it('converts a GCJ-02 file to WGS-84: the true point of a GCJ-02 corner lies west of it', () => {
    const [d] = districtsFromGeoJson(PLAIN, 'gcj02');
    const corner = (d!.geometry.coordinates[0] as [number, number][])[0]!;
    expect(corner[0]).toBeLessThan(121);
    expect(121 - corner[0]).toBeGreaterThan(0.002);
  });

  it('bounds every district with a margin, and tells a point within them', () => {
    const b = boundsOf(districts, 0.1);
    expect(b[0]).toBeCloseTo(120.9);
    expect(b[1]).toBeCloseTo(30.9);
    expect(b[2]).toBeCloseTo(121.7);
    expect(b[3]).toBeCloseTo(31.7);
    expect(withinBounds([121.3, 31.3], b)).toBe(true);
    expect(withinBounds([116.4, 39.9], b)).toBe(false);
  });

  it('names the district of a bureau by its name; the city bureau has none', () => {
    expect(districtOfBureau('乙新区城市管理行政执法局', districts)?.name).toBe('乙新区');
    expect(districtOfBureau('上海市城市管理行政执法局', districts)).toBeNull();
  });
});
