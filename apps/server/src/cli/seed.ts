import { openPlatform } from '../bootstrap.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { demoPasswordsFor } from '../seed/demo-passwords.ts';
import { demoLoginLines } from '../seed/demo-logins.ts';
import { seedLawLibrary } from '../modules/law/index.ts';
import { runCli } from './run-cli.ts';

/**
 * `npm run seed`: loads the demo data into an empty database. The accounts get the published demo password on the
 * embedded database and a random one-time password each on a server named by DATABASE_URL (printed here, once).
 */
runCli(async () => {
  const { config, deps, database } = await openPlatform({ migrate: true, log: (m) => console.log(m) });
  // The legal library's reference data is needed on a production database too, demo data or not.
  const law = await seedLawLibrary(deps);
  console.log(law.libraryLoaded || law.configLoaded ? `legal library loaded: ${law.entries} entries` : 'legal library already present');
  const passwords = demoPasswordsFor(config);
  const r = await seedDemo(deps, { passwords });
  console.log(r.seeded ? `demo data loaded: ${r.orgs} units, ${r.officers} officers` : 'the database already holds data; nothing loaded');
  if (r.seeded) for (const line of demoLoginLines(passwords, r)) console.log(line);
  await database.close();
});
