import { parseArgs } from 'node:util';
import { openPlatform } from '../bootstrap.ts';
import { grantAppRole, RoleSetupError } from '../db/roles.ts';
import { runCli } from './run-cli.ts';

const USAGE = `npm run db:roles -- --app-role NAME [--print]
  Run as the owner of the tables (the role that ran npm run db:migrate), with DATABASE_URL pointing at it.
  Gives NAME (or DB_APP_ROLE) the rights the application needs: read and write on the business tables, INSERT and
  SELECT only on audit_log, audit_checkpoints and audit_signing_keys. Idempotent; db:migrate repeats it when
  DB_APP_ROLE is set. --print shows the statements applied. The roles themselves: docs/postgresql-roles.md.`;

/** `npm run db:roles`: the application's PostgreSQL role gets its rights (and no right to change audit rows). */
runCli(async () => {
  const { values } = parseArgs({
    options: { 'app-role': { type: 'string' }, print: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { config, database } = await openPlatform({ migrate: false });
  try {
    if (database.kind !== 'postgresql')
      throw new RoleSetupError('db:roles is for PostgreSQL (DATABASE_URL); the embedded database has one user');
    const appRole = values['app-role'] ?? config.dbAppRole;
    if (!appRole) throw new RoleSetupError('name the app role: --app-role NAME or DB_APP_ROLE');
    const { owner, statements } = await grantAppRole(database.db, appRole);
    if (values.print) for (const s of statements) console.log(`${s};`);
    console.log(
      `${appRole}: rights granted on the tables of ${owner}; audit_log, audit_checkpoints, audit_signing_keys: INSERT and SELECT only`,
    );
  } catch (e) {
    if (!(e instanceof RoleSetupError)) throw e;
    console.error(`db:roles: ${e.message}`);
    process.exitCode = 2;
  } finally {
    await database.close();
  }
});
