// Who reads and acts: a bureau user within his jurisdiction (role × org subtree), or a partner account limited to
// its own unit's orders and tasks. A partner account without a unit sees nothing (404), like an unknown id.
import type { Actor, Executor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission } from '../../shared/access.ts';
import { partnerOfOfficer, type OrderScope } from './coordination.repository.ts';

export type Reader = { scope: OrderScope; party: 'bureau' | 'partner' };

export const isPartner = (actor: Actor) => actor.roles.includes('partner');

/** The reader's scope; 403 when the role reads no joint work at all. */
export async function readerOf(db: Executor, actor: Actor): Promise<Reader> {
  if (isPartner(actor)) {
    assertPermission(actor, 'joint:partner');
    const partnerId = await partnerOfOfficer(db, actor.id);
    if (!partnerId)
      throw new AppError('NOT_FOUND', { message: '该账户未关联协作部门', messageEn: 'This account belongs to no partner unit' });
    return { scope: { kind: 'partner', partnerId }, party: 'partner' };
  }
  assertPermission(actor, 'joint:read');
  return { scope: { kind: 'bureau', path: actor.jurisdictionPath }, party: 'bureau' };
}

/** The same for a write: a bureau user needs joint:write. */
export async function writerOf(db: Executor, actor: Actor): Promise<Reader> {
  if (!isPartner(actor)) assertPermission(actor, 'joint:write');
  return readerOf(db, actor);
}
