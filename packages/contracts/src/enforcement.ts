// 执行 (enforcement): the enforcement status of a case (G1–G3), the 催告书 (行政强制法 Arts. 35, 54), the court
// application package (Art. 55) and the 复议 / 诉讼 that pause the surcharge (处罚法 Art. 73).
//
// GET  /api/v1/cases/:id/enforcement                          EnforcementOverview
// POST /api/v1/cases/:id/enforcement/reminder                 IssueReminderBody → EnforcementOverview (催告书 issued)
// POST /api/v1/cases/:id/enforcement/court-package            CourtPackageBody → EnforcementOverview (申请书 + ZIP)
// GET  /api/v1/cases/:id/enforcement/court-package.zip        the package (ZIP with manifest.json and SM3 of each file)
// POST /api/v1/cases/:id/enforcement/court-filing             CourtFilingBody → EnforcementOverview (startEnforcement)
// POST /api/v1/cases/:id/review-litigations                   ReviewLitigationBody → EnforcementOverview
// POST /api/v1/cases/:id/review-litigations/:rid/end          EndReviewLitigationBody → EnforcementOverview
// GET  /api/v1/enforcement                                    EnforcementListQuery → Page<EnforcementListItem>
// GET  /api/v1/enforcement/export.xlsx                        the same list as Excel
// POST /api/v1/enforcement/check                              → { checked, marked } (the daily job, on demand)
import { Type, type Static } from '@sinclair/typebox';
import { ExpectedVersion, Fen, IsoDate, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';
import { ServableDocument } from './service.ts';
import { ENFORCEMENT_STATUSES } from '@chengguan/domain/vocabulary';

/** The domain's ENFORCEMENT_STATUSES (packages/domain/src/cases/case-states.ts). */
export const ENFORCEMENT_STATUS_CODES = ENFORCEMENT_STATUSES;
export type EnforcementStatusCode = (typeof ENFORCEMENT_STATUS_CODES)[number];
export const EnforcementStatusSchema = literals(ENFORCEMENT_STATUS_CODES);
export const ENFORCEMENT_STATUS_ZH: Record<EnforcementStatusCode, string> = {
  none: '无需执行',
  paying: '缴款期内',
  awaiting_reminder: '待催告',
  reminded: '已催告',
  court_window_open: '可申请强制执行',
  court_deadline_near: '临近申请期限',
  court_deadline_passed: '申请期限已过',
  court_applied: '已申请法院强制执行',
  review_pending: '复议/诉讼中',
};

const RuleLineSchema = Type.Object({ ruleId: Type.String(), article: Type.String(), textZh: Type.String(), textEn: Type.String() });

export const ReviewLitigation = Type.Object({
  id: Uuid,
  kind: literals(['review', 'litigation'] as const),
  filedOn: IsoDate,
  body: Type.String(),
  caseNumber: Nullable(Type.String()),
  endedOn: Nullable(IsoDate),
  result: Nullable(Type.String()),
  /** Calendar days of this interval not counted for the surcharge (to today while pending). */
  pausedDays: Type.Integer(),
});
export type ReviewLitigation = Static<typeof ReviewLitigation>;

/** A document of the case with the day it was served (the same shape as the service tab's). */
export const EnforcementDocument = ServableDocument;
export type EnforcementDocument = Static<typeof EnforcementDocument>;

export const CourtPackageManifestItem = Type.Object({
  /** 强制法 Art. 55 item: 1 申请书, 2 行政决定书及作出决定的事实、理由和依据, 3 当事人的意见及行政机关催告情况, 4 申请强制执行标的情况, 5 其他材料. */
  item: Type.Integer({ minimum: 1, maximum: 5 }),
  titleZh: Type.String(),
  file: Nullable(Type.String()),
  sm3: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type CourtPackageManifestItem = Static<typeof CourtPackageManifestItem>;

export const EnforcementOverview = Type.Object({
  today: IsoDate,
  status: EnforcementStatusSchema,
  statusZh: Type.String(),
  fineFen: Fen,
  paidFen: Fen,
  decisionReceivedOn: Nullable(IsoDate),
  paymentDue: Nullable(IsoDate),
  /** G2 as of today, with the days not counted during 复议 / 诉讼. */
  surchargeFen: Fen,
  overdueDays: Type.Integer(),
  pausedDays: Type.Integer(),
  surchargeLine: Nullable(RuleLineSchema),
  /** 待催告 since (the day the daily check first found the case overdue). */
  awaitingReminderSince: Nullable(IsoDate),
  reminderServedOn: Nullable(IsoDate),
  reminderWaitEnds: Nullable(IsoDate),
  /** G3: the first day and the LAST day to file the court application. */
  courtOpensOn: Nullable(IsoDate),
  courtClosesOn: Nullable(IsoDate),
  courtLines: Type.Array(RuleLineSchema),
  courtAppliedOn: Nullable(IsoDate),
  reviewOrLitigations: Type.Array(ReviewLitigation),
  documents: Type.Array(EnforcementDocument),
  courtPackage: Nullable(
    Type.Object({ zipSm3: Type.String(), applicationDocumentId: Uuid, createdOn: IsoDate, manifest: Type.Array(CourtPackageManifestItem) }),
  ),
  canWrite: Type.Boolean(),
  canApprove: Type.Boolean(),
});
export type EnforcementOverview = Static<typeof EnforcementOverview>;

/** 催告书: issued on `date`; the party pays within 10 working days of its service (强制法 Arts. 35, 37, 54, 69). */
export const IssueReminderBody = Type.Object({
  date: IsoDate,
  /** 给付方式, e.g. the payment code and the bank; defaults to the bureau's standard text. */
  paymentMethod: Type.Optional(MultilineText(500)),
});
export type IssueReminderBody = Static<typeof IssueReminderBody>;

export const CourtPackageBody = Type.Object({
  date: IsoDate,
  /** 有管辖权的人民法院. */
  court: Text(100, { minLength: 1 }),
  /** 申请强制执行标的情况 (Art. 55 (四)). */
  subjectMatter: Type.Optional(MultilineText(2000)),
});
export type CourtPackageBody = Static<typeof CourtPackageBody>;

export const CourtFilingBody = Type.Object({
  date: IsoDate,
  court: Text(100, { minLength: 1 }),
  courtCaseNumber: Type.Optional(Text(100)),
  expectedVersion: Type.Optional(ExpectedVersion),
});
export type CourtFilingBody = Static<typeof CourtFilingBody>;

export const ReviewLitigationBody = Type.Object({
  kind: literals(['review', 'litigation'] as const),
  filedOn: IsoDate,
  /** 复议机关 or 人民法院. */
  body: Text(100, { minLength: 1 }),
  caseNumber: Type.Optional(Text(100)),
});
export type ReviewLitigationBody = Static<typeof ReviewLitigationBody>;

export const EndReviewLitigationBody = Type.Object({ endedOn: IsoDate, result: MultilineText(1000, { minLength: 1 }) });
export type EndReviewLitigationBody = Static<typeof EndReviewLitigationBody>;

export const EnforcementListQuery = Type.Object({
  ...PageQuery,
  /** Default: every case still to be enforced (待催告, 已催告, 可申请, 临近申请期限, 复议/诉讼中). */
  status: Type.Optional(EnforcementStatusSchema),
  orgId: Type.Optional(Uuid),
  /** Payment due on or after / on or before. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type EnforcementListQuery = Static<typeof EnforcementListQuery>;

export const EnforcementListItem = Type.Object({
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  partyName: Type.String({ description: 'masked' }),
  orgId: Uuid,
  orgName: Type.String(),
  offenceName: Type.String(),
  status: EnforcementStatusSchema,
  statusZh: Type.String(),
  fineFen: Fen,
  surchargeFen: Fen,
  paymentDue: Nullable(IsoDate),
  awaitingReminderSince: Nullable(IsoDate),
  reminderServedOn: Nullable(IsoDate),
  courtOpensOn: Nullable(IsoDate),
  courtClosesOn: Nullable(IsoDate),
  courtAppliedOn: Nullable(IsoDate),
  refreshedOn: IsoDate,
});
export type EnforcementListItem = Static<typeof EnforcementListItem>;

export const EnforcementCheckResult = Type.Object({ checked: Type.Integer(), marked: Type.Integer() });
export type EnforcementCheckResult = Static<typeof EnforcementCheckResult>;
