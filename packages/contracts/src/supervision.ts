// 执法监督 and 考核 (issue 15 §1–4, 6, 11; docs/supervision.md): the automated case-file check (B5), 案卷评查 sampling
// plans and review sheets, findings and their correction, recordings (全过程记录), 两单两书, 重大案件督办, complaints
// about officers, 考核 score items and cards (B7: never a fine), proportionality alerts, the supervisor's home.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';

// ---------------------------------------------------------------------------------------------------------
// B5: the automated case-file check

export const CHECK_TRIGGERS = ['before_legal_review', 'closing', 'on_demand'] as const;
export type CheckTrigger = (typeof CHECK_TRIGGERS)[number];

export const CheckItem = Type.Object({
  item: Type.String(),
  category: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  points: Type.Integer(),
  applies: Type.Boolean(),
  passed: Type.Boolean(),
  lost: Type.Integer(),
});

export const CheckFinding = Type.Object({
  item: Type.String(),
  category: Type.String(),
  ruleId: Type.String(),
  article: Type.String(),
  citation: Nullable(Type.String()),
  messageZh: Type.String(),
  messageEn: Type.String(),
  field: Nullable(Type.String()),
  points: Type.Integer(),
});

export const CaseFileCheck = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  trigger: literals(CHECK_TRIGGERS),
  checkedOn: IsoDate,
  score: Type.Integer(),
  maxScore: Type.Integer(),
  items: Type.Array(CheckItem),
  findings: Type.Array(CheckFinding),
  createdAt: IsoDateTime,
});
export type CaseFileCheck = Static<typeof CaseFileCheck>;

export const CaseChecks = Type.Object({ latest: Nullable(CaseFileCheck), history: Type.Array(CaseFileCheck) });
export type CaseChecks = Static<typeof CaseChecks>;

// ---------------------------------------------------------------------------------------------------------
// Review sheets and sampling plans

export const ReviewSheetItem = Type.Object({
  code: Code('^[a-z0-9_]{1,32}$', 32, 'item code'),
  labelZh: Text(60, { minLength: 1 }),
  labelEn: Text(120, { minLength: 1 }),
  maxPoints: Int(1, 1000),
});
export type ReviewSheetItem = Static<typeof ReviewSheetItem>;

export const ReviewSheet = Type.Object({
  id: Uuid,
  bureauId: Nullable(Uuid),
  name: Type.String(),
  items: Type.Array(ReviewSheetItem),
  maxTotal: Type.Integer(),
  active: Type.Boolean(),
});
export type ReviewSheet = Static<typeof ReviewSheet>;

/** Review sheets: search by name, the city's or a bureau's, in use or not, paged. */
export const REVIEW_SHEET_SCOPES = ['city', 'bureau'] as const;
export const ReviewSheetQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(60)),
  scope: Type.Optional(literals(REVIEW_SHEET_SCOPES)),
  active: Type.Optional(Type.Boolean()),
});
export type ReviewSheetQuery = Static<typeof ReviewSheetQuery>;

export const CreateReviewSheetBody = Type.Object({
  name: Text(60, { minLength: 1 }),
  items: Type.Array(ReviewSheetItem, { minItems: 1, maxItems: 50 }),
});
export type CreateReviewSheetBody = Static<typeof CreateReviewSheetBody>;

