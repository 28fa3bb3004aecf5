import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/schema.ts';

export type DisclosureState = 'pending' | 'published' | 'withdrawal_pending' | 'withdrawn';
export type DisclosureChangeKind = 'changed' | 'revoked' | 'confirmed_illegal' | 'confirmed_void';

/** 行政执法公示 entries (migration 009_disclosure.sql). */
export type DisclosuresTable = {
  id: string;
  bureau_id: string | null;
  org_id: string;
  case_id: string;
  document_number: string;
  agency_name: string;
  decided_on: string;
  publish_due_on: string;
  state: Generated<DisclosureState>;
  published_at: Timestamp | null;
  published_on: string | null;
  public_until: string | null;
  content: Json;
  search_text: string;
  change_kind: DisclosureChangeKind | null;
  change_on: string | null;
  change_body: string | null;
  change_reason: string | null;
  change_recorded_by: string | null;
  change_recorded_at: Timestamp | null;
  withdrawal_due_on: string | null;
  withdrawn_at: Timestamp | null;
  withdrawn_on: string | null;
  created_at: Timestamp;
};

export type DisclosureTables = { disclosures: DisclosuresTable };
