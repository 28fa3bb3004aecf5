import type { ColumnType } from 'kysely';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** 上海摊 stall points beside their registry rows (migration 057). */
export type StallPointsTable = {
  subject_id: string;
  bureau_id: string;
  point_type: string;
  opens_at: string;
  closes_at: string;
  capacity: number;
  rules: string;
  state: WithDefault<string>;
  approved_by: Nullable<string>;
  approved_at: NullableInstant;
  last_supervised_at: NullableInstant;
  supervisions: WithDefault<number>;
  created_at: WithDefault<Date>;
  updated_at: WithDefault<Date>;
};

export type StallPointTicketsTable = { ticket_id: string; subject_id: string; created_at: WithDefault<Date> };

export type StallTables = { stall_points: StallPointsTable; stall_point_tickets: StallPointTicketsTable };
