import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../context.ts';
import type { PortalChallengesTable, PortalCitizenSessionsTable, PortalSessionsTable, PortalSubmissionsTable } from './portal.tables.ts';

export type ChallengeRow = Selectable<PortalChallengesTable>;
export type PortalSessionRow = Selectable<PortalSessionsTable>;
export type SubmissionRow = Selectable<PortalSubmissionsTable>;

/**
 * The 文号 as people type it: no spaces, full-width digits and brackets of any kind folded to 〔〕 (the form the
 * bureau prints). The SQL below applies the same folding to the stored numbers.
 */
export function normalizeDocumentNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[[【(（]/g, '〔')
    .replace(/[\]】)）]/g, '〕')
    .toUpperCase();
}

const FOLD = (col: string) => sql<string>`upper(translate(${sql.ref(col)}, ' []【】()（）', '〔〕〔〕〔〕〔〕'))`;

/**
 * The case holding a document with this number: case_documents (every number allocated by a case step, summary
 * tickets too), then the issued documents numbered by the documents module (催告书, 强制执行申请书 …).
 */
export async function findCaseByDocumentNumber(db: Executor, normalized: string): Promise<{ case_id: string } | undefined> {
  const numbered = await db
    .selectFrom('case_documents')
    .select('case_id')
    .where(FOLD('number'), '=', normalized)
    .orderBy('issued_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (numbered) return numbered;
  return db
    .selectFrom('documents')
    .select('case_id')
    .where('number', 'is not', null)
    .where('status', '=', 'issued')
    .where(FOLD('number'), '=', normalized)
    .orderBy('issued_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function casePartyContact(db: Executor, caseId: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('parties as p', 'p.id', 'c.party_id')
    .select(['c.id as case_id', 'c.bureau_id', 'c.party_id', 'p.phone', 'p.name'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/** Serializes code requests for one typed number (two requests at once cannot both send). */
export async function lockLookup(db: Executor, lookupHash: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`portal:${lookupHash}`}))`.execute(db);
}

export async function recentChallenges(db: Executor, lookupHash: string, since: Date): Promise<ChallengeRow[]> {
  return db
    .selectFrom('portal_challenges')
    .selectAll()
    .where('lookup_hash', '=', lookupHash)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertChallenge(db: Executor, row: Insertable<PortalChallengesTable>): Promise<void> {
  await db.insertInto('portal_challenges').values(row).execute();
}

/** The latest code of this number, locked for the attempt. */
export async function lockLatestChallenge(db: Executor, lookupHash: string): Promise<ChallengeRow | undefined> {
  return db
    .selectFrom('portal_challenges')
    .selectAll()
    .where('lookup_hash', '=', lookupHash)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordChallengeFailure(db: Executor, id: string, failedAttempts: number, lock: boolean): Promise<void> {
  await db
    .updateTable('portal_challenges')
    .set({ failed_attempts: failedAttempts, ...(lock ? { state: 'locked' as const } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function markChallengeUsed(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable('portal_challenges')
    .set({ state: 'used', used_at: at })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

export async function insertPortalSession(db: Executor, row: Insertable<PortalSessionsTable>): Promise<void> {
  await db.insertInto('portal_sessions').values(row).execute();
}

export async function findPortalSession(db: Executor, tokenHash: string): Promise<PortalSessionRow | undefined> {
  return db.selectFrom('portal_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchPortalSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('portal_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokePortalSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('portal_sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function insertSubmission(db: Executor, row: Insertable<PortalSubmissionsTable>): Promise<void> {
  await db.insertInto('portal_submissions').values(row).execute();
}

export async function caseSubmissions(db: Executor, caseId: string): Promise<SubmissionRow[]> {
  return db.selectFrom('portal_submissions').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

export async function findSubmission(db: Executor, caseId: string, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('portal_submissions').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function filesBySm3(db: Executor, sm3s: readonly string[]): Promise<Map<string, { size: number; mime: string }>> {
  if (sm3s.length === 0) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['sm3', 'size', 'mime'])
    .where('sm3', 'in', [...sm3s])
    .execute();
  return new Map(rows.map((r) => [r.sm3, { size: Number(r.size), mime: r.mime }]));
}

export async function agencyNames(db: Executor, orgId: string, bureauId: string | null) {
  const ids = bureauId ? [orgId, bureauId] : [orgId];
  const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  const name = (id: string | null) => rows.find((r) => r.id === id)?.name ?? null;
  return { org: name(orgId), bureau: name(bureauId) };
}

// The citizen's side (042).

export type CitizenSessionRow = Selectable<PortalCitizenSessionsTable>;

/** The citizen of this phone, created at his first login. */
export async function upsertCitizen(db: Executor, id: string, phone: string, at: Date): Promise<{ id: string; phone: string }> {
  const row = await db
    .insertInto('portal_citizens')
    .values({ id, phone, created_at: at, last_login_at: at })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ last_login_at: at }))
    .returning(['id', 'phone'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function insertCitizenSession(db: Executor, row: Insertable<PortalCitizenSessionsTable>): Promise<void> {
  await db.insertInto('portal_citizen_sessions').values(row).execute();
}

export async function findCitizenSession(db: Executor, tokenHash: string) {
  return db
    .selectFrom('portal_citizen_sessions as s')
    .innerJoin('portal_citizens as c', 'c.id', 's.citizen_id')
    .selectAll('s')
    .select('c.phone')
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchCitizenSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('portal_citizen_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeCitizenSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('portal_citizen_sessions').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
