import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** One-time login codes of the portal (migration 008_portal.sql). */
export type PortalChallengesTable = {
  id: string;
  lookup_hash: string;
  case_id: string | null;
  bureau_id: string | null;
  message_id: string | null;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  state: Generated<'pending' | 'used' | 'locked'>;
  failed_attempts: Generated<number>;
  used_at: Timestamp | null;
  ip: string | null;
  /** 042: a party's code for his case, or a citizen's code for his phone. */
  purpose: Generated<'case' | 'citizen'>;
};

export type PortalSessionsTable = {
  id: string;
  token_hash: string;
  case_id: string;
  bureau_id: string | null;
  challenge_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
};

export type PortalSubmissionKind = 'statement' | 'hearing_request' | 'service_consent' | 'deferral' | 'instalments';

export type PortalSubmissionsTable = {
  id: string;
  case_id: string;
  bureau_id: string | null;
  session_id: string;
  kind: PortalSubmissionKind;
  legal_date: string;
  content: string | null;
  attachments: Generated<string[]>;
  signer_name: string | null;
  signature_sm3: string | null;
  address: string | null;
  reference_id: string | null;
  created_at: Timestamp;
};

/** A citizen who signed in with his phone (042). */
export type PortalCitizensTable = {
  id: string;
  phone: string;
  created_at: Timestamp;
  last_login_at: Timestamp;
};

/** A citizen's session, bound to his phone, never to a case (042). */
export type PortalCitizenSessionsTable = {
  id: string;
  token_hash: string;
  citizen_id: string;
  challenge_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
};

export type PortalTables = {
  portal_citizens: PortalCitizensTable;
  portal_citizen_sessions: PortalCitizenSessionsTable;
  portal_challenges: PortalChallengesTable;
  portal_sessions: PortalSessionsTable;
  portal_submissions: PortalSubmissionsTable;
};
