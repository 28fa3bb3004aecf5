// C1 — a credit record is written in the decide step's transaction for every decision the catalogue and the
// publication rule make a record (packages/domain/src/credit), and its message to the credit platform is queued.
import { creditConsequence } from '@chengguan/domain';
import type { Deps, Executor, RequestMeta, StepActor } from '../../context.ts';
import { recordAudit } from '../audit/index.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { penaltyText } from '../disclosure/index.ts';
import { catalogueLineOf, creditSettingsOf, day } from './credit.shared.ts';
import { enqueueCreditMessage } from './connector.ts';

export async function createCreditRecordOnDecision(deps: Deps, meta: RequestMeta, w: StepWrite<'decide'>): Promise<void> {
  const d = w.next.decision;
  if (!d || !w.documentNumber) return;
  const row = w.loaded.row;
  const bureauId = row.bureau_id ?? row.org_id;
  const [settings, line] = await Promise.all([creditSettingsOf(w.trx, bureauId), catalogueLineOf(w.trx, bureauId, w.next.offence.code)]);
  const c = creditConsequence(
    { procedure: w.next.procedure, outcome: d.outcome, penalties: d.penalty?.penalties ?? [], decidedOn: d.decidedOn },
    line,
    settings,
  );
  if (!c.record) return;
  const party = await w.party();
  const id = deps.newId();
  const now = deps.clock.now();
  const values = {
    id,
    bureau_id: bureauId,
    org_id: row.org_id,
    case_id: row.id,
    subject_type: w.next.party.type,
    subject_name: party?.name ?? row.party_name,
    subject_code: party?.id_number ?? null,
    offence_code: w.next.offence.code,
    offence_provision: w.next.offence.provision,
    document_number: w.documentNumber,
    penalty_text: penaltyText(d.penalty),
    decided_on: d.decidedOn,
    severity: c.severity,
    publish_until: c.publishUntil,
    repair_possible_on: c.repairPossibleOn,
    created_at: now,
    updated_at: now,
  };
  const r = await w.trx
    .insertInto('credit_records')
    .values(values)
    .onConflict((oc) => oc.column('case_id').doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return;
  await enqueueCreditMessage(w.trx, deps, {
    op: 'publish',
    recordId: id,
    bureauId,
    key: 'v1',
    subjectName: values.subject_name,
    ...(values.subject_code ? { subjectCode: values.subject_code } : {}),
    documentNumber: w.documentNumber,
    decidedOn: d.decidedOn,
    publishUntil: c.publishUntil,
  });
  await recordAudit(w.trx, deps, w.actor, meta, {
    action: 'credit.record',
    entityType: 'credit_record',
    entityId: id,
    bureauId,
    data: { caseId: row.id, severity: c.severity, publishUntil: c.publishUntil, repairPossibleOn: c.repairPossibleOn },
  });
}

/**
 * A record taken off publication (repair approved, or the decision changed, revoked or confirmed illegal on review or
 * by a court: 处罚法 Art. 48) in the caller's transaction, with the withdrawal sent to the credit platform.
 */
export async function withdrawCreditRecord(
  trx: Executor,
  deps: Deps,
  actor: StepActor,
  meta: RequestMeta,
  where: { recordId?: string; caseId?: string },
  status: 'repaired' | 'withdrawn',
  reason: string,
  onDate: string,
): Promise<boolean> {
  let q = trx.selectFrom('credit_records').selectAll().where('status', '=', 'published');
  q = where.recordId ? q.where('id', '=', where.recordId) : q.where('case_id', '=', where.caseId!);
  const rec = await q.forUpdate().executeTakeFirst();
  if (!rec) return false;
  await trx
    .updateTable('credit_records')
    .set({ status, withdrawn_on: onDate, withdrawn_reason: reason, updated_at: deps.clock.now() })
    .where('id', '=', rec.id)
    .execute();
  await enqueueCreditMessage(trx, deps, {
    op: 'withdraw',
    recordId: rec.id,
    bureauId: rec.bureau_id,
    key: status,
    subjectName: rec.subject_name,
    ...(rec.subject_code ? { subjectCode: rec.subject_code } : {}),
    documentNumber: rec.document_number,
    decidedOn: day(rec.decided_on),
    publishUntil: day(rec.publish_until),
    reason,
  });
  await recordAudit(trx, deps, actor, meta, {
    action: status === 'repaired' ? 'credit.repaired' : 'credit.withdrawn',
    entityType: 'credit_record',
    entityId: rec.id,
    bureauId: rec.bureau_id,
    data: { reason, onDate },
  });
  return true;
}

export function installCreditHooks(): void {
  registerCaseStepHook('decide', createCreditRecordOnDecision);
}
