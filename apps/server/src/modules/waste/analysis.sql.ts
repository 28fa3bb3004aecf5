// The day's 两点一线 analysis (issue 14 §3, §5; docs/waste.md "Analysis"): ONE SQL text, run unchanged on PostgreSQL,
// PGlite and DuckDB (the benchmark's baseline), over the tables the migration 049 defines (DuckDB gets copies of the
// same rows under the same names). Only portable SQL: CTEs, LEFT JOIN, window functions (LAG, LEAD, SUM … ROWS
// UNBOUNDED PRECEDING, MAX … ROWS UNBOUNDED PRECEDING, ROW_NUMBER), CASE, IS DISTINCT FROM, CAST … AS DATE / VARCHAR,
// positional parameters $1–$6.
//
// $1 the day (text YYYY-MM-DD); $2 a stop: seconds in one cell outside every registered place; $3 a deviation: seconds
// of consecutive points of a permitted vehicle off its corridors and outside every place; $4 a visit: seconds a vehicle
// must stay in a producing site's cells for a visit to count; $5, $6 the plates analysed: from $5 (inclusive) to $6
// (exclusive; NULL: no end). Every finding is one truck's, so ranges of plates that cover them all give the whole day:
// PostgreSQL runs ranges on several sessions at once (use-cases/analysis.ts), DuckDB and PGlite run ('', NULL).
//
// Each point is in a place (a site's cell: zone S), on one of the corridors of the permits that cover its plate that day
// (zone C) or off (zone X); its place is the site's id in a place, else the zone. Runs of equal cells give stops; runs
// of equal places give visits and deviations.
// The runs are found in one ordered pass per truck without grouping the points: the first and the last point of each
// run are marked (LAG / LEAD); only the ends of runs of more than one point and the ends of zone runs are kept, and a
// run's start is the kept point before its end (among the zone ends for a zone run, which is reported at its first
// cell). A stop needs at least a minute, so a run of one point is never one. The visits in order give trips (a producing
// site then a disposal site), departures without an arrival (a producing site left, then no disposal site before the
// next producing site or the end of the day) and vehicles at a site without a permit for it. The rows are integers and
// ids only (no floating-point sums), so both engines give equal results; the cell leaves as text (it exceeds a
// double's exact range). One row per finding: kind, plate, site, other_site (the disposal site of a trip), t_from,
// t_to, n, cell.
/** The register's CTEs both readings share: the permits valid that day, the plates they cover, the permitted plates. */
const REGISTER = `
valid_permits AS (
  SELECT id, producing_site_id FROM waste_permits
  WHERE status = 'valid' AND valid_from <= CAST($1 AS DATE) AND valid_until >= CAST($1 AS DATE)
),
plate_permits AS (
  SELECT pv.plate, vp.id AS permit_id, vp.producing_site_id
  FROM waste_permit_vehicles pv JOIN valid_permits vp ON vp.id = pv.permit_id
  WHERE pv.plate >= CAST($5 AS VARCHAR) AND (CAST($6 AS VARCHAR) IS NULL OR pv.plate < CAST($6 AS VARCHAR))
),
permitted AS (
  SELECT DISTINCT plate FROM plate_permits
)`;

