import type { AuditVerifyResult } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../audit.service.ts';
import { checkpointFileOf, readCheckpointFile } from '../checkpoint-file.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

/**
 * The console's 校验审计链: verifies the whole chain against the database's checkpoints and the server's checkpoint
 * file, then records that it was checked and what was found.
 */
export async function verifyAuditChainAs(deps: Deps, actor: Actor, meta: RequestMeta): Promise<AuditVerifyResult> {
  assertPermission(actor, 'audit:verify');
  const file = checkpointFileOf(deps.config);
  const text = file ? readCheckpointFile(file) : null;
  const result = await verifyAuditChain({ db: deps.db, files: text === null ? [] : [{ name: file!, text }] });
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, actor, meta, {
      action: 'audit.verify',
      entityType: 'audit_log',
      entityId: null,
      data: {
        ok: result.ok,
        checked: result.checked,
        firstBrokenSeq: result.firstBrokenSeq,
        reason: result.reason,
        checkpoints: result.checkpoints.checked,
        problems: result.problems.length,
      },
    }),
  );
  return result;
}
