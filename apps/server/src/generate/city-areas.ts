// Squads' service areas (街镇) of the generated city. No openly licensed package ships Shanghai's street boundaries,
// so the city is cut into square grid cells, each cell going to the district (the geo module's shipped boundaries)
// that holds its centre; a district's cells are walked row by row in a snake (west→east, then east→west on the next row), and the walk is cut into
// as many consecutive runs as the district has squads. Each squad's run of cells is outlined into a MultiPolygon
// (shared cell edges cancel, holes kept), written into `org_areas`. Deterministic: no randomness at all.
import type { District, DistrictGeometry, Ring } from '@chengguan/domain';
import { districtOfBureau, pointInArea } from '@chengguan/domain';
import { cityMap } from '../modules/geo/index.ts';
import { shanghaiInstant } from '../shared/time.ts';
import { CITY } from './city-orgs.ts';
import { firstDay } from './options.ts';
import { type GeneratorPart, outputKey } from './registry.ts';

/** A squad's area: its outline and the cells it was cut from (points are drawn inside a cell). */
export type SquadArea = {
  orgId: string;
  district: string;
  street: string;
  geometry: DistrictGeometry & { type: 'MultiPolygon' };
  /** South-west corners of the cells, [lon, lat, lon, lat, …]. */
  cells: Float64Array;
  cellSize: number;
  box: [number, number, number, number];
};

export const CITY_AREAS = outputKey<Map<string, SquadArea>>('city-areas');

const ORG_AREA_COLUMNS = ['org_id', 'street_name', 'geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat', 'updated_at'] as const;

/**
 * The grid's cell, in degrees (about 285 m east–west by 333 m north–south): the smallest districts per squad
 * (黄浦, 虹口, 静安) still give each squad 20 or more cells. One grid for the whole city, so areas of neighbouring
 * districts never overlap: a cell belongs to the first district holding its centre.
 */
export const CELL_DEGREES = 0.003;

type Cell = { col: number; row: number };

/** The city's grid cells by district, each district's cells in snake order (rows south to north, alternating). */
export function cityCells(
  districts: readonly District[],
  size = CELL_DEGREES,
): { byDistrict: Map<string, Cell[]>; lon0: number; lat0: number } {
  const boxes = districts.map((d) => {
    const polygons = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of polygons.flat(2)) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    return { d, w, s, e, n };
  });
  const lon0 = Math.floor(Math.min(...boxes.map((b) => b.w)) / size) * size;
  const lat0 = Math.floor(Math.min(...boxes.map((b) => b.s)) / size) * size;
  const cols = Math.ceil((Math.max(...boxes.map((b) => b.e)) - lon0) / size);
  const rows = Math.ceil((Math.max(...boxes.map((b) => b.n)) - lat0) / size);
  const byDistrict = new Map<string, Cell[]>(districts.map((d) => [d.name, []]));
  for (let row = 0; row < rows; row++) {
    const lat = lat0 + (row + 0.5) * size;
    // The snake: every other row runs east to west, so consecutive cells of a district's walk touch.
    for (let k = 0; k < cols; k++) {
      const col = row % 2 === 0 ? k : cols - 1 - k;
      const lon = lon0 + (col + 0.5) * size;
      const holder = boxes.find((b) => lon >= b.w && lon <= b.e && lat >= b.s && lat <= b.n && pointInArea([lon, lat], b.d.geometry));
      if (holder) byDistrict.get(holder.d.name)!.push({ col, row });
    }
  }
  return { byDistrict, lon0, lat0 };
}

/**
 * The outline of a set of grid cells as GeoJSON rings in grid units: every cell contributes its four edges
 * anticlockwise, an edge shared with a neighbour cancels, the rest are chained into rings (at a vertex where two rings
 * touch, the leftmost turn is taken, so rings touch at points and never cross). Anticlockwise rings are outer
 * boundaries, clockwise ones holes (RFC 7946 §3.1.6); each hole goes to the smallest outer ring around it.
 */
