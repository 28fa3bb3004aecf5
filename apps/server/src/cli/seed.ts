import { openPlatform } from '../bootstrap.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { seedLawLibrary } from '../modules/law/index.ts';
import { runCli } from './run-cli.ts';

/** `npm run seed`: loads the demo data into an empty database. */
runCli(async () => {
  const { deps, database } = await openPlatform({ migrate: true, log: (m) => console.log(m) });
  // The legal library's reference data is needed on a production database too, demo data or not.
  const law = await seedLawLibrary(deps);
  console.log(law.libraryLoaded || law.configLoaded ? `legal library loaded: ${law.entries} entries` : 'legal library already present');
  const r = await seedDemo(deps);
  console.log(r.seeded ? `demo data loaded: ${r.orgs} units, ${r.officers} officers` : 'the database already holds data; nothing loaded');
  await database.close();
});
