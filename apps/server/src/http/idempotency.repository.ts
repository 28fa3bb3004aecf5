import type { Executor } from '../context.ts';
import { runCommand, sqlLiteral } from '../db/unit-of-work.ts';

/** A kept answer: JSON as it was sent, other text, or bytes. */
export type StoredResponse =
  { json: unknown } | { text: string; type: string } | { base64: string; type: string } | { unavailable: true; type: string };

/**
 * Claims the key inside the caller's transaction. A concurrent claim of the same key that has not committed makes
 * this wait (at most `wait`, then PostgreSQL's lock_not_available) and then see its outcome.
 */
export async function claimKey(
  db: Executor,
  k: { scope: string; key: string; method: string; path: string; requestHash: string },
  wait: string,
): Promise<boolean> {
  if (!/^\d+(ms|s|min)?$/.test(wait)) throw new Error(`bad lock wait ${wait}`);
  // Inside a unit of work both commands go with the neighbouring round trips (BEGIN, the next statement).
  await runCommand(db, `SET LOCAL lock_timeout = '${wait}'`);
  const r = await db
    .insertInto('idempotency_keys')
    .values({ scope: k.scope, key: k.key, method: k.method, path: k.path, request_hash: k.requestHash, state: 'pending' })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  await runCommand(db, 'RESET lock_timeout');
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findKey(db: Executor, scope: string, key: string) {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'status_code', 'response', 'created_at'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { ...row, response: storedResponse(row.response) } : undefined;
}

const STORED_KINDS = ['json', 'text', 'base64', 'unavailable'];

/** Rows kept by earlier releases hold the JSON answer itself. */
function storedResponse(v: unknown): StoredResponse | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !Array.isArray(v) && STORED_KINDS.some((k) => k in v)) return v as StoredResponse;
  return { json: v };
}

/** Takes over a claim that an earlier release left pending outside any write's transaction. */
export async function takeOverKey(db: Executor, scope: string, key: string, now: Date): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'pending', created_at: now })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

/**
 * Stores the answer. Called just before COMMIT: inside a unit of work the update is queued and goes with the unit's
 * next round trip (the audit chain's lock, or the COMMIT), so it is sent as a command with its values written in.
 */
export async function completeKey(db: Executor, scope: string, key: string, status: number, response: StoredResponse): Promise<void> {
  await runCommand(
    db,
    `UPDATE idempotency_keys SET state = 'done', status_code = ${sqlLiteral(status)}, response = ${sqlLiteral(JSON.stringify(response))}::jsonb
      WHERE scope = ${sqlLiteral(scope)} AND key = ${sqlLiteral(key)}`,
  );
}

export async function releaseKey(db: Executor, scope: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
}
