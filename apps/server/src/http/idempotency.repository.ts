import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function claimKey(
  db: Kysely<DB>,
  k: { scope: string; key: string; method: string; path: string; requestHash: string },
): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_keys')
    .values({ scope: k.scope, key: k.key, method: k.method, path: k.path, request_hash: k.requestHash, state: 'pending' })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findKey(db: Kysely<DB>, scope: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'status_code', 'response', 'created_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function completeKey(db: Kysely<DB>, scope: string, key: string, status: number, responseJson: string) {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: status, response: responseJson })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

export async function releaseKey(db: Kysely<DB>, scope: string, key: string) {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('state', '=', 'pending').execute();
}
