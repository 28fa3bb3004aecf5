import type { ColumnType } from 'kysely';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** Partner departments (migration 044). */
export type PartnerUnitsTable = {
  id: string;
  bureau_id: Nullable<string>;
  code: string;
  name: string;
  kind: string;
  region: WithDefault<string>;
  accept_hours: Nullable<number>;
  handle_days: Nullable<number>;
  active: WithDefault<boolean>;
  created_at: WithDefault<Date>;
};

export type PartnerAccountsTable = { officer_id: string; partner_id: string };

/** Overdue alerts of joint orders, one per order, clock and due instant (069). */
export type JointOrderAlertsTable = {
  order_id: string;
  clock: string;
  due_at: Instant;
  raised_at: Instant;
  recipients: WithDefault<number>;
  sms: WithDefault<number>;
};

/** 联合工单 (044). */
export type JointOrdersTable = {
  id: string;
  number: string;
  bureau_id: string;
  org_id: string;
  partner_id: string;
  direction: string;
  state: string;
  category: string;
  title: string;
  content: string;
  address: Nullable<string>;
  point_lon: Nullable<number>;
  point_lat: Nullable<number>;
  vehicle_plate: Nullable<string>;
  /** The partner's own order number when its system filed the order through the connector (060). */
  partner_order_no: Nullable<string>;
  ticket_id: Nullable<string>;
  case_id: Nullable<string>;
  accept_due_at: Instant;
  handle_due_at: Instant;
  accept_hours: number;
  handle_days: number;
  accepted_at: NullableInstant;
  reported_at: NullableInstant;
  closed_at: NullableInstant;
  result_text: Nullable<string>;
  result_photos: WithDefault<string[]>;
  return_reason: Nullable<string>;
  created_by: Nullable<string>;
  created_at: Instant;
  updated_at: Instant;
};

export type JointOrderEventsTable = {
  id: string;
  order_id: string;
  seq: number;
  action: string;
  from_state: Nullable<string>;
  to_state: string;
  actor_id: Nullable<string>;
  actor_name: string;
  note: Nullable<string>;
  late: WithDefault<boolean>;
  at: Instant;
};

/** 联合行动 (044). */
export type JointActionsTable = {
  id: string;
  number: string;
  bureau_id: string;
  scope_org_id: string;
  title: string;
  objective: string;
  area: string;
  starts_at: Instant;
  ends_at: Instant;
  state: string;
  summary: Nullable<string>;
  created_by: Nullable<string>;
  created_at: Instant;
  closed_at: NullableInstant;
};

export type JointActionTasksTable = {
  id: string;
  action_id: string;
  org_id: Nullable<string>;
  partner_id: Nullable<string>;
  task: string;
  state: string;
  report_text: Nullable<string>;
  report_photos: WithDefault<string[]>;
  found_count: Nullable<number>;
  handled_count: Nullable<number>;
  reported_at: NullableInstant;
  reported_by: Nullable<string>;
};

/** Every 移送 with its receiving authority (044). */
export type TransfersTable = {
  id: string;
  bureau_id: string;
  case_id: Nullable<string>;
  kind: string;
  receiving_body: string;
  reason: string;
  legal_basis: string;
  letter_number: Nullable<string>;
  transferred_on: string;
  actor_id: Nullable<string>;
  created_at: Instant;
};

/** Callbacks to a partner's system (060). */
export type PartnerConnectorOutboxTable = {
  id: string;
  order_id: string;
  partner_id: string;
  bureau_id: string;
  idempotency_key: string;
  payload: ColumnType<unknown, string, string>;
  status: string;
  attempts: WithDefault<number>;
  last_error: Nullable<string>;
  created_at: Instant;
  updated_at: Instant;
  sent_at: NullableInstant;
};

/** What the local partner simulator received (060). */
export type PartnerSimCallbacksTable = {
  idempotency_key: string;
  partner_code: string;
  partner_order_no: string;
  status: string;
  deliveries: number;
  received_at: Instant;
};

export type CoordinationTables = {
  partner_connector_outbox: PartnerConnectorOutboxTable;
  partner_sim_callbacks: PartnerSimCallbacksTable;
  partner_units: PartnerUnitsTable;
  partner_accounts: PartnerAccountsTable;
  joint_orders: JointOrdersTable;
  joint_order_alerts: JointOrderAlertsTable;
  joint_order_events: JointOrderEventsTable;
  joint_actions: JointActionsTable;
  joint_action_tasks: JointActionTasksTable;
  transfers: TransfersTable;
};
