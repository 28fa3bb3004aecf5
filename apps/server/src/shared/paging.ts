// Server paging of a list: one page of its query and the count of all its rows.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { PageOf } from '@chengguan/contracts';
import type { Executor } from '../context.ts';

/** One page of a list's query (already filtered and ordered) and the count of all its rows, read together. */
export async function pageOfQuery<D, TB extends keyof D, R, T>(
  db: Executor,
  ordered: SelectQueryBuilder<D, TB, R>,
  q: { page?: number; pageSize?: number },
  map: (row: R) => T,
): Promise<PageOf<T>> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, total] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    sql<{ n: string | number }>`SELECT COUNT(*) AS n FROM (${ordered.clearOrderBy()}) AS x`.execute(db),
  ]);
  return { items: rows.map(map), total: Number(total.rows[0]?.n ?? 0), page, pageSize };
}
