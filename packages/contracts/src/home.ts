// Role homes (首页): what each role lands on after login — its own 待办, 预警 (due soon, overdue, blocked) and a few
// numbers of its scope, each counted on the server within the user's jurisdiction and capped like the case list.
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common.ts';
import { CaseActionSchema, CaseStateSchema } from './cases.ts';
import { TicketHome } from './ticket-conversion.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const HOME_KINDS = ['field_officer', 'squad_leader', 'bureau_leader', 'legal_reviewer', 'commander', 'supervisor', 'admin'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];

/** A count that stops at its cap: `capped` says there are more (the console shows 「10,000+」). */
export const HomeCount = Type.Object({ value: Type.Integer(), capped: Type.Boolean() });
export type HomeCount = Static<typeof HomeCount>;

export const HOME_NUMBER_KEYS = [
  'myOpen',
  'myOverdue',
  'open',
  'overdue',
  'reviewsWaiting',
  'hearingsWaiting',
  'stage.filing',
  'stage.investigation',
  'stage.review',
  'stage.notice',
  'stage.decision',
  'stage.enforcement',
  'stage.suspended',
] as const;
export type HomeNumberKey = (typeof HOME_NUMBER_KEYS)[number];

export const HomeNumber = Type.Object({
  key: Type.Union(HOME_NUMBER_KEYS.map((k) => Type.Literal(k))),
  count: HomeCount,
  /** The case list filtered to exactly these cases (query string), when the list can show them. */
  listQuery: Nullable(Type.String()),
});
export type HomeNumber = Static<typeof HomeNumber>;

const caseLine = {
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  partyName: Type.String(),
  state: CaseStateSchema,
  stateLabelZh: Type.String(),
};

export const RoleHome = Type.Object({
  kind: Type.Union(HOME_KINDS.map((k) => Type.Literal(k))),
  today: IsoDate,
  /** The org whose work the numbers count (the user's jurisdiction). */
  scopeName: Type.String(),
  /** Whether the home counts cases at all (an administrator without case:read does not). */
  readsCases: Type.Boolean(),
  /** 待办: open cases where an action of the user's roles is allowed now (read newest first, at most `taskReadLimit`). */
  todo: Type.Object({
    count: HomeCount,
    items: Type.Array(Type.Object({ ...caseLine, actions: Type.Array(Type.Object({ action: CaseActionSchema, labelZh: Type.String() })) })),
  }),
  alerts: Type.Object({
    dueSoonDays: Type.Integer(),
    /** Cases with an agency deadline due within `dueSoonDays`, not yet overdue. */
    dueSoon: HomeCount,
    /** Cases with an overdue agency deadline. */
    overdue: HomeCount,
    /** Open cases where the user's roles have a step in the current state but the law does not allow it yet. */
    blocked: Type.Object({
      count: HomeCount,
      items: Type.Array(
        Type.Object({
          ...caseLine,
          sentenceZh: Type.String(),
          sentenceEn: Type.String(),
          citationZh: Nullable(Type.String()),
          ruleId: Type.String(),
        }),
      ),
    }),
  }),
  taskReadLimit: Type.Integer(),
  numbers: Type.Array(HomeNumber),
  /**
   * District leaders and the command centre: open and overdue cases per squad of the jurisdiction (per district bureau
   * when the jurisdiction holds more squads than a home can list, as the city does).
   */
  byUnit: Type.Array(Type.Object({ orgId: Uuid, orgName: Type.String(), open: HomeCount, overdue: HomeCount })),
  /** A squad leader's inspections (检查): his squad's open tasks, done this quarter, overdue. */
  inspections: Type.Optional(Type.Object({ open: Type.Integer(), doneThisQuarter: Type.Integer(), overdue: Type.Integer() })),
  /** The command centre and the leaders: the four rates this month and last, and the tickets waiting on the centre. */
  tickets: Type.Optional(TicketHome),
  /** Pages this user can use today (their paths in the console, shown if the user may open them). */
  capabilities: Type.Array(Type.String()),
});
export type RoleHome = Static<typeof RoleHome>;
