import type { ColumnType } from 'kysely';
import type { GeneratedTimestamp, Json } from '../../db/schema.ts';

type Fen = ColumnType<number, number | undefined, number>;

/** Enforcement status of a case with a fine (migration 006_service.sql), derived from the domain's enforcementView. */
export type CaseEnforcementTable = {
  case_id: string;
  bureau_id: string | null;
  org_id: string;
  status: string;
  fine_fen: Fen;
  surcharge_fen: Fen;
  payment_due: string | null;
  awaiting_reminder_since: string | null;
  reminder_served_on: string | null;
  court_opens_on: string | null;
  court_closes_on: string | null;
  court_applied_on: string | null;
  court_package_sm3: string | null;
  court_package_doc_id: string | null;
  court_package_on: string | null;
  court_package_manifest: Json | null;
  refreshed_on: string;
  /** The first day the daily check must look again (null: only a step changes the row). Migration 077. */
  recheck_on: string | null;
  /** SM3 of the working calendar the row was computed under (`calendarKey`). */
  calendar_key: string | null;
  updated_at: GeneratedTimestamp;
};

export type EnforcementTables = { case_enforcement: CaseEnforcementTable };
