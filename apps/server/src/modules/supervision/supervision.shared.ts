// What every supervision use-case needs: the permission sets, the scope of an org filter, paging, the day.
import type { PageOf } from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import type { Permission } from '../auth/index.ts';
import { assertInJurisdiction } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { findOrg } from '../org/index.ts';

/** Reads supervision records: the supervisor and the leaders (read), and the squad leader for his own squad (answer). */
export const READ_ANY: readonly Permission[] = ['supervision:read', 'supervision:answer'];

export function assertAnyPermission(actor: Actor, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => actor.permissions.has(p))) throw new AppError('FORBIDDEN');
}

/** The org path a list is limited to: the actor's jurisdiction, or an org inside it (404 outside). */
export async function scopePath(db: Executor, actor: Actor, orgId: string | undefined): Promise<string> {
  if (!orgId) return actor.jurisdictionPath;
  const org = await findOrg(db, orgId);
  assertInJurisdiction(actor, org?.path);
  return org!.path;
}

/** An org named in a body: it exists and lies in the actor's jurisdiction (else 404, as if it did not exist). */
export async function orgInJurisdiction(db: Executor, actor: Actor, orgId: string) {
  const org = await findOrg(db, orgId);
  assertInJurisdiction(actor, org?.path);
  return org!;
}

export function today(deps: Pick<Deps, 'clock'>): string {
  return shanghaiDate(deps.clock.now());
}

export function pageOf(q: { page?: number | undefined; pageSize?: number | undefined }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function page<T>(items: T[], total: number, p: { page: number; pageSize: number }): PageOf<T> {
  return { items, total, page: p.page, pageSize: p.pageSize };
}

export function assertNotBefore(field: string, day: string, earliest: string, zhWhat: string, enWhat: string): void {
  if (day < earliest) throw fieldError(field, `不能早于${zhWhat}（${earliest}）`, `may not be before ${enWhat} (${earliest})`);
}

export function assertNotAfterToday(deps: Pick<Deps, 'clock'>, field: string, day: string): void {
  const t = today(deps);
  if (day > t) throw fieldError(field, `不能晚于今天（${t}）`, `may not be after today (${t})`);
}

/** A date column as 'YYYY-MM-DD' (PGlite and node-postgres may hand back a string or a Date). */
export function dateText(v: unknown): string {
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
}
export const dateOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : dateText(v));
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
