import { openPlatform } from '../bootstrap.ts';
import { grantAppRole } from '../db/roles.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). On PostgreSQL, run it
 * as the tables' owner; with DB_APP_ROLE set it then gives the application's role its rights again.
 */
runCli(async () => {
  const { config, database } = await openPlatform({ migrate: true, log: (m) => console.log(m) });
  try {
    console.log(`migrations up to date (${database.kind})`);
    if (database.kind === 'postgresql' && config.dbAppRole) {
      const { owner } = await grantAppRole(database.db, config.dbAppRole);
      console.log(`rights of ${config.dbAppRole} renewed (tables owned by ${owner}; audit tables: INSERT and SELECT only)`);
    }
  } finally {
    await database.close();
  }
});
