import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp } from '../../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Migration 053 (docs/team.md). */
export type TeamTables = {
  officer_profiles: {
    officer_id: string;
    rank: Nullable<string>;
    post_tags: ColumnType<string[], string[] | undefined, string[]>;
    updated_by: Nullable<string>;
    updated_at: GeneratedTimestamp;
  };
  officer_transfers: {
    id: string;
    officer_id: string;
    from_org_id: string;
    to_org_id: string;
    effective_on: ColumnType<string, string, string>;
    reason: string;
    created_by: Nullable<string>;
    created_at: GeneratedTimestamp;
  };
};