export const PLAN_KINDS = ['case_file', 'recording'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const CASE_TYPES = ['summary', 'ordinary'] as const;

export const SamplingRate = Type.Object({
  /** A squad (org id) or null for every squad. */
  squadId: Type.Optional(Nullable(Uuid)),
  /** 简易 / 普通 (case_file plans) or null for both. */
  caseType: Type.Optional(Nullable(literals(CASE_TYPES))),
  basisPoints: Int(0, 10_000, { description: 'sampling rate in basis points (1,710 = 17.1%)' }),
});
export type SamplingRate = Static<typeof SamplingRate>;

export const CreateSamplingPlanBody = Type.Object({
  kind: literals(PLAN_KINDS),
  orgId: Uuid,
  name: Text(60, { minLength: 1 }),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  defaultBasisPoints: Int(0, 10_000),
  rates: Type.Optional(Type.Array(SamplingRate, { maxItems: 200 })),
  sampleSize: Type.Optional(Int(0, 100_000)),
  sheetId: Type.Optional(Uuid),
  dueOn: IsoDate,
});
export type CreateSamplingPlanBody = Static<typeof CreateSamplingPlanBody>;

export const StratumDraw = Type.Object({
  stratum: Type.String(),
  squadName: Type.String(),
  caseType: Nullable(Type.String()),
  population: Type.Integer(),
  basisPoints: Type.Integer(),
  drawn: Type.Integer(),
});

export const SamplingPlan = Type.Object({
  id: Uuid,
  kind: literals(PLAN_KINDS),
  orgId: Uuid,
  orgName: Type.String(),
  name: Type.String(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  defaultBasisPoints: Type.Integer(),
  rates: Type.Array(SamplingRate),
  sampleSize: Nullable(Type.Integer()),
  sheetId: Nullable(Uuid),
  dueOn: IsoDate,
  status: literals(['committed', 'drawn'] as const),
  /** SM3 of the seed, published when the plan is made. */
  commitment: Type.String(),
  /** Revealed by the draw (null before). */
  seedHex: Nullable(Type.String()),
  population: Nullable(Type.Integer()),
  drawn: Nullable(Type.Integer()),
  reviewed: Type.Integer(),
  strata: Type.Array(StratumDraw),
  createdAt: IsoDateTime,
});
export type SamplingPlan = Static<typeof SamplingPlan>;

export const SamplingPlanQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(literals(PLAN_KINDS)),
  status: Type.Optional(literals(['committed', 'drawn'] as const)),
  orgId: Type.Optional(Uuid),
});
export type SamplingPlanQuery = Static<typeof SamplingPlanQuery>;

export const ItemScore = Type.Object({
  code: Code('^[a-z0-9_]{1,32}$', 32, 'item code'),
  points: Int(0, 1000),
  note: Type.Optional(Text(200)),
});

export const Sample = Type.Object({
  id: Uuid,
  planId: Uuid,
  planName: Type.String(),
  kind: literals(PLAN_KINDS),
  orgId: Uuid,
  orgName: Type.String(),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  recordingId: Nullable(Uuid),
  drawOrder: Type.Integer(),
  status: literals(['pending', 'reviewed'] as const),
  dueOn: IsoDate,
  reviewerName: Nullable(Type.String()),
  total: Nullable(Type.Integer()),
  maxTotal: Nullable(Type.Integer()),
  scores: Type.Array(ItemScore),
  comment: Nullable(Type.String()),
  reviewedOn: Nullable(IsoDate),
  /** The automated check the review starts from (B5), run when the sample is opened if none exists. */
  checkScore: Nullable(Type.Integer()),
  checkMaxScore: Nullable(Type.Integer()),
});
export type Sample = Static<typeof Sample>;

export const SampleQuery = Type.Object({
  ...PageQuery,
  planId: Type.Optional(Uuid),
  status: Type.Optional(literals(['pending', 'reviewed'] as const)),
  orgId: Type.Optional(Uuid),
});
export type SampleQuery = Static<typeof SampleQuery>;

export const FindingInput = Type.Object({
  description: MultilineText(1000, { minLength: 1 }),
  rule: Type.Optional(Text(200)),
  officerId: Type.Optional(Uuid),
  dueOn: IsoDate,
});

export const ScoreSampleBody = Type.Object({
  date: IsoDate,
  scores: Type.Array(ItemScore, { minItems: 1, maxItems: 50 }),
  comment: Type.Optional(MultilineText(2000)),
  findings: Type.Optional(Type.Array(FindingInput, { maxItems: 50 })),
});
export type ScoreSampleBody = Static<typeof ScoreSampleBody>;

export const SampleDetail = Type.Object({ sample: Sample, sheet: Nullable(ReviewSheet), check: Nullable(CaseFileCheck) });
export type SampleDetail = Static<typeof SampleDetail>;

// ---------------------------------------------------------------------------------------------------------
// Findings and their correction

export const FINDING_SOURCES = ['review', 'recording', 'check'] as const;
export const FINDING_STATUSES = ['open', 'corrected', 'accepted', 'returned'] as const;

