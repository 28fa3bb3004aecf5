// What the credit use-cases share: the bureau a request names, the bureau's settings and catalogue line, mapping.
import type { CreditRecordView } from '@chengguan/contracts';
import { type CreditCatalogueLine, type CreditSettings, SHANGHAI_CREDIT_DEFAULTS } from '@chengguan/domain';
import type { Selectable } from 'kysely';
import type { Actor, Executor } from '../../context.ts';
import { fieldError } from '../../errors/app-error.ts';
import { assertInJurisdiction } from '../../shared/access.ts';
import { findOrg } from '../org/index.ts';
import type { CreditRecordsTable } from './credit.tables.ts';

export function day(d: unknown): string {
  if (d instanceof Date) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return String(d).slice(0, 10);
}

/** The district bureau named by `bureauId`, in the caller's jurisdiction (else 404), a bureau (else 400). */
export async function bureauOrFail(db: Executor, actor: Actor, bureauId: string): Promise<{ id: string; name: string; path: string }> {
  const org = await findOrg(db, bureauId);
  assertInJurisdiction(actor, org?.path);
  if (org!.bureau_id !== org!.id) throw fieldError('bureauId', '须为区局', 'must be a district bureau');
  return { id: org!.id, name: org!.name, path: org!.path };
}

export async function creditSettingsOf(db: Executor, bureauId: string): Promise<CreditSettings> {
  const row = await db.selectFrom('credit_settings').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
  if (!row) return SHANGHAI_CREDIT_DEFAULTS;
  return {
    publishMonths: row.publish_months,
    repairMinMonthsGeneral: row.repair_min_months_general,
    repairMinMonthsSerious: row.repair_min_months_serious,
    repairConditions: row.repair_conditions.length > 0 ? row.repair_conditions : SHANGHAI_CREDIT_DEFAULTS.repairConditions,
  };
}

export async function catalogueLineOf(db: Executor, bureauId: string, offenceCode: string): Promise<CreditCatalogueLine | null> {
  const row = await db
    .selectFrom('credit_catalogue')
    .select(['record', 'severity', 'publish_months'])
    .where('bureau_id', '=', bureauId)
    .where('offence_code', '=', offenceCode)
    .executeTakeFirst();
  return row ? { record: row.record, severity: row.severity as CreditCatalogueLine['severity'], publishMonths: row.publish_months } : null;
}

export type RecordRow = Selectable<CreditRecordsTable>;

export function toRecordView(r: RecordRow, exchange: CreditRecordView['exchange'] = null): CreditRecordView {
  return {
    id: r.id,
    caseId: r.case_id,
    orgId: r.org_id,
    subjectType: r.subject_type,
    subjectName: r.subject_name,
    subjectCode: r.subject_code,
    offenceCode: r.offence_code,
    offenceProvision: r.offence_provision,
    documentNumber: r.document_number,
    penaltyText: r.penalty_text,
    decidedOn: day(r.decided_on),
    severity: r.severity as CreditRecordView['severity'],
    publishUntil: day(r.publish_until),
    repairPossibleOn: day(r.repair_possible_on),
    status: r.status as CreditRecordView['status'],
    withdrawnOn: r.withdrawn_on ? day(r.withdrawn_on) : null,
    withdrawnReason: r.withdrawn_reason,
    exchange,
  };
}
