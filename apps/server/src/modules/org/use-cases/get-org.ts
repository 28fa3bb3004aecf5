import type { Org } from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { findOrg, type OrgRow } from '../org.repository.ts';
import { toOrg } from '../org.mapper.ts';

/** The org row if it lies in the actor's jurisdiction; otherwise NOT_FOUND. */
export async function getOrgRowOrFail(db: Executor, actor: Actor, id: string): Promise<OrgRow> {
  const row = await findOrg(db, id);
  assertInJurisdiction(actor, row?.path);
  return row!;
}

export async function getOrg(deps: Deps, actor: Actor, id: string): Promise<Org> {
  assertPermission(actor, 'org:read');
  return toOrg(await getOrgRowOrFail(deps.db, actor, id));
}