/** From the day's fixes to \`marked\`: every fix with its place and its run flags. */
const FROM_POINTS = `
p AS (
  SELECT plate, t, cell FROM waste_points
  WHERE day = CAST($1 AS DATE) AND plate >= CAST($5 AS VARCHAR) AND (CAST($6 AS VARCHAR) IS NULL OR plate < CAST($6 AS VARCHAR))
),
plate_cells AS (
  SELECT DISTINCT pp.plate, c.cell
  FROM plate_permits pp JOIN waste_corridor_cells c ON c.permit_id = pp.permit_id
),
tagged AS (
  SELECT p.plate, p.t, p.cell, CAST(s.site_id AS VARCHAR) AS site_id, s.kind AS site_kind,
         CASE WHEN s.site_id IS NOT NULL THEN 'S' WHEN pc.cell IS NOT NULL THEN 'C' ELSE 'X' END AS zone,
         CASE WHEN s.site_id IS NOT NULL THEN CAST(s.site_id AS VARCHAR) WHEN pc.cell IS NOT NULL THEN 'C' ELSE 'X' END AS place
  FROM p
  LEFT JOIN waste_site_cells s ON s.cell = p.cell
  LEFT JOIN plate_cells pc ON pc.plate = p.plate AND pc.cell = p.cell
),
marked AS (
  SELECT plate, t, cell, site_id, site_kind, zone, ROW_NUMBER() OVER w AS rn,
         CASE WHEN LAG(cell) OVER w IS NULL OR LAG(cell) OVER w <> cell THEN 1 ELSE 0 END AS new_cell,
         CASE WHEN LEAD(cell) OVER w IS NULL OR LEAD(cell) OVER w <> cell THEN 1 ELSE 0 END AS cell_end,
         CASE WHEN LAG(place) OVER w IS NULL OR LAG(place) OVER w <> place THEN 1 ELSE 0 END AS new_zone,
         CASE WHEN LEAD(place) OVER w IS NULL OR LEAD(place) OVER w <> place THEN 1 ELSE 0 END AS zone_end
  FROM tagged
  WINDOW w AS (PARTITION BY plate ORDER BY t)
)`;

/** From \`marked\` to the findings: the ends of runs, the runs, and the five kinds of finding. */
const FINDINGS = `
edges AS (
  SELECT plate, t, cell, site_id, site_kind, zone, rn, new_cell, cell_end, new_zone, zone_end,
         LAG(t) OVER e AS prev_t, LAG(rn) OVER e AS prev_rn, LAG(cell) OVER e AS prev_cell
  FROM marked
  WHERE new_zone = 1 OR zone_end = 1 OR new_cell <> cell_end
  WINDOW e AS (PARTITION BY plate ORDER BY t)
),
stops AS (
  SELECT plate, cell, prev_t AS t_from, t AS t_to, rn - prev_rn + 1 AS n
  FROM edges
  WHERE cell_end = 1 AND new_cell = 0 AND zone <> 'S' AND t - prev_t >= $2
),
zedges AS (
  SELECT plate, t, cell, site_id, site_kind, zone, rn, new_zone, zone_end,
         LAG(t) OVER z AS prev_t, LAG(rn) OVER z AS prev_rn, LAG(cell) OVER z AS prev_cell
  FROM edges
  WHERE new_zone = 1 OR zone_end = 1
  WINDOW z AS (PARTITION BY plate ORDER BY t)
),
zruns AS (
  SELECT plate, zone, site_id, site_kind,
         CASE WHEN new_zone = 1 THEN t ELSE prev_t END AS t_from, t AS t_to,
         rn - CASE WHEN new_zone = 1 THEN rn ELSE prev_rn END + 1 AS n,
         CASE WHEN new_zone = 1 THEN cell ELSE prev_cell END AS cell
  FROM zedges
  WHERE zone_end = 1
),
deviations AS (
  SELECT z.plate, z.cell, z.t_from, z.t_to, z.n
  FROM zruns z JOIN permitted pm ON pm.plate = z.plate
  WHERE z.zone = 'X' AND z.t_to - z.t_from >= $3
),
visits AS (
  SELECT plate, site_id, site_kind, t_from, t_to, n, cell, left_site
  FROM (
    SELECT z.*, CASE WHEN LEAD(t_from) OVER (PARTITION BY plate ORDER BY t_from) IS NULL THEN 0 ELSE 1 END AS left_site
    FROM zruns z
  ) x
  WHERE zone = 'S' AND (site_kind <> 'producing' OR t_to - t_from >= $4)
),
legs AS (
  SELECT plate, site_id, site_kind, t_from, t_to, n, cell, left_site,
         LEAD(site_kind) OVER v AS next_kind, LEAD(site_id) OVER v AS next_site, LEAD(t_from) OVER v AS next_from
  FROM visits
  WINDOW v AS (PARTITION BY plate ORDER BY t_from)
)
SELECT kind, plate, site, other_site, t_from, t_to, n, CAST(cell AS VARCHAR) AS cell FROM (
SELECT 'trip' AS kind, plate, site_id AS site, next_site AS other_site, t_to AS t_from, next_from AS t_to, n, cell
  FROM legs WHERE site_kind = 'producing' AND next_kind = 'disposal'
UNION ALL
SELECT 'no_arrival', plate, site_id, NULL, t_to, t_to, n, cell
  FROM legs WHERE site_kind = 'producing' AND left_site = 1 AND (next_kind IS NULL OR next_kind <> 'disposal')
UNION ALL
SELECT 'no_permit', l.plate, l.site_id, NULL, l.t_from, l.t_to, l.n, l.cell
  FROM legs l
  WHERE l.site_kind = 'producing'
    AND NOT EXISTS (SELECT 1 FROM plate_permits pp
                    WHERE pp.plate = l.plate AND CAST(pp.producing_site_id AS VARCHAR) = l.site_id)
UNION ALL
SELECT 'deviation', plate, NULL, NULL, t_from, t_to, n, cell FROM deviations
UNION ALL
SELECT 'stop', plate, NULL, NULL, t_from, t_to, n, cell FROM stops
) f
`;

