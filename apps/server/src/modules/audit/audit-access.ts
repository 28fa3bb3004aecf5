import type { Actor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission } from '../../shared/access.ts';

/** Whose jurisdiction is the whole tree (the 市局's users): they see rows written by the system itself. */
export const isCityWide = (actor: Actor): boolean => actor.jurisdictionPath.split('/').filter(Boolean).length === 1;

/**
 * The checkpoints speak for the whole installation's chain: they are listed, downloaded and written by the city
 * bureau's auditors (audit:verify with the whole tree as jurisdiction).
 */
export function assertCityAuditor(actor: Actor): void {
  assertPermission(actor, 'audit:verify');
  if (!isCityWide(actor)) throw new AppError('FORBIDDEN');
}
