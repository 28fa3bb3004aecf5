import type { OrgNode } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { listOrgsUnder } from '../org.repository.ts';
import { buildTree } from '../org.mapper.ts';

/** The org tree the actor may see: his own unit and everything under it. */
export async function listOrgTree(deps: Deps, actor: Actor): Promise<OrgNode[]> {
  assertPermission(actor, 'org:read');
  return buildTree(await listOrgsUnder(deps.db, actor.jurisdictionPath));
}
