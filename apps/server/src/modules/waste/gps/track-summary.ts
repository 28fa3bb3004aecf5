// Summaries of the trucks' fixes at ingest (docs/waste.md §3 "Summaries at ingest"; migration 072). A chunk is one
// truck's cleaned fixes of one batch and one day, in time order. Each fix is placed with the register as it stands —
// in a site's cell (zone S, the site), on a corridor of a permit covering the plate that day (C) or off (X), exactly as
// the analysis SQL places a fix — and only the fixes where something begins or ends are kept: the chunk's first and
// last, the ends of each run of one place, and both ends of each run of one cell that lasts at least the shortest stop
// an analysis may ask for or has an end kept for another reason (a chunk's end among them: the run may go on in the
// next chunk). With their flags (does the fix begin / end a run of one cell / one place within the chunk) and their
// positions these are enough for the analysis to find every run of the day: analysis.sql.ts WASTE_SUMMARY_SQL stitches
// the chunks and gives the rows WASTE_ANALYSIS_SQL gives over every fix. About 3–4 % of a day's fixes are kept.
import { WASTE_MIN_STOP_MINUTES } from '@chengguan/contracts';
import type { Executor } from '../../../context.ts';
import { copyField } from '../../../db/copy-text.ts';
import { CompiledQuery, sql } from 'kysely';
import { PLATE_PERMIT_LISTS } from '../analysis.sql.ts';

/** The shortest stop an analysis may ask for (RunWasteAnalysisBody.stopMinutes): shorter runs of a cell are dropped. */
const SUMMARY_MIN_STOP_SECONDS = WASTE_MIN_STOP_MINUTES * 60;

export const CHUNK_COLUMNS = ['day', 'plate', 't_first', 't_last', 'n', 'permits', 'register_version'] as const;
export const EDGE_COLUMNS = [
  'day',
  'plate',
  'chunk_t',
  'i',
  't',
  'cell',
  'zone',
  'site_id',
  'site_kind',
  'new_cell',
  'cell_end',
  'new_zone',
  'zone_end',
] as const;

type Site = { id: string; kind: string };

/** Permits whose corridors a process holds at most (a corridor is some hundreds of cells). */
const MAX_HELD_CORRIDORS = 5000;

/**
 * The register as the placing needs it, for one database: the site of each site cell (an index into `sites`), and
 * corridors by permit (loaded as met).
 */
type Register = { version: string; siteOf: Map<string, number>; sites: Site[]; corridors: Map<string, Set<string>> };
const registers = new WeakMap<object, Register>();

/** A fix's place as a number: a site's index (≥ 0), on a corridor, or off. */
const ON_CORRIDOR = -1;
const OFF = -2;

/** A day's placing of the plates of one batch. */
export type Placer = {
  version: string;
  sites: readonly Site[];
  /** The ids of the permits covering the plate that day, sorted, comma-separated. */
  permitsOf(plate: string): string;
  /** The plate's placing of a cell: a site's index in `sites`, ON_CORRIDOR or OFF. */
  placerOf(plate: string): (cell: string) => number;
};

/**
 * The register for placing `plates` on `days`: one statement a day (nearly always one) for the register's version and
 * the plates' permits that day; then the site cells when the version moved (read after the version, so a change between
 * the two can only make the summaries look older than they are) and the corridors not yet held. `key` is the
 * database's identity (one platform's `deps.db`).
 */
