// CaseSnapshot: everything the guards and deadlines need, as plain data the server rebuilds from its tables.
// Dates are `YYYY-MM-DD` legal dates (Asia/Shanghai); money is integer fen.
import type { EnforcementDomain } from '@chengguan/contracts';
import type { LegalDate } from '../calendar/legal-date.ts';
import type { DecisionOutcome } from '../law/decision.ts';
import type { Period } from '../law/deadlines.ts';
import type { LegalConfig } from '../law/config.ts';
import type { Harm } from '../law/exemptions.ts';
import type { ProposedPenalty } from '../law/pre-decision.ts';
import type { DateInterval, Fen, FenRange, PartyType, PenaltyType } from '../law/types.ts';
import type { RuleVersion } from '../law/versions.ts';
import type { LawBasis, LawBasisConfirmation } from '../law/verified-basis.ts';
import type { InstalmentPlanLine } from '../payments/amount-due.ts';
import type { TeamOfficer } from '../staff/credential.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import type { CaseState, MachineState, Procedure } from './case-states.ts';

/** Everything a rule needs besides the case: today's legal date, the working-day calendar and the legal config. */
export type CaseContext = { today: LegalDate; calendar: WorkCalendar; config: LegalConfig };

export type CaseParty = {
  type: PartyType;
  /** Natural persons: for the Art. 30 age at the act (E7, E9). */
  birthDate?: LegalDate;
  /** F2: date of the signed 电子送达确认书, if any. */
  electronicServiceConsentOn?: LegalDate;
};

/**
 * One version of the offence in the law library (处罚法 Art. 37): its dates, whether it still treats the act as illegal,
 * its kinds of penalty and its statutory range (min/maxFineFen are 0 where the version records none).
 */
export type CaseOffenceVersion = RuleVersion & {
  provision: string;
  penaltyTypes: readonly PenaltyType[];
  statutoryRange?: FenRange;
  /** E12: the version's 违则 / 罚则 with their verification marks, as the library holds them now. */
  basis?: LawBasis;
};

export type CaseOffence = {
  code: string;
  /** A1: officers' credentials must cover this enforcement domain. */
  domain?: EnforcementDomain;
  /** 违则 and 罚则 provision, e.g. 《上海市市容环境卫生管理条例》第二十四条. */
  provision: string;
  /** Penalty types the norm allows. */
  penaltyTypes: readonly PenaltyType[];
  /** Statutory fine range of the version in force (Art. 37). */
  statutoryRange?: FenRange;
  /** E10: norm worded 「责令…改正；拒不改正的，处…」. */
  finesOnlyAfterRefusal: boolean;
  /** E10: the norm orders a direct penalty (沪条例 Art. 18 exception). */
  requiresDirectPenalty: boolean;
  /**
   * Every version of the offence, as the library holds them now (the server refreshes them on each load). With them a
   * penalty is judged by the version Art. 37 picks for its date; without them, by the act-date fields above.
   */
  versions?: readonly CaseOffenceVersion[];
};

/** The illegal act (E6 counts fines per act across cases). */
export type CaseAct = {
  actId: string;
  actDate: LegalDate;
  /** Continuing or repeated act: the day it ended (C4). */
  continuingUntil?: LegalDate;
  /** FINE decisions already made for this act in other cases (E6). */
  priorFineDecisionCount: number;
};

/** Facts judged by the officers, reviewers and leaders; each is stored with the case. */
export type CaseFlags = {
  factsCertain: boolean;
  legalBasisPresent: boolean;
  /** B1 「法律另有规定的，从其规定」. */
  summaryLawOverride?: { allowed: boolean; citation: string };
  involvesLifeHealthOrFinancialSafety: boolean;
  harmfulConsequence: boolean;
  majorPublicInterest: boolean;
  /** E1 (二): 直接关系当事人或者第三人重大权益. */
  majorRightsOfPartyOrThirdParty: boolean;
  complexMultipleLegalRelationships: boolean;
  /** E1 (四) citation. */
  lawRequiresLegalReview?: string;
  /** E2 情节复杂. */
  complex: boolean;
  /** 减轻处罚 below the statutory minimum (E1 Shanghai, E9). */
  reducedPenalty: boolean;
  minorViolation: boolean;
  correctedPromptly: boolean;
  harm: Harm;
  firstViolation: boolean;
  provenNoFault: boolean;
  noFaultRuleExcludedBy?: string;
  mentalIncapacityAtAct: boolean;
  /** E10 沪条例 Art. 18. */
  minorOrCurable: boolean;
  correctionOrdered: boolean;
  refusedToCorrect: boolean;
  /** D4 (五)(六). */
  otherSeriousPenalty: boolean;
  otherHearingTrigger?: string;
};

/** A8: a declared conflict or a granted recusal bars the officer; a pending request does not pause anything. */
export type Recusal = { officerId: string; status: 'declared_conflict' | 'requested' | 'granted' | 'rejected'; decidedOn?: LegalDate };

