// Online case handling (网上办案): the administrative-penalty case, ordinary and summary procedure.
// Money is integer fen (分); legal dates are 'YYYY-MM-DD' (Asia/Shanghai); every step carries the legal date of the
// act it records (`date`), never the wall clock. The server answers every case with its allowed next actions,
// the reasons any action is blocked and every running deadline — the console never re-derives a rule.
//
// Transitions: POST /api/v1/cases/:id/<path> with CASE_ACTION_ROUTES[action].path and the body schema
// CASE_ACTION_BODIES[action]; each answers the whole CaseDetail. Every mutating call accepts `Idempotency-Key`.
// An optional `expectedVersion` makes the call fail with 409 STATE_CONFLICT when the case changed meanwhile.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { CASE_ACTIONS, CASE_STATES, PROCEDURE_STAGES } from '@chengguan/domain/vocabulary';
import { Code, ExpectedVersion, Fen, Int, INT4_MAX, IsoDate, MultilineText, PageQuery, PositiveFen, Sm3Hex, Text, Uuid } from './common.ts';
import { PARTY_TYPE_CODES, PENALTY_TYPES, PeriodSchema, LegalBasisSchema, HARMS } from './law.ts';
import { EnforcementDomainSchema, CREDENTIAL_STATUSES } from './staff.ts';
import { CasePoint, GeoPointBody } from './geo.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T): TUnion<TLiteral<T[number]>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));

// ---------------------------------------------------------------------------------------------------------
// Vocabularies: the domain's own lists (packages/domain/src/cases/case-states.ts), one definition for all

export const CASE_STATE_CODES = CASE_STATES;
export type CaseStateCode = (typeof CASE_STATE_CODES)[number];
export const CaseStateSchema = literals(CASE_STATE_CODES);

export const CASE_ACTION_CODES = CASE_ACTIONS;
export type CaseActionCode = (typeof CASE_ACTION_CODES)[number];
export const CaseActionSchema = literals(CASE_ACTION_CODES);

export const PROCEDURE_CODES = ['ordinary', 'summary'] as const;
export type ProcedureCode = (typeof PROCEDURE_CODES)[number];
export const ProcedureSchema = literals(PROCEDURE_CODES);

/** 案件来源: 巡查发现 / 投诉举报 / 非现场执法 / 检查 / 移送 / 领导交办. */
export const CASE_SOURCE_CODES = ['patrol', 'complaint', 'offsite', 'inspection', 'transfer_in', 'leader_instruction'] as const;
export type CaseSourceCode = (typeof CASE_SOURCE_CODES)[number];
export const CASE_SOURCE_ZH: Record<CaseSourceCode, string> = {
  patrol: '巡查发现',
  complaint: '投诉举报',
  offsite: '非现场执法',
  inspection: '检查',
  transfer_in: '移送',
  leader_instruction: '领导交办',
};

/** 处罚法 Art. 46 evidence types (A4). */
export const EVIDENCE_TYPE_CODES = [
  'documentary',
  'physical',
  'audio_visual',
  'electronic_data',
  'witness_testimony',
  'party_statement',
  'expert_opinion',
  'inspection_transcript',
  'on_site_transcript',
] as const;
export type EvidenceTypeCode = (typeof EVIDENCE_TYPE_CODES)[number];
export const EVIDENCE_TYPE_ZH: Record<EvidenceTypeCode, string> = {
  documentary: '书证',
  physical: '物证',
  audio_visual: '视听资料',
  electronic_data: '电子数据',
  witness_testimony: '证人证言',
  party_statement: '当事人的陈述',
  expert_opinion: '鉴定意见',
  inspection_transcript: '勘验笔录',
  on_site_transcript: '现场笔录',
};

/** E3: the four outcomes of 处罚法 Art. 57. */
export const DECISION_OUTCOME_CODES = ['penalty', 'no_penalty_minor', 'no_penalty_facts_not_established', 'transfer_judicial'] as const;
export type DecisionOutcomeCode = (typeof DECISION_OUTCOME_CODES)[number];
export const DecisionOutcomeSchema = literals(DECISION_OUTCOME_CODES);

export const SERVICE_METHOD_CODES = ['on_announcement', 'direct', 'lien', 'mail', 'electronic', 'public_notice'] as const;
export type ServiceMethodCode = (typeof SERVICE_METHOD_CODES)[number];

export const CASE_DEADLINE_KIND_CODES = [
  'filing',
  'statement',
  'hearing_request',
  'hearing_notice',
  'decision',
  'service',
  'payment',
  'court_enforcement',
  'preservation',
  'cash_hand_in',
  'bank_deposit',
] as const;
export type CaseDeadlineKindCode = (typeof CASE_DEADLINE_KIND_CODES)[number];
export const CASE_DEADLINE_STATE_CODES = ['running', 'paused', 'met', 'overdue'] as const;
export type CaseDeadlineStateCode = (typeof CASE_DEADLINE_STATE_CODES)[number];

/** 证件类型: 居民身份证 (GB 11643) / 统一社会信用代码 (GB 32100) / 其他. */
export const PARTY_ID_TYPES = ['id_card', 'uscc', 'passport', 'other'] as const;
export type PartyIdType = (typeof PARTY_ID_TYPES)[number];

/** Document types numbered by the bureau's 文号 patterns. */
export const DOC_TYPES = [
  'filing',
  'prior_notice',
  'hearing_notice',
  'decision',
  'no_penalty_decision',
  'transfer_letter',
  'summary_decision',
  // 执法文书 numbered by the documents module (issue 5): 催告书 and 强制执行申请书.
  'payment_reminder',
  'court_application',
  // 非现场执法告知书 (处罚法 Art. 41), numbered when the off-site review is confirmed.
  'offsite_notice',
] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const DocTypeSchema = literals(DOC_TYPES);

