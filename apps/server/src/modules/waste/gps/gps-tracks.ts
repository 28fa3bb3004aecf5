// Simulated truck days (docs/waste.md §2, §5): deterministic from a seed, pure. A permitted truck shuttles between its
// producing site and a disposal site along the permit's route at about 30 km/h, one fix every 10 s, dwelling at both
// ends; some trucks (by their draw) deviate from the corridor on one trip, stop to dump off the route, or turn back
// without reaching the disposal site; unlicensed trucks (plates on no permit) visit a producing site and leave in any
// direction. Bad fixes (a repeated fix, two fixes swapped, a satellite jump) are sprinkled in, as the cleaning expects.
// Used by the GPS simulator, the city generator's replay month and the benchmark.
import { distanceMetres, mulberry32, type LonLat, type RandomSource } from '@chengguan/domain';

export type SimPermit = { plates: readonly string[]; route: readonly LonLat[] };
export type SimTruck = {
  plate: string;
  /** The permitted truck's route (producing site → disposal site), or for an unlicensed truck the site it visits. */
  route: readonly LonLat[] | null;
  site: LonLat;
  fault: 'none' | 'deviation' | 'dumping' | 'no_arrival' | 'unlicensed';
};
export type SimFix = { plate: string; at: number; lng: number; lat: number };

export const FIX_SECONDS = 10;
const SPEED_MS = 30 / 3.6;
const DWELL_S = 10 * 60;

/** The trucks of a simulated day: the permitted plates first (up to `count`), then unlicensed ones. */
export function simulatedTrucks(permits: readonly SimPermit[], count: number, seed: number, producingSites: readonly LonLat[]): SimTruck[] {
  const rand = mulberry32(seed);
  const trucks: SimTruck[] = [];
  const unlicensed = Math.max(permits.length > 0 ? Math.round(count * 0.03) : count, count > 3 ? 1 : 0);
  for (const p of permits) {
    for (const plate of p.plates) {
      if (trucks.length >= count - unlicensed) break;
      const r = rand();
      const fault = r < 0.06 ? 'deviation' : r < 0.1 ? 'dumping' : r < 0.13 ? 'no_arrival' : 'none';
      trucks.push({ plate, route: p.route, site: p.route[0]!, fault });
    }
  }
  let n = 0;
  while (trucks.length < count && producingSites.length > 0) {
    n += 1;
    const site = producingSites[Math.floor(rand() * producingSites.length)]!;
    trucks.push({ plate: `沪X·U${String(n).padStart(4, '0')}`, route: null, site, fault: 'unlicensed' });
  }
  return trucks;
}

