import { sql } from 'kysely';
import type { Executor } from '../context.ts';

/**
 * Runs `fn` inside a savepoint of the current transaction: if it throws, only its own writes are
 * rolled back and the transaction stays usable (PostgreSQL aborts the whole transaction otherwise).
 * The error is rethrown for the caller to report.
 */
export async function withSavepoint<T>(trx: Executor, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad savepoint name ${name}`);
  await sql.raw(`SAVEPOINT ${name}`).execute(trx);
  try {
    const result = await fn();
    await sql.raw(`RELEASE SAVEPOINT ${name}`).execute(trx);
    return result;
  } catch (e) {
    await sql.raw(`ROLLBACK TO SAVEPOINT ${name}`).execute(trx);
    throw e;
  }
}