// ---------------------------------------------------------------------------------------------------------
// Building blocks

export const PenaltyBody = Type.Object({
  penalties: Type.Array(literals(PENALTY_TYPES), { minItems: 1, maxItems: PENALTY_TYPES.length, uniqueItems: true }),
  fineFen: Type.Optional(Fen),
  confiscationFen: Type.Optional(Fen),
});
export type PenaltyBody = Static<typeof PenaltyBody>;

/** 当事人. ID numbers are checksum-validated: id_card per GB 11643, uscc per GB 32100 (400 naming `party.idNumber`). */
export const PartyBody = Type.Object({
  type: literals(PARTY_TYPE_CODES),
  name: Text(100, { minLength: 1 }),
  idType: literals(PARTY_ID_TYPES),
  idNumber: Text(40, { minLength: 1 }),
  /** Natural persons; derived from an id_card number when omitted. */
  birthDate: Type.Optional(IsoDate),
  gender: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('F')])),
  phone: Type.Optional(Code('^[0-9+\\- ]{5,20}$', 20)),
  address: Type.Optional(Text(300)),
  /** 法定代表人 / 负责人 of an organisation. */
  legalRepresentative: Type.Optional(Text(50)),
  /** F2: date of the signed 电子送达确认书. */
  electronicServiceConsentOn: Type.Optional(IsoDate),
});
export type PartyBody = Static<typeof PartyBody>;

export const Party = Type.Object({
  id: Uuid,
  type: literals(PARTY_TYPE_CODES),
  name: Type.String(),
  idType: literals(PARTY_ID_TYPES),
  /** Masked (e.g. 3101**********1234) unless the reader may write on the case. */
  idNumber: Type.String(),
  birthDate: Nullable(IsoDate),
  gender: Nullable(Type.Union([Type.Literal('M'), Type.Literal('F')])),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  legalRepresentative: Nullable(Type.String()),
  masked: Type.Boolean(),
});
export type Party = Static<typeof Party>;

/** Facts judged by the officers, reviewers and leaders (the domain's CaseFlags); all default to false / 'none'. */
export const CaseFlagsBody = Type.Object({
  factsCertain: Type.Optional(Type.Boolean()),
  legalBasisPresent: Type.Optional(Type.Boolean()),
  involvesLifeHealthOrFinancialSafety: Type.Optional(Type.Boolean()),
  harmfulConsequence: Type.Optional(Type.Boolean()),
  majorPublicInterest: Type.Optional(Type.Boolean()),
  majorRightsOfPartyOrThirdParty: Type.Optional(Type.Boolean()),
  complexMultipleLegalRelationships: Type.Optional(Type.Boolean()),
  lawRequiresLegalReview: Type.Optional(Text(300)),
  complex: Type.Optional(Type.Boolean()),
  reducedPenalty: Type.Optional(Type.Boolean()),
  minorViolation: Type.Optional(Type.Boolean()),
  correctedPromptly: Type.Optional(Type.Boolean()),
  harm: Type.Optional(literals(HARMS)),
  firstViolation: Type.Optional(Type.Boolean()),
  provenNoFault: Type.Optional(Type.Boolean()),
  noFaultRuleExcludedBy: Type.Optional(Text(300)),
  mentalIncapacityAtAct: Type.Optional(Type.Boolean()),
  minorOrCurable: Type.Optional(Type.Boolean()),
  correctionOrdered: Type.Optional(Type.Boolean()),
  refusedToCorrect: Type.Optional(Type.Boolean()),
  otherSeriousPenalty: Type.Optional(Type.Boolean()),
  otherHearingTrigger: Type.Optional(Text(300)),
});
export type CaseFlagsBody = Static<typeof CaseFlagsBody>;

const Step = {
  /** Legal date of the act recorded: not in the future, not before the previous step. */
  date: IsoDate,
  /** Optimistic concurrency: the case version the user saw. */
  expectedVersion: Type.Optional(ExpectedVersion),
  note: Type.Optional(MultilineText(2000)),
};

/** A1–A3: who made the 笔录 and how. Officers' credentials are loaded live from staff. */
const OfficerRecord = {
  officerIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  statutoryException: Type.Optional(Text(300)),
  credentialsShown: Type.Boolean(),
  officersSigned: Type.Boolean(),
  partySigned: Type.Boolean(),
  witnessSigned: Type.Optional(Type.Boolean()),
  /** Party refused to sign or was absent (A3). */
  absenceNote: Type.Optional(MultilineText(500)),
  location: Type.Optional(Text(300)),
  content: Type.Optional(MultilineText(20000)),
  /** The scanned or signed 笔录, uploaded first. */
  fileSm3: Type.Optional(Sm3Hex),
};

// ---------------------------------------------------------------------------------------------------------
// Files (content-addressed): POST /api/v1/files with the raw bytes (any content type, ≤ 20 MB)

