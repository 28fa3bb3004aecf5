// The little SQL of the generator itself: the bare-COPY comparison tables and the statistics refresh after a load.
import { sql } from 'kysely';
import type { Executor } from '../context.ts';

const bareName = (table: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a plain table name: ${table}`);
  return `generate_bare_${table}`;
};

/** An unlogged copy of the table's columns: defaults and identity, no index, no constraint but NOT NULL, no trigger: a bare COPY target. */
export async function createBareTable(db: Executor, table: string): Promise<string> {
  const bare = bareName(table);
  await sql.raw(`DROP TABLE IF EXISTS ${bare}`).execute(db);
  await sql.raw(`CREATE UNLOGGED TABLE ${bare} (LIKE ${table} INCLUDING DEFAULTS INCLUDING IDENTITY)`).execute(db);
  return bare;
}

export async function dropBareTable(db: Executor, table: string): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS ${bareName(table)}`).execute(db);
}

/** Fresh planner statistics for the loaded tables (list queries plan on them right after the load). */
export async function analyzeTables(db: Executor, tables: readonly string[]): Promise<void> {
  for (const t of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`not a plain table name: ${t}`);
    await sql.raw(`ANALYZE ${t}`).execute(db);
  }
}