export const Finding = Type.Object({
  id: Uuid,
  source: literals(FINDING_SOURCES),
  orgId: Uuid,
  orgName: Type.String(),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  officerId: Nullable(Uuid),
  officerName: Nullable(Type.String()),
  description: Type.String(),
  rule: Nullable(Type.String()),
  dueOn: IsoDate,
  overdue: Type.Boolean(),
  status: literals(FINDING_STATUSES),
  correction: Nullable(Type.String()),
  correctedOn: Nullable(IsoDate),
  acceptedOn: Nullable(IsoDate),
  createdAt: IsoDateTime,
});
export type Finding = Static<typeof Finding>;

export const FindingQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(FINDING_STATUSES)),
  source: Type.Optional(literals(FINDING_SOURCES)),
  orgId: Type.Optional(Uuid),
  overdue: Type.Optional(Type.Boolean()),
});
export type FindingQuery = Static<typeof FindingQuery>;

export const CorrectFindingBody = Type.Object({ date: IsoDate, correction: MultilineText(2000, { minLength: 1 }) });
export type CorrectFindingBody = Static<typeof CorrectFindingBody>;
export const AcceptFindingBody = Type.Object({ date: IsoDate, accepted: Type.Boolean(), comment: Type.Optional(MultilineText(1000)) });
export type AcceptFindingBody = Static<typeof AcceptFindingBody>;

export const ReviewResultRow = Type.Object({
  level: literals(['squad', 'officer'] as const),
  id: Uuid,
  name: Type.String(),
  orgName: Type.String(),
  reviewed: Type.Integer(),
  averagePercent: Nullable(Type.Number()),
  findings: Type.Integer(),
  openFindings: Type.Integer(),
});
export type ReviewResultRow = Static<typeof ReviewResultRow>;

export const ReviewResultsQuery = Type.Object({
  planId: Type.Optional(Uuid),
  orgId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type ReviewResultsQuery = Static<typeof ReviewResultsQuery>;
export const ReviewResults = Type.Object({ squads: Type.Array(ReviewResultRow), officers: Type.Array(ReviewResultRow) });
export type ReviewResults = Static<typeof ReviewResults>;

// ---------------------------------------------------------------------------------------------------------
// 全过程记录

export const CreateRecordingBody = Type.Object({
  fileSm3: Sm3Hex,
  officerId: Uuid,
  recordedOn: IsoDate,
  durationSeconds: Int(0, 86_400),
  caseId: Type.Optional(Uuid),
  caseEventId: Type.Optional(Uuid),
  inspectionTaskId: Type.Optional(Uuid),
  device: Type.Optional(Text(60)),
});
export type CreateRecordingBody = Static<typeof CreateRecordingBody>;

export const Recording = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  officerId: Uuid,
  officerName: Type.String(),
  fileSm3: Type.String(),
  recordedOn: IsoDate,
  durationSeconds: Type.Integer(),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  caseEventId: Nullable(Uuid),
  caseAction: Nullable(Type.String()),
  inspectionTaskId: Nullable(Uuid),
  device: Nullable(Type.String()),
  sampled: Type.Boolean(),
  problems: Type.Integer(),
});
export type Recording = Static<typeof Recording>;

