import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertPoint, degreesOfLatitude, distanceMetres, toWgs84 } from './coordinates.ts';

// The widely published GCJ-02 forward formula (Krasovsky 1940 ellipsoid), written here from the formula, not from gcoord.
function referenceWgsToGcj(lon: number, lat: number): [number, number] {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lon - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLon += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLon += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

describe('WGS-84 ↔ GCJ-02', () => {
  it('agrees with an independent implementation of the published GCJ-02 formula to a millimetre', () => {
    fc.assert(
      fc.property(fc.double({ min: 73.7, max: 134.7, noNaN: true }), fc.double({ min: 18.2, max: 53.5, noNaN: true }), (lon, lat) => {
        const ours = convertPoint([lon, lat], 'wgs84', 'gcj02');
        const reference = referenceWgsToGcj(lon, lat);
        expect(distanceMetres(ours, reference)).toBeLessThan(0.001);
      }),
      { numRuns: 300 },
    );
  });

  it('shifts a point in Shanghai by a few hundred metres, as GCJ-02 does', () => {
    const wgs = [121.4737, 31.2304] as const; // 人民广场
    const gcj = convertPoint(wgs, 'wgs84', 'gcj02');
    const shift = distanceMetres(wgs, gcj);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    // GCJ-02 moves Shanghai to the east-north-east … south-east of the true point.
    expect(gcj[0]).toBeGreaterThan(wgs[0]);
  });

  it('round trip WGS-84 → GCJ-02 → WGS-84 stays within 0.5 m anywhere in and around Shanghai', () => {
    fc.assert(
      fc.property(fc.double({ min: 120.8, max: 122.3, noNaN: true }), fc.double({ min: 30.6, max: 31.9, noNaN: true }), (lon, lat) => {
        const back = toWgs84(convertPoint([lon, lat], 'wgs84', 'gcj02'), 'gcj02');
        expect(distanceMetres([lon, lat], back)).toBeLessThan(0.5);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a point unchanged when both systems are the same, and outside China GCJ-02 is WGS-84', () => {
    expect(convertPoint([121.5, 31.2], 'wgs84', 'wgs84')).toEqual([121.5, 31.2]);
    expect(convertPoint([2.3522, 48.8566], 'wgs84', 'gcj02')).toEqual([2.3522, 48.8566]);
  });

  it('measures distance: one degree of latitude is about 111.2 km', () => {
    expect(distanceMetres([121, 31], [121, 32])).toBeGreaterThan(111_100);
    expect(distanceMetres([121, 31], [121, 32])).toBeLessThan(111_300);
  });
});

describe('degreesOfLatitude', () => {
  it('spans the given metres along a meridian, by the same sphere as distanceMetres', () => {
    const d = degreesOfLatitude(50);
    expect(distanceMetres([121.5, 31.2], [121.5, 31.2 + d])).toBeCloseTo(50, 6);
    expect(1 / degreesOfLatitude(1)).toBeCloseTo(111_195, -1);
  });
});
