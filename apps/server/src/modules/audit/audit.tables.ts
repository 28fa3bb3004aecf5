import type { Json, Timestamp } from '../../db/schema.ts';

export type AuditLogTable = {
  seq: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  bureau_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Json;
  ip: string | null;
  correlation_id: string | null;
  /** The canonical form the row was hashed with (1: rows written before every column was covered). */
  hash_version: number;
  prev_hash: string;
  hash: string;
};

export type AuditSigningKeysTable = {
  id: string;
  algorithm: string;
  public_key: string;
  private_key_enc: string;
  fingerprint: string;
  created_at: Timestamp;
};

export type AuditCheckpointsTable = {
  id: string;
  seq: number;
  hash: string;
  at: Timestamp;
  reason: 'interval' | 'rows' | 'shutdown' | 'manual';
  key_id: string;
  signature: string;
  written_by: string;
};

export type AuditTables = {
  audit_log: AuditLogTable;
  audit_signing_keys: AuditSigningKeysTable;
  audit_checkpoints: AuditCheckpointsTable;
};
