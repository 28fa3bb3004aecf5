import { openPlatform } from '../bootstrap.ts';
import { runCli } from './run-cli.ts';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
runCli(async () => {
  const { database } = await openPlatform({ migrate: true, log: (m) => console.log(m) });
  console.log(`migrations up to date (${database.kind})`);
  await database.close();
});
