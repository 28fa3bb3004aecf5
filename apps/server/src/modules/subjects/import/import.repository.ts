// The import's own SQL: staging rows by COPY, the batch row, the report's pages. Plain SQL: the two tables are this
// capability's alone (migration 030).
import { sql } from 'kysely';
import type { Deps, Executor } from '../../../context.ts';
import { copyLine } from '../../../db/copy-text.ts';

export type StagedRow = {
  rowNo: number;
  status: 'valid' | 'invalid' | 'duplicate';
  subjectId: string;
  code: string;
  kind: string | null;
  name: string | null;
  nameKey: string | null;
  creditCode: string | null;
  idNumber: string | null;
  plate: string | null;
  address: string | null;
  addressKey: string | null;
  district: string | null;
  street: string | null;
  pointLon: number | null;
  pointLat: number | null;
  orgId: string | null;
  contacts: unknown[];
  tags: string[];
  licenceId: string | null;
  licenceKind: string | null;
  licenceNumber: string | null;
  licenceIssuedOn: string | null;
  licenceValidUntil: string | null;
  riskLevel: string | null;
  riskRuleId: string | null;
  riskExplanation: string | null;
  riskRuleVersion: number | null;
  licenceState: string | null;
  nextInspectionOn: string | null;
  eventId: string;
  issues: { column: string; code: string; messageZh: string }[];
  duplicateOf: unknown[];
};

export const STAGE_COLUMNS = [
  'batch_id',
  'row_no',
  'status',
  'subject_id',
  'code',
  'kind',
  'name',
  'name_key',
  'credit_code',
  'id_number',
  'plate',
  'address',
  'address_key',
  'district',
  'street',
  'point_lon',
  'point_lat',
  'org_id',
  'contacts',
  'tags',
  'licence_id',
  'licence_kind',
  'licence_number',
  'licence_issued_on',
  'licence_valid_until',
  'risk_level',
  'risk_rule_id',
  'risk_explanation',
  'event_id',
  'issues',
  'duplicate_of',
  'risk_rule_version',
  'licence_state',
  'next_inspection_on',
] as const;

/** Stages rows with COPY (the platform's bulk path); without it (a caller that built its own deps), one INSERT. */
export async function copyRows(deps: Deps, batchId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (r) =>
      [
        batchId,
        r.rowNo,
        r.status,
        r.subjectId,
        r.code,
        r.kind,
        r.name,
        r.nameKey,
        r.creditCode,
        r.idNumber,
        r.plate,
        r.address,
        r.addressKey,
        r.district,
        r.street,
        r.pointLon,
        r.pointLat,
        r.orgId,
        JSON.stringify(r.contacts),
        r.tags,
        r.licenceId,
        r.licenceKind,
        r.licenceNumber,
        r.licenceIssuedOn,
        r.licenceValidUntil,
        r.riskLevel,
        r.riskRuleId,
        r.riskExplanation,
        r.eventId,
        JSON.stringify(r.issues),
        JSON.stringify(r.duplicateOf),
        r.riskRuleVersion,
        r.licenceState,
        r.nextInspectionOn,
      ] as const,
  );
  if (deps.copyIn) {
    await deps.copyIn('subject_import_rows', STAGE_COLUMNS, values.map(copyLine));
    return;
  }
  await sql`INSERT INTO subject_import_rows (${sql.join(STAGE_COLUMNS.map((c) => sql.ref(c)))})
            VALUES ${sql.join(values.map((v) => sql`(${sql.join(v.map((x) => (Array.isArray(x) ? sql`${x}::text[]` : sql`${x}`)))})`))}`.execute(
    deps.db,
  );
}

/** Updates the batch row (progress, counts, status) outside any transaction of the caller. */
export async function setBatch(
  deps: Pick<Deps, 'db' | 'clock'>,
  batchId: string,
  values: Record<string, unknown>,
  db: Executor = deps.db,
): Promise<void> {
  const sets = Object.entries(values).map(([k, v]) => {
    if (!/^[a-z_]+$/.test(k)) throw new Error(`not a column: ${k}`);
    return sql`${sql.ref(k)} = ${v}`;
  });
  await sql`UPDATE subject_import_batches SET ${sql.join([...sets, sql`updated_at = ${deps.clock.now()}`])} WHERE id = ${batchId}`.execute(
    db,
  );
}

export type BatchRow = {
  id: string;
  bureau_id: string;
  bureau_path: string;
  file_name: string | null;
  format: string;
  status: string;
  processed_rows: number;
  total_rows: number;
  valid_rows: number;
  invalid_rows: number;
  duplicate_rows: number;
  committed_rows: number;
  columns: Record<string, number>;
  error_zh: string | null;
  created_at: Date;
  checked_at: Date | null;
  committed_at: Date | null;
};

export async function findBatch(db: Executor, id: string): Promise<BatchRow | undefined> {
  const r = await sql<BatchRow>`
    SELECT b.id, b.bureau_id, o.path AS bureau_path, b.file_name, b.format, b.status, b.processed_rows, b.total_rows,
           b.valid_rows, b.invalid_rows, b.duplicate_rows, b.committed_rows, b.columns, b.error_zh, b.created_at,
           b.checked_at, b.committed_at
      FROM subject_import_batches b JOIN orgs o ON o.id = b.bureau_id
     WHERE b.id = ${id}`.execute(db);
  return r.rows[0];
}

export type ProblemRow = {
  row_no: number;
  status: string;
  name: string | null;
  issues: { column: string; code: string; messageZh: string }[];
};

/** The rows with a problem (invalid or duplicate), in file order, a page at a time. */
export async function problemRows(db: Executor, batchId: string, offset: number, limit: number): Promise<ProblemRow[]> {
  const r = await sql<ProblemRow>`
    SELECT row_no, status, name, issues FROM subject_import_rows
     WHERE batch_id = ${batchId} AND status <> 'valid'
     ORDER BY row_no OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return r.rows;
}
