import {
  CASE_SOURCE_CODES,
  CASE_STATE_CODES,
  DECISION_OUTCOME_CODES,
  EVIDENCE_TYPE_CODES,
  PARTY_TYPE_CODES,
  PENALTY_TYPES,
  PERIOD_UNITS,
  PROCEDURE_CODES,
  SERVICE_METHOD_CODES,
  type CaseActionCode,
  type CaseDeadlineKindCode,
  type CaseDeadlineStateCode,
  type CaseSourceCode,
  type CaseStateCode,
  type DecisionOutcomeCode,
  type DocType,
  type EvidenceTypeCode,
  type PartyIdType,
  type PartyTypeCode,
  type PenaltyTypeCode,
  type ProcedureCode,
  type ServiceMethodCode,
} from '@chengguan/contracts';
import type { Translate } from '../../i18n/i18n.tsx';

// Labels of the case vocabularies in the UI language. The server's Chinese labels (stateLabelZh, labelZh) agree
// with these; the console keeps its own so that the English UI is English too.

export const stateLabel = (t: Translate, s: CaseStateCode) => t(`case.state.${s}`);
export const actionLabel = (t: Translate, a: CaseActionCode) => t(`case.action.${a}`);
export const procedureLabel = (t: Translate, p: ProcedureCode) => t(`case.procedure.${p}`);
export const sourceLabel = (t: Translate, s: CaseSourceCode) => t(`case.source.${s}`);
export const evidenceLabel = (t: Translate, e: EvidenceTypeCode) => t(`case.evidence.${e}`);
export const deadlineKindLabel = (t: Translate, k: CaseDeadlineKindCode) => t(`case.deadline.${k}`);
export const deadlineStateLabel = (t: Translate, s: CaseDeadlineStateCode) => t(`case.deadlineState.${s}`);
export const outcomeLabel = (t: Translate, o: DecisionOutcomeCode) => t(`case.outcome.${o}`);
export const serviceLabel = (t: Translate, m: ServiceMethodCode) => t(`case.service.${m}`);
export const penaltyLabel = (t: Translate, p: PenaltyTypeCode) => t(`case.penalty.${p}`);
export const partyTypeLabel = (t: Translate, p: PartyTypeCode) => t(`case.partyType.${p}`);
export const idTypeLabel = (t: Translate, i: PartyIdType) => t(`case.idType.${i}`);
export const docTypeLabel = (t: Translate, d: DocType) => t(`case.doc.${d}`);

export const stateOptions = (t: Translate) => CASE_STATE_CODES.map((s) => ({ value: s, label: stateLabel(t, s) }));
export const procedureOptions = (t: Translate) => PROCEDURE_CODES.map((p) => ({ value: p, label: procedureLabel(t, p) }));
export const sourceOptions = (t: Translate) => CASE_SOURCE_CODES.map((s) => ({ value: s, label: sourceLabel(t, s) }));
export const evidenceOptions = (t: Translate) => EVIDENCE_TYPE_CODES.map((e) => ({ value: e, label: evidenceLabel(t, e) }));
export const outcomeOptions = (t: Translate) => DECISION_OUTCOME_CODES.map((o) => ({ value: o, label: outcomeLabel(t, o) }));
export const serviceOptions = (t: Translate) => SERVICE_METHOD_CODES.map((m) => ({ value: m, label: serviceLabel(t, m) }));
export const penaltyOptions = (t: Translate) => PENALTY_TYPES.map((p) => ({ value: p, label: penaltyLabel(t, p) }));
export const partyTypeOptions = (t: Translate) => PARTY_TYPE_CODES.map((p) => ({ value: p, label: partyTypeLabel(t, p) }));
export const periodUnitOptions = (t: Translate) => PERIOD_UNITS.map((u) => ({ value: u, label: t(`case.periodUnit.${u}`) }));

/** Tag colours: open work blue, waiting on the party gold, decided purple, done green, ended grey. */
export const STATE_COLORS: Record<CaseStateCode, string> = {
  registered: 'default',
  filing_pending: 'orange',
  investigating: 'blue',
  investigation_concluded: 'blue',
  case_reviewed: 'geekblue',
  legal_review: 'geekblue',
  deliberation: 'geekblue',
  prior_notice_served: 'gold',
  hearing_requested: 'gold',
  hearing_scheduled: 'gold',
  hearing_held: 'gold',
  hearing_terminated: 'gold',
  decided: 'purple',
  decision_served: 'purple',
  enforcing: 'magenta',
  closed: 'green',
  archived: 'green',
  suspended: 'volcano',
  not_filed: 'default',
  transferred: 'default',
  summary_draft: 'default',
  summary_decided: 'purple',
  summary_paid: 'green',
  summary_collected: 'green',
};

export const DEADLINE_STATE_COLORS: Record<CaseDeadlineStateCode, string> = {
  running: 'processing',
  paused: 'warning',
  met: 'success',
  overdue: 'error',
};
