// 导入执法对象: upload (the file stored, a batch opened, the check queued), the batch and its problem rows, the report
// workbook, and the commit (queued; the job moves the rows that passed into the registry in one transaction).
import { sql } from 'kysely';
import type { SubjectImportBatch, SubjectImportProblemPage, SubjectImportProblemRow } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { storeFile } from '../../files/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { type BatchRow, findBatch, problemRows, setBatch } from './import.repository.ts';

export const CHECK_JOB = 'subject-import.check';
export const COMMIT_JOB = 'subject-import.commit';
/** Largest report workbook (the problem rows); a file with more problems is corrected and checked again. */
const MAX_REPORT_ROWS = 100_000;

/** Who loads the city's lists: the bureau's administrators and leaders ('subject:import'). */
function assertImporter(actor: Actor): void {
  assertPermission(actor, 'subject:import');
}

function toBatch(r: BatchRow): SubjectImportBatch {
  return {
    id: r.id,
    bureauId: r.bureau_id,
    fileName: r.file_name,
    format: r.format,
    status: r.status as SubjectImportBatch['status'],
    processedRows: r.processed_rows,
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    invalidRows: r.invalid_rows,
    duplicateRows: r.duplicate_rows,
    committedRows: r.committed_rows,
    columns: r.columns,
    errorZh: r.error_zh,
    createdAt: new Date(r.created_at).toISOString(),
    checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
    committedAt: r.committed_at ? new Date(r.committed_at).toISOString() : null,
  };
}

async function batchOrFail(deps: Deps, actor: Actor, id: string): Promise<BatchRow> {
  assertImporter(actor);
  const row = await findBatch(deps.db, id);
  assertInJurisdiction(actor, row?.bureau_path);
  return row!;
}

export async function uploadImport(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: Buffer | null,
  query: { bureauId?: string; fileName?: string },
): Promise<SubjectImportBatch> {
  assertImporter(actor);
  if (!body || body.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'body',
      message: 'body：请上传 .xlsx 或 .csv 文件',
      messageEn: 'body: upload an .xlsx or .csv file',
    });
  }
  const bureauId = query.bureauId ?? actor.bureauId;
  if (!bureauId) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'bureauId',
      message: 'bureauId：请选择导入到哪个区局',
      messageEn: 'bureauId: choose the district bureau',
    });
  }
  const bureau = await getOrgRowOrFail(deps.db, actor, bureauId);
  if (bureau.kind !== 'district_bureau') {
    throw new AppError('VALIDATION_FAILED', {
      field: 'bureauId',
      message: 'bureauId：执法对象导入到区局，请选择区局',
      messageEn: 'bureauId: subjects are imported into a district bureau',
    });
  }
  const format = body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
  const id = deps.newId();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const sm3 = await storeFile(deps, trx, {
      bytes: body,
      mime: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
      bureauId,
      createdBy: actor.id,
    });
    await sql`
      INSERT INTO subject_import_batches (id, bureau_id, file_name, file_sm3, format, status, created_by, created_at, updated_at)
      VALUES (${id}, ${bureauId}, ${query.fileName ?? null}, ${sm3}, ${format}, 'checking', ${actor.id}, ${now}, ${now})`.execute(trx);
    await enqueueJob(trx, { id: deps.newId(), kind: CHECK_JOB, runAt: now, payload: { batchId: id }, bureauId, maxAttempts: 3 });
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject_import.upload',
      entityType: 'subject_import',
      entityId: id,
      bureauId,
      data: { fileSm3: sm3, fileName: query.fileName ?? null, bytes: body.length, format },
    });
    return toBatch((await findBatch(trx, id))!);
  });
}

export async function getImport(deps: Deps, actor: Actor, id: string): Promise<SubjectImportBatch> {
  return toBatch(await batchOrFail(deps, actor, id));
}

