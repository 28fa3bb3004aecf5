// What the waste use-cases share: the district bureaus a user may see (his jurisdiction's, and his own bureau for an
// officer of a squad), the bureau a request names, and date text.
import type { Actor, Executor } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { findOrg } from '../org/index.ts';
import { sql, type Expression, type SqlBool } from 'kysely';

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

export { pageOfQuery } from '../../shared/paging.ts';

export function dateText(d: unknown): string {
  if (d instanceof Date) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return String(d).slice(0, 10);
}