export const RecordingQuery = Type.Object({
  ...PageQuery,
  orgId: Type.Optional(Uuid),
  officerId: Type.Optional(Uuid),
  caseId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type RecordingQuery = Static<typeof RecordingQuery>;

export const RecordingProblemBody = Type.Object({
  description: MultilineText(1000, { minLength: 1 }),
  rule: Type.Optional(Text(200)),
  dueOn: IsoDate,
});
export type RecordingProblemBody = Static<typeof RecordingProblemBody>;

export const RecordingCoverage = Type.Object({
  caseId: Uuid,
  required: Type.Integer(),
  recorded: Type.Integer(),
  gaps: Type.Array(
    Type.Object({ eventId: Uuid, action: Type.String(), legalDate: IsoDate, labelZh: Type.String(), labelEn: Type.String() }),
  ),
  basis: Type.String(),
});
export type RecordingCoverage = Static<typeof RecordingCoverage>;

// ---------------------------------------------------------------------------------------------------------
// 两单两书, 督办, complaints about officers

export const NOTICE_KINDS = ['inspection_notice', 'rectification_order', 'suggestion_letter', 'warning_letter'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const IssueNoticeBody = Type.Object({
  kind: literals(NOTICE_KINDS),
  orgId: Uuid,
  recipient: Text(100, { minLength: 1 }),
  officerId: Type.Optional(Uuid),
  caseId: Type.Optional(Uuid),
  subject: Text(100, { minLength: 1 }),
  body: MultilineText(5000, { minLength: 1 }),
  issuedOn: IsoDate,
  answerDue: IsoDate,
});
export type IssueNoticeBody = Static<typeof IssueNoticeBody>;

export const SupervisionNotice = Type.Object({
  id: Uuid,
  kind: literals(NOTICE_KINDS),
  kindName: Type.String(),
  number: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  recipient: Type.String(),
  officerId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  subject: Type.String(),
  body: Type.String(),
  contentSm3: Type.String(),
  issuedOn: IsoDate,
  answerDue: IsoDate,
  overdue: Type.Boolean(),
  status: literals(['issued', 'answered'] as const),
  answer: Nullable(Type.String()),
  answeredOn: Nullable(IsoDate),
});
export type SupervisionNotice = Static<typeof SupervisionNotice>;

export const NoticeQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(literals(NOTICE_KINDS)),
  status: Type.Optional(literals(['issued', 'answered'] as const)),
  orgId: Type.Optional(Uuid),
  overdue: Type.Optional(Type.Boolean()),
});
export type NoticeQuery = Static<typeof NoticeQuery>;

export const AnswerBody = Type.Object({ date: IsoDate, answer: MultilineText(5000, { minLength: 1 }) });
export type AnswerBody = Static<typeof AnswerBody>;

export const OpenMajorCaseBody = Type.Object({
  caseId: Uuid,
  reason: MultilineText(1000, { minLength: 1 }),
  openedOn: IsoDate,
  dueOn: IsoDate,
});
export type OpenMajorCaseBody = Static<typeof OpenMajorCaseBody>;

export const MajorCase = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  caseState: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  reason: Type.String(),
  openedOn: IsoDate,
  dueOn: IsoDate,
  /** Days left on the 督办 clock (negative: overdue); null once closed. */
  daysLeft: Nullable(Type.Integer()),
  status: literals(['open', 'closed'] as const),
  result: Nullable(Type.String()),
  closedOn: Nullable(IsoDate),
});
export type MajorCase = Static<typeof MajorCase>;

export const MajorCaseQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(['open', 'closed'] as const)),
  orgId: Type.Optional(Uuid),
});
export type MajorCaseQuery = Static<typeof MajorCaseQuery>;

export const CloseMajorCaseBody = Type.Object({ date: IsoDate, result: MultilineText(2000, { minLength: 1 }) });
export type CloseMajorCaseBody = Static<typeof CloseMajorCaseBody>;

export const COMPLAINT_OUTCOMES = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;

export const ReceiveComplaintBody = Type.Object({
  orgId: Uuid,
  officerId: Type.Optional(Uuid),
  channel: Text(30, { minLength: 1 }),
  complainant: Text(60, { minLength: 1 }),
  content: MultilineText(5000, { minLength: 1 }),
  receivedOn: IsoDate,
});
export type ReceiveComplaintBody = Static<typeof ReceiveComplaintBody>;

export const OfficerComplaint = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  officerId: Nullable(Uuid),
  officerName: Nullable(Type.String()),
  channel: Type.String(),
  complainant: Type.String(),
  content: Type.String(),
  receivedOn: IsoDate,
  dueOn: IsoDate,
  overdue: Type.Boolean(),
  status: literals(['received', 'handled'] as const),
  outcome: Nullable(literals(COMPLAINT_OUTCOMES)),
  handling: Nullable(Type.String()),
  handledOn: Nullable(IsoDate),
});
export type OfficerComplaint = Static<typeof OfficerComplaint>;

export const ComplaintQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(['received', 'handled'] as const)),
  orgId: Type.Optional(Uuid),
  officerId: Type.Optional(Uuid),
});
export type ComplaintQuery = Static<typeof ComplaintQuery>;

export const HandleComplaintBody = Type.Object({
  date: IsoDate,
  outcome: literals(COMPLAINT_OUTCOMES),
  handling: MultilineText(2000, { minLength: 1 }),
});
export type HandleComplaintBody = Static<typeof HandleComplaintBody>;

// ---------------------------------------------------------------------------------------------------------
// 考核 (B7)

export const SCORE_LEVELS = ['officer', 'squad'] as const;

