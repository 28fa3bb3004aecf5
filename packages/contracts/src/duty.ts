// 勤务 (duty, issue 13 §7; docs/duty.md): shifts, rosters, patrol areas, tasks, the plan of a month, 专项 campaigns,
// positions with consent, the duty log (执法日志) and its "3级18类" tags.
import { Type, type Static } from '@sinclair/typebox';
import { Code, Int, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Text, Uuid } from './common.ts';
import { OrgAreaGeometry } from './subjects.ts';

const ShiftCode = Code('^[a-z0-9_-]{1,16}$', 16, 'a shift code of the squad (early, day, night …)');
const Minute = Int(0, 1439, { description: 'minutes after midnight, Shanghai time' });

export const ShiftTemplate = Type.Object({
  id: Uuid,
  orgId: Uuid,
  code: Type.String(),
  name: Type.String(),
  startMinute: Type.Integer(),
  endMinute: Type.Integer(),
  /** HH:MM–HH:MM (次日 when it ends the next day). */
  hours: Type.String(),
  field: Type.Boolean(),
});
export type ShiftTemplate = Static<typeof ShiftTemplate>;

export const SaveShiftTemplateBody = Type.Object({
  orgId: Uuid,
  code: ShiftCode,
  name: Text(20, { minLength: 1 }),
  startMinute: Minute,
  endMinute: Minute,
  field: Type.Boolean(),
});
export type SaveShiftTemplateBody = Static<typeof SaveShiftTemplateBody>;

export const OrgQuery = Type.Object({ orgId: Uuid });
export type OrgQuery = Static<typeof OrgQuery>;

export const RosterQuery = Type.Object({ orgId: Uuid, weekStart: IsoDate });
export type RosterQuery = Static<typeof RosterQuery>;

export const RosterEntryInput = Type.Object({
  officerId: Uuid,
  dutyDate: IsoDate,
  shiftId: Uuid,
  patrolAreaId: Type.Optional(Nullable(Uuid)),
});
export type RosterEntryInput = Static<typeof RosterEntryInput>;

export const SaveRosterBody = Type.Object({
  orgId: Uuid,
  weekStart: IsoDate,
  entries: Type.Array(RosterEntryInput, { maxItems: 2000 }),
});
export type SaveRosterBody = Static<typeof SaveRosterBody>;

export const CopyRosterBody = Type.Object({ orgId: Uuid, weekStart: IsoDate });
export type CopyRosterBody = Static<typeof CopyRosterBody>;

export const RosterEntry = Type.Object({
  id: Uuid,
  officerId: Uuid,
  officerName: Type.String(),
  dutyDate: Type.String(),
  shiftId: Uuid,
  shiftName: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  field: Type.Boolean(),
  patrolAreaId: Nullable(Type.String()),
  patrolAreaName: Nullable(Type.String()),
});
export type RosterEntry = Static<typeof RosterEntry>;

export const RosterOfficer = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Status of his best 执法证 on the week's first day (valid, expiring, expired, missing …). */
  credentialStatus: Type.String(),
});

export const RosterWeek = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  weekStart: Type.String(),
  days: Type.Array(Type.Object({ date: Type.String(), workingDay: Type.Boolean() })),
  shifts: Type.Array(ShiftTemplate),
  officers: Type.Array(RosterOfficer),
  patrolAreas: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  entries: Type.Array(RosterEntry),
});
export type RosterWeek = Static<typeof RosterWeek>;

export const SavePatrolAreaBody = Type.Object({
  /** Omitted: a new area; given: the area replaced. */
  id: Type.Optional(Uuid),
  orgId: Uuid,
  name: Text(40, { minLength: 1 }),
  geometry: OrgAreaGeometry,
});
export type SavePatrolAreaBody = Static<typeof SavePatrolAreaBody>;

export const PatrolArea = Type.Object({
  id: Uuid,
  orgId: Uuid,
  name: Type.String(),
  geometry: Type.Unknown(),
  bbox: Type.Array(Type.Number()),
});
export type PatrolArea = Static<typeof PatrolArea>;

export const PatrolAreas = Type.Object({ serviceArea: Type.Unknown(), items: Type.Array(PatrolArea) });
export type PatrolAreas = Static<typeof PatrolAreas>;

export const DUTY_TASK_KINDS = ['inspection', 'ticket', 'patrol'] as const;
export type DutyTaskKind = (typeof DUTY_TASK_KINDS)[number];

export const DutyTask = Type.Object({
  kind: literals(DUTY_TASK_KINDS),
  id: Uuid,
  title: Type.String(),
  /** inspection: random / risk_frequency / special / reinspection; ticket: its state; patrol: the shift's name. */
  detail: Type.String(),
  due: Nullable(Type.String()),
  overdue: Type.Boolean(),
  /** Where the console opens it. */
  link: Nullable(Type.String()),
});
export type DutyTask = Static<typeof DutyTask>;

export const MyTasksQuery = Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) });
export type MyTasksQuery = Static<typeof MyTasksQuery>;

