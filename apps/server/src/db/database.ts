import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.ts';
import { unitOfWorkDialect } from './unit-of-work.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The embedded database is held by another process (a running server, a CLI command). */
export class DatabaseBusyError extends Error {}
export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** Embedded only: the data directory as a tarball (a template for other in-memory databases). */
  dump?: () => Promise<Blob>;
  /**
   * Bulk load: runs `COPY <table> (<columns>) FROM …` with `data` in PostgreSQL's text format, on its own connection
   * (PostgreSQL: COPY FROM STDIN through pg-copy-streams; PGlite: COPY FROM '/dev/blob'). Outside any unit of work.
   */
  copyIn: (table: string, columns: readonly string[], data: string | readonly string[]) => Promise<void>;
  /**
   * One session for a bulk write that must commit or roll back as a whole: `fn` gets a Kysely bound to one connection
   * and a `copyIn` on that same connection, so a COPY issued inside `db.transaction()` belongs to that transaction
   * (PostgreSQL: a pooled client held for the call; PGlite: its single session).
   */
  copySession: <T>(fn: (session: CopySession) => Promise<T>) => Promise<T>;
};

export type CopyIn = (table: string, columns: readonly string[], data: string | readonly string[]) => Promise<void>;
export type CopySession = { db: Kysely<DB>; copyIn: CopyIn };

function copyStatement(table: string, columns: readonly string[], source: string): string {
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
    return name;
  };
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source}`;
}

let parsersInstalled = false;
/** Legal dates stay 'YYYY-MM-DD' strings (no time-zone shift); bigint (money in fen, counters) become numbers. */
function installTypeParsers(): void {
  if (parsersInstalled) return;
  parsersInstalled = true;
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint out of safe range: ${v}`);
    return n;
  });
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
}

/**
 * Session settings of every PostgreSQL connection. JIT compilation is off: the platform's statements are short, and
 * the planner's estimate for a list's count can pass jit_above_cost, which then spends 20–25 ms compiling a statement
 * that runs in a few. (A `options` parameter in DATABASE_URL takes precedence.)
 */
export const PG_SESSION_OPTIONS = '-c jit=off';

/**
 * One code path for both engines: Kysely over a node-postgres Pool. With no URL the pool
 * talks to an embedded PGlite (Postgres compiled to WASM) through PGlite's node-postgres adapter.
 * `dataDir` 'memory://' gives a throw-away in-memory database (tests).
 */
export async function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  onIdleError?: (err: Error) => void;
  /** Embedded only: start from this data directory dump (PGlite `dumpDataDir`) instead of an empty cluster. */
  loadDataDir?: Blob;
}): Promise<Database> {
  installTypeParsers();
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: PG_SESSION_OPTIONS });
    // An idle connection closed by the server (restart, failover, an administrator) is dropped and replaced
    // by the pool; without a listener the error would end the process.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = kyselyOn(pool);
    const copyOn = async (client: pg.PoolClient, table: string, columns: readonly string[], data: string | readonly string[]) => {
      const chunks = typeof data === 'string' ? [data] : data;
      await pipeline(
        Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))),
        client.query(copyFrom(copyStatement(table, columns, 'STDIN'))),
      );
    };
    const copyIn = async (table: string, columns: readonly string[], data: string | readonly string[]) => {
      const client = await pool.connect();
      try {
        await copyOn(client, table, columns, data);
      } finally {
        client.release();
      }
    };
    const copySession = async <T>(fn: (session: CopySession) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // A pool of this one client: Kysely's connection and the COPY share the session (and so its transaction).
        const held = {
          connect: async () => ({ query: client.query.bind(client), release: () => {} }),
          end: async () => {},
        } as unknown as pg.Pool;
        const session = new Kysely<DB>({ dialect: new PostgresDialect({ pool: held }) });
        return await fn({ db: session, copyIn: (table, columns, data) => copyOn(client, table, columns, data) });
      } catch (e) {
        broken = e as Error;
        throw e;
      } finally {
        // A session left inside a failed transaction or a broken COPY is not returned to the pool.
        client.release(broken);
      }
    };
    return { db, kind: 'postgresql', close: () => db.destroy(), copyIn, copySession };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dir = opts.dataDir;
  let unlock = () => {};
  if (!dir.startsWith('memory://')) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    unlock = lockEmbeddedDirectory(`${dir}.lock`);
  }
  try {
    const lite = await PGlite.create(dir, { extensions: { pg_trgm }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
    const pool = new pg.Pool(createPgConfig(lite));
    const db = kyselyOn(pool);
    // One connection: PGlite runs statements one at a time, so the COPY waits for the pool's query, never interleaves.
    const copyIn: CopyIn = async (table, columns, data) => {
      const chunks = typeof data === 'string' ? [data] : data;
      await lite.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(chunks as string[]) });
    };
    return {
      db,
      kind: 'pglite',
      dump: () => lite.dumpDataDir('none'),
      copyIn,
      // The single session: a COPY between a transaction's statements runs inside that transaction.
      copySession: (fn) => fn({ db, copyIn }),
      close: async () => {
        await db.destroy();
        await lite.close();
        unlock();
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

/** Kysely over the pool, able to run a request's writes as one unit of work (db/unit-of-work.ts). */
function kyselyOn(pool: pg.Pool): Kysely<DB> {
  const { dialect, register } = unitOfWorkDialect(new PostgresDialect({ pool }));
  const db = new Kysely<DB>({ dialect });
  register(db);
  return db;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same directory reads a stale copy or corrupts it.
 * A lock file beside the directory holds the owner's pid; a lock whose process is gone (killed) is taken over.
 */
function lockEmbeddedDirectory(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1) }), {
        flag: 'wx',
      });
      const release = () => {
        process.off('exit', release);
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: number };
          if (held.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; argv?: string[] } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as typeof holder;
      } catch {
        // Unreadable: a writer died half-way; treat as stale.
      }
      if (holder.pid && holder.pid !== process.pid && processAlive(holder.pid)) {
        const dir = path.dirname(lockPath);
        throw new DatabaseBusyError(
          `嵌入式数据库（${dir}）正被进程 ${holder.pid} 使用（${(holder.argv ?? []).join(' ')}），请先停止该进程再运行此命令 / ` +
            `the embedded database in ${dir} is in use by process ${holder.pid}; stop it before running this command ` +
            `(a running server: use its console or API instead)`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseBusyError(`cannot lock the embedded database (${lockPath})`);
}
