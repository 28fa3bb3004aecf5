// A unit of work: one request's writes in one database transaction, whoever opens transactions inside it.
//
// The HTTP layer begins a unit of work for every write request (http/unit-of-work.ts) and runs the handler inside
// it. While it is open, every query the handler makes through `deps.db` — directly or in the use-cases' own
// `db.transaction()` blocks — goes to the unit's connection, and those inner transactions become savepoints. So the
// idempotency record, the business rows and the audit rows commit together or not at all: a request that committed
// always replays its stored answer, and one that did not leaves nothing behind (a crash rolls the transaction back).
//
// The mechanism is a Kysely driver that wraps the dialect's own (PostgreSQL or PGlite through node-postgres) and
// consults an AsyncLocalStorage; code outside a unit of work (the worker, the CLI) is unaffected.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryCompiler, type TransactionSettings } from 'kysely';

const CURRENT = new AsyncLocalStorage<UnitOfWork>();

export class UnitOfWork {
  #driver: Driver;
  #raw: DatabaseConnection;
  /** What the unit's queries run on: the raw connection, one statement at a time (node-postgres queues, and warns). */
  #connection: DatabaseConnection | null;
  #queue: Promise<unknown> = Promise.resolve();
  #savepoints: string[] = [];
  #next = 0;
  /** Set by keepWritesOnRefusal: the request is refused, but what it wrote so far is kept. */
  keepOnRefusal = false;
  /** Writes that must happen whatever becomes of this unit (see `afterUnitOfWork`), run once it has ended. */
  #afterEnd: (() => Promise<void>)[] = [];
  /**
   * Writes that are the unit's last, run inside it just before COMMIT (see `beforeCommit`), each with the savepoint
   * depth it was queued at: a savepoint rolled back drops what was queued inside it.
   */
  #beforeCommit: { depth: number; fn: () => Promise<void> }[] = [];

  constructor(driver: Driver, connection: DatabaseConnection) {
    this.#driver = driver;
    this.#raw = connection;
    this.#connection = {
      executeQuery: (query) => this.#serially(() => connection.executeQuery(query)),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  get isOpen(): boolean {
    return this.#connection !== null;
  }

  deferUntilEnd(fn: () => Promise<void>): void {
    this.#afterEnd.push(fn);
  }

  /**
   * Queues a write to run inside this unit just before COMMIT, after the answer and its idempotency record: for a
   * write that takes a lock every writer needs (the audit chain's), so that the lock is held for that write and the
   * COMMIT only. Dropped when the savepoint it was queued in (a use-case's `db.transaction()`) rolls back, or the unit
   * does. Not for code inside a raw `withSavepoint` (db/transaction.ts): its rollback is not seen here.
   */
  beforeCommit(fn: () => Promise<void>): void {
    this.#beforeCommit.push({ depth: this.#savepoints.length, fn });
  }

