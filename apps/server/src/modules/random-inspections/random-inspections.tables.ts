import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** 双随机 plans (migration 028). */
export type InspectionPlansTable = {
  id: string;
  bureau_id: string;
  title: string;
  period_from: string;
  period_to: string;
  draws_per_year: number;
  subject_kinds: string[];
  squad_ids: string[];
  risk_levels: string[];
  proportions: ColumnType<unknown, string, string>;
  max_targets_per_team: Nullable<number>;
  publish_within_working_days: number;
  status: Generated<string>;
  created_by: string;
  submitted_by: Nullable<string>;
  submitted_at: NullableTimestamp;
  approved_by: Nullable<string>;
  approved_at: NullableTimestamp;
  seed_hex: Nullable<string>;
  commitment: Nullable<string>;
  input_digest: Nullable<string>;
  drawn_by: Nullable<string>;
  drawn_at: NullableTimestamp;
  publish_by: Nullable<string>;
  draw_summary: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type InspectionPlanMattersTable = { plan_id: string; matter_code: string };

export type InspectionPlanConflictsTable = { plan_id: string; officer_id: string; subject_id: string; reason: string };

export type InspectionPlanTargetsTable = {
  plan_id: string;
  subject_id: string;
  kind: string;
  level: string;
  org_id: string;
  area: string;
};

export type InspectionPlanDrawnTable = {
  plan_id: string;
  draw_order: number;
  subject_id: string;
  kind: string;
  level: string;
  org_id: string;
  area: string;
  team_no: number;
};

export type InspectionPlanInspectorsTable = {
  plan_id: string;
  officer_id: string;
  org_id: string;
  area: string;
  acting: boolean;
  credentials: ColumnType<unknown, string, string>;
};

export type InspectionPlanTeamsTable = { plan_id: string; team_no: number; org_id: string; area: string; inspector_ids: string[] };

export type RandomInspectionTables = {
  inspection_plans: InspectionPlansTable;
  inspection_plan_matters: InspectionPlanMattersTable;
  inspection_plan_conflicts: InspectionPlanConflictsTable;
  inspection_plan_targets: InspectionPlanTargetsTable;
  inspection_plan_drawn: InspectionPlanDrawnTable;
  inspection_plan_inspectors: InspectionPlanInspectorsTable;
  inspection_plan_teams: InspectionPlanTeamsTable;
};
