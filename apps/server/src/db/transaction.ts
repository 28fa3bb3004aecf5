import { sql } from 'kysely';
import type { Executor } from '../context.ts';
import { currentUnitOfWork } from './unit-of-work.ts';

/**
 * Runs `fn` inside a savepoint of the current transaction: if it throws, only its own writes are
 * rolled back and the transaction stays usable (PostgreSQL aborts the whole transaction otherwise).
 * The error is rethrown for the caller to report.
 *
 * Inside a request's unit of work the savepoint is one of the unit's levels, like a use-case's `db.transaction()`:
 * what `fn` queued for the unit's COMMIT (its audit rows) is dropped with it, and its SAVEPOINT and RELEASE ride
 * along with the next statements instead of costing round trips of their own.
 */
export async function withSavepoint<T>(trx: Executor, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad savepoint name ${name}`);
  const unit = currentUnitOfWork();
  if (unit) {
    await unit.enterSavepoint();
    try {
      const result = await fn();
      await unit.releaseSavepoint();
      return result;
    } catch (e) {
      await unit.rollbackSavepoint();
      throw e;
    }
  }
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
