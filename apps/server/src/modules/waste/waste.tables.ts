import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;
/** bigint columns come back as decimal text from both drivers. */
type BigCol = ColumnType<string, string | number | bigint, string | number | bigint>;

/** Migration 049 (docs/waste.md). */
export type WasteSitesTable = {
  id: string;
  bureau_id: string;
  kind: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
  radius_m: number;
  active: WithDefault<boolean>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type WasteCompaniesTable = {
  id: string;
  bureau_id: string;
  name: string;
  credit_code: string;
  licence_no: string;
  licence_valid_until: DateCol;
  licence_status: WithDefault<string>;
  revoked_case_id: Nullable<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type WasteVehiclesTable = {
  id: string;
  bureau_id: string;
  plate: string;
  company_id: string;
  licence_no: string;
  licence_valid_until: DateCol;
  status: WithDefault<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type WastePermitsTable = {
  id: string;
  bureau_id: string;
  number: string;
  producing_site_id: string;
  company_id: string;
  route: Json;
  corridor_m: number;
  valid_from: DateCol;
  valid_until: DateCol;
  status: WithDefault<string>;
  created_by: Nullable<string>;
  created_at: GeneratedTimestamp;
};

export type WastePermitDisposalsTable = { permit_id: string; site_id: string };
export type WastePermitVehiclesTable = { permit_id: string; vehicle_id: string; plate: string };
export type WasteSiteCellsTable = { cell: BigCol; site_id: string; kind: string };
export type WasteCorridorCellsTable = { permit_id: string; cell: BigCol };

export type WasteGpsBatchesTable = {
  channel: string;
  batch_id: string;
  received_at: Timestamp;
  last_at: Timestamp;
  deliveries: WithDefault<number>;
  days: string[];
  received: number;
  kept: number;
  out_of_order: number;
  duplicates: number;
  impossible: number;
  invalid: number;
  summarised: WithDefault<boolean>;
};

export type WastePointsTable = { day: DateCol; plate: string; t: BigCol; lon: number; lat: number; cell: BigCol };

export type WasteTrackChunksTable = {
  day: DateCol;
  plate: string;
  t_first: BigCol;
  t_last: BigCol;
  n: number;
  permits: string;
  register_version: BigCol;
};

export type WasteTrackEdgesTable = {
  day: DateCol;
  plate: string;
  chunk_t: BigCol;
  i: number;
  t: BigCol;
  cell: BigCol;
  zone: string;
  site_id: Nullable<string>;
  site_kind: Nullable<string>;
  new_cell: number;
  cell_end: number;
  new_zone: number;
  zone_end: number;
};

export type WasteRegisterVersionTable = { id: WithDefault<boolean>; version: BigCol };

export type WasteAnalysisRunsTable = {
  id: string;
  day: DateCol;
  params: Json;
  points: BigCol;
  trips: number;
  clues: number;
  millis: number;
  run_by: Nullable<string>;
  run_at: Timestamp;
};

export type WasteTripsTable = {
  day: DateCol;
  plate: string;
  left_t: BigCol;
  producing_site_id: string;
  disposal_site_id: string;
  arrived_t: BigCol;
};

export type WasteCluesTable = {
  id: string;
  bureau_id: string;
  day: DateCol;
  kind: string;
  plate: string;
  vehicle_id: Nullable<string>;
  company_id: Nullable<string>;
  site_id: Nullable<string>;
  t_from: BigCol;
  t_to: BigCol;
  points: number;
  cell: BigCol;
  lon: number;
  lat: number;
  status: WithDefault<string>;
  case_id: Nullable<string>;
  dismiss_reason: Nullable<string>;
  decided_by: Nullable<string>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
};

export type WasteSeizuresTable = {
  id: string;
  clue_id: string;
  case_id: string;
  vehicle_id: string;
  bureau_id: string;
  seized_on: DateCol;
  emergency: boolean;
  approved_by: Nullable<string>;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  deadline: DateCol;
  extended: WithDefault<boolean>;
  released_on: Nullable<string>;
  created_by: string;
  created_at: Timestamp;
};

export type WasteTables = {
  waste_sites: WasteSitesTable;
  waste_companies: WasteCompaniesTable;
  waste_vehicles: WasteVehiclesTable;
  waste_permits: WastePermitsTable;
  waste_permit_disposals: WastePermitDisposalsTable;
  waste_permit_vehicles: WastePermitVehiclesTable;
  waste_site_cells: WasteSiteCellsTable;
  waste_corridor_cells: WasteCorridorCellsTable;
  waste_gps_batches: WasteGpsBatchesTable;
  waste_points: WastePointsTable;
  waste_track_chunks: WasteTrackChunksTable;
  waste_track_edges: WasteTrackEdgesTable;
  waste_register_version: WasteRegisterVersionTable;
  waste_analysis_runs: WasteAnalysisRunsTable;
  waste_trips: WasteTripsTable;
  waste_clues: WasteCluesTable;
  waste_seizures: WasteSeizuresTable;
};
