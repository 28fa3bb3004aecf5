import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../../db/schema.ts';
import type { FileTables } from '../files/index.ts';

type Fen = ColumnType<number, number, number>;

export type PartiesTable = {
  id: string;
  bureau_id: string | null;
  type: string;
  name: string;
  id_type: string;
  id_number: string;
  birth_date: string | null;
  gender: string | null;
  phone: string | null;
  address: string | null;
  legal_representative: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type CasesTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  procedure: string;
  state: string;
  source: string;
  source_ref: string | null;
  case_number: string | null;
  offence_id: string | null;
  offence_code: string;
  offence_name: string;
  domain: string | null;
  party_id: string;
  party_type: string;
  party_name: string;
  act_id: string;
  act_date: string;
  location: string;
  /** WGS-84 longitude / latitude of the place (migration 024); null when only the address is known. */
  point_lon: ColumnType<number | null, number | null | undefined, number | null>;
  point_lat: ColumnType<number | null, number | null | undefined, number | null>;
  /** The coordinate system the point was captured in: wgs84 (a phone's position) or gcj02 (picked on such a map). */
  point_crs: ColumnType<string | null, string | null | undefined, string | null>;
  /** The registered subject (执法对象) the case is against (migration 026); null for most cases. */
  subject_id: ColumnType<string | null, string | null | undefined, string | null>;
  facts: string;
  discovered_on: string | null;
  registered_on: string | null;
  filed_on: string | null;
  decided_on: string | null;
  closed_on: string | null;
  decision_outcome: string | null;
  fine_fen: Fen | null;
  has_overdue: Generated<boolean>;
  next_due_date: string | null;
  version: Generated<number>;
  snapshot: Json;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type CaseOfficersTable = { case_id: string; officer_id: string; role: 'lead' | 'assist' };

export type CaseEventsTable = {
  id: string;
  seq: Generated<number>;
  case_id: string;
  bureau_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  legal_date: string;
  at: Timestamp;
  actor_id: string | null;
  version: number | null;
  data: Json;
};

export type CaseEvidenceTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  event_id: string;
  evidence_type: string;
  title: string;
  file_sm3: string;
  size: Fen;
  mime: string;
  collected_on: string;
  collected_by: string | null;
  device_name: string | null;
  device_id: string | null;
  device: Json | null;
  created_at: GeneratedTimestamp;
};

export type CaseRecordsTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  event_id: string;
  kind: 'inspection' | 'questioning';
  recorded_on: string;
  officer_ids: string[];
  credentials_shown: boolean;
  officers_signed: boolean;
  party_signed: boolean;
  witness_signed: boolean;
  absence_note: string | null;
  statutory_exception: string | null;
  location: string | null;
  interviewee: string | null;
  content: string | null;
  file_sm3: string | null;
  created_at: GeneratedTimestamp;
};

export type CaseDocumentsTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  event_id: string;
  doc_type: string;
  number: string;
  issued_on: string;
};

export type CaseDeadlinesTable = {
  case_id: string;
  kind: string;
  bureau_id: string | null;
  org_id: string;
  due_date: string;
  basis: Json;
  state: string;
  holder: string;
  done_on: string | null;
  reminded_at: Timestamp | null;
  overdue_alerted_at: Timestamp | null;
  updated_at: GeneratedTimestamp;
};

export type DocNumberPatternsTable = {
  bureau_id: string;
  doc_type: string;
  pattern: string;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
};

export type DocNumberSequencesTable = { bureau_id: string; year: number; doc_type: string; last_value: Generated<number> };

export type SummaryTicketRangesTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  officer_id: string | null;
  prefix: string;
  first_number: number;
  last_number: number;
  next_number: number;
  digits: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

/** The cases module's tables (migration 003_cases.sql), with the content-addressed files. */
export type CaseTables = FileTables & {
  parties: PartiesTable;
  cases: CasesTable;
  case_officers: CaseOfficersTable;
  case_events: CaseEventsTable;
  case_evidence: CaseEvidenceTable;
  case_records: CaseRecordsTable;
  case_documents: CaseDocumentsTable;
  case_deadlines: CaseDeadlinesTable;
  doc_number_patterns: DocNumberPatternsTable;
  doc_number_sequences: DocNumberSequencesTable;
  summary_ticket_ranges: SummaryTicketRangesTable;
};
