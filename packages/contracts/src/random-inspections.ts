// 双随机一公开: inspection plans, their frozen pools, the verifiable draw and its public record
// (docs/random-inspections.md §3 and §5).
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, PageQuery, Text, Uuid } from './common.ts';
import { SUBJECT_KIND_CODES, SubjectKindSchema } from './subjects.ts';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'drawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PlanStatusSchema = literals(PLAN_STATUSES);

const LevelCode = Code('^[A-Za-z0-9_-]{1,16}$', 16, 'a risk level code of the scale (red, yellow, green)');
const MatterCode = Code('^[!-~]{1,64}$', 64, 'a matter code of the 检查事项清单');

export const PlanProportion = Type.Object({ level: LevelCode, basisPoints: Int(0, 10_000, { description: '10,000 = every target' }) });
export type PlanProportion = Static<typeof PlanProportion>;

export const PlanConflictInput = Type.Object({ officerId: Uuid, subjectId: Uuid, reason: Text(200, { minLength: 2 }) });
export type PlanConflictInput = Static<typeof PlanConflictInput>;

const planFields = {
  title: Text(100, { minLength: 2 }),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** How many times a year this kind of plan is drawn (a quarterly plan: 4); the default proportions follow from it. */
  drawsPerYear: Type.Optional(Int(1, 366, { default: 4 })),
  matterCodes: Type.Array(MatterCode, { maxItems: 50, uniqueItems: true }),
  subjectKinds: Type.Array(SubjectKindSchema, { maxItems: SUBJECT_KIND_CODES.length, uniqueItems: true }),
  orgIds: Type.Array(Uuid, {
    minItems: 1,
    maxItems: 100,
    uniqueItems: true,
    description: 'the squads whose subjects and officers are pooled',
  }),
  riskLevels: Type.Array(LevelCode, { maxItems: 10, uniqueItems: true, description: 'empty = every level' }),
  /** Omitted: derived from the risk scale and drawsPerYear (proportionsForPlan). */
  proportions: Type.Optional(Type.Array(PlanProportion, { maxItems: 10 })),
  maxTargetsPerTeam: Type.Optional(Type.Union([Int(1, 100_000), Type.Null()])),
  /** 公开: working days after the draw within which the results are published; omitted = the default. */
  publishWithinWorkingDays: Type.Optional(Int(1, 250)),
  conflicts: Type.Optional(Type.Array(PlanConflictInput, { maxItems: 1000 })),
};

export const CreatePlanBody = Type.Object(planFields);
export type CreatePlanBody = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = Type.Object({
  expectedVersion: Int(1, 2_147_483_647),
  title: Type.Optional(planFields.title),
  periodFrom: Type.Optional(IsoDate),
  periodTo: Type.Optional(IsoDate),
  drawsPerYear: Type.Optional(Int(1, 366)),
  matterCodes: Type.Optional(planFields.matterCodes),
  subjectKinds: Type.Optional(planFields.subjectKinds),
  orgIds: Type.Optional(planFields.orgIds),
  riskLevels: Type.Optional(planFields.riskLevels),
  proportions: Type.Optional(Type.Union([Type.Array(PlanProportion, { maxItems: 10 }), Type.Null()])),
  maxTargetsPerTeam: planFields.maxTargetsPerTeam,
  publishWithinWorkingDays: Type.Optional(Int(1, 250)),
  conflicts: planFields.conflicts,
});
export type UpdatePlanBody = Static<typeof UpdatePlanBody>;

export const PlanActionBody = Type.Object({ expectedVersion: Int(1, 2_147_483_647) });
export type PlanActionBody = Static<typeof PlanActionBody>;

export const QuarterlyPlansBody = Type.Object({ year: Int(2000, 2999) });
export type QuarterlyPlansBody = Static<typeof QuarterlyPlansBody>;

export const PlanListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(50, { description: 'words of the title' })),
  status: Type.Optional(PlanStatusSchema),
  orgId: Type.Optional(Uuid),
  periodOn: Type.Optional(IsoDate),
  year: Type.Optional(Int(2000, 2999)),
});
export type PlanListQuery = Static<typeof PlanListQuery>;

const Named = Type.Object({ id: Uuid, name: Type.String() });
const Squad = Type.Object({ id: Uuid, name: Type.String(), code: Type.String() });

export const PlanListItem = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: PlanStatusSchema,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  bureauName: Type.String(),
  squads: Type.Array(Squad),
  createdBy: Named,
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  drawnAt: Type.Union([IsoDateTime, Type.Null()]),
  drawnTargets: Type.Integer(),
  publishBy: Type.Union([IsoDate, Type.Null()]),
  version: Type.Integer(),
});
export type PlanListItem = Static<typeof PlanListItem>;

export const PlanPoolCount = Type.Object({ orgId: Uuid, level: Type.String(), count: Type.Integer() });
export const PlanInspectorCount = Type.Object({ orgId: Uuid, total: Type.Integer(), acting: Type.Integer() });

export const PlanTeam = Type.Object({
  teamNo: Type.Integer(),
  orgId: Uuid,
  area: Type.String(),
  inspectors: Type.Array(Named),
  /** All of the team's targets; `targets` lists the first 200 in draw order. */
  targetCount: Type.Integer(),
  targets: Type.Array(
    Type.Object({
      subjectId: Uuid,
      name: Type.String(),
      kind: Type.String(),
      level: Type.String(),
      taskStatus: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled'), Type.Null()]),
    }),
  ),
});
export type PlanTeam = Static<typeof PlanTeam>;

