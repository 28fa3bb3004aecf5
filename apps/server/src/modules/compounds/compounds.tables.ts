import type { ColumnType } from 'kysely';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type Json = ColumnType<unknown, string, string>;

/** A compound's record beside its registry row (migration 056). */
export type CompoundProfilesTable = {
  subject_id: string;
  bureau_id: string;
  property_company_id: Nullable<string>;
  households: Nullable<number>;
  updated_by: Nullable<string>;
  updated_at: WithDefault<Date>;
};

export type RenovationDeclarationsTable = {
  id: string;
  number: string;
  bureau_id: string;
  compound_id: string;
  declarant_kind: string;
  declarant_name: string;
  citizen_id: Nullable<string>;
  room: string;
  works: string[];
  start_on: string;
  end_on: string;
  outcome: string;
  rules: Json;
  created_at: WithDefault<Date>;
};

export type PropertyReportsTable = {
  id: string;
  number: string;
  bureau_id: string;
  org_id: Nullable<string>;
  compound_id: string;
  company_id: Nullable<string>;
  reporter_name: string;
  citizen_id: Nullable<string>;
  problem: string;
  room: Nullable<string>;
  description: string;
  state: WithDefault<string>;
  inspection_task_id: Nullable<string>;
  case_id: Nullable<string>;
  disposed_by: Nullable<string>;
  disposed_at: NullableInstant;
  note: Nullable<string>;
  created_at: WithDefault<Date>;
};

export type HouseAnnotationsTable = {
  id: string;
  bureau_id: string;
  compound_id: string;
  room: string;
  reason: string;
  report_id: Nullable<string>;
  state: string;
  housing_ref: Nullable<string>;
  release_reason: Nullable<string>;
  attempts: WithDefault<number>;
  last_error: Nullable<string>;
  created_by: Nullable<string>;
  created_at: WithDefault<Date>;
  annotated_at: NullableInstant;
  released_at: NullableInstant;
  updated_at: Instant;
};

export type CompoundTables = {
  compound_profiles: CompoundProfilesTable;
  renovation_declarations: RenovationDeclarationsTable;
  property_reports: PropertyReportsTable;
  house_annotations: HouseAnnotationsTable;
};
