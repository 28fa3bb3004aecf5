import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type DateCol = ColumnType<string, string, string>;

/** Migration 052 (docs/reviews.md). */
export type CaseReviewsTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  case_id: string;
  kind: string;
  filed_on: DateCol;
  forum: string;
  reference_no: Nullable<string>;
  outcome: Nullable<string>;
  cause: Nullable<string>;
  cause_note: Nullable<string>;
  decided_on: Nullable<string>;
  officer_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type ReviewTables = { case_reviews: CaseReviewsTable };
