// H3 cells of 建筑垃圾 supervision (issue 14 §3–5): every GPS point gets the cell it lies in at ingest, every site its
// disc of cells, every approved route (两点一线) its corridor of cells, so the day's analysis is joins of integers that
// PostgreSQL, PGlite and DuckDB compute identically. Cells are H3 indexes (h3-js, Uber's maintained library) held as
// signed 64-bit integers (an H3 index never sets the top bit). Resolution 10: cells about 66 m across the edge.
import { cellToBoundary, cellToLatLng, cellsToMultiPolygon, gridDisk, gridPathCells, latLngToCell } from 'h3-js';
import type { LonLat } from '../geo/coordinates.ts';

export const WASTE_H3_RESOLUTION = 10;
/** Mean edge of a resolution-10 cell, metres (H3's table): used to turn widths in metres into rings. */
const EDGE_M = 75.9;

export const cellToBigint = (h: string): bigint => BigInt(`0x${h}`);
export const bigintToCell = (n: bigint | string | number): string => BigInt(n).toString(16);

/** The cell of a WGS-84 point, as the integer stored with the point. */
export function pointCell(lng: number, lat: number): bigint {
  return cellToBigint(latLngToCell(lat, lng, WASTE_H3_RESOLUTION));
}

/** The same, as the decimal text COPY writes (no BigInt on the hot path beyond the parse). */
export function pointCellText(lng: number, lat: number): string {
  return BigInt(`0x${latLngToCell(lat, lng, WASTE_H3_RESOLUTION)}`).toString();
}

function ringsFor(metres: number): number {
  return Math.max(0, Math.ceil(metres / (EDGE_M * 1.5)));
}

/** A site: the cells within its radius of its centre (a disc of rings). */
export function siteCells(centre: LonLat, radiusMetres: number): bigint[] {
  const c = latLngToCell(centre[1], centre[0], WASTE_H3_RESOLUTION);
  return gridDisk(c, ringsFor(radiusMetres)).map(cellToBigint);
}

/**
 * A corridor: the cells on the route's line (each leg walked cell by cell) widened by `halfWidthMetres` on each side.
 * Sorted, no repeats.
 */
export function corridorCells(route: readonly LonLat[], halfWidthMetres: number): bigint[] {
  const line = new Set<string>();
  for (let i = 0; i < route.length; i++) {
    const here = latLngToCell(route[i]![1], route[i]![0], WASTE_H3_RESOLUTION);
    line.add(here);
    if (i === 0) continue;
    const prev = latLngToCell(route[i - 1]![1], route[i - 1]![0], WASTE_H3_RESOLUTION);
    for (const c of gridPathCells(prev, here)) line.add(c);
  }
  const k = ringsFor(halfWidthMetres);
  const out = new Set<string>();
  for (const c of line) for (const d of k > 0 ? gridDisk(c, k) : [c]) out.add(d);
  return [...out].map(cellToBigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Centre of a cell, WGS-84 [lng, lat]. */
export function cellCentre(cell: bigint | string | number): [number, number] {
  const [lat, lng] = cellToLatLng(bigintToCell(cell));
  return [lng, lat];
}

/** The outline of a set of cells as GeoJSON MultiPolygon coordinates ([lng, lat], closed rings). */
export function cellsOutline(cells: readonly (bigint | string)[]): number[][][][] {
  if (cells.length === 0) return [];
  return cellsToMultiPolygon(
    cells.map((c) => bigintToCell(c)),
    true,
  );
}

/** One cell's hexagon, [lng, lat] closed ring (the heat map draws cells). */
export function cellRing(cell: bigint | string | number): number[][] {
  return cellToBoundary(bigintToCell(cell), true);
}
