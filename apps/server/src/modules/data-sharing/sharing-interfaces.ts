// The standard sharing interfaces (9 个常用数据共享标准接口, 000; docs/data-sharing.md §2): for each exportable asset,
// the columns a partner receives (never a party's identity number, phone or contacts, never a reporter), how a row
// lies in a jurisdiction (the org column, or the org's own path), and which rows are shared at all (a disclosure only
// once published). The asset's sharing level in the catalogue decides whether a key may be given it.
export type SharingInterface = {
  code: string;
  /** The table read; `id` is its key and the keyset. */
  table: string;
  /** Columns handed out, in order. */
  columns: readonly string[];
  /** The column naming the org the row belongs to; null: the row is an org (its own path). */
  orgColumn: string | null;
  /** A fixed condition on shared rows (SQL over the table alias t). */
  where?: string;
};

export const SHARING_INTERFACES: readonly SharingInterface[] = [
  { code: 'orgs', table: 'orgs', columns: ['id', 'parent_id', 'kind', 'name', 'code', 'region_code'], orgColumn: null },
  {
    code: 'disclosures',
    table: 'disclosures',
    columns: ['id', 'document_number', 'agency_name', 'decided_on', 'published_on', 'public_until', 'content'],
    orgColumn: 'org_id',
    where: "t.state = 'published'",
  },
  {
    code: 'cases',
    table: 'cases',
    columns: [
      'id',
      'case_number',
      'procedure',
      'state',
      'offence_code',
      'offence_name',
      'domain',
      'act_date',
      'registered_on',
      'decided_on',
      'closed_on',
      'decision_outcome',
    ],
    orgColumn: 'org_id',
  },
  {
    code: 'subjects',
    table: 'subjects',
    columns: [
      'id',
      'code',
      'kind',
      'name',
      'credit_code',
      'address',
      'district',
      'street',
      'point_lon',
      'point_lat',
      'risk_level',
      'status',
      'last_inspected_on',
    ],
    orgColumn: 'org_id',
    where: "t.status = 'active'",
  },
  {
    code: 'inspection_plans',
    table: 'inspection_plans',
    columns: ['id', 'title', 'period_from', 'period_to', 'status', 'commitment', 'input_digest', 'drawn_at'],
    orgColumn: 'bureau_id',
    where: "t.status IN ('approved', 'drawn')",
  },
  {
    code: 'inspection_tasks',
    table: 'inspection_tasks',
    columns: ['id', 'subject_id', 'origin', 'plan_id', 'due_on', 'status'],
    orgColumn: 'org_id',
  },
  {
    code: 'inspection_visits',
    table: 'inspection_visits',
    columns: ['id', 'subject_id', 'outcome', 'visited_on', 'failed_items', 'point_lon', 'point_lat'],
    orgColumn: 'org_id',
  },
  {
    code: 'tickets',
    table: 'tickets',
    columns: [
      'id',
      'number',
      'channel',
      'category_code',
      'state',
      'address',
      'point_lon',
      'point_lat',
      'received_at',
      'closed_at',
      'resolved',
      'satisfaction',
    ],
    orgColumn: 'org_id',
  },
  {
    code: 'campaign_points',
    table: 'campaign_points',
    columns: ['id', 'campaign_id', 'number', 'title', 'address', 'lon', 'lat', 'state', 'closed_at', 'refused_count'],
    orgColumn: 'org_id',
  },
];

export const SHARING_INTERFACE_CODES = new Set(SHARING_INTERFACES.map((i) => i.code));

export function sharingInterface(code: string): SharingInterface | undefined {
  return SHARING_INTERFACES.find((i) => i.code === code);
}
