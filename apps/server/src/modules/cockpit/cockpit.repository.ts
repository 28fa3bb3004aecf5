// All SQL of the cockpit's reads: the roll-up by child org and by month, the children of an org, the squads' areas.
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';

/** Stock metrics are kept under this month (migration 054). */
export const STOCK_MONTH = '2000-01-01';

/** split_part index of a child's id in orgs.path, for a scope whose path is `scopePath` ('/a/b/' → 4). */
export function childPartOf(scopePath: string): number {
  return scopePath.split('/').filter(Boolean).length + 2;
}

export type RollupCell = { month: string; child: string; metric: string; value: number };

/** The unit a roll-up read is for: the org opened (its subtree is counted). */
export type RollupScope = { id: string; path: string };

/**
 * The month's flow metrics and the stock metrics, summed per child of the scope (child = the child org's id) and for
 * the scope's own records (child = ''). Children are read from the subtree roll-up (migration 066), the scope's own
 * records from the direct one: a few index entries per child, whatever the depth and the history. The children are
 * given as an array (not joined), so each branch of the condition is an index condition on (org_id, metric, month) —
 * joined, the planner scanned the whole table.
 */
export async function rollupByChild(
  db: Executor,
  scope: RollupScope,
  months: readonly string[],
  flow: readonly string[],
  stock: readonly string[],
): Promise<RollupCell[]> {
  if (flow.length + stock.length === 0) return [];
  const wanted = sql`((r.metric = ANY(${[...flow]}::text[]) AND r.month = ANY(${months.map((m) => `${m}-01`)}::date[]))
            OR (r.metric = ANY(${[...stock]}::text[]) AND r.month = ${STOCK_MONTH}::date))`;
  const r = await sql<{ month: string; child: string; metric: string; value: string }>`
    SELECT to_char(r.month, 'YYYY-MM') AS month, r.org_id::text AS child, r.metric, sum(r.value) AS value
      FROM cockpit_rollup_tree r
     WHERE r.org_id = ANY(ARRAY(SELECT id FROM orgs WHERE parent_id = ${scope.id})) AND ${wanted}
     GROUP BY 1, 2, 3
    UNION ALL
    SELECT to_char(r.month, 'YYYY-MM'), '', r.metric, sum(r.value)
      FROM cockpit_rollup r
     WHERE r.org_id = ${scope.id} AND ${wanted}
     GROUP BY 1, 3`.execute(db);
  return r.rows.map((x) => ({ ...x, value: Number(x.value) }));
}

/** Flow metrics per month over a range of months for the whole scope, from the subtree roll-up (migration 066). */
export async function rollupByMonth(
  db: Executor,
  scope: RollupScope,
  fromMonth: string,
  toMonth: string,
  metrics: readonly string[],
): Promise<RollupCell[]> {
  if (metrics.length === 0) return [];
  const r = await sql<{ month: string; metric: string; value: string }>`
    SELECT to_char(r.month, 'YYYY-MM') AS month, r.metric, sum(r.value) AS value
      FROM cockpit_rollup_tree r
     WHERE r.org_id = ${scope.id} AND r.metric = ANY(${[...metrics]}::text[])
       AND r.month BETWEEN ${`${fromMonth}-01`}::date AND ${`${toMonth}-01`}::date
     GROUP BY 1, 2`.execute(db);
  return r.rows.map((x) => ({ month: x.month, child: '', metric: x.metric, value: Number(x.value) }));
}

export type ChildOrg = { id: string; name: string; kind: string; street_name: string | null; has_area: boolean };

export async function childOrgs(db: Executor, parentId: string): Promise<ChildOrg[]> {
  const r = await sql<ChildOrg>`
    SELECT o.id, o.name, o.kind, a.street_name, a.org_id IS NOT NULL AS has_area
      FROM orgs o LEFT JOIN org_areas a ON a.org_id = o.id
     WHERE o.parent_id = ${parentId} AND o.active
     ORDER BY o.sort_order, o.name`.execute(db);
  return r.rows;
}

export async function orgsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'kind', 'path', 'parent_id'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The squads' service areas (街镇) inside the scope. */
export async function areasUnder(db: Executor, scopePath: string) {
  const r = await sql<{ org_id: string; street_name: string; geometry: unknown }>`
    SELECT a.org_id, a.street_name, a.geometry FROM org_areas a JOIN orgs o ON o.id = a.org_id
     WHERE o.path LIKE ${`${scopePath}%`} AND o.active ORDER BY o.path`.execute(db);
  return r.rows;
}
