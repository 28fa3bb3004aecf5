import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Partner keys (migration 039): the SM3 digest of the key, never the key. */
export type Open311KeysTable = {
  id: string;
  key_hash: string;
  key_hint: string;
  name: string;
  bureau_id: string;
  created_by: Nullable<string>;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: Nullable<string>;
};

/** The partner's fields of a ticket filed through Open311 (migration 039). */
export type Open311SubmissionsTable = {
  ticket_id: string;
  key_id: string;
  token: string;
  device_id: Nullable<string>;
  account_id: Nullable<string>;
  email: Nullable<string>;
  media_url: Nullable<string>;
  address_id: Nullable<string>;
  attributes: Json;
  created_at: Timestamp;
};

/** The questions a service asks (migration 039). */
export type Open311ServiceAttributesTable = {
  category_code: string;
  code: string;
  datatype: string;
  required: boolean;
  description: string;
  datatype_description: Nullable<string>;
  sort_order: number;
  answer_values: Json;
};

export type Open311Tables = {
  open311_keys: Open311KeysTable;
  open311_submissions: Open311SubmissionsTable;
  open311_service_attributes: Open311ServiceAttributesTable;
};
