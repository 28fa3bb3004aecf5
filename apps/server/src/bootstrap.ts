import { loadConfig, type AppConfig } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { makeIdGenerator, SYSTEM_CLOCK, type Clock, type Deps } from './context.ts';

export type Platform = { config: AppConfig; database: Database; deps: Deps };

/** Opens the database, applies migrations when configured to, and wires the dependencies. */
export async function openPlatform(
  opts: { config?: AppConfig; clock?: Clock; migrate?: boolean; log?: (m: string) => void; loadDataDir?: Blob } = {},
): Promise<Platform> {
  const config = opts.config ?? loadConfig();
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const dataDir = config.dataDir.startsWith('memory://') ? config.dataDir : `${config.dataDir}/pglite`;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: config.dbPoolSize,
    dataDir,
    onIdleError: (err) => console.warn(`database connection closed by the server: ${err.message}`),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  if (opts.migrate ?? config.migrateOnStart) await runMigrations(database.db, opts.log);
  return {
    config,
    database,
    deps: { db: database.db, clock, newId: makeIdGenerator(clock), config, copyIn: database.copyIn, copySession: database.copySession },
  };
}