export const MyTasks = Type.Object({
  counts: Type.Object({ inspection: Type.Integer(), ticket: Type.Integer(), patrol: Type.Integer() }),
  onDutyNow: Type.Boolean(),
  consent: Type.Boolean(),
  items: Type.Array(DutyTask),
});
export type MyTasks = Static<typeof MyTasks>;

export const DutyPlanQuery = Type.Object({ orgId: Uuid, month: Code('^\\d{4}-(0[1-9]|1[0-2])$', 7, 'YYYY-MM') });
export type DutyPlanQuery = Static<typeof DutyPlanQuery>;

const PlanColumn = Type.Object({
  total: Type.Integer(),
  done: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
});
export const DutyPlan = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  month: Type.String(),
  /** 双随机: tasks from draws. */
  random: PlanColumn,
  /** 分级分类: tasks set by the risk level's frequency and re-inspections. */
  graded: PlanColumn,
  /** 专项: campaign tasks. */
  special: PlanColumn,
  campaigns: Type.Array(
    Type.Object({ id: Uuid, title: Type.String(), periodFrom: Type.String(), periodTo: Type.String(), targetCount: Type.Integer() }),
  ),
  plans: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String() })),
  rosteredShifts: Type.Integer(),
});
export type DutyPlan = Static<typeof DutyPlan>;

export const CreateCampaignBody = Type.Object({
  orgId: Uuid,
  title: Text(100, { minLength: 2 }),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  subjectIds: Type.Array(Uuid, { maxItems: 2000, uniqueItems: true }),
  officerIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }),
  note: Type.Optional(MultilineText(1000)),
});
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const Campaign = Type.Object({
  id: Uuid,
  orgId: Uuid,
  title: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  targetCount: Type.Integer(),
  taskCount: Type.Integer(),
  note: Nullable(Type.String()),
});
export type Campaign = Static<typeof Campaign>;

export const ConsentBody = Type.Object({ consented: Type.Boolean() });
export type ConsentBody = Static<typeof ConsentBody>;
export const ConsentState = Type.Object({
  consented: Type.Boolean(),
  noticeVersion: Type.String(),
  changedAt: Nullable(Type.String()),
  retentionDays: Type.Integer(),
});
export type ConsentState = Static<typeof ConsentState>;

export const ReportPositionBody = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
  /** When the phone took it; omitted = now. */
  at: Type.Optional(IsoDateTime),
});
export type ReportPositionBody = Static<typeof ReportPositionBody>;

export const PositionsQuery = Type.Object({ orgId: Type.Optional(Uuid) });
export type PositionsQuery = Static<typeof PositionsQuery>;

export const OfficerPosition = Type.Object({
  officerId: Uuid,
  name: Type.String(),
  orgId: Uuid,
  lng: Type.Number(),
  lat: Type.Number(),
  at: Type.String(),
  shiftName: Type.String(),
  shiftEndsAt: Type.String(),
  patrolAreaId: Nullable(Type.String()),
});
export const OfficerPositions = Type.Object({ items: Type.Array(OfficerPosition), retentionDays: Type.Integer() });
export type OfficerPositions = Static<typeof OfficerPositions>;

export const DutySettings = Type.Object({ bureauId: Uuid, positionRetentionDays: Type.Integer(), isDefault: Type.Boolean() });
export type DutySettings = Static<typeof DutySettings>;
export const PutDutySettingsBody = Type.Object({ bureauId: Uuid, positionRetentionDays: Int(1, 365) });
export type PutDutySettingsBody = Static<typeof PutDutySettingsBody>;
export const BureauQuery = Type.Object({ bureauId: Type.Optional(Uuid) });

export const DutyLogTag = Type.Object({
  code: Type.String(),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  nameZh: Type.String(),
  nameEn: Type.String(),
});
export type DutyLogTag = Static<typeof DutyLogTag>;

export const DUTY_LOG_SOURCES = ['case', 'ticket', 'inspection', 'manual'] as const;
export const DutyLogQuery = Type.Object({
  orgId: Type.Optional(Uuid),
  officerId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  source: Type.Optional(literals(DUTY_LOG_SOURCES)),
  tag: Type.Optional(Code('^[A-Za-z0-9-]{1,16}$', 16, 'a tag code of the 3级18类 scheme (a level-1 or level-2 code covers its children)')),
  ...PageQuery,
});
export type DutyLogQuery = Static<typeof DutyLogQuery>;

export const DutyLogEntry = Type.Object({
  id: Uuid,
  orgId: Uuid,
  orgName: Type.String(),
  officerId: Nullable(Type.String()),
  officerName: Nullable(Type.String()),
  entryDate: Type.String(),
  at: Type.String(),
  source: literals(DUTY_LOG_SOURCES),
  sourceId: Nullable(Type.String()),
  action: Type.String(),
  tagCode: Type.String(),
  tagPath: Type.String(),
  summary: Type.String(),
});
export type DutyLogEntry = Static<typeof DutyLogEntry>;

export const CreateDutyLogBody = Type.Object({
  entryDate: IsoDate,
  tagCode: Code('^[A-Za-z0-9-]{1,16}$', 16, 'a tag code of the 3级18类 scheme'),
  summary: MultilineText(1000, { minLength: 2 }),
});
export type CreateDutyLogBody = Static<typeof CreateDutyLogBody>;
