import type { Executor } from '../context.ts';
import { runCommand, sqlLiteral } from '../db/unit-of-work.ts';
import { AppError } from '../errors/app-error.ts';
import { pgErrorCode } from '../shared/pg-errors.ts';

/** A kept answer: JSON as it was sent, other text, or bytes. */
export type StoredResponse =
  { json: unknown } | { text: string; type: string } | { base64: string; type: string } | { unavailable: true; type: string };

export type KeyClaim = { scope: string; key: string; method: string; path: string; requestHash: string };
/** A claim's identity within a batch. */
export const claimId = (k: { scope: string; key: string }): string => `${k.scope}\n${k.key}`;

/**
 * Claims the key inside the caller's transaction. A concurrent claim of the same key that has not committed makes
 * this wait (at most `wait`, then 409 IDEMPOTENCY_IN_PROGRESS) and then see its outcome.
 */
export async function claimKey(db: Executor, k: KeyClaim, wait: string): Promise<boolean> {
  return (await claimKeys(db, [k], wait)).size === 1;
}

/** `claimKey` for several distinct keys in one statement; answers the claims taken (by `claimId`). */
export async function claimKeys(db: Executor, claims: readonly KeyClaim[], wait: string): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  if (!/^\d+(ms|s|min)?$/.test(wait)) throw new Error(`bad lock wait ${wait}`);
  // Inside a unit of work both commands go with the neighbouring round trips (BEGIN, the next statement).
  await runCommand(db, `SET LOCAL lock_timeout = '${wait}'`);
  let rows: { scope: string; key: string }[];
  try {
    rows = await db
      .insertInto('idempotency_keys')
      .values(
        claims.map((k) => ({ scope: k.scope, key: k.key, method: k.method, path: k.path, request_hash: k.requestHash, state: 'pending' })),
      )
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning(['scope', 'key'])
      .execute();
  } catch (e) {
    // lock_not_available: a copy of one of these requests is still running.
    if (pgErrorCode(e) === '55P03') throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    throw e;
  }
  await runCommand(db, 'RESET lock_timeout');
  return new Set(rows.map(claimId));
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
  await completeKeys(db, [{ scope, key, status, response }]);
}

/** `completeKey` for several keys, in one command. */
export async function completeKeys(
  db: Executor,
  answers: readonly { scope: string; key: string; status: number; response: StoredResponse }[],
): Promise<void> {
  if (answers.length === 0) return;
  const values = answers.map(
    (a) => `(${sqlLiteral(a.scope)}, ${sqlLiteral(a.key)}, ${sqlLiteral(a.status)}::int, ${sqlLiteral(JSON.stringify(a.response))}::jsonb)`,
  );
  await runCommand(
    db,
    `UPDATE idempotency_keys AS k SET state = 'done', status_code = v.status, response = v.response
      FROM (VALUES ${values.join(', ')}) AS v (scope, key, status, response) WHERE k.scope = v.scope AND k.key = v.key`,
  );
}

export async function releaseKey(db: Executor, scope: string, key: string): Promise<void> {
  await releaseKeys(db, [{ scope, key }]);
}

/** `releaseKey` for several keys, in one statement. */
export async function releaseKeys(db: Executor, keys: readonly { scope: string; key: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('idempotency_keys')
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('scope', '=', k.scope), eb('key', '=', k.key)]))))
    .execute();
}
