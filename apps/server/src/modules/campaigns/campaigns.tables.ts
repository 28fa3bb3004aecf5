import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;

/** Migration 058 (docs/campaigns.md). */
export type SpecialCampaignsTable = {
  id: string;
  bureau_id: Nullable<string>;
  org_id: string;
  org_path: string;
  title: string;
  period_from: DateCol;
  period_to: DateCol;
  area_org_ids: string[];
  target_points: WithDefault<number>;
  target_rounds: WithDefault<number>;
  note: Nullable<string>;
  created_by: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SpecialCampaignRoundsTable = {
  id: string;
  campaign_id: string;
  round_no: number;
  title: string;
  starts_on: DateCol;
  ends_on: DateCol;
  created_at: Timestamp;
};

export type CampaignPointsTable = {
  id: string;
  campaign_id: string;
  round_id: Nullable<string>;
  number: string;
  bureau_id: Nullable<string>;
  area_org_id: string;
  org_id: string;
  org_path: string;
  officer_id: Nullable<string>;
  title: string;
  description: Nullable<string>;
  address: string;
  lon: number;
  lat: number;
  state: WithDefault<string>;
  before_photos: WithDefault<string[]>;
  after_photos: WithDefault<string[]>;
  rectification: Nullable<string>;
  close_requested_by: Nullable<string>;
  close_requested_at: NullableTimestamp;
  closed_by: Nullable<string>;
  closed_at: NullableTimestamp;
  refused_count: WithDefault<number>;
  last_refusal: Nullable<string>;
  created_by: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CampaignPointEventsTable = {
  id: string;
  /** The order of the events (several may share an instant). */
  seq: Generated<string>;
  point_id: string;
  action: string;
  actor_id: Nullable<string>;
  reason: Nullable<string>;
  at: Timestamp;
};

export type CampaignTables = {
  special_campaigns: SpecialCampaignsTable;
  special_campaign_rounds: SpecialCampaignRoundsTable;
  campaign_points: CampaignPointsTable;
  campaign_point_events: CampaignPointEventsTable;
};
