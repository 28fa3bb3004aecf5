// 诉件处置 (REQUIREMENTS.md R12; docs/tickets.md): intake, the list, the ticket page with its clocks and timeline,
// and the steps of the ticket state machine (packages/domain/src/tickets). The literal lists mirror the domain's.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, IsoDateTime, literals, MultilineText, Nullable, PageQuery, Sm3Hex, Text, Uuid } from './common.ts';
import { GeoPointBody } from './geo.ts';
import { TicketOutboxItem } from './ticket-exchange.ts';

export const TICKET_CHANNEL_CODES = ['hotline_12345', 'city_ops', 'portal', 'officer', 'workroom', 'open311', 'joint_order'] as const;
export const TICKET_STATE_CODES = [
  'received',
  'accepted',
  'dispatched',
  'handling',
  'replied',
  'closed',
  'returned',
  'referred',
  'merged',
] as const;
export const DISPATCH_LEVEL_CODES = ['ordinary', 'supervision', 'callback_review'] as const;
export const TICKET_LIMIT_KIND_CODES = ['consultation', 'ordinary', 'supervision', 'complex'] as const;
export const SATISFACTION_CODES = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const CLOCK_STATUS_CODES = ['running', 'paused', 'met', 'late', 'overdue'] as const;
/** The ticket steps: the domain's `TICKET_ACTIONS`, listed here as the contracts do not load the domain. */
export const TICKET_ACTION_CODES = [
  'accept',
  'dispatch',
  'startHandling',
  'recordContact',
  'reply',
  'close',
  'recordCallback',
  'returnTicket',
  'reopen',
  'transfer',
  'refer',
  'escalate',
  'requestExtension',
  'decideExtension',
  'merge',
  'convertToCase',
] as const;
/** The steps taken through POST /api/v1/tickets/:id/<path>: the server mounts them, the console calls them. */
export const TICKET_STEP_PATHS = {
  accept: 'accept',
  dispatch: 'dispatch',
  startHandling: 'start',
  recordContact: 'contact',
  reply: 'reply',
  close: 'close',
  recordCallback: 'callback',
  returnTicket: 'return',
  reopen: 'reopen',
  transfer: 'transfer',
  refer: 'refer',
  escalate: 'escalate',
  merge: 'merge',
} as const;
export type TicketStepAction = keyof typeof TICKET_STEP_PATHS;

const CategoryCode = Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code, e.g. SR04');
const Phone = Code('^[0-9+\\- ]{5,20}$', 20);
const Reason = MultilineText(500, { minLength: 2 });

export const TicketCategory = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Nullable(Type.String()),
  defaultLimit: literals(TICKET_LIMIT_KIND_CODES),
  active: Type.Boolean(),
  selectable: Type.Boolean(),
  /** The offence the category usually leads to: prefills 诉转案. */
  offenceCode: Nullable(Type.String()),
});
export type TicketCategory = Static<typeof TicketCategory>;

/**
 * A ticket entered by the bureau: an officer's own discovery (`officer`), or one taken in by the command centre from
 * 12345 / 城运 / a community workroom with the sender's number (the same number twice is the same ticket).
 */
export const CreateTicketBody = Type.Object({
  channel: literals(['officer', 'hotline_12345', 'city_ops', 'workroom'] as const),
  externalNo: Type.Optional(Code('^[A-Za-z0-9-]{4,40}$', 40, "the sender's ticket number")),
  categoryCode: CategoryCode,
  dispatchLevel: Type.Optional(literals(DISPATCH_LEVEL_CODES)),
  content: MultilineText(2000, { minLength: 4 }),
  address: Type.Optional(Text(200, { minLength: 2 })),
  point: Type.Optional(GeoPointBody),
  /** When received by the sender (12345); defaults to now. */
  receivedAt: Type.Optional(IsoDateTime),
  reporterName: Type.Optional(Text(50, { minLength: 1 })),
  reporterPhone: Type.Optional(Phone),
  photoSm3s: Type.Optional(Type.Array(Sm3Hex, { maxItems: 9, uniqueItems: true })),
  /** The squad, when the point names none (or no point is given). */
  orgId: Type.Optional(Uuid),
});
export type CreateTicketBody = Static<typeof CreateTicketBody>;

export const TicketClock = Type.Object({
  status: literals(CLOCK_STATUS_CODES),
  dueAt: IsoDateTime,
  dueOn: Nullable(IsoDate),
  remainingMs: Nullable(Type.Number()),
  remainingWorkingDays: Nullable(Type.Integer()),
});
export type TicketClock = Static<typeof TicketClock>;

export const TicketSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  channel: literals(TICKET_CHANNEL_CODES),
  externalNo: Nullable(Type.String()),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  dispatchLevel: literals(DISPATCH_LEVEL_CODES),
  limitKind: literals(TICKET_LIMIT_KIND_CODES),
  state: literals(TICKET_STATE_CODES),
  content: Type.String(),
  address: Nullable(Type.String()),
  bureauId: Uuid,
  orgId: Nullable(Uuid),
  orgName: Nullable(Type.String()),
  officerId: Nullable(Uuid),
  officerName: Nullable(Type.String()),
  /** Masked (I4: the reporter's identity is confidential). */
  reporterPhone: Nullable(Type.String()),
  receivedAt: IsoDateTime,
  handlingDueOn: IsoDate,
  handling: TicketClock,
  firstContact: Nullable(TicketClock),
  repeated: Type.Boolean(),
  parentId: Nullable(Uuid),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const TicketEvent = Type.Object({
  id: Uuid,
  action: Type.String(),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: IsoDateTime,
});
export type TicketEvent = Static<typeof TicketEvent>;

