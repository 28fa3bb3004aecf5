import type { ColumnType, Generated } from 'kysely';
import type { LawTables } from '../modules/law/law.tables.ts';
import type { CaseTables } from '../modules/cases/cases.tables.ts';
import type { PartyConfirmationTables } from '../modules/party-confirmations/party-confirmations.tables.ts';
import type { MessagingTables } from '../modules/messaging/messaging.tables.ts';
import type { PortalTables } from '../modules/portal/portal.tables.ts';
import type { DisclosureTables } from '../modules/disclosure/disclosure.tables.ts';
import type { ServiceTables } from '../modules/service/service.tables.ts';
import type { EnforcementTables } from '../modules/enforcement/enforcement.tables.ts';
import type { PaymentTables } from '../modules/payments/payments.tables.ts';
import type { DocumentTables } from '../modules/documents/documents.tables.ts';
import type { ThrottleTables } from '../modules/throttle/throttle.tables.ts';
import type { AuditTables } from '../modules/audit/audit.tables.ts';
import type { GeoTables } from '../modules/geo/geo.tables.ts';
import type { SubjectTables } from '../modules/subjects/subjects.tables.ts';
import type { InspectionTables } from '../modules/inspections/inspections.tables.ts';
import type { RandomInspectionTables } from '../modules/random-inspections/random-inspections.tables.ts';
import type { TicketTables } from '../modules/tickets/tickets.tables.ts';
import type { Open311Tables } from '../modules/tickets/open311/open311.tables.ts';
import type { CoordinationTables } from '../modules/coordination/coordination.tables.ts';
import type { OffsiteTables } from '../modules/offsite/index.ts';
import type { DutyTables } from '../modules/duty/duty.tables.ts';
import type { SupervisionTables } from '../modules/supervision/supervision.tables.ts';
import type { CompoundTables } from '../modules/compounds/compounds.tables.ts';
import type { StallTables } from '../modules/stalls/stalls.tables.ts';
import type { WorkroomTables } from '../modules/workrooms/workrooms.tables.ts';
import type { CreditTables } from '../modules/credit/credit.tables.ts';
import type { ReviewTables } from '../modules/reviews/reviews.tables.ts';
import type { TrainingTables } from '../modules/training/training.tables.ts';
import type { TeamTables } from '../modules/staff/team/team.tables.ts';
import type { SquadTables } from '../modules/squads/squads.tables.ts';
import type { CampaignTables } from '../modules/campaigns/campaigns.tables.ts';
import type { DataSharingTables } from '../modules/data-sharing/data-sharing.tables.ts';
import type { CockpitTables } from '../modules/cockpit/cockpit.tables.ts';
import type { WasteTables } from '../modules/waste/waste.tables.ts';

/** Kysely table types. Dates are 'YYYY-MM-DD' strings; instants are Date; bigint is number (see database.ts). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json = ColumnType<unknown, string, string>;
/** A timestamp with a database default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrgsTable = {
  id: string;
  parent_id: string | null;
  bureau_id: string | null;
  kind: string;
  name: string;
  short_name: string | null;
  code: string;
  region_code: string | null;
  path: string;
  depth: number;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type OfficersTable = {
  id: string;
  org_id: string;
  bureau_id: string | null;
  name: string;
  employee_no: string;
  gender: string | null;
  phone: string | null;
  title: string | null;
  /** 法律职业资格 (处罚法 Art. 58), migration 025. */
  legal_qualification: Generated<boolean>;
  active: Generated<boolean>;
  username: string | null;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  last_failed_at: Timestamp | null;
  locked_until: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_pending_secret: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type OfficerRolesTable = { officer_id: string; role: string };

export type CredentialsTable = {
  id: string;
  officer_id: string;
  number: string;
  domains: string[];
  valid_from: string;
  valid_to: string;
  revoked: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type SessionsTable = {
  id: string;
  token_hash: string;
  officer_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
};

export type IdempotencyKeysTable = {
  scope: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'pending' | 'done';
  status_code: number | null;
  response: Json | null;
  created_at: GeneratedTimestamp;
};

export type JobsTable = {
  id: string;
  kind: string;
  run_at: Timestamp;
  payload: Json;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_at: Timestamp | null;
  locked_by: string | null;
  dedupe_key: string | null;
  bureau_id: string | null;
  created_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
};

export type SchemaMigrationsTable = { version: string; name: string; checksum: string; applied_at: GeneratedTimestamp };

/** The foundation's tables. */
export type CoreTables = {
  orgs: OrgsTable;
  officers: OfficersTable;
  officer_roles: OfficerRolesTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  /** Nonces accepted by the signed connectors, per channel (shared/connector-signing.ts). */
  connector_nonces: { channel: string; nonce: string; seen_at: Timestamp };
  schema_migrations: SchemaMigrationsTable;
};

/**
 * The whole database as Kysely sees it: the core tables plus each feature module's own
 * (`modules/<feature>/<feature>.tables.ts`), joined here with `&`.
 */
export type DB = CoreTables &
  AuditTables &
  LawTables &
  CaseTables &
  PartyConfirmationTables &
  MessagingTables &
  PortalTables &
  DisclosureTables &
  ServiceTables &
  EnforcementTables &
  PaymentTables &
  DocumentTables &
  ThrottleTables &
  GeoTables &
  SubjectTables &
  InspectionTables &
  RandomInspectionTables &
  TicketTables &
  Open311Tables &
  CoordinationTables &
  DutyTables &
  SupervisionTables &
  CompoundTables &
  StallTables &
  WorkroomTables &
  CreditTables &
  ReviewTables &
  TrainingTables &
  TeamTables &
  SquadTables &
  CampaignTables &
  DataSharingTables &
  CockpitTables &
  OffsiteTables &
  WasteTables;
