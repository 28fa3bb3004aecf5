// 检查: the 检查事项清单 (matters with their checklists), inspection tasks, the visit (综合查一次) and the 责令改正
// order a failed item may lead to (docs/random-inspections.md §4).
import { Type, type Static } from '@sinclair/typebox';
import { Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { Latitude, Longitude } from './geo.ts';
import { PartyBody } from './cases.ts';
import { SUBJECT_KIND_CODES } from './subjects.ts';

export const PHOTO_RULES = ['always', 'when_failed', 'never'] as const;
export const TASK_ORIGINS = ['random', 'special', 'reinspection', 'risk_frequency'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const ITEM_RESULTS = ['pass', 'fail', 'not_applicable'] as const;
export const VISIT_OUTCOMES = ['passed', 'failed'] as const;
export const RECTIFICATION_STATUSES = ['open', 'rectified', 'not_rectified'] as const;

/** Upper-case letters, digits and hyphens, starting with a letter (checked by the server: MATTER_CODE_PATTERN). */
export const MATTER_CODE_PATTERN = '^[A-Z][A-Z0-9-]{1,29}$';
const MatterCode = Text(30, { minLength: 1, description: 'e.g. SR-ZDJY; upper-case letters, digits, hyphens' });

export const ChecklistItemSchema = Type.Object({
  code: MatterCode,
  textZh: Text(200, { minLength: 2 }),
  legalBasisZh: Text(300, { minLength: 2 }),
  photo: literals(PHOTO_RULES),
});

export const InspectionMatterBody = Type.Object({
  code: MatterCode,
  nameZh: Text(100, { minLength: 2 }),
  legalBasisZh: Text(500, { minLength: 2 }),
  subjectKinds: Type.Array(literals(SUBJECT_KIND_CODES), { minItems: 1, maxItems: 9, uniqueItems: true }),
  items: Type.Array(ChecklistItemSchema, { minItems: 1, maxItems: 60 }),
});
export type InspectionMatterBody = Static<typeof InspectionMatterBody>;

export const UpdateInspectionMatterBody = Type.Object({
  nameZh: Text(100, { minLength: 2 }),
  legalBasisZh: Text(500, { minLength: 2 }),
  subjectKinds: Type.Array(literals(SUBJECT_KIND_CODES), { minItems: 1, maxItems: 9, uniqueItems: true }),
  items: Type.Array(ChecklistItemSchema, { minItems: 1, maxItems: 60 }),
  active: Type.Boolean(),
  /** The version the editor saw. */
  expectedVersion: Int(1, 1_000_000),
});
export type UpdateInspectionMatterBody = Static<typeof UpdateInspectionMatterBody>;

export const InspectionMatter = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  legalBasisZh: Type.String(),
  subjectKinds: Type.Array(Type.String()),
  items: Type.Array(Type.Object({ code: Type.String(), textZh: Type.String(), legalBasisZh: Type.String(), photo: literals(PHOTO_RULES) })),
  /** Null: the city's list. */
  bureauId: Nullable(Uuid),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: IsoDateTime,
});
export type InspectionMatter = Static<typeof InspectionMatter>;

export const InspectionMatterListQuery = Type.Object({
  q: Type.Optional(Text(50)),
  subjectKind: Type.Optional(literals(SUBJECT_KIND_CODES)),
  active: Type.Optional(Type.Boolean()),
});
export type InspectionMatterListQuery = Static<typeof InspectionMatterListQuery>;

// ---------------------------------------------------------------------------------------------------------
// Tasks

export const InspectionTask = Type.Object({
  id: Uuid,
  subjectId: Uuid,
  subjectName: Type.String(),
  subjectKind: Type.String(),
  subjectAddress: Nullable(Type.String()),
  orgId: Uuid,
  orgName: Type.String(),
  origin: literals(TASK_ORIGINS),
  planId: Nullable(Uuid),
  teamNo: Nullable(Type.Integer()),
  inspectorIds: Type.Array(Uuid),
  inspectorNames: Type.Array(Type.String()),
  matterCodes: Type.Array(Type.String()),
  dueOn: IsoDate,
  status: literals(TASK_STATUSES),
  /** Open and past its due date (Asia/Shanghai). */
  overdue: Type.Boolean(),
  visitId: Nullable(Uuid),
  createdAt: IsoDateTime,
});
export type InspectionTask = Static<typeof InspectionTask>;

