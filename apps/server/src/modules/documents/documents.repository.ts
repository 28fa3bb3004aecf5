// Every query of the documents feature.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { DocumentKeysTable, DocumentSettingsTable, DocumentsTable, DocumentTemplatesTable } from './documents.tables.ts';

export type DocumentRow = Selectable<DocumentsTable>;
export type TemplateRow = Selectable<DocumentTemplatesTable>;
export type SettingsRow = Selectable<DocumentSettingsTable>;
export type KeyRow = Selectable<DocumentKeysTable>;

// ---------------------------------------------------------------------------------------------------------
// Issued documents

export async function insertDocumentRow(db: Executor, row: Insertable<DocumentsTable>): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

export async function findDocumentRow(db: Executor, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export type DocumentListRow = DocumentRow & { issued_by_name: string | null };

export async function documentsOfCase(db: Executor, caseId: string): Promise<DocumentListRow[]> {
  return db
    .selectFrom('documents as d')
    .leftJoin('officers as o', 'o.id', 'd.issued_by')
    .selectAll('d')
    .select('o.name as issued_by_name')
    .where('d.case_id', '=', caseId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
}

/** A document already issued for the same source (a service record, a reminder …): issuing again returns it. */
export async function findDocumentBySource(db: Executor, caseId: string, kind: string, sourceId: string): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------
// Templates

export async function templateVersions(db: Executor, kind: string, bureauId: string | null): Promise<TemplateRow[]> {
  let q = db.selectFrom('document_templates').selectAll().where('kind', '=', kind);
  q = bureauId === null ? q.where('bureau_id', 'is', null) : q.where('bureau_id', '=', bureauId);
  return q.orderBy('version', 'desc').execute();
}

/** The latest version of a kind for the bureau (when given) and for the city, in one statement. */
export async function latestTemplateOfBoth(
  db: Executor,
  kind: string,
  bureauId: string | null,
): Promise<{ own: TemplateRow | undefined; city: TemplateRow | undefined }> {
  const rows = await db
    .selectFrom('document_templates')
    .selectAll()
    .where('kind', '=', kind)
    .where((eb) => (bureauId === null ? eb('bureau_id', 'is', null) : eb.or([eb('bureau_id', '=', bureauId), eb('bureau_id', 'is', null)])))
    .distinctOn('bureau_id')
    .orderBy('bureau_id')
    .orderBy('version', 'desc')
    .execute();
  return { own: bureauId === null ? undefined : rows.find((r) => r.bureau_id === bureauId), city: rows.find((r) => r.bureau_id === null) };
}

/** Latest version per kind of one scope. */
export async function latestTemplatesOf(db: Executor, bureauId: string | null): Promise<TemplateRow[]> {
  let q = db.selectFrom('document_templates').selectAll();
  q = bureauId === null ? q.where('bureau_id', 'is', null) : q.where('bureau_id', '=', bureauId);
  const rows = await q.orderBy('kind').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.kind) ? false : (seen.add(r.kind), true)));
}

/** Serializes the versions of one template (scope, kind) for the rest of the transaction. */
export async function lockTemplate(db: Executor, kind: string, bureauId: string | null): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`document_template:${bureauId ?? 'city'}:${kind}`}))`.execute(db);
}

export async function insertTemplate(db: Executor, row: Insertable<DocumentTemplatesTable>): Promise<void> {
  await db.insertInto('document_templates').values(row).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Settings and keys

export async function findSettings(db: Executor, bureauId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('document_settings').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
}

export async function upsertSettings(db: Executor, row: Insertable<DocumentSettingsTable>): Promise<void> {
  const { bureau_id: _b, ...rest } = row;
  await db
    .insertInto('document_settings')
    .values(row)
    .onConflict((oc) => oc.column('bureau_id').doUpdateSet({ ...rest, updated_at: sql`now()` }))
    .execute();
}

export async function findKey(db: Executor, bureauId: string): Promise<KeyRow | undefined> {
  return db.selectFrom('document_keys').selectAll().where('bureau_id', '=', bureauId).executeTakeFirst();
}

/** First writer wins: a concurrent creation keeps the key already stored. */
export async function insertKeyIfAbsent(db: Executor, row: Insertable<DocumentKeysTable>): Promise<void> {
  await db
    .insertInto('document_keys')
    .values(row)
    .onConflict((oc) => oc.column('bureau_id').doNothing())
    .execute();
}

/** 违则 and 罚则 of the case's offence version (the law library's row). */
export async function offenceProvisions(
  db: Executor,
  offenceId: string | null,
): Promise<{ name: string; violated_provision: string; penalty_provision: string } | undefined> {
  if (!offenceId) return undefined;
  return db
    .selectFrom('law_offences')
    .select(['name', 'violated_provision', 'penalty_provision'])
    .where('id', '=', offenceId)
    .executeTakeFirst();
}

/** The number of an earlier issue of this kind for the case (a re-issue keeps its 文号). */
export async function earlierNumber(db: Executor, caseId: string, kind: string): Promise<string | null> {
  const r = await db
    .selectFrom('documents')
    .select('number')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .where('number', 'is not', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return r?.number ?? null;
}
