import { openPlatform } from '../bootstrap.ts';
import { seedDemo } from '../seed/seed-demo.ts';

/** `npm run seed`: loads the demo data into an empty database. */
const { deps, database } = await openPlatform({ migrate: true, log: (m) => console.log(m) });
const r = await seedDemo(deps);
console.log(r.seeded ? `demo data loaded: ${r.orgs} units, ${r.officers} officers` : 'the database already holds data; nothing loaded');
await database.close();