export const StoredFile = Type.Object({
  sm3: Sm3Hex,
  size: Type.Integer(),
  mime: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type StoredFile = Static<typeof StoredFile>;

// ---------------------------------------------------------------------------------------------------------
// Registration (ordinary, any source) and the one-call summary ticket

export const RegisterCaseBody = Type.Object({
  date: IsoDate,
  discoveredOn: IsoDate,
  source: literals(CASE_SOURCE_CODES),
  /** 12345 ticket number, transfer letter number, instruction reference … */
  sourceRef: Type.Optional(Text(100)),
  /** Handling squad; defaults to the actor's org. */
  orgId: Type.Optional(Uuid),
  offenceCode: Text(40, { minLength: 1 }),
  party: PartyBody,
  act: Type.Object({
    /** Identifies the illegal act across cases (E6 one fine per act); generated when omitted. */
    actId: Type.Optional(Text(100, { minLength: 1 })),
    actDate: IsoDate,
    continuingUntil: Type.Optional(IsoDate),
  }),
  location: Text(300, { minLength: 1 }),
  /** The place on the map (the address stays in `location`): inside the city's bounds, else 422 naming `point`. */
  point: Type.Optional(GeoPointBody),
  facts: MultilineText(20000, { minLength: 1 }),
  /** 承办人: the first is the lead officer. */
  officerIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  flags: Type.Optional(CaseFlagsBody),
});
export type RegisterCaseBody = Static<typeof RegisterCaseBody>;

/** 当场处罚: B1 (summary allowed), A1 (two credentialed officers), B2 (number from the pre-assigned range), B3, B4. */
export const SummaryCaseBody = Type.Object({
  date: IsoDate,
  orgId: Type.Optional(Uuid),
  offenceCode: Text(40, { minLength: 1 }),
  party: PartyBody,
  actDate: Type.Optional(IsoDate),
  location: Text(300, { minLength: 1 }),
  /** The place on the map (the address stays in `location`): inside the city's bounds, else 422 naming `point`. */
  point: Type.Optional(GeoPointBody),
  facts: MultilineText(5000, { minLength: 1 }),
  photos: Type.Array(Sm3Hex, { maxItems: 20, uniqueItems: true }),
  officerIds: Type.Array(Uuid, { minItems: 1, maxItems: 5, uniqueItems: true }),
  statutoryException: Type.Optional(Text(300)),
  penalty: PenaltyBody,
  flags: Type.Optional(CaseFlagsBody),
  partySigned: Type.Boolean(),
  refusalNoted: Type.Optional(Type.Boolean()),
  /** B4: on-the-spot collection (处罚法 Art. 68, 69) with the 专用票据 number. */
  collectOnSpot: Type.Optional(
    Type.Object({
      receiptNumber: Text(50, { minLength: 1 }),
      hardToEnforceLater: Type.Boolean(),
      remoteArea: Type.Boolean(),
      partyRequested: Type.Boolean(),
    }),
  ),
});
export type SummaryCaseBody = Static<typeof SummaryCaseBody>;

/**
 * A 当场处罚 kept as a draft (summary_draft): registered with its party and photos, decided later by
 * POST /cases/:id/summary-decision — the way when the offence's law is marked 未核实 and the legal reviewer must
 * confirm the article for the case first (E12).
 */
export const SummaryDraftBody = Type.Omit(SummaryCaseBody, [
  'penalty',
  'partySigned',
  'refusalNoted',
  'collectOnSpot',
  'statutoryException',
]);
export type SummaryDraftBody = Static<typeof SummaryDraftBody>;

/** The decision on a summary draft: the pre-numbered form, as in the one-call ticket. */
export const SummaryDecisionBody = Type.Object({
  ...Step,
  officerIds: SummaryCaseBody.properties.officerIds,
  statutoryException: Type.Optional(Text(300)),
  penalty: PenaltyBody,
  partySigned: Type.Boolean(),
  refusalNoted: Type.Optional(Type.Boolean()),
  collectOnSpot: SummaryCaseBody.properties.collectOnSpot,
});
export type SummaryDecisionBody = Static<typeof SummaryDecisionBody>;

// ---------------------------------------------------------------------------------------------------------
// Action bodies

export const ConvertToOrdinaryBody = Type.Object({ ...Step, reason: MultilineText(1000, { minLength: 1 }) });
export const SubmitFilingBody = Type.Object({ ...Step });
export const ApproveFilingBody = Type.Object({ ...Step });
export const RejectFilingBody = Type.Object({ ...Step, reason: MultilineText(1000, { minLength: 1 }) });
export const DeviceEvidenceBody = Type.Object({
  deviceName: Text(100, { minLength: 1 }),
  deviceId: Type.Optional(Text(100)),
  deviceLegalReview: Type.Boolean(),
  deviceTechReview: Type.Boolean(),
  fixedDevice: Type.Boolean(),
  locationPublished: Type.Boolean(),
  reviewResult: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
});
export const AddEvidenceBody = Type.Object({
  ...Step,
  evidenceType: literals(EVIDENCE_TYPE_CODES),
  title: Text(200, { minLength: 1 }),
  /** The SM3 computed at capture; the stored bytes must hash to it (A4, 处罚法 Art. 46 「查证属实」). */
  fileSm3: Sm3Hex,
  collectedById: Type.Optional(Uuid),
  /** A5: electronic monitoring device (处罚法 Art. 41). */
  device: Type.Optional(DeviceEvidenceBody),
});
export type AddEvidenceBody = Static<typeof AddEvidenceBody>;
export const RecordInspectionBody = Type.Object({ ...Step, ...OfficerRecord });
export type RecordInspectionBody = Static<typeof RecordInspectionBody>;
export const RecordQuestioningBody = Type.Object({ ...Step, ...OfficerRecord, interviewee: Type.Optional(Text(100)) });
export type RecordQuestioningBody = Static<typeof RecordQuestioningBody>;
/** A8 回避: declared by the officer, requested by the party, decided by the leader. */
export const RecusalBody = Type.Object({
  ...Step,
  officerId: Uuid,
  status: literals(['declared_conflict', 'requested', 'granted', 'rejected'] as const),
  reason: MultilineText(1000, { minLength: 1 }),
});
export type RecusalBody = Static<typeof RecusalBody>;
export const ConcludeInvestigationBody = Type.Object({ ...Step, report: Type.Optional(MultilineText(20000)) });
/** 案件审核: the proposal must lie inside the 裁量基准 tier the server computes (or the statutory range). */
export const ReviewCaseBody = Type.Object({
  ...Step,
  proposedOutcome: DecisionOutcomeSchema,
  proposedPenalty: Type.Optional(PenaltyBody),
  /** Updated facts judged at review (merged into the case's flags). */
  flags: Type.Optional(CaseFlagsBody),
});
export type ReviewCaseBody = Static<typeof ReviewCaseBody>;
export const LegalReviewBody = Type.Object({
  ...Step,
  result: Type.Union([Type.Literal('pass'), Type.Literal('fail')]),
  reviewerFirstTime: Type.Boolean(),
  /**
   * Kept for older clients and no longer trusted: the server reads the 法律职业资格 from the reviewer's staff record
   * (Officer.legalQualification) and the record wins. May be omitted.
   */
  reviewerHasLegalQualification: Type.Optional(
    Type.Boolean({ description: "ignored: the reviewer's staff record (legalQualification) decides" }),
  ),
  opinion: Type.Optional(MultilineText(20000)),
});
/** E12: the legal reviewer confirms, for this case, the article texts a decision prints instead of unverified ones. */
export const LegalBasisConfirmationBody = Type.Object({
  ...Step,
  violatedProvision: Text(500, { minLength: 1 }),
  penaltyProvision: Text(500, { minLength: 1 }),
});
export type LegalBasisConfirmationBody = Static<typeof LegalBasisConfirmationBody>;
export const DeliberationBody = Type.Object({
  ...Step,
  conclusion: MultilineText(5000, { minLength: 1 }),
  participants: Type.Optional(Type.Array(Text(50), { maxItems: 30 })),
});
export const PriorNoticeBody = Type.Object({
  ...Step,
  proposed: PenaltyBody,
  contents: Type.Object({
    proposedPenaltyStated: Type.Boolean(),
    factsStated: Type.Boolean(),
    reasonsStated: Type.Boolean(),
    legalBasisStated: Type.Boolean(),
    statementRightsStated: Type.Boolean(),
    hearingRightStated: Type.Boolean(),
  }),
});
export type PriorNoticeBody = Static<typeof PriorNoticeBody>;
export const StatementBody = Type.Object({ ...Step, content: Type.Optional(MultilineText(20000)) });
export const StatementReviewBody = Type.Object({ ...Step, adopted: Type.Boolean(), opinion: Type.Optional(MultilineText(5000)) });
export const StatementWaiverBody = Type.Object({ ...Step, waivesHearing: Type.Boolean() });
export const HearingRequestBody = Type.Object({ ...Step });
export const ScheduleHearingBody = Type.Object({
  ...Step,
  hearingOn: IsoDate,
  chairOfficerId: Uuid,
  agentCount: Int(0, 10),
  publicHearing: Type.Boolean(),
  secretOrPrivacy: Type.Boolean(),
});
export const RecordHearingBody = Type.Object({ ...Step, recordSignedByParty: Type.Boolean(), refusalNotedByChair: Type.Boolean() });
export const TerminateHearingBody = Type.Object({
  ...Step,
  reason: Type.Union([Type.Literal('no_show'), Type.Literal('walked_out'), Type.Literal('withdrawn')]),
});
export const DecideBody = Type.Object({
  ...Step,
  outcome: DecisionOutcomeSchema,
  penalty: Type.Optional(PenaltyBody),
  citesHearingRecord: Type.Boolean(),
  educationRecorded: Type.Boolean(),
  reasonForPenaltyDespiteExemption: Type.Optional(MultilineText(2000)),
});
export type DecideBody = Static<typeof DecideBody>;
export const ServeDecisionBody = Type.Object({
  ...Step,
  method: literals(SERVICE_METHOD_CODES),
  witnessOrMedia: Type.Optional(Type.Boolean()),
  publishedOn: Type.Optional(IsoDate),
});
export const PaymentBody = Type.Object({ ...Step, amountFen: PositiveFen, receiptNumber: Type.Optional(Text(50)) });
export const StartEnforcementBody = Type.Object({
  ...Step,
  kind: Type.Union([Type.Literal('reminder'), Type.Literal('court_application'), Type.Literal('on_site')]),
  officerIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
  emergency: Type.Optional(Type.Boolean()),
});
export const DeferralBody = Type.Object({ ...Step, until: IsoDate, reason: MultilineText(1000, { minLength: 1 }) });
export const ConcludeEnforcementBody = Type.Object({
  ...Step,
  result: Type.Union([Type.Literal('completed'), Type.Literal('terminated')]),
  reason: MultilineText(1000, { minLength: 1 }),
});
export const CloseCaseBody = Type.Object({
  ...Step,
  cashHandedInOn: Type.Optional(IsoDate),
  bankDepositedOn: Type.Optional(IsoDate),
  filedWithAgencyOn: Type.Optional(IsoDate),
});
export const ArchiveCaseBody = Type.Object({ ...Step });
export const SuspendCaseBody = Type.Object({
  ...Step,
  reason: MultilineText(1000, { minLength: 1 }),
  legalBasis: Text(300, { minLength: 1 }),
});
export const ResumeCaseBody = Type.Object({ ...Step });
export const ExtendDeadlineBody = Type.Object({
  ...Step,
  period: PeriodSchema,
  legalBasis: Text(300, { minLength: 1 }),
  lateReason: Type.Optional(MultilineText(1000)),
});
export const TransferCaseBody = Type.Object({
  ...Step,
  kind: Type.Union([Type.Literal('other_agency'), Type.Literal('judicial')]),
  receivingBody: Text(200, { minLength: 1 }),
  reason: MultilineText(1000, { minLength: 1 }),
  legalBasis: Text(300, { minLength: 1 }),
});
export const CollectOnSpotBody = Type.Object({
  ...Step,
  officerIds: Type.Array(Uuid, { minItems: 1, maxItems: 5, uniqueItems: true }),
  receiptNumber: Text(50, { minLength: 1 }),
  hardToEnforceLater: Type.Boolean(),
  remoteArea: Type.Boolean(),
  partyRequested: Type.Boolean(),
});
export const SummaryPaymentBody = Type.Object({ ...Step, amountFen: PositiveFen });

/** Path segment (POST /api/v1/cases/:id/<path>) and body of each transition; `register` is POST /api/v1/cases. */
export const CASE_ACTION_ROUTES = {
  convertToOrdinary: { path: 'convert-to-ordinary', body: ConvertToOrdinaryBody },
  submitFiling: { path: 'submit-filing', body: SubmitFilingBody },
  approveFiling: { path: 'approve-filing', body: ApproveFilingBody },
  rejectFiling: { path: 'reject-filing', body: RejectFilingBody },
  addEvidence: { path: 'evidence', body: AddEvidenceBody },
  recordInspection: { path: 'inspections', body: RecordInspectionBody },
  recordQuestioning: { path: 'questionings', body: RecordQuestioningBody },
  concludeInvestigation: { path: 'conclude-investigation', body: ConcludeInvestigationBody },
  reviewCase: { path: 'review', body: ReviewCaseBody },
  completeLegalReview: { path: 'legal-review', body: LegalReviewBody },
  recordDeliberation: { path: 'deliberation', body: DeliberationBody },
  confirmLegalBasis: { path: 'legal-basis-confirmation', body: LegalBasisConfirmationBody },
  issuePriorNotice: { path: 'prior-notice', body: PriorNoticeBody },
  recordStatement: { path: 'statements', body: StatementBody },
  reviewStatement: { path: 'statement-review', body: StatementReviewBody },
  waiveStatement: { path: 'statement-waiver', body: StatementWaiverBody },
  requestHearing: { path: 'hearing-request', body: HearingRequestBody },
  scheduleHearing: { path: 'hearing-schedule', body: ScheduleHearingBody },
  recordHearing: { path: 'hearing-record', body: RecordHearingBody },
  terminateHearing: { path: 'hearing-termination', body: TerminateHearingBody },
  decide: { path: 'decision', body: DecideBody },
  serveDecision: { path: 'decision-service', body: ServeDecisionBody },
  recordPayment: { path: 'payments', body: PaymentBody },
  approveDeferral: { path: 'deferral', body: DeferralBody },
  startEnforcement: { path: 'enforcement', body: StartEnforcementBody },
  concludeEnforcement: { path: 'enforcement-conclusion', body: ConcludeEnforcementBody },
  close: { path: 'close', body: CloseCaseBody },
  archive: { path: 'archive', body: ArchiveCaseBody },
  suspend: { path: 'suspend', body: SuspendCaseBody },
  resume: { path: 'resume', body: ResumeCaseBody },
  extendDeadline: { path: 'extension', body: ExtendDeadlineBody },
  transfer: { path: 'transfer', body: TransferCaseBody },
  collectOnSpot: { path: 'collect-on-spot', body: CollectOnSpotBody },
  recordSummaryPayment: { path: 'summary-payment', body: SummaryPaymentBody },
} as const satisfies Partial<Record<CaseActionCode, { path: string; body: TSchema }>>;
export type RoutedCaseAction = keyof typeof CASE_ACTION_ROUTES;
export type CaseActionBody<A extends RoutedCaseAction> = Static<(typeof CASE_ACTION_ROUTES)[A]['body']>;

// ---------------------------------------------------------------------------------------------------------
// Reads

export const BlockReason = Type.Object({
  ruleId: Type.String(),
  article: Type.String(),
  messageZh: Type.String(),
  messageEn: Type.String(),
  field: Type.Optional(Type.String()),
});
export type BlockReason = Static<typeof BlockReason>;

export const AllowedAction = Type.Object({
  action: CaseActionSchema,
  labelZh: Type.String(),
  /** The action leaves the current state (the console shows it, enabled or not). */
  availableInState: Type.Boolean(),
  /** Allowed now for this user (his roles and permissions, the case's guards previewed for today). */
  allowed: Type.Boolean(),
  blockedBy: Type.Array(BlockReason),
  /** POST /api/v1/cases/:id/<path>; null for actions taken through another endpoint (summary decision). */
  path: Nullable(Type.String()),
});
export type AllowedAction = Static<typeof AllowedAction>;

export const CaseDeadline = Type.Object({
  kind: literals(CASE_DEADLINE_KIND_CODES),
  dueDate: IsoDate,
  basis: LegalBasisSchema,
  state: literals(CASE_DEADLINE_STATE_CODES),
  holder: Type.Union([Type.Literal('agency'), Type.Literal('party')]),
  doneOn: Type.Optional(IsoDate),
  calendarCovered: Type.Boolean(),
  surchargeFen: Type.Optional(Fen),
  opensOn: Type.Optional(IsoDate),
  pausedDays: Type.Optional(Type.Integer()),
});
export type CaseDeadline = Static<typeof CaseDeadline>;

export const CaseOfficer = Type.Object({
  officerId: Uuid,
  name: Type.String(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('assist')]),
  credentialStatus: literals(CREDENTIAL_STATUSES),
  credentialNumber: Nullable(Type.String()),
});
export type CaseOfficer = Static<typeof CaseOfficer>;

export const CaseEvidence = Type.Object({
  id: Uuid,
  evidenceType: literals(EVIDENCE_TYPE_CODES),
  title: Type.String(),
  fileSm3: Sm3Hex,
  size: Type.Integer(),
  mime: Type.String(),
  collectedOn: IsoDate,
  collectedById: Nullable(Uuid),
  collectedByName: Nullable(Type.String()),
  device: Nullable(DeviceEvidenceBody),
  createdAt: Type.String({ format: 'date-time' }),
});
export type CaseEvidence = Static<typeof CaseEvidence>;

export const CaseRecord = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('inspection'), Type.Literal('questioning')]),
  recordedOn: IsoDate,
  officers: Type.Array(Type.Object({ officerId: Uuid, name: Type.String() })),
  credentialsShown: Type.Boolean(),
  officersSigned: Type.Boolean(),
  partySigned: Type.Boolean(),
  witnessSigned: Type.Boolean(),
  absenceNote: Nullable(Type.String()),
  statutoryException: Nullable(Type.String()),
  location: Nullable(Type.String()),
  interviewee: Nullable(Type.String()),
  content: Nullable(Type.String()),
  fileSm3: Nullable(Sm3Hex),
});
export type CaseRecord = Static<typeof CaseRecord>;

