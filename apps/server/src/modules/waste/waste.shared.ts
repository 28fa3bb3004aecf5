// What the waste use-cases share: the district bureaus a user may see (his jurisdiction's, and his own bureau for an
// officer of a squad), the bureau a request names, and date text.
import type { Actor, Executor } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { findOrg } from '../org/index.ts';
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { PageOf } from '@chengguan/contracts';

/** SQL condition on an `orgs` alias: the bureau lies in the actor's jurisdiction or is his own bureau. */
export function bureauVisible(actor: Actor, orgAlias: string): Expression<SqlBool> {
  const path = `${actor.jurisdictionPath}%`;
  return actor.bureauId
    ? sql<SqlBool>`(${sql.ref(`${orgAlias}.path`)} LIKE ${path} OR ${sql.ref(`${orgAlias}.id`)} = ${actor.bureauId})`
    : sql<SqlBool>`${sql.ref(`${orgAlias}.path`)} LIKE ${path}`;
}

/** The district bureau named by a request: visible to the actor (else 404) and a district bureau (else 400). */
export async function bureauOrFail(
  db: Executor,
  actor: Actor,
  bureauId: string,
  field = 'bureauId',
): Promise<{ id: string; name: string }> {
  const org = await findOrg(db, bureauId);
  const visible = !!org && (org.path.startsWith(actor.jurisdictionPath) || org.id === actor.bureauId);
  if (!visible) throw new AppError('NOT_FOUND');
  if (org!.kind !== 'district_bureau') throw fieldError(field, '须为区局：建筑垃圾登记按区局管理', 'must be a district bureau');
  return { id: org!.id, name: org!.name };
}

/** Whether a record of this bureau is visible to the actor. */
export async function assertBureauVisible(db: Executor, actor: Actor, bureauId: string): Promise<void> {
  const org = await findOrg(db, bureauId);
  if (!org || !(org.path.startsWith(actor.jurisdictionPath) || org.id === actor.bureauId)) throw new AppError('NOT_FOUND');
}

export function dateText(d: unknown): string {
  if (d instanceof Date) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return String(d).slice(0, 10);
}

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