  /** The deferred writes, taken once the unit has ended (committed or rolled back); the caller runs them. */
  takeDeferred(): (() => Promise<void>)[] {
    if (this.#connection) throw new Error('the unit of work is still open');
    return this.#afterEnd.splice(0);
  }

  /** Runs `fn` with every `deps.db` query routed into this unit of work. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.#connection) return Promise.reject(new Error('the unit of work is already finished'));
    return CURRENT.run(this, fn);
  }

  /** The connection, while open (the driver routes queries of this unit to it). */
  connectionIfOpen(): DatabaseConnection | null {
    return this.#connection;
  }

  async enterSavepoint(): Promise<void> {
    const name = `uow_${++this.#next}`;
    this.#savepoints.push(name);
    await this.#exec(`SAVEPOINT ${name}`);
  }

  async releaseSavepoint(): Promise<void> {
    const name = this.#savepoints.pop();
    if (!name) throw new Error('no savepoint to release');
    await this.#exec(`RELEASE SAVEPOINT ${name}`);
    // What was queued inside now belongs to the enclosing level.
    const depth = this.#savepoints.length;
    for (const e of this.#beforeCommit) if (e.depth > depth) e.depth = depth;
  }

  async rollbackSavepoint(): Promise<void> {
    const name = this.#savepoints.pop();
    if (!name) throw new Error('no savepoint to roll back');
    const depth = this.#savepoints.length;
    this.#beforeCommit = this.#beforeCommit.filter((e) => e.depth <= depth);
    await this.#exec(`ROLLBACK TO SAVEPOINT ${name}`);
    await this.#exec(`RELEASE SAVEPOINT ${name}`);
  }

  /** Commits; on failure the transaction is rolled back and the error rethrown (nothing was stored). */
  async commit(): Promise<void> {
    const last = this.#beforeCommit.splice(0);
    if (last.length > 0) {
      try {
        await this.run(async () => {
          for (const e of last) await e.fn();
        });
      } catch (e) {
        await this.rollback().catch(() => undefined);
        throw e;
      }
    }
    this.#take();
    const connection = this.#raw;
    await this.#queue;
    try {
      await this.#driver.commitTransaction(connection);
    } catch (e) {
      await this.#driver.rollbackTransaction(connection).catch(() => undefined);
      throw e;
    } finally {
      await this.#driver.releaseConnection(connection);
    }
  }

  /** Rolls back; a unit already finished is left alone. */
  async rollback(): Promise<void> {
    if (!this.#connection) return;
    this.#take();
    const connection = this.#raw;
    await this.#queue;
    try {
      await this.#driver.rollbackTransaction(connection);
    } finally {
      await this.#driver.releaseConnection(connection);
    }
  }

  #take(): void {
    if (!this.#connection) throw new Error('the unit of work is already finished');
    this.#connection = null;
    this.#savepoints = [];
    this.#beforeCommit = [];
  }

  async #exec(text: string): Promise<void> {
    if (!this.#connection) throw new Error('the unit of work is already finished');
    await this.#connection.executeQuery(CompiledQuery.raw(text));
  }
}

/** The unit of work the calling code runs in, if any (open). */
export function currentUnitOfWork(): UnitOfWork | null {
  return currentUnit();
}

function currentUnit(): UnitOfWork | null {
  const u = CURRENT.getStore();
  return u && u.isOpen ? u : null;
}

function unitOf(connection: DatabaseConnection): UnitOfWork | null {
  const u = currentUnit();
  return u && u.connectionIfOpen() === connection ? u : null;
}

class UnitOfWorkDriver implements Driver {
  readonly inner: Driver;
  #initialized: Promise<void> | null = null;
  constructor(inner: Driver) {
    this.inner = inner;
  }
  /** Once: Kysely initializes on its first query, but a unit of work may come first (a login right after start). */
  init(): Promise<void> {
    this.#initialized ??= this.inner.init();
    return this.#initialized;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return currentUnit()?.connectionIfOpen() ?? this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const unit = unitOf(connection);
    if (!unit) return this.inner.beginTransaction(connection, settings);
    // Isolation settings cannot change inside a transaction; the unit runs at the server's default (read committed).
    await unit.enterSavepoint();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const unit = unitOf(connection);
    if (!unit) return this.inner.commitTransaction(connection);
    await unit.releaseSavepoint();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const unit = unitOf(connection);
    if (!unit) return this.inner.rollbackTransaction(connection);
    await unit.rollbackSavepoint();
  }
  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.savepoint) throw new Error('savepoints are not supported by the driver');
    return this.inner.savepoint(connection, name, compile);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.rollbackToSavepoint) throw new Error('savepoints are not supported by the driver');
    return this.inner.rollbackToSavepoint(connection, name, compile);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    if (!this.inner.releaseSavepoint) throw new Error('savepoints are not supported by the driver');
    return this.inner.releaseSavepoint(connection, name, compile);
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The unit's connection goes back to the pool when the unit ends, not when an inner block ends.
    if (unitOf(connection)) return;
    await this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  async begin(): Promise<UnitOfWork> {
    await this.init();
    const connection = await this.inner.acquireConnection();
    try {
      await this.inner.beginTransaction(connection, {});
    } catch (e) {
      await this.inner.releaseConnection(connection);
      throw e;
    }
    return new UnitOfWork(this.inner, connection);
  }
}

const DRIVERS = new WeakMap<object, UnitOfWorkDriver>();

/** Wraps a dialect so that the Kysely instance built on it can run units of work (see `beginUnitOfWork`). */
export function unitOfWorkDialect(dialect: Dialect): { dialect: Dialect; register(db: object): void } {
  let driver: UnitOfWorkDriver | null = null;
  const wrapped: Dialect = {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => {
      driver = new UnitOfWorkDriver(dialect.createDriver());
      return driver;
    },
  };
  return {
    dialect: wrapped,
    register: (db) => {
      // Kysely creates the driver in its constructor.
      if (!driver) throw new Error('the dialect has not created its driver yet');
      DRIVERS.set(db, driver);
    },
  };
}

/** Begins a unit of work on its own connection (BEGIN). Finish it with commit() or rollback(). */
export async function beginUnitOfWork(db: object): Promise<UnitOfWork> {
  const driver = DRIVERS.get(db);
  if (!driver) throw new Error('this database handle was not opened with unit-of-work support');
  return driver.begin();
}

/**
 * The writes made so far are kept although the request is about to be refused: a failed attempt that counts toward a
 * lock, a refusal that is itself audited. Call it just before throwing the refusal; outside a unit of work those
 * writes were committed by their own transactions already.
 */
export function keepWritesOnRefusal(): void {
  const unit = currentUnit();
  if (unit) unit.keepOnRefusal = true;
}

/**
 * A write that must be recorded whatever becomes of the request — a stored file found altered while the request read
 * it, refused with a 5xx that rolls the request back. Inside a unit of work it runs on the pool's connection right
 * after the unit has ended (committed or rolled back), never beside it: the embedded database has one connection.
 * Outside a unit of work it runs at once. Answers whether it was deferred.
 */
export async function afterUnitOfWork(fn: () => Promise<void>): Promise<boolean> {
  const unit = currentUnit();
  if (unit) {
    unit.deferUntilEnd(fn);
    return true;
  }
  await fn();
  return false;
}

/** True when the caller runs inside an open unit of work (its writes commit with the request). */
export function inUnitOfWork(): boolean {
  return currentUnit() !== null;
}