export const CaseDocument = Type.Object({
  docType: DocTypeSchema,
  number: Type.String(),
  issuedOn: IsoDate,
  eventId: Uuid,
});
export type CaseDocument = Static<typeof CaseDocument>;

export const CaseEvent = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  action: Type.String(),
  labelZh: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  legalDate: IsoDate,
  at: Type.String({ format: 'date-time' }),
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  data: Type.Unknown(),
});
export type CaseEvent = Static<typeof CaseEvent>;

/** 《法名》第X条第X款 as structured data plus the finished Chinese string. */
export const StatuteCitationSchema = Type.Object({
  law: Type.String(),
  article: Type.Integer(),
  paragraph: Type.Optional(Type.Integer()),
  item: Type.Optional(Type.Integer()),
  zh: Type.String(),
});

export const PROCEDURE_STAGE_CODES = PROCEDURE_STAGES;
export type ProcedureStageCode = (typeof PROCEDURE_STAGE_CODES)[number];

/** Where the case stands (computed by the domain's caseProgress and stillNeeded on every read). */
export const CaseProgress = Type.Object({
  path: ProcedureSchema,
  stages: Type.Array(
    Type.Object({
      stage: literals(PROCEDURE_STAGE_CODES),
      labelZh: Type.String(),
      labelEn: Type.String(),
      status: Type.Union([Type.Literal('done'), Type.Literal('current'), Type.Literal('upcoming'), Type.Literal('skipped')]),
      reachedOn: Nullable(IsoDate),
    }),
  ),
  current: Nullable(literals(PROCEDURE_STAGE_CODES)),
  offPath: Nullable(Type.Object({ state: CaseStateSchema, labelZh: Type.String(), labelEn: Type.String(), ended: Type.Boolean() })),
  clocks: Type.Array(
    Type.Object({
      kind: literals(CASE_DEADLINE_KIND_CODES),
      labelZh: Type.String(),
      labelEn: Type.String(),
      holder: Type.Union([Type.Literal('agency'), Type.Literal('party')]),
      state: literals(CASE_DEADLINE_STATE_CODES),
      unit: Type.Union([Type.Literal('working_day'), Type.Literal('calendar_day')]),
      startedOn: Nullable(IsoDate),
      dueDate: IsoDate,
      elapsed: Nullable(Type.Integer()),
      total: Nullable(Type.Integer()),
      remaining: Type.Integer(),
      ruleId: Type.String(),
      citation: Nullable(StatuteCitationSchema),
    }),
  ),
  /** 还需完成: what blocks the actions the state offers, one sentence per rule with its citation; the rule ID is a detail. */
  stillNeeded: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      sentenceZh: Type.String(),
      sentenceEn: Type.String(),
      citation: Nullable(StatuteCitationSchema),
      actions: Type.Array(Type.Object({ action: CaseActionSchema, labelZh: Type.String() })),
      detailsZh: Type.Array(Type.String()),
      detailsEn: Type.Array(Type.String()),
    }),
  ),
});
export type CaseProgress = Static<typeof CaseProgress>;

