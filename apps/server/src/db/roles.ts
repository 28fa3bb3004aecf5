// PostgreSQL roles: the owner runs the migrations and owns every table (and so its triggers); the application
// connects as an app role that may read and write the business tables but may only INSERT and SELECT the
// append-only ones — it can neither UPDATE, DELETE nor TRUNCATE an audit row, a checkpoint or an audit key, nor
// disable or drop their triggers (only a table's owner may). docs/postgresql-roles.md gives the installer's SQL.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Tables whose rows are never changed or removed: the app role gets INSERT and SELECT only. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_checkpoints', 'audit_signing_keys'] as const;
/** Read-only for the app role: migrations are the owner's. */
export const OWNER_ONLY_TABLES = ['schema_migrations'] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export class RoleSetupError extends Error {}

export function assertRoleName(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) throw new RoleSetupError(`${what} must be a lower-case SQL identifier (a-z, 0-9, _), got "${name}"`);
}

const q = (identifier: string) => `"${identifier}"`;

/**
 * The statements that give `appRole` exactly the rights the application needs on the tables `owner` owns in
 * `schema`. Idempotent: every run starts from no table rights, so re-running after a migration also corrects the
 * rights of a new append-only table (the default privileges grant a new table read-write).
 */
export function appRoleGrantStatements(p: { appRole: string; owner: string; database: string; schema: string }): string[] {
  for (const [name, what] of [
    [p.appRole, 'the app role'],
    [p.owner, 'the owner role'],
    [p.schema, 'the schema'],
  ] as const) {
    assertRoleName(name, what);
  }
  const app = q(p.appRole);
  const s = q(p.schema);
  const appendOnly = APPEND_ONLY_TABLES.map((t) => `${s}.${q(t)}`).join(', ');
  const ownerOnly = OWNER_ONLY_TABLES.map((t) => `${s}.${q(t)}`).join(', ');
  return [
    `GRANT CONNECT, TEMPORARY ON DATABASE ${q(p.database)} TO ${app}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${app}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`,
    `REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${app}`,
    `REVOKE INSERT, UPDATE, DELETE ON ${ownerOnly} FROM ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(p.owner)} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${q(p.owner)} IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
}

/**
 * Applies the app role's rights, connected as the owner of the tables (the role that ran the migrations). Refuses
 * an app role that could undo them: a superuser, the owner itself or a member of the owner role.
 */
export async function grantAppRole(db: Kysely<DB>, appRole: string): Promise<{ owner: string; statements: string[] }> {
  assertRoleName(appRole, 'the app role');
  const who = await sql<{ database: string; schema: string; owner: string }>`
    SELECT current_database() AS database, current_schema() AS schema,
           (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_log') AS owner`.execute(db);
  const { database, schema, owner } = who.rows[0]!;
  if (!owner) throw new RoleSetupError('no audit_log table in the current schema: run npm run db:migrate first');
  const role = await sql<{ rolsuper: boolean; member: boolean }>`
    SELECT rolsuper, pg_has_role(${appRole}, ${owner}, 'MEMBER') AS member FROM pg_roles WHERE rolname = ${appRole}`.execute(db);
  const r = role.rows[0];
  if (!r) throw new RoleSetupError(`role ${appRole} does not exist: create it first (docs/postgresql-roles.md)`);
  if (r.rolsuper) throw new RoleSetupError(`role ${appRole} is a superuser: it could change audit rows; use a plain login role`);
  if (appRole === owner || r.member)
    throw new RoleSetupError(`role ${appRole} is (a member of) the tables' owner ${owner}: it could drop the triggers`);
  const statements = appRoleGrantStatements({ appRole, owner, database, schema });
  await db.transaction().execute(async (trx) => {
    for (const s of statements) await sql.raw(s).execute(trx);
  });
  return { owner, statements };
}