const toProblem = (r: Awaited<ReturnType<typeof problemRows>>[number]): SubjectImportProblemRow => ({
  rowNo: r.row_no,
  status: r.status as SubjectImportProblemRow['status'],
  name: r.name,
  issues: r.issues,
});

export async function listImportProblems(
  deps: Deps,
  actor: Actor,
  id: string,
  query: { page?: number; pageSize?: number },
): Promise<SubjectImportProblemPage> {
  const batch = await batchOrFail(deps, actor, id);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const rows = await problemRows(deps.db, id, (page - 1) * pageSize, pageSize);
  return { items: rows.map(toProblem), total: batch.invalid_rows + batch.duplicate_rows, page, pageSize };
}

/** The dry-run report as a workbook: one line per problem (row, column, problem), duplicates included. */
export async function importReportXlsx(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  await batchOrFail(deps, actor, id);
  const rows = await problemRows(deps.db, id, 0, MAX_REPORT_ROWS);
  const lines = rows.flatMap((r) => r.issues.map((i) => ({ row: r.row_no, name: r.name, status: r.status, ...i })));
  return toXlsx(
    '导入检查结果',
    [
      { header: '行号', width: 8, value: (l) => l.row },
      { header: '名称', width: 28, value: (l) => l.name },
      { header: '列', width: 18, value: (l) => l.column },
      { header: '问题', width: 60, value: (l) => l.messageZh },
      { header: '处理', width: 14, value: (l) => (l.status === 'duplicate' ? '转合并审核' : '不导入，请改正') },
    ],
    lines,
  );
}

/**
 * Commits the checked batch: queued once (a retry, or a second click, finds it committing or committed and changes
 * nothing). The rows that passed are loaded by the job in one transaction.
 */
