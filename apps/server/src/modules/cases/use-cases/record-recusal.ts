import type { CaseDetail, RecusalBody } from '@chengguan/contracts';
import { CaseRuleError, type CaseSnapshot, notBeforeDiscovery, notInFuture, type Recusal } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { refreshCaseDeadlines, summarizeDeadlines } from '../case-deadlines.ts';
import { loadCaseOrFail } from '../case-loader.ts';
import { derivedColumns } from '../case-step.ts';
import { caseRuleToAppError } from '../cases.errors.ts';
import { insertCaseEvent, updateCaseIfVersion } from '../cases.repository.ts';
import { getCase } from './get-case.ts';

export type RecordRecusalOptions = { caseId: string; body: RecusalBody };

/**
 * 回避 (A8, 处罚法 Art. 43): an officer declares a conflict or the party requests the recusal (officers); the
 * leader grants or rejects it. A declared conflict or a granted recusal bars the officer from every later step.
 */
export async function recordRecusal(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: RecordRecusalOptions,
): Promise<CaseDetail> {
  const deciding = body.status === 'granted' || body.status === 'rejected';
  assertPermission(actor, deciding ? 'case:approve' : 'case:write');
  await deps.db.transaction().execute(async (trx) => {
    const loaded = await loadCaseOrFail(deps, trx, actor, caseId);
    const s = loaded.snapshot;
    if (body.expectedVersion !== undefined && body.expectedVersion !== loaded.version)
      throw new AppError('STATE_CONFLICT', { field: 'expectedVersion' });
    if (!s.officers.some((o) => o.id === body.officerId))
      throw fieldError('officerId', '该执法人员不是本案承办人', 'the officer does not handle this case');
    const reason = notInFuture(s, body, loaded.ctx) ?? notBeforeDiscovery(s, body, loaded.ctx);
    if (reason) throw caseRuleToAppError(new CaseRuleError('CASE_RULE_VIOLATION', 'register', s.state, [reason]));
    const recusal: Recusal = { officerId: body.officerId, status: body.status, ...(deciding ? { decidedOn: body.date } : {}) };
    const next: CaseSnapshot = { ...s, recusals: [...s.recusals.filter((r) => r.officerId !== body.officerId), recusal] };
    const now = deps.clock.now();
    const deadlines = summarizeDeadlines(next, loaded.ctx);
    if (!(await updateCaseIfVersion(trx, caseId, loaded.version, derivedColumns(next, deadlines, now))))
      throw new AppError('STATE_CONFLICT');
    const eventId = deps.newId();
    await insertCaseEvent(trx, {
      id: eventId,
      case_id: caseId,
      bureau_id: loaded.row.bureau_id,
      action: 'recusal',
      from_state: s.state,
      to_state: s.state,
      legal_date: body.date,
      at: now,
      actor_id: actor.id,
      version: loaded.version + 1,
      data: JSON.stringify({ officerId: body.officerId, status: body.status, reason: body.reason }),
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'case.recusal',
      entityType: 'case',
      entityId: caseId,
      bureauId: loaded.row.bureau_id,
      data: { officerId: body.officerId, status: body.status, eventId },
    });
    await refreshCaseDeadlines(trx, deps, { id: caseId, bureauId: loaded.row.bureau_id, orgId: loaded.row.org_id }, deadlines);
  });
  return getCase(deps, actor, caseId);
}
