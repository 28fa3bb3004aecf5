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
import pg from 'pg';
import { CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryCompiler, type TransactionSettings } from 'kysely';

const CURRENT = new AsyncLocalStorage<UnitOfWork>();

/** A statement that opens, releases or rolls back to a savepoint by name (a raw `withSavepoint`, Kysely's own). */
const SAVEPOINT_COMMAND = /^\s*(savepoint|release|rollback\s+to)\b/i;

export class UnitOfWork {
  #driver: Driver;
  #raw: DatabaseConnection;
  /** What the unit's queries run on: the raw connection, one statement at a time (node-postgres queues, and warns). */
  #connection: DatabaseConnection | null;
  #queue: Promise<unknown> = Promise.resolve();
  /**
   * The inner transactions open now, innermost last. A level's SAVEPOINT is sent only when a statement runs inside
   * it (`created`): one in which nothing ran has nothing to undo, and ends without a round trip.
   */
  #levels: { name: string; created: boolean }[] = [];
  /**
   * The savepoints open on the server, in order: the created levels, then (a suffix) those released here but not
   * yet there. Statements running inside a released savepoint are the same as after it — a savepoint only matters
   * when it is rolled back to, and a released level never is — so its RELEASE rides along with the next commands
   * sent anyway (a new SAVEPOINT, the COMMIT, which releases everything) instead of costing a round trip.
   */
  #server: string[] = [];
  /** BEGIN sent (or queued): the transaction starts with the unit's first statement. */
  #begun = false;
  /** Commands without parameters queued to go, as one simple-query round trip, before the next statement. */
  #pending: string[] = [];
  #next = 0;
  /** Set by keepWritesOnRefusal: the request is refused, but what it wrote so far is kept. */
  keepOnRefusal = false;
  /** Writes that must happen whatever becomes of this unit (see `afterUnitOfWork`), run once it has ended. */
  #afterEnd: (() => Promise<void>)[] = [];
  /**
   * Writes that are the unit's last, run inside it just before COMMIT (see `beforeCommit`), each with the savepoint
   * depth it was queued at: a savepoint rolled back drops what was queued inside it.
   */
  #beforeCommit: BeforeCommit[] = [];