export const PlanDetail = Type.Object({
  id: Uuid,
  bureauId: Uuid,
  bureauName: Type.String(),
  title: Type.String(),
  status: PlanStatusSchema,
  periodFrom: IsoDate,
  periodTo: IsoDate,
  /** The day credentials are judged on and the draw may first be run: the period's first day. */
  drawDate: IsoDate,
  drawsPerYear: Type.Integer(),
  matters: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), subjectKinds: Type.Array(Type.String()) })),
  subjectKinds: Type.Array(SubjectKindSchema),
  squads: Type.Array(Squad),
  riskLevels: Type.Array(Type.String()),
  proportions: Type.Array(PlanProportion),
  /** True when the proportions were not set and follow from the risk scale and drawsPerYear. */
  proportionsDefault: Type.Boolean(),
  maxTargetsPerTeam: Type.Union([Type.Integer(), Type.Null()]),
  publishWithinWorkingDays: Type.Integer(),
  publishBy: Type.Union([IsoDate, Type.Null()]),
  conflicts: Type.Array(
    Type.Object({ officerId: Uuid, officerName: Type.String(), subjectId: Uuid, subjectName: Type.String(), reason: Type.String() }),
  ),
  createdBy: Named,
  submittedAt: Type.Union([IsoDateTime, Type.Null()]),
  approvedBy: Type.Union([Named, Type.Null()]),
  approvedAt: Type.Union([IsoDateTime, Type.Null()]),
  drawnBy: Type.Union([Named, Type.Null()]),
  drawnAt: Type.Union([IsoDateTime, Type.Null()]),
  commitment: Type.Union([Type.String(), Type.Null()]),
  inputDigest: Type.Union([Type.String(), Type.Null()]),
  /** The pools: live (a preview) before approval, frozen after. */
  poolFrozen: Type.Boolean(),
  targetCounts: Type.Array(PlanPoolCount),
  inspectorCounts: Type.Array(PlanInspectorCount),
  teams: Type.Array(PlanTeam),
  progress: Type.Object({ total: Type.Integer(), done: Type.Integer(), open: Type.Integer() }),
  can: Type.Object({ edit: Type.Boolean(), submit: Type.Boolean(), approve: Type.Boolean(), draw: Type.Boolean() }),
  version: Type.Integer(),
});
export type PlanDetail = Static<typeof PlanDetail>;

export const PlanIdParams = Type.Object({ id: Uuid });
export const PublicDrawParams = Type.Object({ planId: Uuid });

/**
 * What the bureau publishes about one draw, enough for anyone to re-run it (docs/random-inspections.md §3): from
 * approval the commitment, the input digest and the frozen pools; after the draw the seed and the result. Targets
 * are subject ids (not their 一店一码, which opens the subject's page); inspectors are officer ids with their squad's
 * code and whether a credential was acting on the draw date — no names, no credentials, no reasons of recusal.
 */
export const PublicDraw = Type.Object({
  planId: Uuid,
  title: Type.String(),
  bureauName: Type.String(),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  drawDate: IsoDate,
  status: Type.Union([Type.Literal('approved'), Type.Literal('drawn')]),
  matters: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), legalBasisZh: Type.String() })),
  areas: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  approvedAt: IsoDateTime,
  commitment: Type.String(),
  inputDigest: Type.String(),
  proportions: Type.Array(PlanProportion),
  maxTargetsPerTeam: Type.Union([Type.Integer(), Type.Null()]),
  publishBy: Type.Union([IsoDate, Type.Null()]),
  targets: Type.Array(Type.Object({ id: Type.String(), level: Type.String(), area: Type.String() })),
  inspectors: Type.Array(Type.Object({ id: Type.String(), area: Type.String(), acting: Type.Boolean() })),
  conflicts: Type.Array(Type.Object({ inspectorId: Type.String(), targetId: Type.String() })),
  drawnAt: Type.Union([IsoDateTime, Type.Null()]),
  seedHex: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([
    Type.Object({
      targets: Type.Array(Type.Object({ id: Type.String(), level: Type.String(), area: Type.String(), teamNo: Type.Integer() })),
      teams: Type.Array(
        Type.Object({
          teamNo: Type.Integer(),
          area: Type.String(),
          inspectorIds: Type.Array(Type.String()),
          targetIds: Type.Array(Type.String()),
        }),
      ),
    }),
    Type.Null(),
  ]),
  /**
   * 一公开: what the drawn targets' visits found, each from its submission; null before the draw. `withinPeriod`: the
   * result was published by `publishBy` (the plan's 公开 period, in working days from the draw).
   */
  results: Type.Union([
    Type.Object({
      total: Type.Integer(),
      done: Type.Integer(),
      notDone: Type.Integer(),
      publishedLate: Type.Integer(),
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          visitedOn: IsoDate,
          publishedOn: IsoDate,
          outcome: Type.Union([Type.Literal('passed'), Type.Literal('failed'), Type.Literal('rectification_ordered')]),
          failedItems: Type.Array(Type.String()),
          withinPeriod: Type.Boolean(),
        }),
      ),
    }),
    Type.Null(),
  ]),
});
export type PublicDraw = Static<typeof PublicDraw>;
