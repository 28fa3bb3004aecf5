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
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type InspectionTables = {
  inspection_matters: InspectionMattersTable;
  inspection_tasks: InspectionTasksTable;
};
