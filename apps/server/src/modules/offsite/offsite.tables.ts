import type { ColumnType } from 'kysely';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

/** Scenes of 非现场执法 and the law matter each enforces (migration 048). */
export type OffsiteScenesTable = {
  code: string;
  name: string;
  name_en: string;
  offence_code: Nullable<string>;
  pudong_listed: WithDefault<boolean>;
  window_hours: WithDefault<number>;
  sort_order: WithDefault<number>;
  active: WithDefault<boolean>;
};

export type OffsiteDevicesTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  org_path: string;
  code: string;
  kind: string;
  name: string;
  vendor: Nullable<string>;
  address: Nullable<string>;
  point_lon: Nullable<number>;
  point_lat: Nullable<number>;
  area: ColumnType<unknown, string | null | undefined, string | null>;
  scenes: WithDefault<string[]>;
  legal_review_on: DateCol;
  legal_reviewer: Nullable<string>;
  legal_review_doc: Nullable<string>;
  published_on: DateCol;
  published_where: Nullable<string>;
  cert_body: Nullable<string>;
  cert_no: Nullable<string>;
  cert_on: DateCol;
  cert_until: DateCol;
  status: WithDefault<string>;
  retired_on: DateCol;
  secret_hex: Nullable<string>;
  created_at: Instant;
  updated_at: Instant;
};

export type OffsiteDeliveriesTable = {
  id: string;
  device_code: string;
  device_id: Nullable<string>;
  bureau_id: Nullable<string>;
  event_ref: string;
  status: string;
  reason_code: Nullable<string>;
  rule_id: Nullable<string>;
  reason: Nullable<string>;
  reason_en: Nullable<string>;
  event_id: Nullable<string>;
  deliveries: WithDefault<number>;
  payload: ColumnType<unknown, string, string>;
  received_at: Instant;
  last_at: Instant;
};

export type OffsiteReviewsTable = {
  id: string;
  number: string;
  bureau_id: string;
  org_path: string;
  scene: string;
  party_key: Nullable<string>;
  first_at: Instant;
  last_at: Instant;
  event_count: WithDefault<number>;
  state: WithDefault<string>;
  reviewer_id: Nullable<string>;
  reviewed_at: NullableInstant;
  dismiss_reason: Nullable<string>;
  case_id: Nullable<string>;
  notice_method: Nullable<string>;
  notice_message_id: Nullable<string>;
  warning_message_id: Nullable<string>;
  created_at: Instant;
};

export type OffsiteEventsTable = {
  id: string;
  review_id: string;
  device_id: string;
  bureau_id: string;
  event_ref: string;
  occurred_at: Instant;
  scene: string;
  point_lon: Nullable<number>;
  point_lat: Nullable<number>;
  address: Nullable<string>;
  plate: Nullable<string>;
  subject_code: Nullable<string>;
  party_key: Nullable<string>;
  media: ColumnType<unknown, string, string>;
  received_at: Instant;
};

export type OffsiteTables = {
  offsite_scenes: OffsiteScenesTable;
  offsite_devices: OffsiteDevicesTable;
  offsite_deliveries: OffsiteDeliveriesTable;
  offsite_reviews: OffsiteReviewsTable;
  offsite_events: OffsiteEventsTable;
};
