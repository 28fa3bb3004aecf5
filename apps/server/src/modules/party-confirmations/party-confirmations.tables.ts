import type { GeneratedTimestamp, Timestamp } from '../../db/schema.ts';
import type { Generated } from 'kysely';

export type PartyConfirmationState = 'pending' | 'confirmed' | 'expired' | 'locked';

/** 当事人扫码确认 (migration 004_party_confirmations.sql). */
export type PartyConfirmationsTable = {
  id: string;
  token_hash: string;
  bureau_id: string | null;
  org_id: string;
  created_by: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  state: Generated<PartyConfirmationState>;
  party_type: string | null;
  name: string | null;
  id_type: string | null;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  confirmed_at: Timestamp | null;
  failed_attempts: Generated<number>;
};

export type PartyConfirmationTables = { party_confirmations: PartyConfirmationsTable };