/**
 * From the day's summaries (migration 072, gps/track-summary.ts) to \`marked\`: the kept fixes of each chunk with their
 * position in the truck's day (the fixes of the truck's earlier chunks before it plus the position in the chunk), and
 * their flags — within a chunk as the ingest set them, at a chunk's first and last fix from the fix before and after in
 * the truck's day (the neighbouring chunk's last and first fix, which are always kept). The kept fixes hold every end
 * of a run the findings use, so \`edges\` and everything after it are the rows the fixes give.
 */
const FROM_SUMMARIES = `
chunks AS (
  SELECT plate, t_first, n, SUM(n) OVER (PARTITION BY plate ORDER BY t_first ROWS UNBOUNDED PRECEDING) - n AS before
  FROM waste_track_chunks
  WHERE day = CAST($1 AS DATE) AND plate >= CAST($5 AS VARCHAR) AND (CAST($6 AS VARCHAR) IS NULL OR plate < CAST($6 AS VARCHAR))
),
kept AS (
  SELECT e.plate, e.t, e.cell, CAST(e.site_id AS VARCHAR) AS site_id, e.site_kind, e.zone,
         CASE WHEN e.zone = 'S' THEN CAST(e.site_id AS VARCHAR) ELSE e.zone END AS place,
         c.before + e.i AS rn, e.i, c.n, e.new_cell, e.cell_end, e.new_zone, e.zone_end
  FROM waste_track_edges e JOIN chunks c ON c.plate = e.plate AND c.t_first = e.chunk_t
  WHERE e.day = CAST($1 AS DATE) AND e.plate >= CAST($5 AS VARCHAR) AND (CAST($6 AS VARCHAR) IS NULL OR e.plate < CAST($6 AS VARCHAR))
),
marked AS (
  SELECT plate, t, cell, site_id, site_kind, zone, rn,
         CASE WHEN i > 1 THEN new_cell WHEN LAG(cell) OVER w IS NULL OR LAG(cell) OVER w <> cell THEN 1 ELSE 0 END AS new_cell,
         CASE WHEN i < n THEN cell_end WHEN LEAD(cell) OVER w IS NULL OR LEAD(cell) OVER w <> cell THEN 1 ELSE 0 END AS cell_end,
         CASE WHEN i > 1 THEN new_zone WHEN LAG(place) OVER w IS NULL OR LAG(place) OVER w <> place THEN 1 ELSE 0 END AS new_zone,
         CASE WHEN i < n THEN zone_end WHEN LEAD(place) OVER w IS NULL OR LEAD(place) OVER w <> place THEN 1 ELSE 0 END AS zone_end
  FROM kept
  WINDOW w AS (PARTITION BY plate ORDER BY t)
)`;

/** The analysis over every fix of the day: the definition, and DuckDB's baseline. */
export const WASTE_ANALYSIS_SQL = `WITH${REGISTER},${FROM_POINTS},${FINDINGS}`;

