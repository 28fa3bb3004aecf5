// 住宅小区综合监管, 上海摊 stall points and 城管进社区 workrooms (issue 17 §2–4; docs/compounds.md, docs/stall-map.md,
// docs/workrooms.md).
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';
import { GeoPointBody } from './geo.ts';
import { RegisterCaseBody } from './cases.ts';

/** The domain's `RENOVATION_WORKS` (packages/domain/src/community/renovation.ts), listed here as the contracts do not load the domain. */
export const RENOVATION_WORK_CODES = [
  'interior_finish',
  'plumbing_electrical',
  'floor_load',
  'new_structure',
  'facade_opening',
  'gas_change',
  'heating_change',
  'load_bearing_change',
  'wet_room_move',
  'balcony_wall_removal',
] as const;
export const RENOVATION_OUTCOME_CODES = ['registered', 'permit_needed', 'prohibited'] as const;
export const PROPERTY_PROBLEM_CODES = ['illegal_construction', 'load_bearing', 'other'] as const;
export const PROPERTY_REPORT_STATE_CODES = ['reported', 'inspection', 'case', 'closed'] as const;
export const ANNOTATION_STATE_CODES = ['annotating', 'annotated', 'releasing', 'released'] as const;
export const STALL_POINT_TYPE_CODES = ['featured', 'guided', 'outdoor'] as const;
export const STALL_POINT_STATE_CODES = ['proposed', 'approved', 'suspended'] as const;
export const WORKROOM_ACTIVITY_KIND_CODES = ['consultation', 'publicity', 'joint_patrol', 'mediation', 'other'] as const;

// ---- compounds

export const CompoundProfileBody = Type.Object({
  propertyCompanyId: Type.Optional(Nullable(Uuid)),
  households: Type.Optional(Nullable(Int(0, 1_000_000))),
});
export type CompoundProfileBody = Static<typeof CompoundProfileBody>;

export const CompoundSummary = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  propertyCompanyId: Nullable(Uuid),
  propertyCompanyName: Nullable(Type.String()),
  households: Nullable(Type.Integer()),
  declarations: Type.Integer(),
  openReports: Type.Integer(),
  annotations: Type.Integer(),
});
export type CompoundSummary = Static<typeof CompoundSummary>;

export const CompoundListQuery = Type.Object({ ...PageQuery, q: Type.Optional(Text(100)) });
export type CompoundListQuery = Static<typeof CompoundListQuery>;

export const RenovationRuleHit = Type.Object({
  id: Type.String(),
  work: literals(RENOVATION_WORK_CODES),
  outcome: literals(RENOVATION_OUTCOME_CODES),
  zh: Type.String(),
  en: Type.String(),
  approverZh: Nullable(Type.String()),
  approverEn: Nullable(Type.String()),
  cite: Type.String(),
});

export const RenovationDeclarationBody = Type.Object({
  compoundId: Uuid,
  declarantKind: literals(['resident', 'property_company'] as const),
  declarantName: Text(100, { minLength: 1 }),
  room: Text(50, { minLength: 1 }),
  works: Type.Array(literals(RENOVATION_WORK_CODES), { minItems: 1, maxItems: 10, uniqueItems: true }),
  startOn: IsoDate,
  endOn: IsoDate,
  /** Where the house is, when the declarant picks it on the map. */
  point: Type.Optional(GeoPointBody),
});
export type RenovationDeclarationBody = Static<typeof RenovationDeclarationBody>;

export const RenovationDeclaration = Type.Object({
  id: Uuid,
  number: Type.String(),
  compoundId: Uuid,
  compoundName: Type.String(),
  declarantKind: literals(['resident', 'property_company'] as const),
  declarantName: Type.String(),
  room: Type.String(),
  works: Type.Array(literals(RENOVATION_WORK_CODES)),
  startOn: IsoDate,
  endOn: IsoDate,
  outcome: literals(RENOVATION_OUTCOME_CODES),
  rules: Type.Array(RenovationRuleHit),
  createdAt: IsoDateTime,
});
export type RenovationDeclaration = Static<typeof RenovationDeclaration>;

export const RenovationListQuery = Type.Object({
  ...PageQuery,
  compoundId: Type.Optional(Uuid),
  outcome: Type.Optional(literals(RENOVATION_OUTCOME_CODES)),
});
export type RenovationListQuery = Static<typeof RenovationListQuery>;

