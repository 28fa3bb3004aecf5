import type { Officer } from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { findOfficer, findOfficerWithRoles, type OfficerRow } from '../staff.repository.ts';
import { CREDENTIAL_EXPIRING_DAYS, toOfficer } from '../staff.mapper.ts';

export async function getOfficerRowOrFail(db: Executor, actor: Actor, id: string, now: Date): Promise<OfficerRow> {
  const row = await findOfficer(db, id, shanghaiDate(now), CREDENTIAL_EXPIRING_DAYS);
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

export async function loadOfficer(db: Executor, actor: Actor, id: string, now: Date): Promise<Officer> {
  const found = await findOfficerWithRoles(db, id, shanghaiDate(now), CREDENTIAL_EXPIRING_DAYS);
  assertInJurisdiction(actor, found?.row.org_path);
  const { row, roles, credentials } = found!;
  return toOfficer(row, roles, credentials, {
    today: shanghaiDate(now),
    now,
    showPhone: actor.permissions.has('staff:write'),
  });
}

/** One officer; someone outside the actor's jurisdiction answers NOT_FOUND. */
export async function getOfficer(deps: Deps, actor: Actor, id: string): Promise<Officer> {
  assertPermission(actor, 'staff:read');
  return loadOfficer(deps.db, actor, id, deps.clock.now());
}