export const RECORD_KINDS = [
  'registration',
  'filing_request',
  'filing_approval',
  'not_filed_decision',
  'evidence',
  'inspection_record',
  'questioning_record',
  'investigation_report',
  'case_review',
  'legal_review_opinion',
  'legal_basis_confirmation',
  'deliberation_minutes',
  'prior_notice',
  'prior_notice_service',
  'statement_record',
  'statement_review',
  'statement_waiver',
  'hearing_request',
  'hearing_notice',
  'hearing_record',
  'hearing_termination',
  'decision_document',
  'education_record',
  'decision_service',
  'payment_receipt',
  'deferral_approval',
  'enforcement_record',
  'closing_report',
  'archive_record',
  'suspension_approval',
  'resumption_approval',
  'extension_approval',
  'transfer_letter',
  'summary_decision_form',
  'on_spot_receipt',
  'procedure_change',
  'e_service_consent',
  'review_litigation_record',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export type CaseRecordRef = { kind: RecordKind; date: LegalDate; id?: string };

export type PriorNoticeContents = {
  proposedPenaltyStated: boolean;
  factsStated: boolean;
  reasonsStated: boolean;
  legalBasisStated: boolean;
  statementRightsStated: boolean;
  hearingRightStated: boolean;
};

export type PriorNotice = { servedOn: LegalDate; proposed: ProposedPenalty; contents: PriorNoticeContents };

export type Hearing = {
  requestedOn: LegalDate;
  noticeServedOn?: LegalDate;
  hearingOn?: LegalDate;
  chairOfficerId?: string;
  heldOn?: LegalDate;
  terminatedOn?: LegalDate;
};

export type LegalReview = { reviewedOn: LegalDate; result: 'pass' | 'fail' };

export type Decision = { decidedOn: LegalDate; outcome: DecisionOutcome; penalty?: ProposedPenalty; citesHearingRecord: boolean };

export type ServiceMethod = 'on_announcement' | 'direct' | 'lien' | 'mail' | 'electronic' | 'public_notice';

export type Service = { servedOn: LegalDate; method: ServiceMethod };

export type Payment = { paidOn: LegalDate; amountFen: Fen };

export type Enforcement = {
  /** 催告书 served (行政强制法 Art. 35). */
  reminderServedOn?: LegalDate;
  courtAppliedOn?: LegalDate;
  completedOn?: LegalDate;
  /** 终结执行 (行政强制法 Art. 40). */
  terminatedOn?: LegalDate;
  /** Art. 66 暂缓 / 分期 approved until. */
  deferredUntil?: LegalDate;
  /** Art. 66 分期: the approved plan; each instalment falls due, and accrues G2 when missed, on its own day. */
  instalments?: readonly InstalmentPlanLine[];
  reviewOrLitigationFiled: boolean;
  /** Pending 复议 / 诉讼: no surcharge accrues (Art. 73). */
  reviewOrLitigationIntervals: readonly DateInterval[];
  /** 执行协议 reducing the surcharge (行政强制法 Art. 42). */
  surchargeReducedFen: Fen;
};

export type Suspension = { from: LegalDate; to?: LegalDate; resumeTo: CaseState; reason: string; legalBasis: string };

export type DeadlineExtension = { approvedOn: LegalDate; period: Period; legalBasis: string; lateReason?: string };

/** 先行登记保存 (C3). */
export type Preservation = { preservedOn: LegalDate; disposedOn?: LegalDate };

export type SummaryTicket = {
  serialNumber: string;
  collectedOn?: LegalDate;
  receiptNumber?: string;
  cashHandedInOn?: LegalDate;
  bankDepositedOn?: LegalDate;
  /** B2 「报所属行政机关备案」. */
  filedWithAgencyOn?: LegalDate;
};

export type Transfer = {
  transferredOn: LegalDate;
  kind: 'other_agency' | 'judicial';
  receivingBody: string;
  legalBasis: string;
  /** The reason (移送理由), printed in the 移送函; absent in events recorded before the letter printed it. */
  reason?: string;
};

export type CaseSnapshot = {
  procedure: Procedure;
  state: MachineState;
  /** Date of the last state change (no event may be dated before it). */
  lastTransitionOn?: LegalDate;
  party: CaseParty;
  offence: CaseOffence;
  act: CaseAct;
  flags: CaseFlags;
  /** Assigned handling officers (承办人) with their credentials. */
  officers: readonly TeamOfficer[];
  recusals: readonly Recusal[];
  dates: {
    discoveredOn?: LegalDate;
    registeredOn?: LegalDate;
    filingSubmittedOn?: LegalDate;
    filedOn?: LegalDate;
    investigationConcludedOn?: LegalDate;
    caseReviewedOn?: LegalDate;
    closedOn?: LegalDate;
    archivedOn?: LegalDate;
  };
  /** From 案件审核 (reviewCase): the proposed outcome and penalty, and the 裁量基准 tier range. */
  proposal?: { outcome: DecisionOutcome; penalty?: ProposedPenalty; tierRange?: FenRange };
  priorNotice?: PriorNotice;
  statementsOn: readonly LegalDate[];
  statementReviewsOn: readonly LegalDate[];
  statementWaivedOn?: LegalDate;
  hearingWaivedOn?: LegalDate;
  hearing?: Hearing;
  legalReviews: readonly LegalReview[];
  /** E12: the article texts a legal reviewer confirmed for this case, printed instead of the library's unverified ones. */
  lawBasisConfirmation?: LawBasisConfirmation;
  deliberationsOn: readonly LegalDate[];
  decision?: Decision;
  service?: Service;
  payments: readonly Payment[];
  enforcement: Enforcement;
  extensions: readonly DeadlineExtension[];
  suspensions: readonly Suspension[];
  preservations: readonly Preservation[];
  summary?: SummaryTicket;
  transfer?: Transfer;
  records: readonly CaseRecordRef[];
};

/** The suspension still open, if the case is suspended. */
export function openSuspension(snapshot: CaseSnapshot): Suspension | undefined {
  return snapshot.suspensions.find((s) => s.to === undefined);
}

export function paidFen(snapshot: CaseSnapshot): Fen {
  return snapshot.payments.reduce((sum, p) => sum + p.amountFen, 0);
}

export function decisionFineFen(snapshot: CaseSnapshot): Fen {
  const d = snapshot.decision;
  return d && d.outcome === 'penalty' && d.penalty?.penalties.includes('fine') ? (d.penalty.fineFen ?? 0) : 0;
}