export const PropertyReportBody = Type.Object({
  compoundId: Uuid,
  problem: literals(PROPERTY_PROBLEM_CODES),
  reporterName: Text(100, { minLength: 1 }),
  room: Type.Optional(Text(50, { minLength: 1 })),
  description: MultilineText(2000, { minLength: 4 }),
});
export type PropertyReportBody = Static<typeof PropertyReportBody>;

export const PropertyReport = Type.Object({
  id: Uuid,
  number: Type.String(),
  compoundId: Uuid,
  compoundName: Type.String(),
  problem: literals(PROPERTY_PROBLEM_CODES),
  reporterName: Type.String(),
  room: Nullable(Type.String()),
  description: Type.String(),
  state: literals(PROPERTY_REPORT_STATE_CODES),
  inspectionTaskId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type PropertyReport = Static<typeof PropertyReport>;

export const PropertyReportListQuery = Type.Object({
  ...PageQuery,
  compoundId: Type.Optional(Uuid),
  state: Type.Optional(literals(PROPERTY_REPORT_STATE_CODES)),
  problem: Type.Optional(literals(PROPERTY_PROBLEM_CODES)),
  /** Part of the report's number, the compound's name or the room. */
  q: Type.Optional(Text(100)),
});
export type PropertyReportListQuery = Static<typeof PropertyReportListQuery>;

export const DisposePropertyReportBody = Type.Object({
  disposal: literals(['inspection', 'case', 'closed'] as const),
  /** For an inspection: the two inspectors (A1); for a case: the officers of the team. */
  inspectorIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 4, uniqueItems: true })),
  dueOn: Type.Optional(IsoDate),
  /** For a case: the registration (立案) as the cases module takes it; the report's number becomes its source reference. */
  registration: Type.Optional(RegisterCaseBody),
  note: Type.Optional(MultilineText(500, { minLength: 1 })),
});
export type DisposePropertyReportBody = Static<typeof DisposePropertyReportBody>;

export const HouseAnnotationBody = Type.Object({
  compoundId: Uuid,
  room: Text(50, { minLength: 1 }),
  reason: MultilineText(500, { minLength: 2 }),
  reportId: Type.Optional(Uuid),
});
export type HouseAnnotationBody = Static<typeof HouseAnnotationBody>;

export const ReleaseAnnotationBody = Type.Object({ releaseReason: MultilineText(500, { minLength: 2 }) });
export type ReleaseAnnotationBody = Static<typeof ReleaseAnnotationBody>;

export const HouseAnnotation = Type.Object({
  id: Uuid,
  compoundId: Uuid,
  compoundName: Type.String(),
  room: Type.String(),
  reason: Type.String(),
  reportId: Nullable(Uuid),
  state: literals(ANNOTATION_STATE_CODES),
  housingRef: Nullable(Type.String()),
  releaseReason: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  /** True when the housing department is the local simulator. */
  simulator: Type.Boolean(),
  createdAt: IsoDateTime,
  annotatedAt: Nullable(IsoDateTime),
  releasedAt: Nullable(IsoDateTime),
});
export type HouseAnnotation = Static<typeof HouseAnnotation>;

export const HouseAnnotationListQuery = Type.Object({
  ...PageQuery,
  compoundId: Type.Optional(Uuid),
  state: Type.Optional(literals(ANNOTATION_STATE_CODES)),
  /** Part of the compound's name or the room. */
  q: Type.Optional(Text(100)),
});
export type HouseAnnotationListQuery = Static<typeof HouseAnnotationListQuery>;

// ---- stall points

export const StallPointBody = Type.Object({
  subjectId: Uuid,
  pointType: literals(STALL_POINT_TYPE_CODES),
  opensAt: Code('^([01][0-9]|2[0-3]):[0-5][0-9]$', 5, 'HH:MM, Shanghai time'),
  closesAt: Code('^([01][0-9]|2[0-4]):[0-5][0-9]$', 5, 'HH:MM, Shanghai time; not after the opening: the next day'),
  capacity: Int(1, 10_000),
  rules: MultilineText(1000, { minLength: 2 }),
});
export type StallPointBody = Static<typeof StallPointBody>;

export const StallPointStepBody = Type.Object({
  action: literals(['approve', 'suspend', 'supervise'] as const),
  note: Type.Optional(MultilineText(500, { minLength: 1 })),
});
export type StallPointStepBody = Static<typeof StallPointStepBody>;

