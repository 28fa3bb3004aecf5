import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;
type Num = ColumnType<number, number | undefined, number>;

/** Migration 053 (docs/training.md). */
export type TrainingTables = {
  training_settings: {
    bureau_id: string;
    hours_per_year: Num;
    credits_per_year: Num;
    updated_by: Nullable<string>;
    updated_at: GeneratedTimestamp;
  };
  training_courses: {
    id: string;
    bureau_id: string;
    title: string;
    category: string;
    hours: number;
    credits: number;
    description: Nullable<string>;
    material_url: Nullable<string>;
    material_sm3: Nullable<string>;
    active: WithDefault<boolean>;
    created_by: Nullable<string>;
    created_at: GeneratedTimestamp;
  };
  training_completions: {
    id: string;
    officer_id: string;
    bureau_id: string;
    year: number;
    source: string;
    source_id: Nullable<string>;
    title: string;
    hours: number;
    credits: number;
    completed_on: DateCol;
    created_at: GeneratedTimestamp;
  };
  training_questions: {
    id: string;
    bureau_id: string;
    bank: string;
    kind: string;
    stem: string;
    options: string[];
    answer: string[];
    explanation: Nullable<string>;
    active: WithDefault<boolean>;
    created_at: GeneratedTimestamp;
  };
  training_exams: {
    id: string;
    bureau_id: string;
    title: string;
    kind: string;
    bank: string;
    question_count: number;
    duration_minutes: number;
    pass_score: number;
    max_attempts: number;
    hours: Num;
    credits: Num;
    opens_on: DateCol;
    closes_on: DateCol;
    created_by: Nullable<string>;
    created_at: GeneratedTimestamp;
  };
  training_attempts: {
    id: string;
    exam_id: string;
    officer_id: string;
    bureau_id: string;
    attempt_no: number;
    seed: number;
    question_ids: string[];
    started_at: Timestamp;
    due_at: Timestamp;
    answers: ColumnType<unknown, string | undefined, string>;
    status: WithDefault<string>;
    submitted_at: Nullable<Date>;
    late_answers: ColumnType<unknown, string | null | undefined, string | null>;
    score: Nullable<number>;
    passed: Nullable<boolean>;
  };
  training_qualifications: {
    id: string;
    officer_id: string;
    bureau_id: string;
    exam_date: DateCol;
    score: number;
    passed: boolean;
    attempt_id: Nullable<string>;
    created_by: Nullable<string>;
    created_at: GeneratedTimestamp;
  };
};
