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

export type DeferredIndex = { name: string; table: string; definition: string };

/**
 * The secondary indexes of the tables: neither unique nor primary nor behind a constraint, so dropping them during a
 * bulk load loses no check, and building each once at the end is much cheaper than maintaining it row by row.
 */
export async function secondaryIndexes(db: Executor, tables: readonly string[]): Promise<DeferredIndex[]> {
  const r = await sql<DeferredIndex>`
    SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(i.oid) AS definition
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = ANY(${[...tables]}::text[]) AND t.relnamespace = 'public'::regnamespace
       AND NOT x.indisunique AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY t.relname, i.relname`.execute(db);
  return r.rows;
}

export async function dropIndex(db: Executor, index: DeferredIndex): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(index.name)) throw new Error(`not a plain index name: ${index.name}`);
  await sql.raw(`DROP INDEX IF EXISTS ${index.name}`).execute(db);
}

/** Recreates a dropped index from the definition PostgreSQL gave for it (pg_get_indexdef). */
export async function createIndex(db: Executor, index: DeferredIndex): Promise<void> {
  if (!/^CREATE INDEX [a-z_][a-z0-9_]* ON public\.[a-z_][a-z0-9_]* USING /.test(index.definition)) {
    throw new Error(`unexpected index definition: ${index.definition}`);
  }
  await sql.raw(index.definition).execute(db);
}

/**
 * Usernames of `n` field officers of a generated city, spread over the squads: the first officer of every squad, then
 * the second of every squad, and so on (squads in code order), so any `n` covers as many squads as it can.
 */
export async function cityOfficerLogins(db: Executor, n: number): Promise<{ username: string; orgId: string; squadCode: string }[]> {
  const r = await sql<{ username: string; orgId: string; squadCode: string }>`
    SELECT username, org_id AS "orgId", code AS "squadCode" FROM (
      SELECT o.username, o.org_id, g.code,
             row_number() OVER (PARTITION BY o.org_id ORDER BY o.username) AS rank
        FROM officers o
        JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'field_officer'
        JOIN orgs g ON g.id = o.org_id AND g.kind = 'squad'
       WHERE o.username IS NOT NULL AND o.active
    ) ranked
    ORDER BY rank, code
    LIMIT ${n}`.execute(db);
  return r.rows;
}