  constructor(driver: Driver, connection: DatabaseConnection) {
    this.#driver = driver;
    this.#raw = connection;
    this.#connection = {
      executeQuery: (query) =>
        this.#serially(async () => {
          await this.#flush(SAVEPOINT_COMMAND.test(query.sql));
          return connection.executeQuery(query);
        }),
      streamQuery: (query, chunkSize) => this.#stream(connection, query, chunkSize),
    };
  }

  async *#stream<R>(connection: DatabaseConnection, query: CompiledQuery, chunkSize?: number) {
    await this.#serially(() => this.#flush(SAVEPOINT_COMMAND.test(query.sql)));
    yield* connection.streamQuery<R>(query, chunkSize);
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Queues BEGIN and the SAVEPOINTs of the levels open but not yet created, so that what follows runs inside them. */
  #materialize(releaseStale: boolean): void {
    if (!this.#begun) {
      this.#pending.push('BEGIN');
      this.#begun = true;
    }
    const create = this.#levels.filter((l) => !l.created);
    const live = this.#levels.filter((l) => l.created).length;
    if ((releaseStale || create.length > 0) && this.#server.length > live) {
      // The released savepoints are the suffix after the live ones; RELEASE of the first releases them all.
      this.#pending.push(`RELEASE SAVEPOINT ${this.#server[live]}`);
      this.#server.length = live;
    }
    for (const l of create) {
      this.#pending.push(`SAVEPOINT ${l.name}`);
      this.#server.push(l.name);
      l.created = true;
    }
  }

  /** Sends what is queued (one round trip), before a statement; `releaseStale` before one that names a savepoint. */
  async #flush(releaseStale: boolean): Promise<void> {
    this.#materialize(releaseStale);
    if (this.#pending.length === 0) return;
    const text = this.#pending.splice(0).join('; ');
    await this.#raw.executeQuery(CompiledQuery.raw(text));
  }

  /**
   * Queues a command without parameters (a SET LOCAL, a RESET) to run at this point of the unit: it is sent with
   * the next statement's round trip, or with the COMMIT. Whatever is queued before a failing statement has run.
   */
  queueCommand(text: string): void {
    if (!this.#connection) throw new Error('the unit of work is already finished');
    this.#materialize(false);
    this.#pending.push(text);
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
   * does (`withSavepoint` of db/transaction.ts, inside a unit, is one of its levels).
   */
  beforeCommit(fn: () => Promise<void>): void {
    this.#beforeCommit.push({ depth: this.#levels.length, fn });
  }

  /**
   * `beforeCommit` for writes of one kind that go best together (the audit chain's rows: one taking of its lock, one
   * statement): every item queued under `batch.key` is written by one call of `batch.write`, in the order queued, at
   * the place of the first. An item queued inside a savepoint that rolls back is dropped, as with `beforeCommit`.
   */
  beforeCommitTogether<T>(batch: { key: object; write: (items: T[]) => Promise<void> }, item: T): void {
    this.#beforeCommit.push({ depth: this.#levels.length, batch: batch as CommitBatch, item });
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

  /** An inner transaction begins: a savepoint, created on the server with the first statement that runs in it. */
  enterSavepoint(): Promise<void> {
    if (!this.#connection) return Promise.reject(new Error('the unit of work is already finished'));
    this.#levels.push({ name: `uow_${++this.#next}`, created: false });
    return Promise.resolve();
  }

  /** An inner transaction ends well: what ran in it stays (its RELEASE goes with the next commands sent). */
  releaseSavepoint(): Promise<void> {
    const level = this.#levels.pop();
    if (!level) return Promise.reject(new Error('no savepoint to release'));
    // What was queued inside now belongs to the enclosing level.
    const depth = this.#levels.length;
    for (const e of this.#beforeCommit) if (e.depth > depth) e.depth = depth;
    return Promise.resolve();
  }

  /** An inner transaction fails: what ran in it is undone (queued; sent before the next statement or the COMMIT). */
  rollbackSavepoint(): Promise<void> {
    const level = this.#levels.pop();
    if (!level) return Promise.reject(new Error('no savepoint to roll back'));
    const depth = this.#levels.length;
    this.#beforeCommit = this.#beforeCommit.filter((e) => e.depth <= depth);
    if (level.created) {
      // Rolling back to it undoes the savepoints opened after it too (released ones among them).
      this.#server.length = this.#server.indexOf(level.name);
      this.#pending.push(`ROLLBACK TO SAVEPOINT ${level.name}`, `RELEASE SAVEPOINT ${level.name}`);
    }
    return Promise.resolve();
  }

  /** Commits; on failure the transaction is rolled back and the error rethrown (nothing was stored). */
  async commit(): Promise<void> {
    if (this.#beforeCommit.length > 0) {
      try {
        await this.run(async () => {
          // A last write may queue another (a hook's own record): run until none is left.
          for (let round = 0; this.#beforeCommit.length > 0; round++) {
            if (round === 8) throw new Error('writes before COMMIT keep queueing more');
            for (const write of commitWrites(this.#beforeCommit.splice(0))) await write();
          }
        });
      } catch (e) {
        await this.rollback().catch(() => undefined);
        throw e;
      }
    }
    const begun = this.#begun;
    const pending = this.#pending.splice(0);
    this.#take();
    const connection = this.#raw;
    await this.#queue;
    try {
      // What is still queued goes with the COMMIT, in one round trip; a unit that ran nothing has nothing to commit.
      if (begun) await connection.executeQuery(CompiledQuery.raw([...pending, 'COMMIT'].join('; ')));
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
    // A BEGIN still queued was never sent: there is no transaction on the server.
    const begun = this.#begun && this.#pending[0] !== 'BEGIN';
    this.#take();
    const connection = this.#raw;
    await this.#queue;
    try {
      if (begun) await this.#driver.rollbackTransaction(connection);
    } finally {
      await this.#driver.releaseConnection(connection);
    }
  }

  #take(): void {
    if (!this.#connection) throw new Error('the unit of work is already finished');
    this.#connection = null;
    this.#levels = [];
    this.#server = [];
    this.#pending = [];
    this.#beforeCommit = [];
  }
}

type CommitBatch = { key: object; write: (items: unknown[]) => Promise<void> };
type BeforeCommit = { depth: number } & ({ fn: () => Promise<void> } | { batch: CommitBatch; item: unknown });

/** The writes of `beforeCommit` in order; the items of one batch key go together, at the place of the first. */
function commitWrites(entries: readonly BeforeCommit[]): (() => Promise<void>)[] {
  const writes: (() => Promise<void>)[] = [];
  const items = new Map<object, unknown[]>();
  for (const e of entries) {
    if ('fn' in e) {
      writes.push(e.fn);
      continue;
    }
    let list = items.get(e.batch.key);
    if (!list) {
      const mine: unknown[] = [];
      items.set(e.batch.key, mine);
      const write = e.batch.write;
      writes.push(() => write(mine));
      list = mine;
    }
    list.push(e.item);
  }
  return writes;
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

  /** The unit's connection; its BEGIN goes with the unit's first statement (see UnitOfWork). */
  async begin(): Promise<UnitOfWork> {
    await this.init();
    const connection = await this.inner.acquireConnection();
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

/**
 * Begins a unit of work on its own connection (its BEGIN is sent with its first statement). Finish it with commit()
 * or rollback().
 */
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

/**
 * Runs a command without parameters (a SET LOCAL, a RESET) at this point of the caller's transaction: inside a unit
 * of work it is queued and sent with the unit's next statement (no round trip of its own); outside, on `db` at once.
 */
export async function runCommand(db: { executeQuery(q: CompiledQuery): Promise<unknown> }, text: string): Promise<void> {
  const unit = currentUnit();
  if (unit) unit.queueCommand(text);
  else await db.executeQuery(CompiledQuery.raw(text));
}

/**
 * A value written into a command's text (`runCommand` sends no parameters): a string as a quoted literal, escaped by
 * node-postgres' own rule (quotes and backslashes doubled, E'' when there is a backslash); a whole number as is; null.
 */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not a whole number: ${value}`);
    return String(value);
  }
  return pg.escapeLiteral(value);
}

/** True when the caller runs inside an open unit of work (its writes commit with the request). */
export function inUnitOfWork(): boolean {
  return currentUnit() !== null;
}
