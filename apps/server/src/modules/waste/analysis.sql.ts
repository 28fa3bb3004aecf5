// The day's 两点一线 analysis (issue 14 §3, §5; docs/waste.md "Analysis"): ONE SQL text, run unchanged on PostgreSQL,
// PGlite and DuckDB (the benchmark's baseline), over the tables the migration 049 defines (DuckDB gets copies of the
// same rows under the same names). Only portable SQL: CTEs, LEFT JOIN, window functions (LAG, LEAD, SUM … ROWS
// UNBOUNDED PRECEDING), CASE, IS DISTINCT FROM, CAST … AS DATE / VARCHAR, positional parameters $1–$4.
//
// $1 the day (text YYYY-MM-DD); $2 a stop: seconds in one cell outside every registered place; $3 a deviation: seconds
// of consecutive points of a permitted vehicle off its corridors and outside every place; $4 a visit: seconds a vehicle
// must stay in a producing site's cells for a visit to count.
//
// Each point is in a place (a site's cell: zone S), on one of the corridors of the permits that cover its plate that day
// (zone C) or off (zone X). Runs of equal cells give stops; runs of equal zones (and site) give visits and deviations;
// the visits in order give trips (a producing site then a disposal site), departures without an arrival (a producing
// site left, then no disposal site before the next producing site or the end of the day) and vehicles at a site
// without a permit for it. The rows are integers and ids only (no floating-point sums), so both engines give equal
// results; the cell leaves as text (it exceeds a double's exact range). One row per finding: kind, plate, site, other_site (the disposal site of a trip), t_from, t_to, n, cell.
export const WASTE_ANALYSIS_SQL = `
WITH p AS (
  SELECT plate, t, cell FROM waste_points WHERE day = CAST($1 AS DATE)
),
valid_permits AS (
  SELECT id, producing_site_id FROM waste_permits
  WHERE status = 'valid' AND valid_from <= CAST($1 AS DATE) AND valid_until >= CAST($1 AS DATE)
),
plate_permits AS (
  SELECT pv.plate, vp.id AS permit_id, vp.producing_site_id
  FROM waste_permit_vehicles pv JOIN valid_permits vp ON vp.id = pv.permit_id
),
plate_cells AS (
  SELECT DISTINCT pp.plate, c.cell
  FROM plate_permits pp JOIN waste_corridor_cells c ON c.permit_id = pp.permit_id
),
permitted AS (
  SELECT DISTINCT plate FROM plate_permits
),
tagged AS (
  SELECT p.plate, p.t, p.cell, CAST(s.site_id AS VARCHAR) AS site_id, s.kind AS site_kind,
         CASE WHEN s.site_id IS NOT NULL THEN 'S' WHEN pc.cell IS NOT NULL THEN 'C' ELSE 'X' END AS zone
  FROM p
  LEFT JOIN waste_site_cells s ON s.cell = p.cell
  LEFT JOIN plate_cells pc ON pc.plate = p.plate AND pc.cell = p.cell
),
marked AS (
  SELECT plate, t, cell, site_id, site_kind, zone,
         CASE WHEN LAG(cell) OVER w IS NULL OR LAG(cell) OVER w <> cell THEN 1 ELSE 0 END AS new_cell,
         CASE WHEN LAG(zone) OVER w IS NULL OR LAG(zone) OVER w <> zone
                   OR LAG(site_id) OVER w IS DISTINCT FROM site_id THEN 1 ELSE 0 END AS new_zone
  FROM tagged
  WINDOW w AS (PARTITION BY plate ORDER BY t)
),
runs AS (
  SELECT plate, t, cell, site_id, site_kind, zone,
         SUM(new_cell) OVER w AS cell_run,
         SUM(new_zone) OVER w AS zone_run
  FROM marked
  WINDOW w AS (PARTITION BY plate ORDER BY t ROWS UNBOUNDED PRECEDING)
),
stops AS (
  SELECT plate, MIN(cell) AS cell, MIN(t) AS t_from, MAX(t) AS t_to, COUNT(*) AS n
  FROM runs WHERE zone <> 'S'
  GROUP BY plate, cell_run
  HAVING MAX(t) - MIN(t) >= $2
),
zruns AS (
  SELECT plate, zone_run, zone, MIN(site_id) AS site_id, MIN(site_kind) AS site_kind,
         MIN(t) AS t_from, MAX(t) AS t_to, COUNT(*) AS n, MIN(cell) AS cell
  FROM runs
  GROUP BY plate, zone_run, zone
),
deviations AS (
  SELECT z.plate, z.cell, z.t_from, z.t_to, z.n
  FROM zruns z JOIN permitted pm ON pm.plate = z.plate
  WHERE z.zone = 'X' AND z.t_to - z.t_from >= $3
),
visits AS (
  SELECT plate, zone_run, site_id, site_kind, t_from, t_to, n, cell, left_site
  FROM (
    SELECT z.*, CASE WHEN LEAD(zone_run) OVER (PARTITION BY plate ORDER BY zone_run) IS NULL THEN 0 ELSE 1 END AS left_site
    FROM zruns z
  ) x
  WHERE zone = 'S' AND (site_kind <> 'producing' OR t_to - t_from >= $4)
),
legs AS (
  SELECT plate, site_id, site_kind, t_from, t_to, n, cell, left_site,
         LEAD(site_kind) OVER v AS next_kind, LEAD(site_id) OVER v AS next_site, LEAD(t_from) OVER v AS next_from
  FROM visits
  WINDOW v AS (PARTITION BY plate ORDER BY zone_run)
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

export type AnalysisParams = { day: string; stopSeconds: number; deviationSeconds: number; visitSeconds: number };

export const analysisArgs = (p: AnalysisParams): unknown[] => [p.day, p.stopSeconds, p.deviationSeconds, p.visitSeconds];

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
