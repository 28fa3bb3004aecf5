import type { ColumnType } from 'kysely';
import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../../db/schema.ts';

export type DocumentTemplatesTable = {
  id: string;
  bureau_id: string | null;
  kind: string;
  version: number;
  body: Json | null;
  note: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

export type DocumentSettingsTable = {
  bureau_id: string;
  agency_name: string | null;
  address_line: string | null;
  phone_line: string | null;
  payment_method: string | null;
  seal_sm3: string | null;
  signature_sm3: string | null;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
};

export type DocumentKeysTable = {
  bureau_id: string;
  algorithm: Generated<string>;
  public_key: string;
  private_key_enc: string;
  fingerprint: string;
  created_at: GeneratedTimestamp;
};

export type DocumentsTable = {
  id: string;
  /** Null only for a document with no case (专用信用报告, migration 052); every case query filters by a case id. */
  case_id: ColumnType<string, string | null, string | null>;
  bureau_id: string;
  kind: string;
  title: string;
  number: string | null;
  issued_on: string;
  pdf_sm3: string;
  size: number;
  pages: number;
  signature: string;
  key_fingerprint: string;
  verify_code_hash: string;
  template_scope: string;
  template_version: number;
  party_name: string;
  agency_name: string;
  missing_glyphs: Generated<string[]>;
  source_id: string | null;
  status: Generated<string>;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  issued_by: string | null;
  channel: string | null;
  created_at: GeneratedTimestamp;
};

/** The documents module's tables (migration 005_documents.sql). */
export type DocumentTables = {
  document_templates: DocumentTemplatesTable;
  document_settings: DocumentSettingsTable;
  document_keys: DocumentKeysTable;
  documents: DocumentsTable;
};
