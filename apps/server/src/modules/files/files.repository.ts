// Every query of the files module: the stored files, who holds them, integrity issues and scrub runs.
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import { prefixPattern } from '../../db/like.ts';
import type { FileHolderKind, FileIntegrityIssuesTable, FileIssueKind, FileScrubRunsTable, FilesTable } from './files.tables.ts';

export type FileRow = Selectable<FilesTable>;
export type FileIssueRow = Selectable<FileIntegrityIssuesTable> & {
  size: number;
  mime: string;
  uploaded_at: Date;
  bureau_name: string | null;
};
export type ScrubRunRow = Selectable<FileScrubRunsTable> & { started_by_name: string | null };

/** A second upload of the same bytes is the same file: the first row stays. */
export async function insertFile(
  db: Executor,
  row: { sm3: string; size: number; mime: string; bureau_id: string | null; created_by: string | null },
) {
  await db
    .insertInto('files')
    .values(row)
    .onConflict((oc) => oc.column('sm3').doNothing())
    .execute();
}

export async function findFile(db: Executor, sm3: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('sm3', '=', sm3).executeTakeFirst();
}

export async function addHolder(db: Executor, sm3: string, kind: FileHolderKind, holderId: string): Promise<void> {
  await db
    .insertInto('file_holders')
    .values({ sm3, holder_kind: kind, holder_id: holderId })
    .onConflict((oc) => oc.columns(['sm3', 'holder_kind', 'holder_id']).doNothing())
    .execute();
}

/** Which of the files the holder uploaded itself. */
export async function heldBy(db: Executor, sm3s: readonly string[], kind: FileHolderKind, holderId: string): Promise<Set<string>> {
  if (sm3s.length === 0) return new Set();
  const rows = await db
    .selectFrom('file_holders')
    .select('sm3')
    .where('sm3', 'in', [...sm3s])
    .where('holder_kind', '=', kind)
    .where('holder_id', '=', holderId)
    .execute();
  return new Set(rows.map((r) => r.sm3));
}

/**
 * Flags the file (one open issue per file: seen again, it is counted and the latest finding kept). Answers whether this
 * is a new finding.
 */
export async function flagFile(
  db: Executor,
  row: {
    id: string;
    sm3: string;
    bureau_id: string | null;
    kind: FileIssueKind;
    found_by: 'read' | 'scrub';
    actual_sm3: string | null;
    actual_size: number | null;
    at: Date;
  },
): Promise<boolean> {
  const r = await sql<{ inserted: boolean }>`
    INSERT INTO file_integrity_issues (id, sm3, bureau_id, kind, found_by, actual_sm3, actual_size, first_seen_at, last_seen_at)
    VALUES (${row.id}, ${row.sm3}, ${row.bureau_id}, ${row.kind}, ${row.found_by}, ${row.actual_sm3}, ${row.actual_size}, ${row.at}, ${row.at})
    ON CONFLICT (sm3) WHERE status = 'open' DO UPDATE SET
      kind = EXCLUDED.kind, actual_sm3 = EXCLUDED.actual_sm3, actual_size = EXCLUDED.actual_size,
      last_seen_at = EXCLUDED.last_seen_at, times_seen = file_integrity_issues.times_seen + 1
    RETURNING (xmax = 0) AS inserted`.execute(db);
  return r.rows[0]?.inserted === true;
}