/** The same analysis over the day's summaries: the same rows when they are current (SUMMARIES_CURRENT_SQL). */
export const WASTE_SUMMARY_SQL = `WITH${REGISTER},${FROM_SUMMARIES},${FINDINGS}`;

/**
 * Each plate's permits valid on the day $1, as the sorted ids joined by commas: what a chunk keeps at ingest
 * (gps/track-summary.ts) and what SUMMARIES_CURRENT_SQL compares it with. PostgreSQL and PGlite only.
 */
export const PLATE_PERMIT_LISTS = `
  SELECT pv.plate, string_agg(CAST(p.id AS text), ',' ORDER BY p.id) AS ids
  FROM waste_permit_vehicles pv JOIN waste_permits p ON p.id = pv.permit_id
  WHERE p.status = 'valid' AND p.valid_from <= CAST($1 AS DATE) AND p.valid_until >= CAST($1 AS DATE)
  GROUP BY pv.plate`;

/**
 * Whether the day's summaries stand for its fixes ($1 the day): counts of the day's chunks, of chunks overlapping the
 * truck's chunk before (a fix sent twice under two batch ids, or a late batch inside another's hours), of chunks
 * placed under another version of the register (a site's cells or a corridor changed), of chunks whose plate is now
 * covered by other permits that day, and of batches of the day kept without summaries. Current: chunks > 0 and the
 * rest 0. PostgreSQL and PGlite only.
 */
export const SUMMARIES_CURRENT_SQL = `
WITH c AS (
  SELECT plate, t_first, permits, register_version, LAG(t_last) OVER (PARTITION BY plate ORDER BY t_first) AS prev_last
  FROM waste_track_chunks WHERE day = CAST($1 AS DATE)
),
lists AS (${PLATE_PERMIT_LISTS})
SELECT
  (SELECT COUNT(*) FROM c) AS chunks,
  (SELECT COUNT(*) FROM c WHERE t_first <= prev_last) AS overlapping,
  (SELECT COUNT(*) FROM c WHERE register_version <> (SELECT version FROM waste_register_version)) AS other_version,
  (SELECT COUNT(*) FROM c LEFT JOIN lists l ON l.plate = c.plate WHERE c.permits <> COALESCE(l.ids, '')) AS other_permits,
  (SELECT COUNT(*) FROM waste_gps_batches WHERE CAST($1 AS text) = ANY(days) AND kept > 0 AND NOT summarised) AS unsummarised
`;

export type AnalysisParams = {
  day: string;
  stopSeconds: number;
  deviationSeconds: number;
  visitSeconds: number;
  /** The plates analysed: from (inclusive, default '') to (exclusive, default null: no end). */
  plateFrom?: string;
  plateTo?: string | null;
};

export const analysisArgs = (p: AnalysisParams): unknown[] => [
  p.day,
  p.stopSeconds,
  p.deviationSeconds,
  p.visitSeconds,
  p.plateFrom ?? '',
  p.plateTo ?? null,
];

export type AnalysisRow = {
  kind: 'trip' | 'no_arrival' | 'no_permit' | 'deviation' | 'stop';
  plate: string;
  site: string | null;
  otherSite: string | null;
  tFrom: number;
  tTo: number;
  n: number;
  cell: string;
};

/** Rows of either engine in one shape and one order (bigints as numbers / decimal text). */
export function normaliseRows(rows: readonly Record<string, unknown>[]): AnalysisRow[] {
  const num = (v: unknown) => Number(v);
  const out = rows.map((r) => ({
    kind: String(r.kind) as AnalysisRow['kind'],
    plate: String(r.plate),
    site: r.site === null || r.site === undefined ? null : String(r.site),
    otherSite: r.other_site === null || r.other_site === undefined ? null : String(r.other_site),
    tFrom: num(r.t_from),
    tTo: num(r.t_to),
    n: num(r.n),
    cell: BigInt(r.cell as string | bigint | number).toString(),
  }));
  const key = (r: AnalysisRow) => `${r.kind}\u0000${r.plate}\u0000${String(r.tFrom).padStart(12, '0')}\u0000${r.site ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
