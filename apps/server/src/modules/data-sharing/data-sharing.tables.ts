import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from '../../db/schema.ts';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type DateCol = ColumnType<string, string, string>;

/** Migration 058 (docs/data-sharing.md). */
export type DataAssetsTable = {
  code: string;
  name: string;
  name_en: string;
  owner: string;
  description: Nullable<string>;
  fields: Json;
  update_frequency: WithDefault<string>;
  sharing_level: WithDefault<string>;
  updated_by: Nullable<string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
};

export type SharingKeysTable = {
  id: string;
  key_hash: string;
  key_hint: string;
  partner_name: string;
  scope_org_id: string;
  asset_codes: string[];
  created_by: Nullable<string>;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: Nullable<string>;
  last_used_at: NullableTimestamp;
};

export type PublicationDigestsTable = {
  day: DateCol;
  leaf_count: number;
  root: string;
  signature: string;
  public_key: string;
  fingerprint: string;
  created_at: Timestamp;
};

export type PublicationLeavesTable = {
  day: DateCol;
  leaf_index: number;
  kind: string;
  record_id: string;
  leaf_hash: string;
  record: Json;
};

export type PublicationSigningKeysTable = {
  id: string;
  public_key: string;
  private_key_enc: string;
  fingerprint: string;
  created_at: Timestamp;
};

export type DataSharingTables = {
  data_assets: DataAssetsTable;
  sharing_keys: SharingKeysTable;
  publication_digests: PublicationDigestsTable;
  publication_leaves: PublicationLeavesTable;
  publication_signing_keys: PublicationSigningKeysTable;
};