export const InspectionTaskListQuery = Type.Object({
  ...PageQuery,
  /** Only the caller's own tasks (he is one of the two inspectors). */
  mine: Type.Optional(Type.Boolean()),
  orgId: Type.Optional(Uuid),
  status: Type.Optional(literals(TASK_STATUSES)),
  origin: Type.Optional(literals(TASK_ORIGINS)),
  overdue: Type.Optional(Type.Boolean()),
  subjectId: Type.Optional(Uuid),
  planId: Type.Optional(Uuid),
});
export type InspectionTaskListQuery = Static<typeof InspectionTaskListQuery>;

/** 专项检查 or re-inspection set by a squad leader. */
export const CreateInspectionTaskBody = Type.Object({
  subjectId: Uuid,
  origin: literals(['special', 'reinspection'] as const),
  inspectorIds: Type.Array(Uuid, { minItems: 2, maxItems: 2, uniqueItems: true }),
  matterCodes: Type.Array(MatterCode, { minItems: 1, maxItems: 20, uniqueItems: true }),
  dueOn: IsoDate,
});
export type CreateInspectionTaskBody = Static<typeof CreateInspectionTaskBody>;

export const OverdueQuery = Type.Object({ orgId: Type.Optional(Uuid) });
export type OverdueQuery = Static<typeof OverdueQuery>;

export const OverdueSummary = Type.Object({
  /** Per squad in the caller's jurisdiction: open and overdue tasks. */
  squads: Type.Array(Type.Object({ orgId: Uuid, orgName: Type.String(), open: Type.Integer(), overdue: Type.Integer() })),
  /** The overdue tasks of one squad (the one asked for, or the caller's own), oldest due first, at most 200. */
  items: Type.Array(InspectionTask),
});
export type OverdueSummary = Static<typeof OverdueSummary>;

// ---------------------------------------------------------------------------------------------------------
// The visit

export const VisitItemSchema = Type.Object({
  code: Type.String(),
  textZh: Type.String(),
  legalBasesZh: Type.Array(Type.String()),
  photo: literals(PHOTO_RULES),
  matterCodes: Type.Array(Type.String()),
});

export const VisitSubject = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  address: Nullable(Type.String()),
  creditCode: Nullable(Type.String()),
  riskLevel: Nullable(Type.String()),
  pointLon: Nullable(Type.Number()),
  pointLat: Nullable(Type.Number()),
});

export const VisitInspector = Type.Object({ id: Uuid, name: Type.String(), employeeNo: Type.String() });

export const VisitForm = Type.Object({
  subject: VisitSubject,
  tasks: Type.Array(Type.Object({ id: Uuid, origin: literals(TASK_ORIGINS), dueOn: IsoDate, matterCodes: Type.Array(Type.String()) })),
  inspectors: Type.Array(VisitInspector),
  matters: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), version: Type.Integer() })),
  items: Type.Array(VisitItemSchema),
  /** The last day the visit may be submitted (the earliest due date of its tasks). */
  dueOn: IsoDate,
});
export type VisitForm = Static<typeof VisitForm>;

export const VisitPrepareQuery = Type.Object({ subjectId: Uuid });

