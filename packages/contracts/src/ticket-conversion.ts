// 诉转案 and the four numbers by unit and month (issue 13 §5, §6; docs/tickets.md §9).
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, literals, MultilineText, Nullable, Text, Uuid } from './common.ts';
import { PartyBody } from './cases.ts';
import { TicketRate } from './tickets.ts';

/**
 * Converting a ticket into a case: the case is registered from the ticket's facts (content, place, address, receipt
 * as the time of discovery, photos as evidence) with source 投诉举报 and the ticket number; what the ticket cannot know
 * is given here.
 */
export const ConvertTicketBody = Type.Object({
  /** Defaults to the category's likely offence when one is configured. */
  offenceCode: Type.Optional(Text(40, { minLength: 1 })),
  /** 当事人: the ticket names the place, not the party. */
  party: PartyBody,
  /** Date of the illegal act; defaults to the receipt day. */
  actDate: Type.Optional(IsoDate),
  /** Defaults to the ticket's content with its number. */
  facts: Type.Optional(MultilineText(20000, { minLength: 1 })),
  /** 承办人 (the first leads); defaults to the ticket's officer, else the actor. */
  officerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true })),
});
export type ConvertTicketBody = Static<typeof ConvertTicketBody>;

export const ConvertTicketResult = Type.Object({ ticketId: Uuid, caseId: Uuid, created: Type.Boolean() });
export type ConvertTicketResult = Static<typeof ConvertTicketResult>;

const Month = Code('^[0-9]{4}-(0[1-9]|1[0-2])$', 7, 'month, e.g. 2026-03');

export const TicketRatesTableQuery = Type.Object({
  month: Month,
  /** squad: one row per squad; district: one row per district bureau. */
  groupBy: Type.Optional(literals(['squad', 'district'] as const)),
  /** Narrow to one district bureau (or any unit) of the jurisdiction. */
  orgId: Type.Optional(Uuid),
});
export type TicketRatesTableQuery = Static<typeof TicketRatesTableQuery>;

const RatesRow = {
  received: Type.Integer(),
  firstContact: TicketRate,
  onTime: TicketRate,
  resolution: TicketRate,
  satisfaction: TicketRate,
  conversion: TicketRate,
};

export const TicketRatesTable = Type.Object({
  month: Type.String(),
  groupBy: literals(['squad', 'district'] as const),
  rows: Type.Array(Type.Object({ orgId: Nullable(Uuid), orgName: Type.String(), ...RatesRow })),
  total: Type.Object(RatesRow),
});
export type TicketRatesTable = Static<typeof TicketRatesTable>;

/** The tickets part of the commander's and leaders' homes. */
export const TicketHome = Type.Object({
  month: Type.String(),
  lastMonth: Type.String(),
  thisMonth: Type.Object(RatesRow),
  previousMonth: Type.Object(RatesRow),
  todo: Type.Object({
    toAccept: Type.Integer(),
    toDispatch: Type.Integer(),
    overdue: Type.Integer(),
    pendingExtensions: Type.Integer(),
  }),
});
export type TicketHome = Static<typeof TicketHome>;
