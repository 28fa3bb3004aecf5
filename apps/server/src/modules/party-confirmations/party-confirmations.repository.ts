import type { Selectable } from 'kysely';
import type { Executor } from '../../context.ts';
import type { PartyConfirmationsTable } from './party-confirmations.tables.ts';

export type ConfirmationRow = Selectable<PartyConfirmationsTable>;

export async function insertConfirmation(
  db: Executor,
  row: { id: string; token_hash: string; bureau_id: string | null; org_id: string; created_by: string; created_at: Date; expires_at: Date },
) {
  await db.insertInto('party_confirmations').values(row).execute();
}

export async function findConfirmationWithOrg(db: Executor, id: string) {
  return db
    .selectFrom('party_confirmations as c')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .selectAll('c')
    .select('g.path as org_path')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function findPublicConfirmation(db: Executor, tokenHash: string) {
  return db
    .selectFrom('party_confirmations as c')
    .innerJoin('officers as o', 'o.id', 'c.created_by')
    .innerJoin('orgs as g', 'g.id', 'c.org_id')
    .leftJoin('orgs as b', 'b.id', 'c.bureau_id')
    .selectAll('c')
    .select(['o.name as officer_name', 'g.name as org_name', 'b.name as bureau_name'])
    .where('c.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Locks the row for the confirmation attempt. */
export async function lockConfirmationByToken(db: Executor, tokenHash: string): Promise<ConfirmationRow | undefined> {
  return db.selectFrom('party_confirmations').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function markExpired(db: Executor, id: string) {
  await db.updateTable('party_confirmations').set({ state: 'expired' }).where('id', '=', id).execute();
}

export async function recordFailedAttempt(db: Executor, id: string, failedAttempts: number, lock: boolean) {
  await db
    .updateTable('party_confirmations')
    .set({ failed_attempts: failedAttempts, ...(lock ? { state: 'locked' as const } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function markConfirmed(
  db: Executor,
  id: string,
  party: { party_type: string; name: string; id_type: string; id_number: string; phone: string | null; address: string | null },
  at: Date,
) {
  await db
    .updateTable('party_confirmations')
    .set({ state: 'confirmed', ...party, confirmed_at: at })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}