export const SubmitVisitBody = Type.Object({
  subjectId: Uuid,
  /** The tasks of the prepared form (a task closed meanwhile makes the submission 409). */
  taskIds: Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true }),
  visitedAt: IsoDateTime,
  /** Where the visit took place, WGS-84 (the phone's position or the place picked by hand). */
  point: Type.Object({ lon: Longitude, lat: Latitude }),
  results: Type.Array(
    Type.Object({
      code: Text(30, { minLength: 1 }),
      result: literals(ITEM_RESULTS),
      photoIds: Type.Array(Sm3Hex, { maxItems: 10, uniqueItems: true }),
      note: Type.Optional(MultilineText(500)),
    }),
    { maxItems: 200 },
  ),
  /**
   * Both inspectors sign on the screen (a drawn signature uploaded as an image). The inspector who submits is known
   * by his session; the other confirms with his own 工号 (employee number), checked against his record.
   */
  inspectorSignatures: Type.Array(Type.Object({ officerId: Uuid, signatureSm3: Sm3Hex, employeeNo: Type.Optional(Text(30)) }), {
    maxItems: 2,
  }),
  /** The subject's side (沪条例 Art. 19): signed, or refused / absent with a witness or the officers' note. */
  acknowledgement: Type.Object({
    kind: literals(['signed', 'refused', 'absent'] as const),
    signerName: Type.Optional(Text(50)),
    signatureSm3: Type.Optional(Sm3Hex),
    witnessName: Type.Optional(Text(50)),
    witnessSignatureSm3: Type.Optional(Sm3Hex),
    note: Type.Optional(MultilineText(500)),
  }),
});
export type SubmitVisitBody = Static<typeof SubmitVisitBody>;

export const RectificationOrder = Type.Object({
  id: Uuid,
  visitId: Uuid,
  subjectId: Uuid,
  subjectName: Type.String(),
  orgId: Uuid,
  items: Type.Array(Type.Object({ code: Type.String(), textZh: Type.String(), legalBasesZh: Type.Array(Type.String()) })),
  deadlineOn: IsoDate,
  reinspectOn: IsoDate,
  reinspectionTaskId: Uuid,
  status: literals(RECTIFICATION_STATUSES),
  closedOn: Nullable(IsoDate),
  closedByVisitId: Nullable(Uuid),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type RectificationOrder = Static<typeof RectificationOrder>;

export const InspectionVisit = Type.Object({
  id: Uuid,
  subject: VisitSubject,
  orgId: Uuid,
  inspectors: Type.Array(VisitInspector),
  taskIds: Type.Array(Uuid),
  outcome: literals(VISIT_OUTCOMES),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      textZh: Type.String(),
      legalBasesZh: Type.Array(Type.String()),
      result: literals(ITEM_RESULTS),
      note: Nullable(Type.String()),
      photoIds: Type.Array(Type.String()),
    }),
  ),
  counts: Type.Object({ pass: Type.Integer(), fail: Type.Integer(), notApplicable: Type.Integer() }),
  visitedAt: IsoDateTime,
  visitedOn: IsoDate,
  point: Type.Object({ lon: Type.Number(), lat: Type.Number() }),
  acknowledgement: Type.Object({
    kind: Type.String(),
    signerName: Nullable(Type.String()),
    witnessName: Nullable(Type.String()),
    note: Nullable(Type.String()),
  }),
  caseId: Nullable(Uuid),
  rectification: Nullable(RectificationOrder),
  /** What a case registered from this visit is prefilled with. */
  caseDraft: Type.Object({ facts: Type.String(), location: Type.String(), partyName: Type.String(), creditCode: Nullable(Type.String()) }),
});
export type InspectionVisit = Static<typeof InspectionVisit>;

export const RectificationBody = Type.Object({
  /** The failed items the order names (at least one). */
  itemCodes: Type.Array(Text(30, { minLength: 1 }), { minItems: 1, maxItems: 100, uniqueItems: true }),
  deadlineOn: IsoDate,
  reinspectOn: IsoDate,
  note: Type.Optional(MultilineText(500)),
});
export type RectificationBody = Static<typeof RectificationBody>;

export const RectificationListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(RECTIFICATION_STATUSES)),
  subjectId: Type.Optional(Uuid),
});
export type RectificationListQuery = Static<typeof RectificationListQuery>;

/** 立案 from a visit: the officer chooses the offence; facts and party are prefilled from the visit and the subject. */
export const VisitCaseBody = Type.Object({
  offenceCode: Text(40, { minLength: 1 }),
  facts: Type.Optional(MultilineText(20000, { minLength: 1 })),
  party: Type.Optional(PartyBody),
});
export type VisitCaseBody = Static<typeof VisitCaseBody>;