export async function loadPlacers(
  db: Executor,
  key: object,
  days: readonly string[],
  plates: readonly string[],
): Promise<Map<string, Placer>> {
  // Per day, the version and the plates' permit lists as SUMMARIES_CURRENT_SQL computes them (the same text), so the
  // list a chunk keeps is compared with one made the same way.
  let version: string | null = null;
  const permitsByDay = new Map<string, Map<string, string[]>>();
  for (const day of days) {
    const got = await db.executeQuery<{ version: string; plate: string | null; ids: string | null }>(
      CompiledQuery.raw(
        `SELECT r.version::text AS version, l.plate, l.ids FROM waste_register_version r
         LEFT JOIN (SELECT * FROM (${PLATE_PERMIT_LISTS}) x WHERE x.plate = ANY($2::text[])) l ON true`,
        [day, [...plates]],
      ),
    );
    version ??= got.rows[0]?.version ?? '0';
    permitsByDay.set(day, new Map(got.rows.flatMap((r) => (r.plate && r.ids ? [[r.plate, r.ids.split(',')]] : []))));
  }
  version ??= '0';
  let reg = registers.get(key);
  if (!reg || reg.version !== version) {
    const siteOf = new Map<string, number>();
    const sites: Site[] = [];
    const index = new Map<string, number>();
    const rows = await sql<{ cell: string; site_id: string; kind: string }>`
      SELECT cell::text AS cell, site_id, kind FROM waste_site_cells`.execute(db);
    for (const r of rows.rows) {
      let i = index.get(r.site_id);
      if (i === undefined) {
        index.set(r.site_id, (i = sites.length));
        sites.push({ id: r.site_id, kind: r.kind });
      }
      siteOf.set(r.cell, i);
    }
    reg = { version, siteOf, sites, corridors: new Map() };
    registers.set(key, reg);
  }
  // Corridors of permits no longer met are not kept for ever: past a bound the held ones are let go and loaded again.
  if (reg.corridors.size > MAX_HELD_CORRIDORS) reg.corridors.clear();
  const held = new Map<string, Set<string>>();
  const missing: string[] = [];
  for (const id of new Set([...permitsByDay.values()].flatMap((m) => [...m.values()].flat()))) {
    const c = reg.corridors.get(id);
    held.set(id, c ?? new Set());
    if (!c) missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    // Held by the process only once loaded whole: a batch taken at the same time loads them too rather than see a part.
    const ids = missing.slice(i, i + 500);
    const cells = await sql<{ permit_id: string; cell: string }>`
      SELECT permit_id, cell::text AS cell FROM waste_corridor_cells WHERE permit_id IN (${sql.join(ids)})`.execute(db);
    for (const c of cells.rows) held.get(c.permit_id)!.add(c.cell);
    for (const id of ids) reg.corridors.set(id, held.get(id)!);
  }
  const { siteOf, sites } = reg;
  const out = new Map<string, Placer>();
  for (const [day, byPlate] of permitsByDay) {
    out.set(day, {
      version,
      sites,
      permitsOf: (plate) => (byPlate.get(plate) ?? []).join(','),
      placerOf(plate) {
        const corridors = (byPlate.get(plate) ?? []).map((id) => held.get(id)!);
        return (cell) => {
          const site = siteOf.get(cell);
          if (site !== undefined) return site;
          for (const c of corridors) if (c.has(cell)) return ON_CORRIDOR;
          return OFF;
        };
      },
    });
  }
  return out;
}

/** One chunk's COPY lines (waste_track_chunks, waste_track_edges), appended to `chunks` and `edges`. */
export function summariseChunk(
  placer: Placer,
  day: string,
  plate: string,
  t: readonly number[],
  cells: readonly string[],
  chunks: string[],
  edges: string[],
): void {
  const m = t.length;
  if (m === 0) return;
  const placeOf = placer.placerOf(plate);
  const places = new Int32Array(m);
  for (let i = 0; i < m; i++) places[i] = placeOf(cells[i]!);
  const keep = new Uint8Array(m);
  keep[0] = 1;
  keep[m - 1] = 1;
  for (let s = 0, i = 1; i <= m; i++) {
    if (i < m && places[i] === places[s]) continue;
    keep[s] = keep[i - 1] = 1;
    s = i;
  }
  // A run of one cell of more than one fix keeps both its ends or neither: the analysis measures a stop from the kept
  // fix before a run's end, which must be the run's start.
  for (let s = 0, i = 1; i <= m; i++) {
    if (i < m && cells[i] === cells[s]) continue;
    const e = i - 1;
    if (e > s && (t[e]! - t[s]! >= SUMMARY_MIN_STOP_SECONDS || keep[s] || keep[e])) keep[s] = keep[e] = 1;
    s = i;
  }
  const plateField = copyField(plate);
  const head = `${day}\t${plateField}\t${t[0]}\t`;
  for (let i = 0; i < m; i++) {
    if (!keep[i]) continue;
    const newCell = i === 0 || cells[i] !== cells[i - 1] ? 1 : 0;
    const cellEnd = i === m - 1 || cells[i] !== cells[i + 1] ? 1 : 0;
    const newZone = i === 0 || places[i] !== places[i - 1] ? 1 : 0;
    const zoneEnd = i === m - 1 || places[i] !== places[i + 1] ? 1 : 0;
    const p = places[i]!;
    const where =
      p >= 0 ? `S\t${placer.sites[p]!.id}\t${copyField(placer.sites[p]!.kind)}` : p === ON_CORRIDOR ? 'C\t\\N\t\\N' : 'X\t\\N\t\\N';
    edges.push(`${head}${i + 1}\t${t[i]}\t${cells[i]}\t${where}\t${newCell}\t${cellEnd}\t${newZone}\t${zoneEnd}\n`);
  }
  chunks.push(`${day}\t${plateField}\t${t[0]}\t${t[m - 1]}\t${m}\t${placer.permitsOf(plate)}\t${placer.version}\n`);
}
