import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

/** Migration 045 (docs/duty.md). */
export type DutyShiftTemplatesTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  code: string;
  name: string;
  start_minute: number;
  end_minute: number;
  field: WithDefault<boolean>;
  active: WithDefault<boolean>;
  created_at: GeneratedTimestamp;
};

export type DutyPatrolAreasTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  name: string;
  geometry: Json;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  active: WithDefault<boolean>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type DutyRosterTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  officer_id: string;
  duty_date: DateCol;
  shift_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  field: boolean;
  patrol_area_id: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type DutyCampaignsTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  title: string;
  period_from: DateCol;
  period_to: DateCol;
  subject_ids: WithDefault<string[]>;
  target_count: WithDefault<number>;
  task_ids: WithDefault<string[]>;
  note: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type DutyPositionConsentsTable = {
  officer_id: string;
  consented: boolean;
  notice_version: string;
  changed_at: Timestamp;
};

export type DutyPositionsTable = {
  id: string;
  officer_id: string;
  bureau_id: string;
  org_id: string;
  roster_id: string;
  lon: number;
  lat: number;
  accuracy_m: Nullable<number>;
  at: Timestamp;
  received_at: Timestamp;
};

export type DutySettingsTable = {
  bureau_id: string;
  position_retention_days: number;
  updated_by: Nullable<string>;
  updated_at: Timestamp;
};

export type DutyLogTagsTable = {
  code: string;
  level: number;
  parent_code: Nullable<string>;
  name_zh: string;
  name_en: string;
  sort_order: WithDefault<number>;
  active: WithDefault<boolean>;
};

export type DutyLogEntriesTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  officer_id: Nullable<string>;
  entry_date: DateCol;
  at: Timestamp;
  source: string;
  source_id: Nullable<string>;
  source_key: Nullable<string>;
  action: string;
  tag_code: string;
  summary: string;
  created_by: Nullable<string>;
  created_at: Timestamp;
};

export type DutyTables = {
  duty_shift_templates: DutyShiftTemplatesTable;
  duty_patrol_areas: DutyPatrolAreasTable;
  duty_roster: DutyRosterTable;
  duty_campaigns: DutyCampaignsTable;
  duty_position_consents: DutyPositionConsentsTable;
  duty_positions: DutyPositionsTable;
  duty_settings: DutySettingsTable;
  duty_log_tags: DutyLogTagsTable;
  duty_log_entries: DutyLogEntriesTable;
};
