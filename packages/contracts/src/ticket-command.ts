// 综合指挥 (issue 13 §3, §4, §8): the command centre's queue and map, the overdue alerts, the in-console messages they
// arrive as, and the category editor of the city administrator.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDateTime, literals, Nullable, Page, PageQuery, Text, Uuid } from './common.ts';
import { TICKET_LIMIT_KIND_CODES, TicketListQuery, TicketSummary } from './tickets.ts';

export const TICKET_ALERT_CLOCK_CODES = ['first_contact', 'handling'] as const;
export const TICKET_ALERT_THRESHOLD_CODES = ['warning', 'expired'] as const;

export const TicketAlertMark = Type.Object({
  clock: literals(TICKET_ALERT_CLOCK_CODES),
  threshold: literals(TICKET_ALERT_THRESHOLD_CODES),
  dueAt: IsoDateTime,
  raisedAt: IsoDateTime,
});
export type TicketAlertMark = Static<typeof TicketAlertMark>;

/** The queue: the ticket list's filters, plus tickets with a raised alert only. */
export const CommandQueueQuery = Type.Composite([
  TicketListQuery,
  Type.Object({
    /** Only tickets with a raised 临期 or overdue alert on a running clock. */
    alerted: Type.Optional(Type.Boolean()),
  }),
]);
export type CommandQueueQuery = Static<typeof CommandQueueQuery>;

export const CommandQueueItem = Type.Composite([
  TicketSummary,
  Type.Object({
    point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
    /** The earliest running clock's due instant (first contact, else handling); the queue's order after 待签收. */
    urgencyAt: Nullable(IsoDateTime),
    /** Alerts raised on the ticket's current due instants. */
    alerts: Type.Array(TicketAlertMark),
  }),
]);
export type CommandQueueItem = Static<typeof CommandQueueItem>;

/** A colour class of a point on the map: its handling clock, with 临期 once a warning is raised. */
export const MAP_CLOCK_CODES = ['received', 'running', 'warning', 'overdue', 'paused'] as const;

export const CommandMapTicket = Type.Object({
  id: Uuid,
  number: Type.String(),
  categoryName: Type.String(),
  state: Type.String(),
  orgId: Nullable(Uuid),
  lon: Type.Number(),
  lat: Type.Number(),
  clock: literals(MAP_CLOCK_CODES),
});
export const CommandMapArea = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  geometry: Type.Unknown(),
});
export const CommandMapDuplicate = Type.Object({
  ticketId: Uuid,
  ticketNumber: Type.String(),
  parentId: Uuid,
  parentNumber: Type.String(),
  distanceMetres: Type.Number(),
  hoursApart: Type.Number(),
  from: Type.Tuple([Type.Number(), Type.Number()]),
  to: Type.Tuple([Type.Number(), Type.Number()]),
});
export type CommandMapDuplicate = Static<typeof CommandMapDuplicate>;
export const CommandMap = Type.Object({
  tickets: Type.Array(CommandMapTicket),
  /** More open tickets with a point than drawn (the most urgent are drawn). */
  truncated: Type.Boolean(),
  areas: Type.Array(CommandMapArea),
  duplicates: Type.Array(CommandMapDuplicate),
});
export type CommandMap = Static<typeof CommandMap>;
export type CommandMapTicket = Static<typeof CommandMapTicket>;
export type CommandMapArea = Static<typeof CommandMapArea>;

export const CommandSquad = Type.Object({ id: Uuid, name: Type.String(), bureauId: Uuid });
export type CommandSquad = Static<typeof CommandSquad>;

// ── In-console messages (站内消息) ───────────────────────────────────────────────────────────────────────────────
export const InboxQuery = Type.Object({
  ...PageQuery,
  unread: Type.Optional(Type.Boolean()),
  kind: Type.Optional(Text(40, { minLength: 1 })),
});
export type InboxQuery = Static<typeof InboxQuery>;
export const InboxItem = Type.Object({
  id: Uuid,
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String()),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
export type InboxItem = Static<typeof InboxItem>;
export const InboxPage = Type.Composite([Page(InboxItem), Type.Object({ unread: Type.Integer() })]);
export type InboxPage = Static<typeof InboxPage>;

// ── Category editor ────────────────────────────────────────────────────────────────────────────────────────────
const CategoryCodeField = Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code: two capitals, then up to two pairs of digits');
const OffenceCodeField = Code('^[A-Za-z0-9-]{2,40}$', 40, 'offence code of the law library');

export const CreateTicketCategoryBody = Type.Object(
  {
    code: CategoryCodeField,
    nameZh: Text(40, { minLength: 1 }),
    nameEn: Text(80, { minLength: 1 }),
    parentCode: Type.Optional(Nullable(CategoryCodeField)),
    /** The I6 kind at the ordinary dispatch level (督办 and 回访复核 run on the supervision limit whatever the category). */
    defaultLimit: literals(['consultation', 'ordinary'] as const),
    offenceCode: Type.Optional(Nullable(OffenceCodeField)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  },
  { additionalProperties: false },
);
export type CreateTicketCategoryBody = Static<typeof CreateTicketCategoryBody>;

export const UpdateTicketCategoryBody = Type.Object(
  {
    nameZh: Type.Optional(Text(40, { minLength: 1 })),
    nameEn: Type.Optional(Text(80, { minLength: 1 })),
    defaultLimit: Type.Optional(literals(['consultation', 'ordinary'] as const)),
    offenceCode: Type.Optional(Nullable(OffenceCodeField)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
    /** false disables the category: no new ticket takes it; tickets that have it keep it. */
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateTicketCategoryBody = Static<typeof UpdateTicketCategoryBody>;

/** The handling limit a category's tickets run on at each dispatch level (I6; working days from the configuration). */
export const CategoryLimit = Type.Object({
  dispatchLevel: literals(['ordinary', 'supervision', 'callback_review'] as const),
  kind: literals(TICKET_LIMIT_KIND_CODES),
  workingDays: Type.Integer(),
});
export const TicketCategoryAdmin = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Nullable(Type.String()),
  defaultLimit: literals(TICKET_LIMIT_KIND_CODES),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
  offenceCode: Nullable(Type.String()),
  offenceName: Nullable(Type.String()),
  limits: Type.Array(CategoryLimit),
  ticketCount: Type.Integer(),
});
export type TicketCategoryAdmin = Static<typeof TicketCategoryAdmin>;
export const TicketCategoryAdminQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Text(40, { minLength: 1 })),
  active: Type.Optional(Type.Boolean()),
  parentCode: Type.Optional(CategoryCodeField),
});
export type TicketCategoryAdminQuery = Static<typeof TicketCategoryAdminQuery>;
