import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** 检查事项清单 (migration 026): the domain's InspectionMatter, items as JSON. */
export type InspectionMattersTable = {
  id: string;
  code: string;
  bureau_id: Nullable<string>;
  name_zh: string;
  legal_basis_zh: string;
  subject_kinds: string[];
  items: ColumnType<unknown, string, string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

/** One inspection to do (migration 026): from a draw (plan_id, team_no) or set by a squad leader. */
export type InspectionTasksTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  subject_id: string;
  origin: string;
  plan_id: Nullable<string>;
  team_no: Nullable<number>;
  inspector_ids: string[];
  matter_codes: string[];
  due_on: string;
  status: Generated<string>;
  visit_id: Nullable<string>;
  /** { code: version } of the matters when the task was given (migration 029). */
  matter_versions: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

/** Every version of a matter (migration 029). */
export type InspectionMatterVersionsTable = {
  code: string;
  version: number;
  name_zh: string;
  legal_basis_zh: string;
  subject_kinds: string[];
  items: ColumnType<unknown, string, string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

type Json = ColumnType<unknown, string, string>;

/** One visit (综合查一次, migration 029). */
export type InspectionVisitsTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  subject_id: string;
  inspector_ids: string[];
  task_ids: string[];
  plan: Json;
  results: Json;
  outcome: string;
  failed_items: Json;
  counts: Json;
  visited_at: ColumnType<Date, Date | string, Date | string>;
  visited_on: string;
  point_lon: number;
  point_lat: number;
  signatures: Json;
  acknowledgement: Json;
  photo_sm3s: string[];
  case_id: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

/** 责令改正 (migration 029). */
export type RectificationOrdersTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  subject_id: string;
  visit_id: string;
  items: Json;
  deadline_on: string;
  reinspect_on: string;
  reinspection_task_id: string;
  status: Generated<string>;
  closed_by_visit_id: Nullable<string>;
  closed_on: Nullable<string>;
  note_zh: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type InspectionTables = {
  inspection_matters: InspectionMattersTable;
  inspection_matter_versions: InspectionMatterVersionsTable;
  inspection_tasks: InspectionTasksTable;
  inspection_visits: InspectionVisitsTable;
  rectification_orders: RectificationOrdersTable;
};
