// On PostgreSQL the application connects as a role that cannot change audit rows: db:roles (db/roles.ts) gives it
// read and write on the business tables and only INSERT and SELECT on the append-only audit tables. This test makes
// such a role, connects as it, runs the platform on it (a login, a write, a checkpoint, the verification) and
// proves that UPDATE, DELETE and TRUNCATE on audit_log — and disabling or dropping its triggers — are refused.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { buildApp } from '../src/http/app.ts';
import { appRoleGrantStatements, grantAppRole, RoleSetupError } from '../src/db/roles.ts';
import { writeAuditCheckpoint } from '../src/modules/audit/use-cases/write-checkpoint.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
if (!ON_POSTGRES) {
  console.info(
    'audit.roles.test: skipped — the embedded PGlite has one superuser and takes no logins, so there is no app role to connect as; ' +
      'set DATABASE_URL to a PostgreSQL server to run it',
  );
}

describe('the statements db:roles applies', () => {
  it('give the audit tables INSERT and SELECT only, and refuse a name that is not a plain identifier', () => {
    const statements = appRoleGrantStatements({ appRole: 'cg_app', owner: 'cg_owner', database: 'chengguan', schema: 'public' });
    expect(statements).toContain(
      'REVOKE UPDATE, DELETE ON "public"."audit_log", "public"."audit_checkpoints", "public"."audit_signing_keys" FROM "cg_app"',
    );
    expect(statements.some((s) => /TRUNCATE|TRIGGER|ALL PRIVILEGES/.test(s) && s.startsWith('GRANT'))).toBe(false);
    expect(() =>
      appRoleGrantStatements({ appRole: 'app"; DROP TABLE audit_log; --', owner: 'o', database: 'd', schema: 'public' }),
    ).toThrow(RoleSetupError);
  });
});

describe.skipIf(!ON_POSTGRES)('the app role on PostgreSQL', () => {
  let ctx: TestContext;
  let asApp: Platform;
  let app: pg.Client;
  const role = `cg_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  beforeAll(async () => {
    ctx = await createTestContext();
    // The installer's part (docs/postgresql-roles.md): a plain login role; the tables' owner grants its rights.
    await sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`).execute(ctx.deps.db);
    await grantAppRole(ctx.deps.db, role);
    const url = new URL(ctx.processEnv().DATABASE_URL!);
    url.username = role;
    url.password = password;
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
    const config = { ...ctx.config, databaseUrl: url.toString() };
    asApp = await openPlatform({ config, clock: ctx.clock, migrate: false });
  });
  afterAll(async () => {
    await app?.end();
    await asApp?.database.close();
    await ctx?.close();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('connects as that role, not as the owner', async () => {
    const r = await app.query<{ current_user: string; owner: string }>(
      "SELECT current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS owner",
    );
    expect(r.rows[0]!.current_user).toBe(role);
    expect(r.rows[0]!.owner).not.toBe(role);
  });

  it('the platform runs on it: a login, a write with its audit row, a checkpoint, the verification', async () => {
    const api = await buildApp({ deps: asApp.deps, databaseKind: 'postgresql' });
    try {
      const login = await api.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
      const org = ctx.seed.ids.orgs.get('pd-hm')!;
      const write = await api.inject({ method: 'PATCH', url: `/api/v1/orgs/${org}`, headers, payload: { shortName: '花木街道' } });
      expect(write.statusCode, write.body).toBe(200);
      expect(await writeAuditCheckpoint(asApp.deps, 'manual')).not.toBeNull();
      const verify = await api.inject({ method: 'POST', url: '/api/v1/audit/verify', headers });
      expect(verify.json()).toMatchObject({ ok: true });
    } finally {
      await api.close();
    }
  });

  it('UPDATE, DELETE and TRUNCATE on audit_log are refused for lack of privilege (before any trigger runs)', async () => {
    for (const statement of [
      "UPDATE audit_log SET action = 'x' WHERE seq = 1",
      'DELETE FROM audit_log WHERE seq = 1',
      'TRUNCATE audit_log',
    ]) {
      await expect(app.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied/),
      });
    }
  });

  it('the checkpoints and the audit keys are append-only for it too', async () => {
    for (const [table, column] of [
      ['audit_checkpoints', 'at'],
      ['audit_signing_keys', 'created_at'],
    ]) {
      for (const statement of [`UPDATE ${table} SET ${column} = ${column}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        await expect(app.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
    }
  });

  it('it can neither disable nor drop the triggers, nor take the owner role', async () => {
    for (const statement of [
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'DROP TRIGGER audit_log_no_update ON audit_log',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'DROP FUNCTION audit_log_append_only() CASCADE',
    ]) {
      await expect(app.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/must be owner/),
      });
    }
    const owner = (await app.query<{ owner: string }>("SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'audit_log'")).rows[0]!
      .owner;
    await expect(app.query(`SET ROLE ${owner}`)).rejects.toMatchObject({ code: '42501' });
  });

  it('db:roles refuses to hand these rights to a superuser', async () => {
    await expect(grantAppRole(ctx.deps.db, 'postgres')).rejects.toThrow(/superuser/);
  });
});
