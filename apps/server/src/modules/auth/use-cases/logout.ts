import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { revokeSession } from '../auth.repository.ts';

export async function logout(deps: Deps, actor: Actor, meta: RequestMeta): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await revokeSession(trx, actor.sessionId, deps.clock.now());
    await recordAudit(trx, deps, actor, meta, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId, data: {} });
  });
}
