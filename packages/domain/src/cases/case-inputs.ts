// The input of each case action. Every input carries the legal date of the act it records (`date`):
// never the wall clock; the guards compare it with `today` and with the previous events.
import type { LegalDate } from '../calendar/legal-date.ts';
import type { DecisionOutcome } from '../law/decision.ts';
import type { Period } from '../law/deadlines.ts';
import type { ProposedPenalty } from '../law/pre-decision.ts';
import type { Fen, FenRange } from '../law/types.ts';
import type { TeamOfficer } from '../staff/credential.ts';
import type { CaseAction, Procedure } from './case-states.ts';
import type { PriorNoticeContents, ServiceMethod } from './case-snapshot.ts';
import type { InstalmentPlanLine } from '../payments/amount-due.ts';

type Dated = { date: LegalDate };

/** 处罚法 Art. 46: 「（一）书证；（二）物证；（三）视听资料；（四）电子数据；（五）证人证言；（六）当事人的陈述；（七）鉴定意见；（八）勘验笔录、现场笔录。」 */
export const EVIDENCE_TYPES = [
  'documentary', // 书证
  'physical', // 物证
  'audio_visual', // 视听资料
  'electronic_data', // 电子数据
  'witness_testimony', // 证人证言
  'party_statement', // 当事人的陈述
  'expert_opinion', // 鉴定意见
  'inspection_transcript', // 勘验笔录
  'on_site_transcript', // 现场笔录
] as const;

export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const CASE_SOURCES = ['patrol', 'complaint', 'offsite', 'inspection', 'transfer_in', 'leader_instruction'] as const;

export type CaseSource = (typeof CASE_SOURCES)[number];

/** A1–A3: who acted and how the 笔录 was made. */
export type OfficerRecordInput = {
  officers: readonly TeamOfficer[];
  /** A recorded statutory exception to the two-officer rule (处罚法 Art. 42 「法律另有规定的除外」). */
  statutoryException?: string;
  credentialsShown: boolean;
  officersSigned: boolean;
  partySigned: boolean;
  witnessSigned: boolean;
  /** Party refused or was absent. */
  absenceNote?: string;
};

/** A5: electronic monitoring device evidence (处罚法 Art. 41). */
export type DeviceEvidenceInput = {
  deviceLegalReview: boolean;
  deviceTechReview: boolean;
  fixedDevice: boolean;
  locationPublished: boolean;
  reviewResult: 'pass' | 'fail';
};

/** B2: the pre-printed, numbered 当场处罚决定书 (处罚法 Art. 52). */
export type SummaryDecisionForm = {
  serialNumber: string;
  violationStated: boolean;
  penaltyTypeStated: boolean;
  legalBasisStated: boolean;
  fineAmountStated: boolean;
  timeStated: boolean;
  placeStated: boolean;
  agencyNameStated: boolean;
  officersSignedOrSealed: boolean;
  partySigned: boolean;
  refusalNoted: boolean;
  /** B3: the printed remedy clause. */
  remedyText: string;
};

/**
 * The form of a 当场处罚决定书 the platform prints (B3, 行政处罚法 Art. 52): its template states every item, so only the
 * serial number, the party's signature or the noted refusal, and the remedy clause vary.
 */
export function printedSummaryForm(
  f: Pick<SummaryDecisionForm, 'serialNumber' | 'partySigned' | 'refusalNoted' | 'remedyText'>,
): SummaryDecisionForm {
  return {
    serialNumber: f.serialNumber,
    violationStated: true,
    penaltyTypeStated: true,
    legalBasisStated: true,
    fineAmountStated: true,
    timeStated: true,
    placeStated: true,
    agencyNameStated: true,
    officersSignedOrSealed: true,
    partySigned: f.partySigned,
    refusalNoted: f.refusalNoted,
    remedyText: f.remedyText,
  };
}

