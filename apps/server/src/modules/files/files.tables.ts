import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from '../../db/schema.ts';

export type FilesTable = {
  sm3: string;
  size: ColumnType<number, number, number>;
  mime: string;
  bureau_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

export type FileHolderKind = 'bureau' | 'case' | 'citizen';

export type FileHoldersTable = {
  sm3: string;
  holder_kind: FileHolderKind;
  holder_id: string;
  created_at: GeneratedTimestamp;
};

export type FileIssueKind = 'mismatch' | 'missing';

export type FileIntegrityIssuesTable = {
  id: string;
  sm3: string;
  bureau_id: string | null;
  kind: FileIssueKind;
  found_by: 'read' | 'scrub';
  actual_sm3: string | null;
  actual_size: ColumnType<number | null, number | null, number | null>;
  first_seen_at: ColumnType<Date, Date, Date>;
  last_seen_at: ColumnType<Date, Date, Date>;
  times_seen: Generated<number>;
  status: Generated<'open' | 'resolved'>;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
};

export type FileScrubRunsTable = {
  id: string;
  trigger: 'job' | 'manual';
  started_by: string | null;
  started_at: ColumnType<Date, Date, Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  status: Generated<'running' | 'done'>;
  cursor: string | null;
  files_checked: Generated<number>;
  bytes_checked: Generated<number>;
  mismatched: Generated<number>;
  missing: Generated<number>;
  restored: Generated<number>;
};

/** The files module's tables (migrations 003_cases.sql, 011_file_integrity.sql). */
export type FileTables = {
  files: FilesTable;
  file_holders: FileHoldersTable;
  file_integrity_issues: FileIntegrityIssuesTable;
  file_scrub_runs: FileScrubRunsTable;
};
