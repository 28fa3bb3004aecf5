import type { Json, GeneratedTimestamp } from '../../db/schema.ts';

/** A squad's service area (街镇) in WGS-84 GeoJSON with its box (migration 026). */
export type OrgAreasTable = {
  org_id: string;
  street_name: string;
  geometry: Json;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  updated_at: GeneratedTimestamp;
};

/** One row: the revision of the service areas and the orgs routing reads (migration 046, subjects.repository.ts squadAt). */
export type OrgAreaRevisionTable = { singleton: boolean; revision: string };

export type GeoTables = { org_areas: OrgAreasTable; org_area_revision: OrgAreaRevisionTable };
