import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

/** Migration 052 (docs/credit.md). */
export type CreditSettingsTable = {
  bureau_id: string;
  publish_months: WithDefault<number>;
  repair_min_months_general: WithDefault<number>;
  repair_min_months_serious: WithDefault<number>;
  repair_conditions: WithDefault<string[]>;
  updated_by: Nullable<string>;
  updated_at: GeneratedTimestamp;
};

export type CreditCatalogueTable = {
  id: string;
  bureau_id: string;
  offence_code: string;
  record: WithDefault<boolean>;
  severity: WithDefault<string>;
  publish_months: Nullable<number>;
  note: Nullable<string>;
  updated_by: Nullable<string>;
  updated_at: GeneratedTimestamp;
};

export type CreditRecordsTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  case_id: string;
  subject_type: string;
  subject_name: string;
  subject_code: Nullable<string>;
  offence_code: string;
  offence_provision: string;
  document_number: string;
  penalty_text: string;
  decided_on: DateCol;
  severity: string;
  publish_until: DateCol;
  repair_possible_on: DateCol;
  status: WithDefault<string>;
  withdrawn_on: Nullable<string>;
  withdrawn_reason: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type CreditOutboxTable = {
  id: string;
  record_id: string;
  bureau_id: string;
  op: string;
  idempotency_key: string;
  payload: Json;
  status: WithDefault<string>;
  attempts: WithDefault<number>;
  last_error: Nullable<string>;
  sent_at: Nullable<Date>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type CreditSimAppliedTable = {
  idempotency_key: string;
  op: string;
  record_ref: string;
  deliveries: WithDefault<number>;
  applied_at: Timestamp;
};

export type CreditRepairsTable = {
  id: string;
  record_id: string;
  bureau_id: string;
  org_id: string;
  applicant: string;
  phone: Nullable<string>;
  corrected: string;
  commitment: string;
  conditions: WithDefault<string[]>;
  status: WithDefault<string>;
  applied_at: Timestamp;
  decided_by: Nullable<string>;
  decided_at: Nullable<Date>;
  decision_note: Nullable<string>;
};

export type CreditReportsTable = {
  id: string;
  bureau_id: string;
  subject_code: string;
  subject_name: string;
  period_from: DateCol;
  period_to: DateCol;
  record_count: number;
  document_id: string;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type CreditTables = {
  credit_settings: CreditSettingsTable;
  credit_catalogue: CreditCatalogueTable;
  credit_records: CreditRecordsTable;
  credit_outbox: CreditOutboxTable;
  credit_sim_applied: CreditSimAppliedTable;
  credit_repairs: CreditRepairsTable;
  credit_reports: CreditReportsTable;
};
