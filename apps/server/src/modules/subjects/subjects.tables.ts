import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** A nullable timestamptz: read as Date, written as Date or ISO text. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** 执法对象 (migration 026). */
export type SubjectsTable = {
  id: string;
  code: string;
  bureau_id: string;
  org_id: Nullable<string>;
  kind: string;
  name: string;
  name_key: string;
  credit_code: Nullable<string>;
  id_number: Nullable<string>;
  plate: Nullable<string>;
  owner_subject_id: Nullable<string>;
  address: Nullable<string>;
  address_key: Nullable<string>;
  district: Nullable<string>;
  street: Nullable<string>;
  point_lon: Nullable<number>;
  point_lat: Nullable<number>;
  contacts: ColumnType<unknown, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  flags: ColumnType<unknown, string | undefined, string>;
  verified: Generated<boolean>;
  verified_at: NullableTimestamp;
  risk_level: Nullable<string>;
  risk_computed: Nullable<string>;
  risk_rule_version: Nullable<number>;
  risk_rule_id: Nullable<string>;
  risk_explanation: Nullable<string>;
  risk_graded_at: NullableTimestamp;
  last_inspected_on: Nullable<string>;
  next_inspection_on: Nullable<string>;
  status: Generated<string>;
  merged_into: Nullable<string>;
  import_batch_id: Nullable<string>;
  risk_grading: ColumnType<unknown, string | null | undefined, string | null>;
  licence_state: Nullable<string>;
  version: Generated<number>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type SubjectLicencesTable = {
  id: string;
  subject_id: string;
  kind: string;
  number: string;
  issuer: Nullable<string>;
  issued_on: Nullable<string>;
  valid_until: Nullable<string>;
  revoked: Generated<boolean>;
  created_at: GeneratedTimestamp;
};

/** The subject's timeline; the risk rules count its violation / complaint / inspection events. */
export type SubjectEventsTable = {
  id: string;
  subject_id: string;
  kind: string;
  occurred_on: string;
  at: GeneratedTimestamp;
  ref_type: Nullable<string>;
  ref_id: Nullable<string>;
  summary_zh: string;
  data: ColumnType<unknown, string | undefined, string>;
  actor_id: Nullable<string>;
};

export type SubjectTables = SubjectRegistryTables &
  SubjectSummaryTables & {
    subjects: SubjectsTable;
    subject_licences: SubjectLicencesTable;
    subject_events: SubjectEventsTable;
  };

/** 风险等级规则 versions (migration 027). */
export type SubjectRiskRuleSetsTable = {
  id: string;
  bureau_id: string;
  version: number;
  effective_from: string;
  rule_set: ColumnType<unknown, string, string>;
  note: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type SubjectRiskChangesTable = {
  id: string;
  subject_id: string;
  at: Timestamp;
  from_level: Nullable<string>;
  to_level: string;
  rule_id: Nullable<string>;
  rule_version: Nullable<number>;
  evidence: ColumnType<unknown, string | undefined, string>;
  reason_zh: string;
  override_id: Nullable<string>;
  actor_id: Nullable<string>;
};

export type SubjectRiskOverridesTable = {
  id: string;
  subject_id: string;
  level: string;
  reason_zh: string;
  valid_until: Nullable<string>;
  status: Generated<string>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: Nullable<string>;
  decided_at: NullableTimestamp;
  decision_note: Nullable<string>;
};

export type SubjectRegistryTables = {
  subject_risk_rule_sets: SubjectRiskRuleSetsTable;
  subject_risk_changes: SubjectRiskChangesTable;
  subject_risk_overrides: SubjectRiskOverridesTable;
};

/** 035: kept by the triggers on subjects (never written by the application). */
export type SubjectQualityCountsTable = {
  org_id: string;
  total: ColumnType<string, never, never>;
  no_point: ColumnType<string, never, never>;
  no_squad: ColumnType<string, never, never>;
  expired: ColumnType<string, never, never>;
  unverified: ColumnType<string, never, never>;
};

export type SubjectTwinKeysTable = {
  bureau_id: string;
  name_key: string;
  address_key: string;
  n: ColumnType<number, never, never>;
};

export type SubjectSummaryTables = {
  subject_quality_counts: SubjectQualityCountsTable;
  subject_twin_keys: SubjectTwinKeysTable;
};
