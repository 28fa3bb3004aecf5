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

/** Inserts the row and answers it as stored (with its defaults), so nothing reads it back. */
export async function insertDocumentRow(db: Executor, row: Insertable<DocumentsTable>): Promise<DocumentRow> {
  return db.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
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

/** The settings a document prints (agency, address, phone, payment method, seal, signature). */
export type DocumentSettings = Omit<SettingsRow, 'updated_by' | 'updated_at'>;
type TemplateVersion = Pick<TemplateRow, 'body' | 'version'>;
type SigningKey = Pick<KeyRow, 'public_key' | 'private_key_enc' | 'fingerprint'>;

/** What a case's document is made from besides the case's own rows. */
export type DocumentReference = {
  settings: DocumentSettings | undefined;
  /** The latest version of the bureau's own template and of the city's (a removed override has a null body). */
  own: TemplateVersion | undefined;
  city: TemplateVersion | undefined;
  bureau: { kind: string; name: string } | undefined;
  provisions: { name: string; violated_provision: string; penalty_provision: string } | undefined;
  key: SigningKey | undefined;
};

/**
 * The bureau's document settings, the templates of `kind` (the bureau's and the city's latest), the bureau's org row,
 * the offence's 违则 and 罚则 and the bureau's signing key — ONE statement, each part as its single-table query gives it.
 */
export async function documentReference(
  db: Executor,
  kind: string,
  bureauId: string,
  offenceId: string | null,
): Promise<DocumentReference> {
  const r = await sql<{
    s_bureau_id: string | null;
    s_agency_name: string | null;
    s_address_line: string | null;
    s_phone_line: string | null;
    s_payment_method: string | null;
    s_seal_sm3: string | null;
    s_signature_sm3: string | null;
    own_found: boolean | null;
    own_body: TemplateRow['body'];
    own_version: number | null;
    city_found: boolean | null;
    city_body: TemplateRow['body'];
    city_version: number | null;
    g_kind: string | null;
    g_name: string | null;
    lo_name: string | null;
    lo_violated: string | null;
    lo_penalty: string | null;
    k_public_key: string | null;
    k_private_key_enc: string | null;
    k_fingerprint: string | null;
  }>`
    SELECT s.bureau_id AS s_bureau_id, s.agency_name AS s_agency_name, s.address_line AS s_address_line,
           s.phone_line AS s_phone_line, s.payment_method AS s_payment_method, s.seal_sm3 AS s_seal_sm3,
           s.signature_sm3 AS s_signature_sm3,
           own.found AS own_found, own.body AS own_body, own.version AS own_version,
           city.found AS city_found, city.body AS city_body, city.version AS city_version,
           g.kind AS g_kind, g.name AS g_name,
           lo.name AS lo_name, lo.violated_provision AS lo_violated, lo.penalty_provision AS lo_penalty,
           k.public_key AS k_public_key, k.private_key_enc AS k_private_key_enc, k.fingerprint AS k_fingerprint
      FROM (SELECT 1) AS one
      LEFT JOIN document_settings s ON s.bureau_id = ${bureauId}
      LEFT JOIN LATERAL (SELECT true AS found, t.body, t.version FROM document_templates t
                          WHERE t.kind = ${kind} AND t.bureau_id = ${bureauId} ORDER BY t.version DESC LIMIT 1) own ON true
      LEFT JOIN LATERAL (SELECT true AS found, t.body, t.version FROM document_templates t
                          WHERE t.kind = ${kind} AND t.bureau_id IS NULL ORDER BY t.version DESC LIMIT 1) city ON true
      LEFT JOIN orgs g ON g.id = ${bureauId}
      LEFT JOIN law_offences lo ON lo.id = ${offenceId}
      LEFT JOIN document_keys k ON k.bureau_id = ${bureauId}
  `.execute(db);
  const x = r.rows[0]!;
  return {
    settings:
      x.s_bureau_id === null
        ? undefined
        : {
            bureau_id: x.s_bureau_id,
            agency_name: x.s_agency_name,
            address_line: x.s_address_line,
            phone_line: x.s_phone_line,
            payment_method: x.s_payment_method,
            seal_sm3: x.s_seal_sm3,
            signature_sm3: x.s_signature_sm3,
          },
    own: x.own_found ? { body: x.own_body, version: x.own_version! } : undefined,
    city: x.city_found ? { body: x.city_body, version: x.city_version! } : undefined,
    bureau: x.g_kind === null ? undefined : { kind: x.g_kind, name: x.g_name! },
    provisions: x.lo_name === null ? undefined : { name: x.lo_name, violated_provision: x.lo_violated!, penalty_provision: x.lo_penalty! },
    key:
      x.k_fingerprint === null
        ? undefined
        : { public_key: x.k_public_key!, private_key_enc: x.k_private_key_enc!, fingerprint: x.k_fingerprint },
  };
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
