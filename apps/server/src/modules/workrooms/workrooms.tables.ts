import type { ColumnType } from 'kysely';

type WithDefault<T> = ColumnType<T, T | undefined, T>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** 城管执法社区工作室 (migration 057). */
export type WorkroomsTable = {
  id: string;
  bureau_id: string;
  org_id: string;
  name: string;
  community: string;
  address: string;
  hours: string;
  officer_ids: WithDefault<string[]>;
  active: WithDefault<boolean>;
  created_by: Nullable<string>;
  created_at: WithDefault<Date>;
};

export type WorkroomActivitiesTable = {
  id: string;
  workroom_id: string;
  bureau_id: string;
  kind: string;
  title: string;
  held_on: string;
  participants: WithDefault<number>;
  community_week: WithDefault<boolean>;
  created_by: Nullable<string>;
  created_at: WithDefault<Date>;
};

export type WorkroomTicketsTable = { ticket_id: string; workroom_id: string; bureau_id: string; created_at: WithDefault<Date> };

export type WorkroomTables = {
  workrooms: WorkroomsTable;
  workroom_activities: WorkroomActivitiesTable;
  workroom_tickets: WorkroomTicketsTable;
};
