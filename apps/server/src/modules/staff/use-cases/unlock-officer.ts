import type { Officer } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { clearAccountLimit } from '../../throttle/index.ts';
import { updateOfficerRow } from '../staff.repository.ts';
import { getOfficerRowOrFail, loadOfficer } from './get-officer.ts';

/**
 * An administrator ends the lock that repeated failed logins put on an account (after checking with the officer that
 * it was him): the failure count starts afresh, and so does the account's daily limit of failed logins. Audited with
 * the state before; harmless to repeat.
 */
export async function unlockOfficer(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<Officer> {
  assertPermission(actor, 'staff:write');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await getOfficerRowOrFail(trx, actor, id, now);
    const wasLocked = row.locked_until !== null && new Date(row.locked_until) > now;
    await updateOfficerRow(trx, id, { failed_attempts: 0, locked_until: null }, now);
    const windowsCleared = row.username ? await clearAccountLimit(trx, row.username) : 0;
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.unlock',
      entityType: 'officer',
      entityId: id,
      bureauId: row.bureau_id,
      data: {
        before: {
          locked: wasLocked,
          lockedUntil: row.locked_until ? new Date(row.locked_until).toISOString() : null,
          failedAttempts: row.failed_attempts,
        },
        after: { locked: false, failedAttempts: 0 },
        accountLimitCleared: windowsCleared > 0,
      },
    });
    return loadOfficer(trx, actor, id, now);
  });
}
