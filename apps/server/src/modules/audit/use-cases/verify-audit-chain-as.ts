import type { AuditVerifyResult } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../audit.service.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

/** The console's 校验审计链: verifies the whole chain, then records that it was checked and what was found. */
export async function verifyAuditChainAs(deps: Deps, actor: Actor, meta: RequestMeta): Promise<AuditVerifyResult> {
  assertPermission(actor, 'audit:verify');
  const result = await verifyAuditChain({ db: deps.db });
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, actor, meta, {
      action: 'audit.verify',
      entityType: 'audit_log',
      entityId: null,
      data: { ok: result.ok, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq },
    }),
  );
  return result;
}