export function outlineCells(cells: readonly Cell[]): [number, number][][][] {
  const key = (c: number, r: number) => `${c},${r}`;
  const inSet = new Set(cells.map((c) => key(c.col, c.row)));
  // Directed edges by start vertex; direction 0 east, 1 north, 2 west, 3 south.
  const out = new Map<string, { to: [number, number]; dir: number }[]>();
  const addEdge = (from: [number, number], to: [number, number], dir: number) => {
    const k = key(from[0], from[1]);
    const list = out.get(k) ?? [];
    list.push({ to, dir });
    out.set(k, list);
  };
  for (const { col, row } of cells) {
    if (!inSet.has(key(col, row - 1))) addEdge([col, row], [col + 1, row], 0);
    if (!inSet.has(key(col + 1, row))) addEdge([col + 1, row], [col + 1, row + 1], 1);
    if (!inSet.has(key(col, row + 1))) addEdge([col + 1, row + 1], [col, row + 1], 2);
    if (!inSet.has(key(col - 1, row))) addEdge([col, row + 1], [col, row], 3);
  }
  const rings: [number, number][][] = [];
  const starts = [...out.keys()].sort();
  for (const start of starts) {
    for (;;) {
      const list = out.get(start);
      if (!list || list.length === 0) break;
      const first = list.shift()!;
      const [sc, sr] = start.split(',').map(Number) as [number, number];
      const ring: [number, number][] = [[sc, sr]];
      let dir = first.dir;
      let at = first.to;
      while (at[0] !== sc || at[1] !== sr) {
        ring.push(at);
        const next = out.get(key(at[0], at[1]))!;
        // Prefer a left turn, then straight on, then a right turn.
        let pick = 0;
        for (const turn of [1, 0, 3]) {
          const i = next.findIndex((x) => x.dir === (dir + turn) % 4);
          if (i >= 0) {
            pick = i;
            break;
          }
        }
        const edge = next.splice(pick, 1)[0]!;
        dir = edge.dir;
        at = edge.to;
      }
      ring.push([sc, sr]);
      rings.push(withoutStraightVertices(ring));
    }
  }
  const area = (ring: readonly [number, number][]) => {
    let a = 0;
    for (let i = 0; i + 1 < ring.length; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
    return a / 2;
  };
  const outer = rings.filter((r) => area(r) > 0).map((r) => ({ ring: r, area: area(r), holes: [] as [number, number][][] }));
  for (const hole of rings.filter((r) => area(r) < 0)) {
    // The filled cell left of the hole's first edge lies inside the polygon the hole belongs to.
    const [a, b] = [hole[0]!, hole[1]!];
    const dx = Math.sign(b[0] - a[0]);
    const dy = Math.sign(b[1] - a[1]);
    const probe: [number, number] = [a[0] + dx * 0.5 - dy * 0.5, a[1] + dy * 0.5 + dx * 0.5];
    const owner = outer.filter((o) => pointInArea(probe, { type: 'Polygon', coordinates: [o.ring] })).sort((x, y) => x.area - y.area)[0];
    if (!owner) throw new Error('cell outline: a hole outside every outer ring');
    owner.holes.push(hole);
  }
  return outer.map((o) => [o.ring, ...o.holes]);
}

/** Drops the vertices where a ring goes straight on (cell corners along a long edge). */
function withoutStraightVertices(ring: [number, number][]): [number, number][] {
  const open = ring.slice(0, -1);
  const kept = open.filter((p, i) => {
    const prev = open[(i - 1 + open.length) % open.length]!;
    const next = open[(i + 1) % open.length]!;
    return (p[0] - prev[0]) * (next[1] - p[1]) - (p[1] - prev[1]) * (next[0] - p[0]) !== 0;
  });
  return [...kept, kept[0]!];
}

/** Rounds a coordinate to 1e-7 degrees (about 1 cm): the stored JSON stays short and the same on every platform. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export const cityAreasPart: GeneratorPart = {
  name: 'city-areas',
  after: ['city-orgs'],
  run: async (ctx) => {
    const city = ctx.outputs.get(CITY);
    const { districts } = cityMap();
    const at = shanghaiInstant(firstDay(ctx.options));
    const table = ctx.writer.table('org_areas', ORG_AREA_COLUMNS);
    const areas = new Map<string, SquadArea>();
    let cellCount = 0;
    const size = CELL_DEGREES;
    const { byDistrict, lon0, lat0 } = cityCells(districts, size);
    for (const bureau of city.bureaus) {
      const district = districtOfBureau(bureau.name, districts);
      if (!district) throw new Error(`no shipped boundary for ${bureau.name}`);
      const cells = byDistrict.get(district.name)!;
      if (cells.length < bureau.squads.length) throw new Error(`${district.name}: fewer grid cells than squads`);
      cellCount += cells.length;
      const k = bureau.squads.length;
      for (const [i, squad] of bureau.squads.entries()) {
        const own = cells.slice(Math.floor((i * cells.length) / k), Math.floor(((i + 1) * cells.length) / k));
        const polygons = outlineCells(own).map((poly) =>
          poly.map((ring): Ring => ring.map(([c, r]) => [round7(lon0 + c * size), round7(lat0 + r * size)])),
        );
        const corners = new Float64Array(own.length * 2);
        own.forEach((c, j) => {
          corners[2 * j] = lon0 + c.col * size;
          corners[2 * j + 1] = lat0 + c.row * size;
        });
        let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const [lon, lat] of polygons.flat(2)) {
          w = Math.min(w, lon);
          e = Math.max(e, lon);
          s = Math.min(s, lat);
          n = Math.max(n, lat);
        }
        const geometry = { type: 'MultiPolygon' as const, coordinates: polygons };
        const street = squad.name.replace(/中队$/, '');
        areas.set(squad.id, {
          orgId: squad.id,
          district: district.name,
          street,
          geometry,
          cells: corners,
          cellSize: size,
          box: [w, s, e, n],
        });
        table.add([squad.id, street, JSON.stringify(geometry), w, s, e, n, at]);
      }
    }
    ctx.outputs.set(CITY_AREAS, areas);
    await ctx.writer.flush();
    return { areas: areas.size, cells: cellCount };
  },
};
