// The unit of work (db/unit-of-work.ts): inside it, deps.db and the use-cases' own transactions share one
// transaction; nothing is kept until it commits; outside it nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { sql } from 'kysely';
import { openPlatform } from '../src/bootstrap.ts';
import { beginUnitOfWork, inUnitOfWork, runCommand } from '../src/db/unit-of-work.ts';
import { withSavepoint } from '../src/db/transaction.ts';
import { recordAudit, verifyAuditChain } from '../src/modules/audit/index.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(async () => ctx?.close());

const job = (id: string) => ({ id, kind: 'test.uow', run_at: new Date(), payload: '{}' });
const has = async (id: string) => (await ctx.deps.db.selectFrom('jobs').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe('unit of work', () => {
  it('keeps nothing it did when rolled back, including what its inner transactions committed', async () => {
    const [a, b] = [ctx.deps.newId(), ctx.deps.newId()];
    const uow = await beginUnitOfWork(ctx.deps.db);
    await uow.run(async () => {
      expect(inUnitOfWork()).toBe(true);
      await ctx.deps.db.insertInto('jobs').values(job(a)).execute();
      await ctx.deps.db.transaction().execute((trx) => trx.insertInto('jobs').values(job(b)).execute());
      expect(await has(a)).toBe(true);
      expect(await has(b)).toBe(true);
    });
    await uow.rollback();
    expect(inUnitOfWork()).toBe(false);
    expect(await has(a)).toBe(false);
    expect(await has(b)).toBe(false);
  });

  it('an inner transaction that fails is undone alone (a savepoint); the rest commits', async () => {
    const [a, b] = [ctx.deps.newId(), ctx.deps.newId()];
    const uow = await beginUnitOfWork(ctx.deps.db);
    await uow.run(async () => {
      await ctx.deps.db.insertInto('jobs').values(job(a)).execute();
      await expect(
        ctx.deps.db.transaction().execute(async (trx) => {
          await trx.insertInto('jobs').values(job(b)).execute();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    });
    await uow.commit();
    expect(await has(a)).toBe(true);
    expect(await has(b)).toBe(false);
  });

  it('writes queued for the commit run last, inside it; one queued in an inner transaction that failed is dropped', async () => {
    const [a, b, c] = [ctx.deps.newId(), ctx.deps.newId(), ctx.deps.newId()];
    const order: string[] = [];
    const uow = await beginUnitOfWork(ctx.deps.db);
    await uow.run(async () => {
      await ctx.deps.db.transaction().execute(async () => {
        uow.beforeCommit(async () => {
          order.push('a');
          await ctx.deps.db.insertInto('jobs').values(job(a)).execute();
        });
      });
      await expect(
        ctx.deps.db.transaction().execute(async () => {
          uow.beforeCommit(async () => {
            order.push('b');
            await ctx.deps.db.insertInto('jobs').values(job(b)).execute();
          });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await ctx.deps.db.insertInto('jobs').values(job(c)).execute();
      expect(await has(a)).toBe(false);
    });
    await uow.commit();
    expect(order).toEqual(['a']);
    expect(await has(a)).toBe(true);
    expect(await has(b)).toBe(false);
    expect(await has(c)).toBe(true);
  });

  it('a second unit claiming the same key waits for the first and then sees its outcome', async () => {
    const id = ctx.deps.newId();
    const first = await beginUnitOfWork(ctx.deps.db);
    await first.run(() =>
      ctx.deps.db
        .insertInto('jobs')
        .values({ ...job(id), dedupe_key: `uow-${id}` })
        .execute(),
    );
    // On PGlite (one connection) the second cannot even begin until the first ends; on PostgreSQL it blocks on the row.
    const second = (async () => {
      const uow = await beginUnitOfWork(ctx.deps.db);
      try {
        return await uow.run(async () => {
          const r = await ctx.deps.db
            .insertInto('jobs')
            .values({ ...job(ctx.deps.newId()), dedupe_key: `uow-${id}` })
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .executeTakeFirst();
          return Number(r.numInsertedOrUpdatedRows ?? 0);
        });
      } finally {
        await uow.commit();
      }
    })();
    await first.commit();
    expect(await second).toBe(0);
  });

  it('savepoints reach the database with the first statement inside them and are released with the next commands sent; a failure inside is undone alone at any depth', async () => {
    const [a, b, c, d, e, f] = [ctx.deps.newId(), ctx.deps.newId(), ctx.deps.newId(), ctx.deps.newId(), ctx.deps.newId(), ctx.deps.newId()];
    const db = ctx.deps.db;
    const uow = await beginUnitOfWork(db);
    await uow.run(async () => {
      // Nothing ran inside: nothing to undo, nothing sent.
      await db.transaction().execute(async () => undefined);
      // Ran and ended well: its savepoint stays open on the server until the next commands go.
      await db.transaction().execute((trx) => trx.insertInto('jobs').values(job(a)).execute());
      // A nested inner part that ended well, then its enclosing one fails after a database error it caught.
      await expect(
        db.transaction().execute(async (trx) => {
          await db.transaction().execute((t2) => t2.insertInto('jobs').values(job(b)).execute());
          await expect(db.transaction().execute((t3) => t3.insertInto('jobs').values(job(a)).execute())).rejects.toThrow();
          await trx.insertInto('jobs').values(job(c)).execute();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      // A raw savepoint after a released inner transaction, and a failing one.
      await db.transaction().execute((trx) => trx.insertInto('jobs').values(job(d)).execute());
      await withSavepoint(db, 'raw_ok', () => db.insertInto('jobs').values(job(e)).execute());
      await expect(
        withSavepoint(db, 'raw_failed', async () => {
          await db.insertInto('jobs').values(job(f)).execute();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      // A queued command runs in order, before the next statement.
      await runCommand(db, "SET LOCAL application_name = 'uow_test'");
      expect((await sql<{ n: string }>`SELECT current_setting('application_name') AS n`.execute(db)).rows[0]!.n).toBe('uow_test');
    });
    await uow.commit();
    expect([await has(a), await has(b), await has(c), await has(d), await has(e), await has(f)]).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it("a request's audit rows are appended together at COMMIT, in order; one recorded in a savepoint that failed is dropped", async () => {
    const db = ctx.deps.db;
    const meta = { ip: null, correlationId: 'uow-audit' };
    const ids: string[] = [];
    const record = (trx: typeof db, tag: string) => {
      ids.push(tag);
      return recordAudit(trx, ctx.deps, null, meta, { action: 'test.uow', entityType: 'test', entityId: tag, data: {} });
    };
    const rowsOf = () =>
      db.selectFrom('audit_log').select(['seq', 'entity_id']).where('correlation_id', '=', 'uow-audit').orderBy('seq').execute();
    const uow = await beginUnitOfWork(db);
    await uow.run(async () => {
      await record(db, 'first');
      await db.transaction().execute((trx) => record(trx, 'inner'));
      await expect(
        withSavepoint(db, 'audited_failed', async () => {
          await record(db, 'raw-failed');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await expect(
        db.transaction().execute(async (trx) => {
          await record(trx, 'inner-failed');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await withSavepoint(db, 'audited_ok', () => record(db, 'raw-ok'));
      // Not in the chain before COMMIT.
      expect(await rowsOf()).toEqual([]);
    });
    await uow.commit();
    const rows = await rowsOf();
    expect(rows.map((r) => r.entity_id)).toEqual(['first', 'inner', 'raw-ok']);
    expect(rows.map((r) => Number(r.seq) - Number(rows[0]!.seq))).toEqual([0, 1, 2]);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
    // Outside a unit of work, the row is appended at once.
    await db.transaction().execute((trx) => record(trx, 'alone'));
    expect((await rowsOf()).map((r) => r.entity_id)).toEqual(['first', 'inner', 'raw-ok', 'alone']);
  });

  it('a finished unit refuses to run more work', async () => {
    const uow = await beginUnitOfWork(ctx.deps.db);
    await uow.commit();
    await expect(uow.run(async () => 1)).rejects.toThrow('already finished');
  });

  it('can be the first thing a freshly opened database handle does (a login right after the process starts)', async () => {
    // A second handle on this test's database (PostgreSQL) or a new in-memory one (PGlite), never queried before.
    const fresh = await openPlatform({ config: ctx.config, clock: ctx.clock, migrate: false });
    try {
      const uow = await beginUnitOfWork(fresh.deps.db);
      const r = await uow.run(() => sql<{ one: number }>`SELECT 1 AS one`.execute(fresh.deps.db));
      await uow.commit();
      expect(r.rows).toEqual([{ one: 1 }]);
    } finally {
      await fresh.database.close();
    }
  });
});