/** The open issue of each file found intact again is resolved; answers how many were. */
export async function resolveIssues(db: Executor, sm3s: readonly string[], at: Date): Promise<number> {
  if (sm3s.length === 0) return 0;
  const r = await db
    .updateTable('file_integrity_issues')
    .set({ status: 'resolved', resolved_at: at })
    .where('sm3', 'in', [...sm3s])
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function openIssueSm3s(db: Executor, sm3s: readonly string[]): Promise<Set<string>> {
  if (sm3s.length === 0) return new Set();
  const rows = await db
    .selectFrom('file_integrity_issues')
    .select('sm3')
    .where('sm3', 'in', [...sm3s])
    .where('status', '=', 'open')
    .execute();
  return new Set(rows.map((r) => r.sm3));
}

export type IssueFilter = {
  jurisdictionPath: string;
  status?: 'open' | 'resolved';
  kind?: FileIssueKind;
  foundBy?: 'read' | 'scrub';
  /** Instants bounding last_seen_at. */
  from?: Date;
  to?: Date;
  sm3Prefix?: string;
};

function issueQuery(db: Executor, f: IssueFilter) {
  let q = db
    .selectFrom('file_integrity_issues as i')
    .innerJoin('files as f', 'f.sm3', 'i.sm3')
    .leftJoin('orgs as g', 'g.id', 'i.bureau_id')
    .selectAll('i')
    .select(['f.size', 'f.mime', 'f.created_at as uploaded_at', 'g.name as bureau_name'])
    // A file of no bureau (none recorded) is the city bureau's to examine (root jurisdiction only).
    .where((eb) =>
      eb.or([
        eb('g.path', 'like', `${f.jurisdictionPath}%`),
        eb.and([eb('i.bureau_id', 'is', null), eb(sql.lit(f.jurisdictionPath.split('/').filter(Boolean).length), '<=', 1)]),
      ]),
    );
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.foundBy) q = q.where('i.found_by', '=', f.foundBy);
  if (f.from) q = q.where('i.last_seen_at', '>=', f.from);
  if (f.to) q = q.where('i.last_seen_at', '<', f.to);
  if (f.sm3Prefix) q = q.where('i.sm3', 'like', prefixPattern(f.sm3Prefix));
  return q;
}

export async function listIssues(
  db: Executor,
  f: IssueFilter,
  limit: number,
  offset: number,
): Promise<{ items: FileIssueRow[]; total: number }> {
  const [items, count] = await Promise.all([
    issueQuery(db, f).orderBy('i.last_seen_at', 'desc').orderBy('i.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom(issueQuery(db, f).as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items as FileIssueRow[], total: Number(count.n) };
}

export async function countFiles(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The next batch of stored files in SM3 order after the cursor. */
export async function filesAfter(db: Executor, cursor: string | null, limit: number): Promise<FileRow[]> {
  let q = db.selectFrom('files').selectAll().orderBy('sm3').limit(limit);
  if (cursor) q = q.where('sm3', '>', cursor);
  return q.execute();
}

export async function insertScrubRun(
  db: Executor,
  row: { id: string; trigger: 'job' | 'manual'; started_by: string | null; started_at: Date },
) {
  await db.insertInto('file_scrub_runs').values(row).execute();
}

function runQuery(db: Executor) {
  return db
    .selectFrom('file_scrub_runs as r')
    .leftJoin('officers as o', 'o.id', 'r.started_by')
    .selectAll('r')
    .select('o.name as started_by_name');
}

export async function findScrubRun(db: Executor, id: string): Promise<ScrubRunRow | undefined> {
  return runQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** The run's row locked for one batch: two workers never check the same batch. */
export async function lockRunningScrubRun(db: Executor, id: string): Promise<Selectable<FileScrubRunsTable> | undefined> {
  return db.selectFrom('file_scrub_runs').selectAll().where('id', '=', id).where('status', '=', 'running').forUpdate().executeTakeFirst();
}

export async function recordScrubBatch(
  db: Executor,
  id: string,
  batch: {
    cursor: string | null;
    files: number;
    bytes: number;
    mismatched: number;
    missing: number;
    restored: number;
    finishedAt: Date | null;
  },
) {
  await db
    .updateTable('file_scrub_runs')
    .set((eb) => ({
      cursor: batch.cursor,
      files_checked: eb('files_checked', '+', batch.files),
      bytes_checked: eb('bytes_checked', '+', batch.bytes),
      mismatched: eb('mismatched', '+', batch.mismatched),
      missing: eb('missing', '+', batch.missing),
      restored: eb('restored', '+', batch.restored),
      ...(batch.finishedAt ? { status: 'done' as const, finished_at: batch.finishedAt } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function listScrubRuns(db: Executor, limit: number, offset: number): Promise<{ items: ScrubRunRow[]; total: number }> {
  const [items, count] = await Promise.all([
    runQuery(db).orderBy('r.started_at', 'desc').orderBy('r.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('file_scrub_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function nextJobRunAt(db: Executor, kind: string): Promise<Date | null> {
  const r = await db
    .selectFrom('jobs')
    .select('run_at')
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .orderBy('run_at')
    .limit(1)
    .executeTakeFirst();
  return r ? new Date(r.run_at) : null;
}
