import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type N<T> = ColumnType<T | null, T | null | undefined, T | null>;
type D<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;
type NJson = ColumnType<unknown, string | null | undefined, string | null>;

/** Migration 051 (docs/supervision.md). */
export type SupervisionChecksTable = {
  id: string;
  seq: ColumnType<number, never, never>;
  bureau_id: string | null;
  org_id: string;
  case_id: string;
  trigger: string;
  checked_on: DateCol;
  score: number;
  max_score: number;
  items: Json;
  findings: Json;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionReviewSheetsTable = {
  id: string;
  bureau_id: N<string>;
  name: string;
  items: Json;
  active: D<boolean>;
  created_by: N<string>;
  created_at: GeneratedTimestamp;
};

export type SupervisionPlansTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  kind: string;
  name: string;
  period_from: DateCol;
  period_to: DateCol;
  default_bp: number;
  rates: Json;
  sample_size: N<number>;
  procedures: D<string[]>;
  sheet_id: N<string>;
  due_on: DateCol;
  status: string;
  commitment: string;
  seed_hex: string;
  population: N<number>;
  drawn: N<number>;
  strata: NJson;
  words_used: N<number>;
  created_by: N<string>;
  created_at: Timestamp;
  drawn_by: N<string>;
  drawn_at: N<Date>;
};

export type SupervisionSamplesTable = {
  id: string;
  plan_id: string;
  bureau_id: string | null;
  org_id: string;
  case_id: N<string>;
  recording_id: N<string>;
  draw_order: number;
  status: string;
  reviewer_id: N<string>;
  scores: NJson;
  total: N<number>;
  max_total: N<number>;
  comment: N<string>;
  reviewed_on: N<string>;
  reviewed_at: N<Date>;
};

export type SupervisionRecordingsTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  officer_id: string;
  file_sm3: string;
  recorded_on: DateCol;
  duration_seconds: number;
  case_id: N<string>;
  case_event_id: N<string>;
  inspection_task_id: N<string>;
  device: N<string>;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionFindingsTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  source: string;
  sample_id: N<string>;
  recording_id: N<string>;
  case_id: N<string>;
  officer_id: N<string>;
  description: string;
  rule: N<string>;
  due_on: DateCol;
  status: string;
  correction: N<string>;
  corrected_on: N<string>;
  corrected_by: N<string>;
  accepted_on: N<string>;
  accepted_by: N<string>;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionNoticesTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  kind: string;
  number: string;
  recipient: string;
  officer_id: N<string>;
  case_id: N<string>;
  subject: string;
  body: string;
  content_sm3: string;
  issued_on: DateCol;
  answer_due: DateCol;
  status: string;
  answer: N<string>;
  answered_on: N<string>;
  answered_by: N<string>;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionMajorCasesTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  case_id: string;
  reason: string;
  opened_on: DateCol;
  due_on: DateCol;
  status: string;
  result: N<string>;
  closed_on: N<string>;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionOfficerComplaintsTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  officer_id: N<string>;
  channel: string;
  complainant: string;
  content: string;
  received_on: DateCol;
  due_on: DateCol;
  status: string;
  outcome: N<string>;
  handling: N<string>;
  handled_on: N<string>;
  handled_by: N<string>;
  created_by: N<string>;
  created_at: Timestamp;
};

export type SupervisionScoreItemsTable = {
  code: string;
  label_zh: string;
  label_en: string;
  source: string;
  levels: string[];
  max_points: number;
  per_unit: N<number>;
  sort_order: D<number>;
  updated_by: N<string>;
  updated_at: GeneratedTimestamp;
};

export type SupervisionTables = {
  supervision_checks: SupervisionChecksTable;
  supervision_review_sheets: SupervisionReviewSheetsTable;
  supervision_plans: SupervisionPlansTable;
  supervision_samples: SupervisionSamplesTable;
  supervision_recordings: SupervisionRecordingsTable;
  supervision_findings: SupervisionFindingsTable;
  supervision_notices: SupervisionNoticesTable;
  supervision_sequences: { bureau_id: string; year: number; kind: string; last: number };
  supervision_major_cases: SupervisionMajorCasesTable;
  supervision_officer_complaints: SupervisionOfficerComplaintsTable;
  supervision_score_items: SupervisionScoreItemsTable;
};
