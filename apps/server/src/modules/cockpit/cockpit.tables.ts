import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/schema.ts';

export type CockpitTables = {
  cockpit_rollup: { metric: string; month: string; org_id: string; value: number; fresh: Generated<boolean> };
  cockpit_rollup_tree: { metric: string; month: string; org_id: string; value: number; fresh: Generated<boolean> };
  cockpit_sources: { table_name: string; facts_fn: string; module: string };
  cockpit_targets: { kpi: string; target: string | number; updated_by: string | null; updated_at: Generated<Date> };
  cockpit_bulletins: {
    id: string;
    org_id: string;
    period_kind: string;
    period: string;
    status: string;
    data: Json;
    note: string | null;
    created_by: string | null;
    created_at: Timestamp;
    published_by: string | null;
    published_at: Timestamp | null;
  };
};
