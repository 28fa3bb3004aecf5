import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanTrack, findStops, impliedSpeedKmh, type GpsFix } from './track.ts';
import { checkPermit, permitCovers, type PermitDraft } from './permits.ts';

const t0 = Date.UTC(2026, 5, 1, 0, 0, 0);
// About 111 m per 0.001° of latitude.
const fix = (sec: number, north = 0, east = 0): GpsFix => ({ at: t0 + sec * 1000, lng: 121.4 + east * 0.001, lat: 31.2 + north * 0.001 });

describe('GPS batches: cleaned and counted, never lost silently', () => {
  it('sorts out-of-order fixes, drops repeated instants, jumps and invalid coordinates, and counts each', () => {
    const batch = [
      fix(0),
      fix(20, 0.2),
      fix(10, 0.1),
      fix(10, 0.1),
      fix(30, 50),
      fix(40, 0.3),
      { at: t0 + 50_000, lng: NaN, lat: 31 },
      { at: t0 + 60_000, lng: 200, lat: 31 },
    ];
    const { fixes, counts } = cleanTrack(batch);
    expect(fixes.map((f) => (f.at - t0) / 1000)).toEqual([0, 10, 20, 40]);
    expect(counts).toEqual({ received: 8, kept: 4, outOfOrder: 2, duplicates: 1, impossibleSpeed: 1, invalid: 2 });
  });

  it('keeps a speeding truck (it may be a clue) and drops only an impossible jump', () => {
    // 0.8 km in 20 s is 144 km/h: kept under the 150 km/h default; 5.5 km in 10 s is not.
    const speeding = [fix(0), fix(20, 7.2)];
    expect(impliedSpeedKmh(speeding[0]!, speeding[1]!)).toBeGreaterThan(100);
    expect(cleanTrack(speeding).counts.kept).toBe(2);
    expect(cleanTrack([fix(0), fix(10, 50)]).counts.impossibleSpeed).toBe(1);
  });

  it('property: received = kept + duplicates + jumps + invalid; kept fixes are strictly in time order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sec: fc.integer({ min: 0, max: 600 }), north: fc.float({ min: -20, max: 20, noNaN: true }) }), {
          maxLength: 60,
        }),
        (raw) => {
          const { fixes, counts } = cleanTrack(raw.map((r) => fix(r.sec, r.north)));
          expect(counts.received).toBe(counts.kept + counts.duplicates + counts.impossibleSpeed + counts.invalid);
          for (let i = 1; i < fixes.length; i++) expect(fixes[i]!.at).toBeGreaterThan(fixes[i - 1]!.at);
        },
      ),
    );
  });
});

describe('stops', () => {
  it('finds a stay of at least the minimum within the radius, not a short one', () => {
    const track = [
      fix(0),
      fix(10, 1),
      ...Array.from({ length: 40 }, (_, i) => fix(20 + i * 10, 2, (i % 2) * 0.1)),
      fix(430, 3),
      fix(440, 4),
      fix(450, 4),
      fix(500, 4),
    ];
    const stops = findStops(track);
    expect(stops).toHaveLength(1);
    expect(stops[0]!.minutes).toBeCloseTo(6.5, 5);
    expect(stops[0]!.fixes).toBe(40);
  });
});

describe('W1 (建设部令第139号 Art. 7, 14): a 处置核准 names both points and the line', () => {
  const draft: PermitDraft = {
    producingSiteId: 's1',
    disposalSiteIds: ['d1'],
    carrierId: 'c1',
    vehiclePlates: ['沪A12345'],
    route: [
      [121.4, 31.2],
      [121.5, 31.3],
    ],
    validFrom: '2026-06-01',
    validUntil: '2026-08-31',
  };

  it('a complete permit passes; a permit without a disposal site is refused on that field', () => {
    expect(checkPermit(draft)).toEqual([]);
    expect(checkPermit({ ...draft, disposalSiteIds: [] }).map((p) => [p.field, p.ruleId])).toEqual([['disposalSiteIds', 'W1']]);
    expect(checkPermit({ ...draft, route: [[121.4, 31.2]], validUntil: '2026-05-01' }).map((p) => p.field)).toEqual([
      'route',
      'validUntil',
    ]);
  });

  it('covers a listed plate within the period only', () => {
    expect(permitCovers(draft, '沪A12345', '2026-06-01')).toBe(true);
    expect(permitCovers(draft, '沪A12345', '2026-09-01')).toBe(false);
    expect(permitCovers(draft, '沪B00000', '2026-07-01')).toBe(false);
  });
});
