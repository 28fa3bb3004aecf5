import type { Actor } from '../context.ts';
import type { Permission } from '../modules/auth/index.ts';
import { AppError } from '../errors/app-error.ts';

/** Role check: the action itself is not allowed for this user (403; says nothing about any record). */
export function assertPermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw new AppError('FORBIDDEN');
}

/** Jurisdiction check: a record outside the actor's org subtree does not exist for him (404). */
export function assertInJurisdiction(actor: Actor, recordOrgPath: string | null | undefined): void {
  if (!recordOrgPath || !recordOrgPath.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
}

/** True when the actor's jurisdiction is the whole city (his org is the root of the tree). */
export function isCityWide(actor: Pick<Actor, 'jurisdictionPath'>): boolean {
  return actor.jurisdictionPath.split('/').filter(Boolean).length === 1;
}

/** True when the actor's jurisdiction is exactly his district bureau (his org is the bureau, not a squad under it). */
export function isWholeBureau(actor: Pick<Actor, 'jurisdictionPath' | 'bureauId'>): boolean {
  return actor.bureauId !== null && actor.jurisdictionPath.endsWith(`/${actor.bureauId}/`);
}
