// The 12345 / 城运 ticket exchange (docs/tickets.md §8): the wire messages in both directions and the console's view of
// the connector. Inbound tickets and outbound replies are signed with HMAC-SM3 over
// `<timestamp>\n<nonce>\n<canonical body>` (headers X-Exchange-Timestamp, X-Exchange-Nonce, X-Exchange-Signature).
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, IsoDateTime, literals, MultilineText, Nullable, Text } from './common.ts';

export const EXCHANGE_CHANNEL_CODES = ['hotline_12345', 'city_ops'] as const;
export const EXCHANGE_REPLY_KINDS = ['accept', 'reply', 'return', 'extension', 'reject'] as const;
export const OUTBOX_STATUS_CODES = ['pending', 'sent', 'retrying', 'failed'] as const;

/** The signed request headers of every exchange message. */
export const ExchangeHeaders = Type.Object({
  'x-exchange-timestamp': Code('^[0-9]{10,13}$', 13, 'Unix time in milliseconds (or seconds)'),
  'x-exchange-nonce': Code('^[A-Za-z0-9_-]{16,64}$', 64, 'a random string used once'),
  'x-exchange-signature': Code('^[0-9a-fA-F]{64}$', 64, 'HMAC-SM3, 64 hex digits'),
});

/**
 * One ticket the exchange dispatches to a district bureau. Flat fields (the canonical string signs `name=value`
 * pairs sorted by name). Coordinates are GCJ-02 unless `crs` says wgs84 (the exchange's map is GCJ-02).
 */
export const ExchangeTicket = Type.Object({
  ticketNo: Text(40, { minLength: 1, pattern: '^[A-Za-z0-9_-]+$' }),
  /** 承办单位: the district's administrative code (e.g. 310115 浦东新区). */
  unitCode: Code('^[0-9]{6}$', 6),
  categoryCode: Text(8, { minLength: 2 }),
  content: MultilineText(2000, { minLength: 1 }),
  address: Type.Optional(Text(200)),
  /** Numbers as sent; a malformed or out-of-area point is returned with the reason, not refused. */
  lon: Type.Optional(Type.Number({ minimum: -10_000, maximum: 10_000 })),
  lat: Type.Optional(Type.Number({ minimum: -10_000, maximum: 10_000 })),
  crs: Type.Optional(literals(['gcj02', 'wgs84'] as const)),
  receivedAt: IsoDateTime,
  /** The exchange's own handling limit (recorded on the timeline; our clocks follow I6). */
  limitAt: Type.Optional(IsoDateTime),
  dispatchLevel: Type.Optional(literals(['ordinary', 'supervision', 'callback_review'] as const)),
  reporterName: Type.Optional(Text(40)),
  reporterPhone: Type.Optional(Text(20)),
});
export type ExchangeTicket = Static<typeof ExchangeTicket>;

/** The answer to a delivery; the same ticket delivered again gets the same answer. */
export const ExchangeTicketAnswer = Type.Object({
  ticketNo: Type.String(),
  result: literals(['accepted', 'rejected'] as const),
  /** Our ticket number when accepted. */
  number: Nullable(Type.String()),
  duplicate: Type.Boolean(),
  reasonCode: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type ExchangeTicketAnswer = Static<typeof ExchangeTicketAnswer>;

/** One reply to the exchange (签收, 回复, 退单, 延期申请, or the rejection of an undeliverable ticket). */
export const ExchangeReply = Type.Object({
  idempotencyKey: Text(120, { minLength: 8 }),
  channel: literals(EXCHANGE_CHANNEL_CODES),
  ticketNo: Text(40, { minLength: 1 }),
  kind: literals(EXCHANGE_REPLY_KINDS),
  at: IsoDateTime,
  text: Type.Optional(MultilineText(2000)),
  reason: Type.Optional(Text(500)),
  /** 延期申请: complex or a date. */
  extensionKind: Type.Optional(literals(['complex', 'date'] as const)),
  requestedDue: Type.Optional(IsoDate),
  /** A reply after the handling limit: sent, and flagged. */
  late: Type.Optional(Type.Boolean()),
});
export type ExchangeReply = Static<typeof ExchangeReply>;

export const ExchangeReplyAnswer = Type.Object({ idempotencyKey: Type.String(), applied: Type.Boolean(), duplicate: Type.Boolean() });
export type ExchangeReplyAnswer = Static<typeof ExchangeReplyAnswer>;

/** One outbox row as the ticket page shows it. */
export const TicketOutboxItem = Type.Object({
  kind: literals(EXCHANGE_REPLY_KINDS),
  status: literals(OUTBOX_STATUS_CODES),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  late: Type.Boolean(),
  createdAt: IsoDateTime,
  sentAt: Nullable(IsoDateTime),
});
export type TicketOutboxItem = Static<typeof TicketOutboxItem>;

/** The connector as the console shows it. */
export const TicketExchangeStatus = Type.Object({
  mode: literals(['simulator', 'off'] as const),
  simulator: Type.Boolean(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  inboundPath: Nullable(Type.String()),
  outbox: Type.Object({ pending: Type.Integer(), sent: Type.Integer(), retrying: Type.Integer(), failed: Type.Integer() }),
  inbound: Type.Object({ accepted: Type.Integer(), rejected: Type.Integer() }),
});
export type TicketExchangeStatus = Static<typeof TicketExchangeStatus>;

export const SimulatorPlayBody = Type.Object({
  /** How many tickets of the stream to deliver now. */
  count: Type.Integer({ minimum: 1, maximum: 200 }),
  /** The stream's seed (same seed, same stream). */
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
  channel: Type.Optional(literals(EXCHANGE_CHANNEL_CODES)),
});
export type SimulatorPlayBody = Static<typeof SimulatorPlayBody>;

export const SimulatorPlayResult = Type.Object({
  delivered: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  refused: Type.Integer(),
});
export type SimulatorPlayResult = Static<typeof SimulatorPlayResult>;

export const SimulatorPlayQueued = Type.Object({ queued: Type.Integer(), seed: Type.Integer(), channel: literals(EXCHANGE_CHANNEL_CODES) });
export type SimulatorPlayQueued = Static<typeof SimulatorPlayQueued>;
