import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgresql';
export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close: () => Promise<void>;
};

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
 * One code path for both engines: Kysely over a node-postgres Pool. With no URL the pool
 * talks to an embedded PGlite (Postgres compiled to WASM) through PGlite's node-postgres adapter.
 * `dataDir` 'memory://' gives a throw-away in-memory database (tests).
 */
export async function openDatabase(opts: {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  onIdleError?: (err: Error) => void;
}): Promise<Database> {
  installTypeParsers();
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection closed by the server (restart, failover, an administrator) is dropped and replaced
    // by the pool; without a listener the error would end the process.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgresql', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const dir = opts.dataDir;
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lite = await PGlite.create(dir, { extensions: { pg_trgm } });
  const pool = new pg.Pool(createPgConfig(lite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
}