export const CaseDetail = Type.Object({
  id: Uuid,
  caseNumber: Nullable(Type.String({ description: '立案号, assigned on filing approval or summary decision' })),
  procedure: ProcedureSchema,
  state: CaseStateSchema,
  stateLabelZh: Type.String(),
  source: literals(CASE_SOURCE_CODES),
  sourceRef: Nullable(Type.String()),
  orgId: Uuid,
  orgName: Type.String(),
  bureauId: Nullable(Uuid),
  offence: Type.Object({
    id: Nullable(Uuid),
    code: Type.String(),
    name: Type.String(),
    domain: Nullable(EnforcementDomainSchema),
    provision: Type.String(),
    statutoryRange: Nullable(Type.Object({ minFen: Fen, maxFen: Fen })),
  }),
  /**
   * E12: the basis a decision prints (the library's, or the legal reviewer's confirmed texts), which parts the library
   * marks 未核实, and the confirmation made for this case; null when the library holds no version for the act date.
   */
  lawBasis: Nullable(
    Type.Object({
      violatedProvision: Type.String(),
      penaltyProvision: Type.String(),
      unverified: Type.Array(Type.Object({ part: literals(['offence', 'violated', 'penalty'] as const), text: Type.String() })),
      /** True when a decision may print it now (verified, or confirmed for this case). */
      printable: Type.Boolean(),
      confirmation: Nullable(
        Type.Object({
          confirmedOn: IsoDate,
          reviewerId: Type.String(),
          reviewerName: Nullable(Type.String()),
          violatedProvision: Type.String(),
          penaltyProvision: Type.String(),
        }),
      ),
    }),
  ),
  party: Party,
  act: Type.Object({ actId: Type.String(), actDate: IsoDate, continuingUntil: Nullable(IsoDate) }),
  location: Type.String(),
  /** The place on the map in WGS-84, its district and whether it lies in the bureau's area; null when not captured. */
  point: Nullable(CasePoint),
  facts: Type.String(),
  flags: Type.Record(Type.String(), Type.Unknown()),
  dates: Type.Object({
    discoveredOn: Nullable(IsoDate),
    registeredOn: Nullable(IsoDate),
    filedOn: Nullable(IsoDate),
    decidedOn: Nullable(IsoDate),
    closedOn: Nullable(IsoDate),
    archivedOn: Nullable(IsoDate),
  }),
  proposal: Nullable(
    Type.Object({
      outcome: DecisionOutcomeSchema,
      penalty: Nullable(PenaltyBody),
      tierRange: Nullable(Type.Object({ minFen: Fen, maxFen: Fen })),
    }),
  ),
  decision: Nullable(
    Type.Object({ decidedOn: IsoDate, outcome: DecisionOutcomeSchema, penalty: Nullable(PenaltyBody), number: Nullable(Type.String()) }),
  ),
  summary: Nullable(
    Type.Object({
      serialNumber: Type.String(),
      remedyText: Type.String(),
      receiptNumber: Nullable(Type.String()),
      collectedOn: Nullable(IsoDate),
    }),
  ),
  paidFen: Fen,
  officers: Type.Array(CaseOfficer),
  evidence: Type.Array(CaseEvidence),
  records: Type.Array(CaseRecord),
  recusals: Type.Array(Type.Object({ officerId: Uuid, status: Type.String(), decidedOn: Nullable(IsoDate) })),
  documents: Type.Array(CaseDocument),
  deadlines: Type.Array(CaseDeadline),
  timeline: Type.Array(CaseEvent),
  allowedActions: Type.Array(AllowedAction),
  progress: CaseProgress,
  hasOverdue: Type.Boolean(),
  /** The reader may act on the case (write permission in its jurisdiction); personal data then shown unmasked. */
  canWrite: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type CaseDetail = Static<typeof CaseDetail>;

/** A row of the workbench lists: personal data masked. */
export const CaseListItem = Type.Object({
  id: Uuid,
  caseNumber: Nullable(Type.String()),
  procedure: ProcedureSchema,
  state: CaseStateSchema,
  stateLabelZh: Type.String(),
  source: literals(CASE_SOURCE_CODES),
  orgId: Uuid,
  orgName: Type.String(),
  offenceCode: Type.String(),
  offenceName: Type.String(),
  domain: Nullable(EnforcementDomainSchema),
  partyName: Type.String({ description: 'masked' }),
  partyType: literals(PARTY_TYPE_CODES),
  location: Type.String(),
  discoveredOn: Nullable(IsoDate),
  filedOn: Nullable(IsoDate),
  decidedOn: Nullable(IsoDate),
  closedOn: Nullable(IsoDate),
  leadOfficerName: Nullable(Type.String()),
  fineFen: Nullable(Fen),
  hasOverdue: Type.Boolean(),
  /** The nearest open deadline. */
  nextDeadline: Nullable(
    Type.Object({ kind: literals(CASE_DEADLINE_KIND_CODES), dueDate: IsoDate, state: literals(CASE_DEADLINE_STATE_CODES) }),
  ),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type CaseListItem = Static<typeof CaseListItem>;

export const CaseListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(CaseStateSchema),
  procedure: Type.Optional(ProcedureSchema),
  domain: Type.Optional(EnforcementDomainSchema),
  /** Squad (or any org: its subtree). */
  orgId: Type.Optional(Uuid),
  offenceCode: Type.Optional(Text(40)),
  /** Discovered on or after / on or before. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  overdue: Type.Optional(Type.Boolean()),
  /** Only cases where I am a handling officer. */
  mine: Type.Optional(Type.Boolean()),
  /** Case number, party name or location. */
  q: Type.Optional(Text(50)),
  /** Keyset paging: the `nextCursor` of the previous page (then `page` is ignored). */
  cursor: Type.Optional(Text(120, { pattern: '^[A-Za-z0-9_-]+$' })),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

/** A case as the workbench shows it: a link, its state, 案由 and party (masked) — not the list's whole row. */
export const WorkbenchCase = Type.Object({
  id: Uuid,
  caseNumber: Nullable(Type.String()),
  state: CaseStateSchema,
  offenceName: Type.String(),
  partyName: Type.String({ description: 'masked' }),
});
export type WorkbenchCase = Static<typeof WorkbenchCase>;
export const WorkbenchTask = Type.Object({
  case: WorkbenchCase,
  /** Actions of my roles allowed now. */
  actions: Type.Array(Type.Object({ action: CaseActionSchema, labelZh: Type.String() })),
});
export type WorkbenchTask = Static<typeof WorkbenchTask>;
/** A stored agency deadline of an open case (the case page judges them live, with pauses and extensions). */
export const WorkbenchDeadline = Type.Object({
  case: WorkbenchCase,
  deadline: Type.Object({
    kind: literals(CASE_DEADLINE_KIND_CODES),
    dueDate: IsoDate,
    state: literals(CASE_DEADLINE_STATE_CODES),
    basis: LegalBasisSchema,
  }),
});
export type WorkbenchDeadline = Static<typeof WorkbenchDeadline>;

/** One set of the workbench, a page at a time: its count stops at the list's cap (then `totalCapped`). */
const WorkbenchSet = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    totalCapped: Type.Boolean(),
    /** Pass as `cursor` to GET /api/v1/cases/workbench/{set} for the next page; null on the last one. */
    nextCursor: Nullable(Type.String()),
  });
export const WorkbenchTasks = WorkbenchSet(WorkbenchTask);
export type WorkbenchTasks = Static<typeof WorkbenchTasks>;
export const WorkbenchDeadlines = WorkbenchSet(WorkbenchDeadline);
export type WorkbenchDeadlines = Static<typeof WorkbenchDeadlines>;
export const WorkbenchCases = WorkbenchSet(WorkbenchCase);
export type WorkbenchCases = Static<typeof WorkbenchCases>;

export const WORKBENCH_SETS = ['myTasks', 'dueSoon', 'overdue', 'squadOverdue'] as const;
export type WorkbenchSetName = (typeof WORKBENCH_SETS)[number];
export const WORKBENCH_PAGE_SIZE_MAX = 50;

export const Workbench = Type.Object({
  today: IsoDate,
  /**
   * Open cases where an action of my roles is allowed now (my own cases for a field officer, the jurisdiction's for
   * leaders and reviewers). `total` counts the open cases in the states where my roles act at all; the items are those
   * of them with an action allowed now.
   */
  myTasks: WorkbenchTasks,
  /** Open agency deadlines due from today to `dueSoonDays` ahead, nearest first. */
  dueSoon: WorkbenchDeadlines,
  dueSoonDays: Type.Integer(),
  /** Agency deadlines past their day and not done (of my cases; for leaders, of the jurisdiction), oldest first. */
  overdue: WorkbenchDeadlines,
  /** Squad leaders and above: the cases of their jurisdiction with an overdue deadline (null for others). */
  squadOverdue: Nullable(WorkbenchCases),
});
export type Workbench = Static<typeof Workbench>;

export const WorkbenchQuery = Type.Object({
  /** Items per set (default 10). */
  pageSize: Type.Optional(Int(1, WORKBENCH_PAGE_SIZE_MAX, { default: 10 })),
});
export type WorkbenchQuery = Static<typeof WorkbenchQuery>;
export const WorkbenchSetParams = Type.Object({ set: literals(WORKBENCH_SETS) });
export const WorkbenchSetQuery = Type.Object({
  pageSize: Type.Optional(Int(1, WORKBENCH_PAGE_SIZE_MAX, { default: 10 })),
  /** The `nextCursor` of the set's previous page. */
  cursor: Type.Optional(Text(160, { pattern: '^[A-Za-z0-9_-]+$' })),
});
export type WorkbenchSetQuery = Static<typeof WorkbenchSetQuery>;
export const WorkbenchSetPage = Type.Union([WorkbenchTasks, WorkbenchDeadlines, WorkbenchCases]);

// ---------------------------------------------------------------------------------------------------------
// 文号 patterns and B2 pre-assigned summary ticket ranges

/** Placeholders: {year}, {seq:N} (zero-padded to N digits), {seq}. E.g. 沪浦城管罚决字〔{year}〕第{seq:6}号. */
export const DocNumberPattern = Type.Object({
  bureauId: Uuid,
  docType: DocTypeSchema,
  pattern: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type DocNumberPattern = Static<typeof DocNumberPattern>;
export const DocNumberPatternBody = Type.Object({
  docType: DocTypeSchema,
  pattern: Text(100, { minLength: 3, pattern: '\\{seq(:\\d)?\\}' }),
  /** Defaults to the actor's bureau. */
  bureauId: Type.Optional(Uuid),
});
export type DocNumberPatternBody = Static<typeof DocNumberPatternBody>;

export const SummaryTicketRange = Type.Object({
  id: Uuid,
  orgId: Uuid,
  officerId: Nullable(Uuid),
  prefix: Type.String(),
  firstNumber: Type.Integer(),
  lastNumber: Type.Integer(),
  nextNumber: Type.Integer(),
  digits: Type.Integer(),
  exhausted: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type SummaryTicketRange = Static<typeof SummaryTicketRange>;
export const SummaryTicketRangeBody = Type.Object({
  orgId: Uuid,
  officerId: Type.Optional(Uuid),
  prefix: Text(40, { minLength: 1 }),
  firstNumber: Int(1, INT4_MAX),
  lastNumber: Int(1, INT4_MAX),
  digits: Type.Optional(Int(1, 12, { default: 6 })),
});
export type SummaryTicketRangeBody = Static<typeof SummaryTicketRangeBody>;
