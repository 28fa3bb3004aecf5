import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../migrations');
const MIGRATION_LOCK = 7_301_001;

export type Migration = { version: string; name: string; sql: string; checksum: string };

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 3),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies the numbered plain-SQL migrations that are not yet recorded, each in its own transaction,
 * under an advisory lock so two processes starting together do not race. A changed file that was
 * already applied is refused: migrations are append-only.
 */
export async function runMigrations(
  db: Kysely<DB>,
  log: (msg: string) => void = () => {},
  /** Stop before this version (tests of an upgrade: the database as an earlier release left it). */
  opts: { before?: string } = {},
): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Map(
        (await conn.selectFrom('schema_migrations').select(['version', 'checksum']).execute()).map((r) => [r.version, r.checksum]),
      );
      for (const m of listMigrations()) {
        if (opts.before !== undefined && m.version >= opts.before) break;
        const prior = done.get(m.version);
        if (prior !== undefined) {
          if (prior !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
          continue;
        }
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
        });
        log(`migration applied: ${m.name}`);
        applied.push(m.name);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return applied;
}
