// 建筑垃圾 GPS tracks (REQUIREMENTS.md R14; issue 14 §3, "Bad input"): a batch of points from a truck's terminal is
// cleaned before analysis — out-of-order points sorted, repeated fixes dropped, fixes that imply an impossible speed
// dropped, fixes with no valid coordinate dropped — and every dropped point is counted by its reason, never silently
// lost and never crashing the analysis. Then stops: where the truck stayed, and for how long.
// Pure; the thresholds are configuration (U) with the defaults below.
import { distanceMetres, type LonLat } from '../geo/coordinates.ts';

export type GpsFix = {
  /** Milliseconds since the epoch, as the terminal stamped it. */
  at: number;
  /** WGS-84. */
  lng: number;
  lat: number;
};

export type TrackCleaningRules = {
  /**
   * A fix that implies a speed above this from the last kept fix is a jump, not driving. Default 150 km/h (U): well above
   * the 100 km/h a goods vehicle may drive on an expressway (道路交通安全法实施条例 Art. 78), so a speeding truck is kept
   * (and may be a clue) while a satellite jump is not.
   */
  maxSpeedKmh: number;
  /** Coordinates outside this box are invalid. Default: mainland China's extent (U), wide enough for 长三角 trips. */
  bounds: { minLng: number; maxLng: number; minLat: number; maxLat: number };
};

export const DEFAULT_TRACK_CLEANING: TrackCleaningRules = {
  maxSpeedKmh: 150,
  bounds: { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 },
};

export type TrackCleaningCounts = {
  received: number;
  kept: number;
  /** Fixes that arrived after a later fix (re-sorted, not dropped). */
  outOfOrder: number;
  /** A second fix with the same instant (the first is kept). */
  duplicates: number;
  impossibleSpeed: number;
  invalid: number;
};

export type CleanTrack = { fixes: GpsFix[]; counts: TrackCleaningCounts };

function validFix(f: GpsFix, b: TrackCleaningRules['bounds']): boolean {
  return (
    Number.isFinite(f.at) &&
    Number.isFinite(f.lng) &&
    Number.isFinite(f.lat) &&
    f.lng >= b.minLng &&
    f.lng <= b.maxLng &&
    f.lat >= b.minLat &&
    f.lat <= b.maxLat
  );
}

/** Implied speed in km/h between two fixes; Infinity when they are at the same instant but different places. */
export function impliedSpeedKmh(a: GpsFix, b: GpsFix): number {
  const metres = distanceMetres([a.lng, a.lat], [b.lng, b.lat]);
  const hours = Math.abs(b.at - a.at) / 3_600_000;
  if (hours === 0) return metres === 0 ? 0 : Infinity;
  return metres / 1000 / hours;
}

/**
 * One vehicle's batch, cleaned: sorted by time (counting the fixes that came out of order), the first of each instant
 * kept, fixes outside the bounds or not numbers dropped, and a fix dropped when reaching it from the last kept fix
 * would take more than the maximum speed. `counts.received = kept + duplicates + impossibleSpeed + invalid`.
 */
export function cleanTrack(batch: readonly GpsFix[], rules: TrackCleaningRules = DEFAULT_TRACK_CLEANING): CleanTrack {
  let outOfOrder = 0;
  let latest = -Infinity;
  const valid: GpsFix[] = [];
  let invalid = 0;
  for (const f of batch) {
    if (!validFix(f, rules.bounds)) {
      invalid++;
      continue;
    }
    if (f.at < latest) outOfOrder++;
    else latest = f.at;
    valid.push(f);
  }
  // Stable sort: among fixes of one instant the first received is kept.
  valid.sort((a, b) => a.at - b.at);
  const fixes: GpsFix[] = [];
  let duplicates = 0;
  let impossibleSpeed = 0;
  for (const f of valid) {
    const last = fixes[fixes.length - 1];
    if (last && last.at === f.at) {
      duplicates++;
      continue;
    }
    if (last && impliedSpeedKmh(last, f) > rules.maxSpeedKmh) {
      impossibleSpeed++;
      continue;
    }
    fixes.push(f);
  }
  return { fixes, counts: { received: batch.length, kept: fixes.length, outOfOrder, duplicates, impossibleSpeed, invalid } };
}

export type StopRules = {
  /** A stay counts as a stop when the truck stays within this radius of where it stopped… */
  radiusMetres: number;
  /** …for at least this long. Default 5 min (U): long enough to tip a load, short of a traffic light. */
  minMinutes: number;
};

export const DEFAULT_STOP_RULES: StopRules = { radiusMetres: 50, minMinutes: 5 };

export type Stop = { from: number; to: number; minutes: number; at: LonLat; fixes: number };

/**
 * Stops on a cleaned, time-ordered track: maximal runs of fixes within the radius of the run's first fix whose span is at
 * least the minimum. The stop's place is the mean of its fixes.
 */
export function findStops(fixes: readonly GpsFix[], rules: StopRules = DEFAULT_STOP_RULES): Stop[] {
  const stops: Stop[] = [];
  let i = 0;
  while (i < fixes.length) {
    const anchor = fixes[i]!;
    let j = i + 1;
    while (j < fixes.length && distanceMetres([anchor.lng, anchor.lat], [fixes[j]!.lng, fixes[j]!.lat]) <= rules.radiusMetres) j++;
    const last = fixes[j - 1]!;
    const minutes = (last.at - anchor.at) / 60_000;
    if (minutes >= rules.minMinutes) {
      let lng = 0;
      let lat = 0;
      for (let k = i; k < j; k++) {
        lng += fixes[k]!.lng;
        lat += fixes[k]!.lat;
      }
      const n = j - i;
      stops.push({ from: anchor.at, to: last.at, minutes, at: [lng / n, lat / n], fixes: n });
      i = j;
    } else {
      i++;
    }
  }
  return stops;
}
