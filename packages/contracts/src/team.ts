// 队伍 (issue 15 §8; docs/team.md) and 规范化中队 (§10; docs/squads.md).
import { Type, type Static } from '@sinclair/typebox';
import { Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';

export const OFFICER_RANKS = [
  '一级行政执法员',
  '二级行政执法员',
  '三级行政执法员',
  '四级行政执法员',
  '一级主办',
  '二级主办',
  '三级主办',
  '四级主办',
  '一级高级主办',
  '二级高级主办',
] as const;

export const SaveProfileBody = Type.Object({
  rank: Nullable(literals(OFFICER_RANKS)),
  postTags: Type.Array(Text(20, { minLength: 1 }), { maxItems: 10 }),
});
export type SaveProfileBody = Static<typeof SaveProfileBody>;

export const TransferBody = Type.Object({
  toOrgId: Uuid,
  effectiveOn: IsoDate,
  reason: Text(200, { minLength: 2 }),
});
export type TransferBody = Static<typeof TransferBody>;

export const TransferView = Type.Object({
  id: Uuid,
  fromOrgId: Uuid,
  fromOrgName: Type.String(),
  toOrgId: Uuid,
  toOrgName: Type.String(),
  effectiveOn: IsoDate,
  reason: Type.String(),
  createdAt: IsoDateTime,
});
export type TransferView = Static<typeof TransferView>;

/** The officer's file (档案). */
export const OfficerFile = Type.Object({
  officerId: Uuid,
  name: Type.String(),
  employeeNo: Type.String(),
  orgId: Uuid,
  orgName: Type.String(),
  rank: Nullable(Type.String()),
  postTags: Type.Array(Type.String()),
  credentials: Type.Array(
    Type.Object({
      id: Uuid,
      number: Type.String(),
      validFrom: IsoDate,
      validTo: IsoDate,
      revoked: Type.Boolean(),
      domains: Type.Array(Type.String()),
    }),
  ),
  transfers: Type.Array(TransferView),
  training: Type.Array(
    Type.Object({ year: Type.Integer(), hours: Type.Number(), credits: Type.Number(), percent: Type.Integer(), complete: Type.Boolean() }),
  ),
  qualifications: Type.Array(Type.Object({ examDate: IsoDate, score: Type.Integer(), passed: Type.Boolean() })),
  reviews: Type.Object({ reviews: Type.Integer(), corrected: Type.Integer(), lawsuits: Type.Integer(), lost: Type.Integer() }),
  cases: Type.Object({
    total: Type.Integer(),
    recent: Type.Array(Type.Object({ id: Uuid, caseNumber: Nullable(Type.String()), state: Type.String() })),
  }),
  /** 考核 scores, when the supervision module provides them (null until then). */
  scores: Nullable(Type.Array(Type.Object({ period: Type.String(), score: Type.Number() }))),
});
export type OfficerFile = Static<typeof OfficerFile>;

export const SQUAD_RATINGS = ['standard', 'model', 'star'] as const;
export const SQUAD_RATING_LABELS: Record<(typeof SQUAD_RATINGS)[number], { zh: string; en: string }> = {
  standard: { zh: '规范化中队', en: 'Standardised squad' },
  model: { zh: '示范中队', en: 'Model squad' },
  star: { zh: '星级中队', en: 'Star squad' },
};

export const CriteriaItem = Type.Object({ code: Text(20, { minLength: 1 }), name: Text(200, { minLength: 1 }), maxScore: Int(1, 100) });
export const SaveCriteriaSheetBody = Type.Object({
  bureauId: Uuid,
  year: Int(2000, 2100),
  title: Text(100, { minLength: 2 }),
  items: Type.Array(CriteriaItem, { minItems: 1, maxItems: 100 }),
  standardAt: Int(0, 10000),
  modelAt: Int(0, 10000),
});
export type SaveCriteriaSheetBody = Static<typeof SaveCriteriaSheetBody>;

export const CriteriaSheetView = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  year: Type.Integer(),
  title: Type.String(),
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), maxScore: Type.Integer() })),
  maxTotal: Type.Integer(),
  standardAt: Type.Integer(),
  modelAt: Type.Integer(),
});
export type CriteriaSheetView = Static<typeof CriteriaSheetView>;

export const AssessmentBody = Type.Object({
  sheetId: Uuid,
  orgId: Uuid,
  kind: literals(['self', 'inspection'] as const),
  scores: Type.Record(Type.String(), Int(0, 100), { maxProperties: 100 }),
  note: Type.Optional(Nullable(MultilineText(1000))),
});
export type AssessmentBody = Static<typeof AssessmentBody>;

export const AssessmentView = Type.Object({
  id: Uuid,
  sheetId: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  kind: literals(['self', 'inspection'] as const),
  scores: Type.Record(Type.String(), Type.Integer()),
  total: Type.Integer(),
  suggested: Nullable(literals(SQUAD_RATINGS)),
  note: Nullable(Type.String()),
  assessedAt: IsoDateTime,
});
export type AssessmentView = Static<typeof AssessmentView>;

export const RateSquadBody = Type.Object({
  orgId: Uuid,
  year: Int(2000, 2100),
  rating: literals(SQUAD_RATINGS),
  stars: Type.Optional(Nullable(Int(1, 5))),
  assessmentId: Uuid,
});
export type RateSquadBody = Static<typeof RateSquadBody>;

export const SquadRow = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  selfTotal: Nullable(Type.Integer()),
  inspectionTotal: Nullable(Type.Integer()),
  rating: Nullable(literals(SQUAD_RATINGS)),
  stars: Nullable(Type.Integer()),
});
export type SquadRow = Static<typeof SquadRow>;

export const SquadOverviewQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  year: Int(2000, 2100),
  rating: Type.Optional(literals([...SQUAD_RATINGS, 'none'] as const)),
  ...PageQuery,
});
export type SquadOverviewQuery = Static<typeof SquadOverviewQuery>;

export const SquadOverview = Type.Object({
  year: Type.Integer(),
  squads: Type.Integer(),
  rated: Type.Integer(),
  model: Type.Integer(),
  ratedPct: Type.Number(),
  modelPct: Type.Number(),
  targetRatedPct: Type.Number(),
  targetModelPct: Type.Number(),
  ratedMet: Type.Boolean(),
  modelMet: Type.Boolean(),
  items: Type.Array(SquadRow),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type SquadOverview = Static<typeof SquadOverview>;

export const SquadTargetsBody = Type.Object({
  bureauId: Uuid,
  targetModelPct: Type.Number({ minimum: 0, maximum: 100 }),
  targetRatedPct: Type.Number({ minimum: 0, maximum: 100 }),
});
export type SquadTargetsBody = Static<typeof SquadTargetsBody>;