export const StallPoint = Type.Object({
  id: Uuid,
  name: Type.String(),
  address: Nullable(Type.String()),
  district: Nullable(Type.String()),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  pointType: literals(STALL_POINT_TYPE_CODES),
  opensAt: Type.String(),
  closesAt: Type.String(),
  capacity: Type.Integer(),
  rules: Type.String(),
  state: literals(STALL_POINT_STATE_CODES),
  approvedAt: Nullable(IsoDateTime),
  lastSupervisedAt: Nullable(IsoDateTime),
  supervisions: Type.Integer(),
  openNow: Type.Boolean(),
});
export type StallPoint = Static<typeof StallPoint>;

export const StallPointListQuery = Type.Object({
  ...PageQuery,
  pointType: Type.Optional(literals(STALL_POINT_TYPE_CODES)),
  state: Type.Optional(literals(STALL_POINT_STATE_CODES)),
});
export type StallPointListQuery = Static<typeof StallPointListQuery>;

/** The public map's item: no officer's data, only what a passer-by needs. */
export const PublicStallPoint = Type.Object({
  id: Uuid,
  name: Type.String(),
  address: Nullable(Type.String()),
  lon: Type.Number(),
  lat: Type.Number(),
  pointType: literals(STALL_POINT_TYPE_CODES),
  opensAt: Type.String(),
  closesAt: Type.String(),
  capacity: Type.Integer(),
  rules: Type.String(),
  openNow: Type.Boolean(),
});
export type PublicStallPoint = Static<typeof PublicStallPoint>;

export const PublicStallQuery = Type.Object({ pointType: Type.Optional(literals(STALL_POINT_TYPE_CODES)) });
export type PublicStallQuery = Static<typeof PublicStallQuery>;

export const StallComplaintBody = Type.Object({
  categoryCode: Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code, e.g. SR04'),
  content: MultilineText(2000, { minLength: 4 }),
  contactConsent: Type.Boolean(),
});
export type StallComplaintBody = Static<typeof StallComplaintBody>;

export const StallComplaintAnswer = Type.Object({ ticketId: Uuid, ticketNumber: Type.String() });

// ---- workrooms

export const WorkroomBody = Type.Object({
  orgId: Uuid,
  name: Text(100, { minLength: 2 }),
  community: Text(100, { minLength: 2 }),
  address: Text(200, { minLength: 2 }),
  openingHours: Text(200, { minLength: 2 }),
  officerIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }),
});
export type WorkroomBody = Static<typeof WorkroomBody>;

export const Workroom = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  name: Type.String(),
  community: Type.String(),
  address: Type.String(),
  openingHours: Type.String(),
  officers: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  activities: Type.Integer(),
  tickets: Type.Integer(),
  createdAt: IsoDateTime,
});
export type Workroom = Static<typeof Workroom>;

export const WorkroomListQuery = Type.Object({ ...PageQuery, q: Type.Optional(Text(100)) });
export type WorkroomListQuery = Static<typeof WorkroomListQuery>;

export const WorkroomActivityBody = Type.Object({
  kind: literals(WORKROOM_ACTIVITY_KIND_CODES),
  title: Text(200, { minLength: 2 }),
  heldOn: IsoDate,
  participants: Int(0, 100_000),
  communityWeek: Type.Boolean(),
});
export type WorkroomActivityBody = Static<typeof WorkroomActivityBody>;

export const WorkroomActivity = Type.Object({
  id: Uuid,
  workroomId: Uuid,
  kind: literals(WORKROOM_ACTIVITY_KIND_CODES),
  title: Type.String(),
  heldOn: IsoDate,
  participants: Type.Integer(),
  communityWeek: Type.Boolean(),
  createdAt: IsoDateTime,
});
export type WorkroomActivity = Static<typeof WorkroomActivity>;

export const WorkroomComplaintBody = Type.Object({
  categoryCode: Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code, e.g. SR04'),
  content: MultilineText(2000, { minLength: 4 }),
  address: Type.Optional(Text(200, { minLength: 2 })),
  point: Type.Optional(GeoPointBody),
  reporterName: Type.Optional(Text(50, { minLength: 1 })),
  reporterPhone: Type.Optional(Code('^[0-9+\\- ]{5,20}$', 20)),
});
export type WorkroomComplaintBody = Static<typeof WorkroomComplaintBody>;

export const WorkroomCounts = Type.Object({
  workrooms: Type.Integer(),
  officers: Type.Integer(),
  activities: Type.Integer(),
  communityWeekActivities: Type.Integer(),
  participants: Type.Integer(),
  tickets: Type.Integer(),
});
export type WorkroomCounts = Static<typeof WorkroomCounts>;

export const WorkroomCountsQuery = Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) });
export type WorkroomCountsQuery = Static<typeof WorkroomCountsQuery>;