function along(route: readonly LonLat[], cum: readonly number[], d: number): [number, number] {
  if (d <= 0) return [route[0]![0], route[0]![1]];
  const total = cum[cum.length - 1]!;
  if (d >= total) return [route[route.length - 1]![0], route[route.length - 1]![1]];
  let i = 1;
  while (cum[i]! < d) i++;
  const f = (d - cum[i - 1]!) / (cum[i]! - cum[i - 1]! || 1);
  const a = route[i - 1]!;
  const b = route[i]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** Degrees of longitude / latitude per metre near Shanghai. */
const DEG_LAT = 1 / 111_320;
const DEG_LNG = 1 / (111_320 * Math.cos((31.2 * Math.PI) / 180));

/**
 * One truck's fixes from `start` (ms) for `hours`, in time order before the bad fixes are sprinkled in. `emit` gets
 * each fix (no array of the whole day is built: a 5,000-truck day is 43 million fixes).
 */
export function driveTruck(truck: SimTruck, start: number, hours: number, seed: number, emit: (f: SimFix) => void): void {
  const rand: RandomSource = mulberry32(seed);
  const end = start + hours * 3_600_000;
  let t = start + Math.floor(rand() * 6) * FIX_SECONDS * 1000;
  const fix = (lng: number, lat: number) => {
    emit({ plate: truck.plate, at: t, lng: lng + (rand() - 0.5) * 4e-6, lat: lat + (rand() - 0.5) * 4e-6 });
    t += FIX_SECONDS * 1000;
  };
  const dwell = (p: LonLat, seconds: number) => {
    for (let s = 0; s < seconds && t < end; s += FIX_SECONDS) fix(p[0], p[1]);
  };
  if (!truck.route) {
    // Unlicensed: arrives at the site, loads, leaves in some direction, and idles on the way.
    const angle = rand() * 2 * Math.PI;
    const far: LonLat = [truck.site[0] + Math.cos(angle) * 8000 * DEG_LNG, truck.site[1] + Math.sin(angle) * 8000 * DEG_LAT];
    const legs = [far, truck.site, far];
    let from: LonLat = legs[0]!;
    for (const to of legs.slice(1)) {
      drive([from, to], 0, null);
      if (to === truck.site) dwell(to, DWELL_S);
      from = to;
    }
    dwell(far, Math.max(0, end - t) / 1000);
    return;
  }
  const route = truck.route;
  const back = [...route].reverse();
  const faultTrip = 1 + Math.floor(rand() * 2);
  let trip = 0;
  function drive(line: readonly LonLat[], faultAt: number, kind: SimTruck['fault'] | null): boolean {
    const cum = [0];
    for (let i = 1; i < line.length; i++) cum.push(cum[i - 1]! + distanceMetres(line[i - 1]!, line[i]!));
    const total = cum[cum.length - 1]!;
    const step = SPEED_MS * FIX_SECONDS;
    let faultDone = false;
    for (let d = 0; d <= total && t < end; d += step) {
      const [lng, lat] = along(line, cum, d);
      if (kind && !faultDone && d >= total * faultAt) {
        faultDone = true;
        if (kind === 'deviation') {
          // Leaves the corridor 700 m sideways for about 6 minutes, then rejoins.
          for (let k = 0; k < 36 && t < end; k++) {
            const off = Math.sin((Math.PI * (k + 1)) / 37) * 700;
            fix(lng + off * DEG_LNG, lat - off * DEG_LAT);
          }
        } else if (kind === 'dumping') {
          // Pulls off 400 m and stands still for 15 minutes (tipping the load), then returns.
          const p: LonLat = [lng + 400 * DEG_LNG, lat + 400 * DEG_LAT];
          fix((lng + p[0]) / 2, (lat + p[1]) / 2);
          dwell(p, 15 * 60);
          fix((lng + p[0]) / 2, (lat + p[1]) / 2);
        } else if (kind === 'no_arrival') {
          return false;
        }
      }
      fix(lng, lat);
    }
    return true;
  }
  while (t < end) {
    trip += 1;
    dwell(route[0]!, DWELL_S);
    const faulty = truck.fault !== 'none' && trip === faultTrip ? truck.fault : null;
    const arrived = drive(route, 0.3 + rand() * 0.4, faulty);
    if (!arrived) {
      // Turned back half-way: drives back to the site without reaching the disposal site.
      drive(back, 0, null);
      continue;
    }
    dwell(route[route.length - 1]!, DWELL_S);
    drive(back, 0, null);
  }
}

/** Sprinkles bad fixes into a batch in place: a repeated fix, two neighbours swapped, a jump of ~50 km. */
export function spoilBatch(fixes: SimFix[], rand: RandomSource): void {
  if (fixes.length < 4) return;
  const i = 1 + Math.floor(rand() * (fixes.length - 3));
  fixes.splice(i, 0, { ...fixes[i]! });
  const j = 1 + Math.floor(rand() * (fixes.length - 3));
  [fixes[j], fixes[j + 1]] = [fixes[j + 1]!, fixes[j]!];
  const k = 1 + Math.floor(rand() * (fixes.length - 3));
  fixes.splice(k, 0, { ...fixes[k]!, at: fixes[k]!.at + 1000, lat: fixes[k]!.lat + 0.45 });
}
