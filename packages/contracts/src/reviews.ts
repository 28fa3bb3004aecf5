// 复议 and 诉讼 (issue 15 §5; docs/reviews.md): every administrative review and lawsuit against a case, its outcome
// and cause; the monthly 纠错 / 败诉 report; numbers per officer and squad for 考核.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, IsoDateTime, literals, Nullable, PageQuery, Text, Uuid } from './common.ts';

export const REVIEW_KINDS = ['review', 'lawsuit'] as const;
export const REVIEW_OUTCOMES = ['upheld', 'changed', 'revoked', 'confirmed_illegal', 'lost'] as const;
export const REVIEW_CAUSES = ['facts', 'law', 'procedure', 'authority', 'discretion', 'other'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export type ReviewOutcomeCode = (typeof REVIEW_OUTCOMES)[number];

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcomeCode, { zh: string; en: string }> = {
  upheld: { zh: '维持', en: 'Upheld' },
  changed: { zh: '变更', en: 'Changed' },
  revoked: { zh: '撤销', en: 'Revoked' },
  confirmed_illegal: { zh: '确认违法', en: 'Confirmed illegal' },
  lost: { zh: '败诉', en: 'Lost' },
};
export const REVIEW_CAUSE_LABELS: Record<(typeof REVIEW_CAUSES)[number], { zh: string; en: string }> = {
  facts: { zh: '事实不清、证据不足', en: 'Facts unclear, evidence insufficient' },
  law: { zh: '适用依据错误', en: 'Wrong legal basis' },
  procedure: { zh: '违反法定程序', en: 'Procedure violated' },
  authority: { zh: '超越或滥用职权', en: 'Beyond or abuse of authority' },
  discretion: { zh: '明显不当', en: 'Clearly improper' },
  other: { zh: '其他', en: 'Other' },
};

export const CaseReviewView = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  orgId: Uuid,
  kind: literals(REVIEW_KINDS),
  filedOn: IsoDate,
  forum: Type.String(),
  referenceNo: Nullable(Type.String()),
  outcome: Nullable(literals(REVIEW_OUTCOMES)),
  cause: Nullable(literals(REVIEW_CAUSES)),
  causeNote: Nullable(Type.String()),
  decidedOn: Nullable(IsoDate),
  adverse: Type.Boolean(),
  officerIds: Type.Array(Uuid),
  createdAt: IsoDateTime,
});
export type CaseReviewView = Static<typeof CaseReviewView>;

export const CreateCaseReviewBody = Type.Object({
  caseId: Uuid,
  kind: literals(REVIEW_KINDS),
  filedOn: IsoDate,
  forum: Text(100, { minLength: 2 }),
  referenceNo: Type.Optional(Nullable(Text(60))),
});
export type CreateCaseReviewBody = Static<typeof CreateCaseReviewBody>;

export const DecideCaseReviewBody = Type.Object({
  outcome: literals(REVIEW_OUTCOMES),
  decidedOn: IsoDate,
  cause: Type.Optional(Nullable(literals(REVIEW_CAUSES))),
  causeNote: Type.Optional(Nullable(Text(500))),
});
export type DecideCaseReviewBody = Static<typeof DecideCaseReviewBody>;

export const CaseReviewQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  caseId: Type.Optional(Uuid),
  kind: Type.Optional(literals(REVIEW_KINDS)),
  outcome: Type.Optional(literals([...REVIEW_OUTCOMES, 'pending'] as const)),
  decidedFrom: Type.Optional(IsoDate),
  decidedTo: Type.Optional(IsoDate),
  ...PageQuery,
});
export type CaseReviewQuery = Static<typeof CaseReviewQuery>;

export const ReviewMonthQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  month: Code('^[0-9]{4}-(0[1-9]|1[0-2])$', 7, 'YYYY-MM'),
});
export type ReviewMonthQuery = Static<typeof ReviewMonthQuery>;

export const ReviewTally = Type.Object({
  key: Type.String(),
  name: Type.String(),
  reviews: Type.Integer(),
  corrected: Type.Integer(),
  lawsuits: Type.Integer(),
  lost: Type.Integer(),
});
export type ReviewTally = Static<typeof ReviewTally>;

export const ReviewMonthReport = Type.Object({
  month: Type.String(),
  reviews: Type.Integer(),
  corrected: Type.Integer(),
  correctionRate: Type.Number(),
  lawsuits: Type.Integer(),
  lost: Type.Integer(),
  lossRate: Type.Number(),
  bySquad: Type.Array(ReviewTally),
  byCause: Type.Array(Type.Object({ cause: Type.String(), name: Type.String(), count: Type.Integer() })),
  items: Type.Array(CaseReviewView),
});
export type ReviewMonthReport = Static<typeof ReviewMonthReport>;