export const TicketExtension = Type.Object({
  id: Uuid,
  kind: literals(['complex', 'date'] as const),
  requestedDue: Nullable(IsoDate),
  reason: Type.String(),
  status: literals(['pending', 'approved', 'rejected'] as const),
  requestedAt: IsoDateTime,
  decidedAt: Nullable(IsoDateTime),
  decisionNote: Nullable(Type.String()),
});
export type TicketExtension = Static<typeof TicketExtension>;

export const DuplicateCandidate = Type.Object({
  id: Uuid,
  number: Type.String(),
  channel: literals(TICKET_CHANNEL_CODES),
  distanceMetres: Type.Number(),
  hoursApart: Type.Number(),
});

export const TicketDetail = Type.Composite([
  TicketSummary,
  Type.Object({
    reporterName: Nullable(Type.String()),
    /** Unmasked only for the squad that handles it and the command centre. */
    reporterContactVisible: Type.Boolean(),
    point: Nullable(Type.Object({ lon: Type.Number(), lat: Type.Number() })),
    photoSm3s: Type.Array(Type.String()),
    replyText: Nullable(Type.String()),
    repliedAt: Nullable(IsoDateTime),
    closedAt: Nullable(IsoDateTime),
    resolved: Nullable(Type.Boolean()),
    satisfaction: Nullable(literals(SATISFACTION_CODES)),
    feedbackDueOn: Nullable(IsoDate),
    limitBasis: Type.String(),
    caseId: Nullable(Uuid),
    /** 诉转案: the case's number once registered (立案 number), its latest outcome and the reply queued for the sender. */
    caseNumber: Nullable(Type.String()),
    caseOutcome: Nullable(Type.String()),
    outcomeReplyText: Nullable(Type.String()),
    outcomeReplyQueuedAt: Nullable(IsoDateTime),
    outcomeReplySentAt: Nullable(IsoDateTime),
    children: Type.Array(Uuid),
    /** 联合工单 linked to the ticket: the order it was made from, or the orders sent from it to partner departments. */
    jointOrders: Type.Array(
      Type.Object({ id: Uuid, number: Type.String(), partnerName: Type.String(), direction: Type.String(), state: Type.String() }),
    ),
    allowedActions: Type.Array(literals(TICKET_ACTION_CODES)),
    extensions: Type.Array(TicketExtension),
    duplicates: Type.Array(DuplicateCandidate),
    timeline: Type.Array(TicketEvent),
    /** Replies to the 12345 / 城运 exchange and their delivery; `exchangeSimulated`: the exchange is the local simulator. */
    outbox: Type.Array(TicketOutboxItem),
    exchangeSimulated: Type.Boolean(),
  }),
]);
export type TicketDetail = Static<typeof TicketDetail>;

export const TicketListQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literals(TICKET_STATE_CODES)),
  /** Open tickets only (received … handling). */
  open: Type.Optional(Type.Boolean()),
  channel: Type.Optional(literals(TICKET_CHANNEL_CODES)),
  categoryCode: Type.Optional(CategoryCode),
  orgId: Type.Optional(Uuid),
  /** Tickets assigned to me. */
  mine: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
  repeated: Type.Optional(Type.Boolean()),
  receivedFrom: Type.Optional(IsoDate),
  receivedTo: Type.Optional(IsoDate),
  q: Type.Optional(Text(60, { minLength: 1 })),
  /** The ticket a case was converted from (诉转案). */
  caseId: Type.Optional(Uuid),
});
export type TicketListQuery = Static<typeof TicketListQuery>;

/** One step of the machine. Which fields a step reads is given beside each. */
export const TicketStepBody = Type.Object({
  /** 退单, reopen, transfer, refer, escalate, merge: why. */
  reason: Type.Optional(Reason),
  /** dispatch, transfer: the squad (within the commander's jurisdiction). */
  orgId: Type.Optional(Uuid),
  /** dispatch, transfer: the officer of that squad (optional). */
  officerId: Type.Optional(Uuid),
  /** reply: what was done and found. */
  replyText: Type.Optional(MultilineText(2000, { minLength: 4 })),
  /** recordCallback. */
  resolved: Type.Optional(Type.Boolean()),
  satisfaction: Type.Optional(literals(SATISFACTION_CODES)),
  /** merge: the parent ticket (主件). */
  parentTicketId: Type.Optional(Uuid),
  /** When it happened (defaults to now; recordContact may be entered afterwards). */
  at: Type.Optional(IsoDateTime),
});
export type TicketStepBody = Static<typeof TicketStepBody>;

export const TicketExtensionBody = Type.Object({
  kind: literals(['complex', 'date'] as const),
  requestedDue: Type.Optional(IsoDate),
  reason: Reason,
});
export type TicketExtensionBody = Static<typeof TicketExtensionBody>;

export const TicketExtensionDecisionBody = Type.Object({
  approve: Type.Boolean(),
  note: Type.Optional(MultilineText(500, { minLength: 1 })),
});
export type TicketExtensionDecisionBody = Static<typeof TicketExtensionDecisionBody>;

export const TicketRate = Type.Object({ numerator: Type.Integer(), denominator: Type.Integer(), percent: Nullable(Type.Number()) });

export const TicketRatesQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  orgId: Type.Optional(Uuid),
});
export type TicketRatesQuery = Static<typeof TicketRatesQuery>;

export const TicketRates = Type.Object({
  from: IsoDate,
  to: IsoDate,
  received: Type.Integer(),
  firstContact: TicketRate,
  onTime: TicketRate,
  resolution: TicketRate,
  satisfaction: TicketRate,
  /** 诉转案率: tickets converted into a case ÷ tickets received. */
  conversion: TicketRate,
});
export type TicketRates = Static<typeof TicketRates>;
