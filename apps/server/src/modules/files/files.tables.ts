import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp } from '../../db/schema.ts';

export type FilesTable = {
  sm3: string;
  size: ColumnType<number, number, number>;
  mime: string;
  bureau_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

/** The files module's table (migration 003_cases.sql). */
export type FileTables = { files: FilesTable };