export type CaseActionInputs = {
  register: Dated & { procedure: Procedure; discoveredOn: LegalDate; source: CaseSource };
  convertToOrdinary: Dated & { reason: string };
  submitFiling: Dated;
  approveFiling: Dated;
  rejectFiling: Dated & { reason: string };
  addEvidence: Dated & { evidenceType: EvidenceType; device?: DeviceEvidenceInput };
  recordInspection: Dated & OfficerRecordInput;
  recordQuestioning: Dated & OfficerRecordInput;
  concludeInvestigation: Dated;
  reviewCase: Dated & { proposedOutcome: DecisionOutcome; proposedPenalty?: ProposedPenalty; tierRange?: FenRange };
  completeLegalReview: Dated & { result: 'pass' | 'fail'; reviewerFirstTime: boolean; reviewerHasLegalQualification: boolean };
  recordDeliberation: Dated & { conclusion: string };
  /** E12: the legal reviewer (`reviewerId`, set by the server from the actor) confirms the article texts to print. */
  confirmLegalBasis: Dated & { reviewerId: string; violatedProvision: string; penaltyProvision: string };
  /** `date` is the day the notice was served on the party. */
  issuePriorNotice: Dated & { proposed: ProposedPenalty; contents: PriorNoticeContents };
  recordStatement: Dated;
  reviewStatement: Dated & { adopted: boolean };
  waiveStatement: Dated & { waivesHearing: boolean };
  requestHearing: Dated;
  /** `date` is the day the hearing notice was served. */
  scheduleHearing: Dated & {
    hearingOn: LegalDate;
    chairOfficerId: string;
    agentCount: number;
    publicHearing: boolean;
    secretOrPrivacy: boolean;
  };
  recordHearing: Dated & { recordSignedByParty: boolean; refusalNotedByChair: boolean };
  terminateHearing: Dated & { reason: 'no_show' | 'walked_out' | 'withdrawn' };
  decide: Dated & {
    outcome: DecisionOutcome;
    penalty?: ProposedPenalty;
    citesHearingRecord: boolean;
    educationRecorded: boolean;
    /** E8: why a penalty although 首违不罚 applies. */
    reasonForPenaltyDespiteExemption?: string;
  };
  serveDecision: Dated & {
    method: ServiceMethod;
    /** F3 留置送达: a witness signed or the service was photographed / filmed. */
    witnessOrMedia?: boolean;
    /** F4 公告送达: the publication day. */
    publishedOn?: LegalDate;
  };
  recordPayment: Dated & { amountFen: Fen };
  startEnforcement: Dated & {
    kind: 'reminder' | 'court_application' | 'on_site';
    officers?: readonly TeamOfficer[];
    emergency?: boolean;
  };
  /** 处罚法 Art. 66: 「确有经济困难…经当事人申请和行政机关批准，可以暂缓或者分期缴纳」. */
  /** 暂缓 until a day, or 分期: the plan's lines (each falls due on its own day, G2) and `until` = the last one. */
  approveDeferral: Dated & { until: LegalDate; reason: string; instalments?: readonly InstalmentPlanLine[] };
  /** 执行完毕, or 终结执行 (行政强制法 Art. 40) with its reason. */
  concludeEnforcement: Dated & { result: 'completed' | 'terminated'; reason: string };
  close: Dated & { cashHandedInOn?: LegalDate; bankDepositedOn?: LegalDate; filedWithAgencyOn?: LegalDate };
  archive: Dated;
  suspend: Dated & { reason: string; legalBasis: string };
  resume: Dated;
  extendDeadline: Dated & { period: Period; legalBasis: string; lateReason?: string };
  transfer: Dated & { kind: 'other_agency' | 'judicial'; receivingBody: string; reason: string; legalBasis: string };
  issueSummaryDecision: Dated & {
    officers: readonly TeamOfficer[];
    statutoryException?: string;
    penalty: ProposedPenalty;
    form: SummaryDecisionForm;
  };
  collectOnSpot: Dated & {
    officers: readonly TeamOfficer[];
    receiptNumber: string;
    hardToEnforceLater: boolean;
    remoteArea: boolean;
    partyRequested: boolean;
  };
  recordSummaryPayment: Dated & { amountFen: Fen };
  /** F2 — the party signed the 电子送达地址确认书 on `date` (on the portal or on paper); records only. */
  recordServiceConsent: Dated & { channel: 'sms' | 'email'; address: string; via: 'portal' | 'paper' };
  /**
   * 处罚法 Art. 73: the party filed 复议 / 诉讼 (`stage: 'filed'`, `date` = filing day) or it ended (`stage: 'ended'`,
   * `date` = the day it ended); the G2 surcharge does not accrue in between. Records only.
   */
  recordReviewOrLitigation: Dated & { kind: 'review' | 'litigation'; stage: 'filed' | 'ended'; body?: string; result?: string };
};

export type CaseActionInput<A extends CaseAction> = CaseActionInputs[A];

/** An action together with its input, e.g. for a list of steps. */
export type CaseCommand = { [A in CaseAction]: { action: A; input: CaseActionInputs[A] } }[CaseAction];