export async function commitImport(deps: Deps, actor: Actor, meta: RequestMeta, id: string): Promise<SubjectImportBatch> {
  const batch = await batchOrFail(deps, actor, id);
  if (batch.status === 'committing' || batch.status === 'committed') return toBatch(batch);
  if (batch.status !== 'checked') {
    throw new AppError('VALIDATION_FAILED', {
      field: 'id',
      message: batch.status === 'checking' ? '导入文件尚在检查，请检查完成后再导入' : '该批次无法导入（文件无法读取），请重新上传',
      messageEn: batch.status === 'checking' ? 'the file is still being checked' : 'this batch cannot be committed (unreadable file)',
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const moved = await sql`
      UPDATE subject_import_batches SET status = 'committing', committed_by = ${actor.id}, updated_at = ${deps.clock.now()}
       WHERE id = ${id} AND status = 'checked'`.execute(trx);
    if (Number(moved.numAffectedRows ?? 0) > 0) {
      await enqueueJob(trx, {
        id: deps.newId(),
        kind: COMMIT_JOB,
        runAt: deps.clock.now(),
        payload: { batchId: id },
        bureauId: batch.bureau_id,
        dedupeKey: `subject-import-commit:${id}`,
        maxAttempts: 3,
      });
      await recordAudit(trx, deps, actor, meta, {
        action: 'subject_import.commit_requested',
        entityType: 'subject_import',
        entityId: id,
        bureauId: batch.bureau_id,
        data: { validRows: batch.valid_rows, duplicateRows: batch.duplicate_rows, invalidRows: batch.invalid_rows },
      });
    }
    return toBatch((await findBatch(trx, id))!);
  });
}

/** Whether the database is the embedded one (a single session: no second connection to report progress on). */
async function isEmbedded(deps: Deps): Promise<boolean> {
  const r = await sql<{ v: string }>`SELECT version() AS v`.execute(deps.db);
  return /pglite/i.test(r.rows[0]?.v ?? '');
}

const COMMIT_CHUNK = 20_000;

/** The job: the rows that passed, into the registry, in one transaction; progress written beside it (PostgreSQL). */
export async function commitImportBatch(deps: Deps, batchId: string): Promise<void> {
  const batch = await findBatch(deps.db, batchId);
  if (!batch || batch.status !== 'committing') return;
  const actorId = (
    await sql<{ by: string | null }>`SELECT committed_by AS by FROM subject_import_batches WHERE id = ${batchId}`.execute(deps.db)
  ).rows[0]?.by;
  const embedded = await isEmbedded(deps);
  const maxRow = (
    await sql<{ m: number | null }>`SELECT max(row_no) AS m FROM subject_import_rows WHERE batch_id = ${batchId}`.execute(deps.db)
  ).rows[0]?.m;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    let loaded = 0;
    for (let lo = 0; lo <= (maxRow ?? 0); lo += COMMIT_CHUNK) {
      const hi = lo + COMMIT_CHUNK;
      const inserted = await sql<{ id: string }>`
        INSERT INTO subjects (id, code, bureau_id, org_id, kind, name, name_key, credit_code, id_number, plate, address,
                              address_key, district, street, point_lon, point_lat, contacts, tags, verified, risk_level,
                              risk_computed, risk_rule_version, risk_rule_id, risk_explanation, risk_graded_at,
                              import_batch_id, created_by, created_at, updated_at)
        SELECT subject_id, code, ${batch.bureau_id}, org_id, kind, name, name_key, credit_code, id_number, plate, address,
               address_key, district, street, point_lon, point_lat, contacts, tags, false, risk_level, risk_level, 1,
               risk_rule_id, risk_explanation, ${now}, ${batchId}, ${actorId ?? null}, ${now}, ${now}
          FROM subject_import_rows
         WHERE batch_id = ${batchId} AND status = 'valid' AND row_no > ${lo} AND row_no <= ${hi}
         ORDER BY row_no
        ON CONFLICT DO NOTHING
        RETURNING id`.execute(trx);
      // The licences and timeline of exactly the records this chunk inserted (a record left out by a conflict has none).
      const ids = inserted.rows.map((r) => r.id);
      await sql`
        INSERT INTO subject_licences (id, subject_id, kind, number, issued_on, valid_until, revoked, created_at)
        SELECT r.licence_id, r.subject_id, r.licence_kind, r.licence_number, r.licence_issued_on::date,
               r.licence_valid_until::date, false, ${now}
          FROM subject_import_rows r
         WHERE r.batch_id = ${batchId} AND r.status = 'valid' AND r.licence_id IS NOT NULL AND r.row_no > ${lo} AND r.row_no <= ${hi}
           AND r.subject_id = ANY (${ids}::uuid[])
        ON CONFLICT DO NOTHING`.execute(trx);
      await sql`
        INSERT INTO subject_events (id, subject_id, kind, occurred_on, at, ref_type, ref_id, summary_zh, data, actor_id)
        SELECT r.event_id, r.subject_id, 'registered', ${shanghaiDate(now)}::date, ${now}, 'subject_import', ${batchId},
               '批量导入登记', jsonb_build_object('rowNo', r.row_no), ${actorId ?? null}
          FROM subject_import_rows r
         WHERE r.batch_id = ${batchId} AND r.status = 'valid' AND r.row_no > ${lo} AND r.row_no <= ${hi}
           AND r.subject_id = ANY (${ids}::uuid[])
        ON CONFLICT DO NOTHING`.execute(trx);
      loaded += inserted.rows.length;
      // Progress on a connection of its own (it commits at once); the embedded database has one session only.
      if (!embedded) await setBatch(deps, batchId, { committed_rows: loaded });
    }
    const total = loaded;
    await setBatch(deps, batchId, { status: 'committed', committed_rows: total, committed_at: now }, trx);
    await recordAudit(
      trx,
      deps,
      { id: actorId ?? null, bureauId: batch.bureau_id },
      { ip: null, correlationId: null },
      {
        action: 'subject_import.commit',
        entityType: 'subject_import',
        entityId: batchId,
        bureauId: batch.bureau_id,
        data: { committedRows: total, duplicateRows: batch.duplicate_rows, invalidRows: batch.invalid_rows },
      },
    );
  });
}
