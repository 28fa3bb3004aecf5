// A fresh database for one drill, and plain SQL over it afterwards.
//   pglite:     a temp DATA_DIR; the server migrates and loads the demo data at its first start (as `npm start` does).
//   postgresql: a throw-away database on the DATABASE_URL server, migrated and loaded with the legal library and the
//               demo data as `npm run seed` does, but with the published demo password (the writers log in with it;
//               `npm run seed` gives one-time passwords on a server); the server then starts with its PostgreSQL
//               defaults (MIGRATE_ON_START and SEED_DEMO false).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CompiledQuery } from 'kysely';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { seedLawLibrary } from '../../apps/server/src/modules/law/index.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import type { Engine } from './options.ts';

export type SqlRows = <R>(text: string, params?: unknown[]) => Promise<R[]>;

export type DrillDatabase = {
  engine: Engine;
  /** Temp DATA_DIR (embedded database, files, secrets) and the server log. */
  dir: string;
  logFile: string;
  /** Environment of the server process for this database. */
  serverEnv: NodeJS.ProcessEnv;
  /** Where it lives, for the report and for --keep. */
  describe: string;
  /** Opens the database for counting, as the server's own commands do (PGlite: once the server has released it). */
  open(): Promise<{ rows: SqlRows; close(): Promise<void> }>;
  drop(): Promise<void>;
};

function baseEnv(dir: string): NodeJS.ProcessEnv {
  // The server's own defaults otherwise; the worker runs in the API process as in a single-machine install.
  return { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', RUN_WORKER: 'true' };
}

async function openForCount(databaseUrl: string | null, dataDir: string) {
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 1 });
  return {
    rows: async <R>(text: string, params: unknown[] = []) => (await database.db.executeQuery<R>(CompiledQuery.raw(text, params))).rows,
    close: () => database.close(),
  };
}

export async function prepareDatabase(engine: Engine, adminUrl: string | null): Promise<DrillDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `chengguan-drill-${engine}-`));
  const logFile = path.join(dir, 'server.log');
  const removeDir = async () => fs.rmSync(dir, { recursive: true, force: true });
  if (engine === 'pglite') {
    return {
      engine,
      dir,
      logFile,
      serverEnv: { ...baseEnv(dir), DATABASE_URL: '', SEED_DEMO: 'true' },
      describe: `embedded PGlite in ${dir}`,
      open: () => openForCount(null, path.join(dir, 'pglite')),
      drop: removeDir,
    };
  }
  if (!adminUrl) throw new Error('PostgreSQL needs DATABASE_URL');
  const name = `cg_drill_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await seedWithPublishedPassword({ ...baseEnv(dir), DATABASE_URL: url });
  return {
    engine,
    dir,
    logFile,
    serverEnv: { ...baseEnv(dir), DATABASE_URL: url, MIGRATE_ON_START: 'false', SEED_DEMO: 'false' },
    describe: `PostgreSQL database ${name} (${u.host})`,
    open: () => openForCount(url, path.join(dir, 'pglite')),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await removeDir();
    },
  };
}

async function seedWithPublishedPassword(env: NodeJS.ProcessEnv): Promise<void> {
  const platform = await openPlatform({ config: loadConfig(env), migrate: true });
  try {
    await seedLawLibrary(platform.deps);
    await seedDemo(platform.deps);
  } finally {
    await platform.database.close();
  }
}