export const ScoreItem = Type.Object({
  code: Code('^[a-z0-9_]{1,32}$', 32, 'item code'),
  labelZh: Text(30, { minLength: 1 }),
  labelEn: Text(60, { minLength: 1 }),
  source: Code('^[a-z0-9_]{1,40}$', 40, 'a registered score source'),
  levels: Type.Array(literals(SCORE_LEVELS), { minItems: 1, maxItems: 2, uniqueItems: true }),
  maxPoints: Int(1, 1000),
  perUnit: Type.Optional(Nullable(Type.Number({ minimum: -1000, maximum: 1000 }))),
});
export type ScoreItem = Static<typeof ScoreItem>;

export const ScoreSource = Type.Object({ source: Type.String(), nameZh: Type.String(), nameEn: Type.String(), hasData: Type.Boolean() });
export const ScoreConfig = Type.Object({ items: Type.Array(ScoreItem), sources: Type.Array(ScoreSource) });
export type ScoreConfig = Static<typeof ScoreConfig>;
/** Score items: search by code or name, by source and level, paged; `sources` lists every registered source. */
export const ScoreItemQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(60)),
  source: Type.Optional(Code('^[a-z0-9_]{1,40}$', 40, 'a registered score source')),
  level: Type.Optional(literals(SCORE_LEVELS)),
});
export type ScoreItemQuery = Static<typeof ScoreItemQuery>;
export const ScoreItemPage = Type.Object({
  items: Type.Array(ScoreItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  sources: Type.Array(ScoreSource),
});
export type ScoreItemPage = Static<typeof ScoreItemPage>;
export const PutScoreItemsBody = Type.Object({ items: Type.Array(ScoreItem, { minItems: 1, maxItems: 30 }) });
export type PutScoreItemsBody = Static<typeof PutScoreItemsBody>;

export const ScoreLine = Type.Object({
  item: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  source: Type.String(),
  maxPoints: Type.Integer(),
  points: Nullable(Type.Number()),
  explanationZh: Type.String(),
  explanationEn: Type.String(),
});
export const ScoreCard = Type.Object({
  level: literals(SCORE_LEVELS),
  id: Uuid,
  name: Type.String(),
  orgName: Type.String(),
  total: Type.Number(),
  max: Type.Integer(),
  lines: Type.Array(ScoreLine),
});
export type ScoreCard = Static<typeof ScoreCard>;

export const ScoresQuery = Type.Object({
  ...PageQuery,
  level: literals(SCORE_LEVELS),
  from: IsoDate,
  to: IsoDate,
  orgId: Type.Optional(Uuid),
});
export type ScoresQuery = Static<typeof ScoresQuery>;
export const MyScoresQuery = Type.Object({ from: IsoDate, to: IsoDate });
export type MyScoresQuery = Static<typeof MyScoresQuery>;

export const ProportionalityQuery = Type.Object({ from: IsoDate, to: IsoDate, orgId: Type.Optional(Uuid) });
export type ProportionalityQuery = Static<typeof ProportionalityQuery>;
export const ProportionalityAlert = Type.Object({
  level: literals(SCORE_LEVELS),
  id: Uuid,
  name: Type.String(),
  offenceCode: Type.String(),
  offenceName: Type.String(),
  cases: Type.Integer(),
  medianFen: Type.Integer(),
  cityMedianFen: Type.Integer(),
  lowFenceFen: Type.Integer(),
  highFenceFen: Type.Integer(),
  outsideTier: Type.Integer(),
  reasonsZh: Type.Array(Type.String()),
  reasonsEn: Type.Array(Type.String()),
  caseIds: Type.Array(Uuid),
});
export type ProportionalityAlert = Static<typeof ProportionalityAlert>;

// ---------------------------------------------------------------------------------------------------------
// The supervisor's home

export const SupervisionHome = Type.Object({
  today: IsoDate,
  scopeName: Type.String(),
  samplesDue: Type.Integer(),
  samplesOverdue: Type.Integer(),
  findingsOpen: Type.Integer(),
  findingsOverdue: Type.Integer(),
  noticesAwaiting: Type.Integer(),
  complaintsOpen: Type.Integer(),
  majorCases: Type.Array(MajorCase),
  dueSamples: Type.Array(Sample),
});
export type SupervisionHome = Static<typeof SupervisionHome>;
