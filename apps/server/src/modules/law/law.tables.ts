import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../../db/schema.ts';

/** bigint money in fen: read as number (see database.ts), written as number. */
type Fen = ColumnType<number, number, number>;

export type LawProvisionsTable = {
  id: string;
  law_title: string;
  level: string;
  issuer: string | null;
  article: number;
  paragraph: number | null;
  item: number | null;
  text: string;
  effective_from: string;
  repealed_on: string | null;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawOffencesTable = {
  id: string;
  code: string;
  name: string;
  domain: string;
  violated_provision: string;
  violated_provision_id: string | null;
  penalty_provision: string;
  penalty_provision_id: string | null;
  penalty_types: string[];
  min_fine_fen: Fen | null;
  max_fine_fen: Fen | null;
  fines_only_after_refusal: boolean;
  illegal: boolean;
  offsite_eligible: boolean;
  event_category: string | null;
  keywords: string[];
  effective_from: string;
  effective_to: string | null;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawDiscretionStandardsTable = {
  id: string;
  offence_id: string;
  level: string;
  label: string;
  conditions_text: string;
  conditions: Json;
  min_fen: Fen;
  max_fen: Fen;
  sort_order: number;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawExemptionItemsTable = {
  id: string;
  list_name: string;
  item_no: number;
  provision: string;
  provision_id: string | null;
  offence_code: string | null;
  behaviour: string;
  conditions_text: string;
  conditions: string[];
  effect: string;
  keywords: string[];
  effective_from: string;
  effective_to: string | null;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawGuidanceTable = {
  id: string;
  offence_code: string | null;
  title: string;
  steps: Json;
  evidence: Json;
  documents: Json;
  checklist: Json;
  effective_from: string;
  effective_to: string | null;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawGuidingCasesTable = {
  id: string;
  title: string;
  offence_code: string | null;
  case_number: string | null;
  published_on: string;
  withdrawn_on: string | null;
  facts: string;
  outcome: string;
  key_points: string;
  verification: string;
  source: string;
  note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type LawConfigVersionsTable = {
  id: string;
  effective_from: string;
  config: Json;
  note: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
};

export type LawCalendarOverridesTable = {
  date: string;
  kind: string;
  note: string;
  updated_by: string | null;
  updated_at: Timestamp;
};

/** One row: the revision of the law data case loads read (migration 016_law_revision.sql, law-revision.ts). */
export type LawRevisionTable = {
  singleton: Generated<boolean>;
  revision: string;
};

/** The law module's tables (migration 002_law.sql; law_revision 016). */
export type LawTables = {
  law_provisions: LawProvisionsTable;
  law_offences: LawOffencesTable;
  law_discretion_standards: LawDiscretionStandardsTable;
  law_exemption_items: LawExemptionItemsTable;
  law_guidance: LawGuidanceTable;
  law_guiding_cases: LawGuidingCasesTable;
  law_config_versions: LawConfigVersionsTable;
  law_calendar_overrides: LawCalendarOverridesTable;
  law_revision: LawRevisionTable;
};
