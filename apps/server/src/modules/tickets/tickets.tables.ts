import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** Configurable 诉件 categories (migration 037). */
export type TicketCategoriesTable = {
  code: string;
  name_zh: string;
  name_en: string;
  parent_code: Nullable<string>;
  default_limit: string;
  active: WithDefault<boolean>;
  sort_order: WithDefault<number>;
  /** The offence the category usually leads to (040), prefilling 诉转案. */
  offence_code: Nullable<string>;
};

/** 诉件 (migration 037). */
export type TicketsTable = {
  id: string;
  number: string;
  channel: string;
  external_no: Nullable<string>;
  bureau_id: string;
  org_id: Nullable<string>;
  officer_id: Nullable<string>;
  category_code: string;
  dispatch_level: WithDefault<string>;
  limit_kind: string;
  state: string;
  content: string;
  address: Nullable<string>;
  address_key: Nullable<string>;
  point_lon: Nullable<number>;
  point_lat: Nullable<number>;
  reporter_name: Nullable<string>;
  reporter_phone: Nullable<string>;
  reporter_key: Nullable<string>;
  photo_sm3s: ColumnType<string[], string[] | undefined, string[]>;
  received_at: Timestamp;
  first_contact_due_at: Timestamp;
  first_contact_at: NullableTimestamp;
  handling_due_on: string;
  handling_due_at: Timestamp;
  feedback_due_on: Nullable<string>;
  paused_since: NullableTimestamp;
  accepted_at: NullableTimestamp;
  replied_at: NullableTimestamp;
  reply_text: Nullable<string>;
  closed_at: NullableTimestamp;
  resolved: Nullable<boolean>;
  satisfaction: Nullable<string>;
  repeated: WithDefault<boolean>;
  parent_id: Nullable<string>;
  case_id: Nullable<string>;
  /** The citizen who filed it through the portal (042). */
  citizen_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 诉转案 (040): when the case was registered, its latest outcome, the outcome reply queued for the sender. */
  converted_at: NullableTimestamp;
  case_outcome: Nullable<string>;
  outcome_reply_text: Nullable<string>;
  outcome_reply_queued_at: NullableTimestamp;
  outcome_reply_sent_at: NullableTimestamp;
  created_by: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type TicketExtensionsTable = {
  id: string;
  ticket_id: string;
  kind: string;
  requested_due: Nullable<string>;
  reason: string;
  status: string;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: Nullable<string>;
  decided_at: NullableTimestamp;
  decision_note: Nullable<string>;
};

export type TicketPausesTable = { ticket_id: string; from_at: Timestamp; to_at: NullableTimestamp };

export type TicketEventsTable = {
  id: string;
  seq: ColumnType<number, never, never>;
  ticket_id: string;
  action: string;
  from_state: Nullable<string>;
  to_state: Nullable<string>;
  actor_id: Nullable<string>;
  actor_name: Nullable<string>;
  note: Nullable<string>;
  data: ColumnType<unknown, string | undefined, string>;
  at: Timestamp;
};

export type TicketTables = {
  ticket_categories: TicketCategoriesTable;
  tickets: TicketsTable;
  ticket_extensions: TicketExtensionsTable;
  ticket_pauses: TicketPausesTable;
  ticket_events: TicketEventsTable;
  ticket_exchange_inbound: TicketExchangeInboundTable;
  ticket_outbox: TicketOutboxTable;
  ticket_exchange_sim_replies: TicketExchangeSimRepliesTable;
  ticket_alerts: TicketAlertsTable;
};

/** 临期 / overdue alerts raised, one per ticket, clock, threshold and due instant (migration 043). */
export type TicketAlertsTable = {
  ticket_id: string;
  clock: string;
  threshold: string;
  due_at: Timestamp;
  raised_at: Timestamp;
  recipients: WithDefault<number>;
};

/** What the ticket exchange delivered (migration 038). */
export type TicketExchangeInboundTable = {
  channel: string;
  external_no: string;
  status: string;
  ticket_id: Nullable<string>;
  bureau_id: Nullable<string>;
  reason_code: Nullable<string>;
  reason: Nullable<string>;
  deliveries: WithDefault<number>;
  received_at: Timestamp;
  last_at: Timestamp;
};

/** Our replies to the exchange and their delivery (migration 038). */
export type TicketOutboxTable = {
  id: string;
  channel: string;
  ticket_id: Nullable<string>;
  bureau_id: Nullable<string>;
  external_no: string;
  kind: string;
  idempotency_key: string;
  payload: ColumnType<unknown, string, string>;
  late: WithDefault<boolean>;
  status: string;
  attempts: WithDefault<number>;
  last_error: Nullable<string>;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  updated_at: Timestamp;
};

/** The simulated exchange's received replies (migration 038). */
export type TicketExchangeSimRepliesTable = {
  idempotency_key: string;
  channel: string;
  external_no: string;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  deliveries: WithDefault<number>;
  applied_at: Timestamp;
};
