import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

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
  verified_at: Nullable<Timestamp>;
  risk_level: Nullable<string>;
  risk_computed: Nullable<string>;
  risk_rule_version: Nullable<number>;
  risk_rule_id: Nullable<string>;
  risk_explanation: Nullable<string>;
  risk_graded_at: Nullable<Timestamp>;
  last_inspected_on: Nullable<string>;
  next_inspection_on: Nullable<string>;
  status: Generated<string>;
  merged_into: Nullable<string>;
  import_batch_id: Nullable<string>;
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

export type SubjectTables = {
  subjects: SubjectsTable;
  subject_licences: SubjectLicencesTable;
  subject_events: SubjectEventsTable;
};
