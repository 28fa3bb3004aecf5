import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string, string>;
type Num = ColumnType<number, number | undefined, number>;

/** Migration 053 (docs/squads.md). */
export type SquadTables = {
  squad_settings: {
    bureau_id: string;
    target_model_pct: Num;
    target_rated_pct: Num;
    updated_by: Nullable<string>;
    updated_at: GeneratedTimestamp;
  };
  squad_criteria_sheets: {
    id: string;
    bureau_id: string;
    year: number;
    title: string;
    items: Json;
    max_total: number;
    standard_at: number;
    model_at: number;
    created_by: Nullable<string>;
    created_at: GeneratedTimestamp;
  };
  squad_assessments: {
    id: string;
    sheet_id: string;
    org_id: string;
    bureau_id: string;
    kind: string;
    scores: Json;
    total: number;
    note: Nullable<string>;
    assessed_by: Nullable<string>;
    assessed_at: Timestamp;
  };
  squad_ratings: {
    id: string;
    org_id: string;
    bureau_id: string;
    year: number;
    rating: string;
    stars: Nullable<number>;
    assessment_id: Nullable<string>;
    decided_by: Nullable<string>;
    decided_on: ColumnType<string, string, string>;
  };
};
