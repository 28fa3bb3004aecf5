// Grades every live subject of a generated city once, as the nightly job does (regradeAll): the registry's lists then
// read the kept licence state and risk level. DATABASE_URL=postgres://…/city npx tsx bench/src/regrade-city.ts
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { regradeAll } from '../../apps/server/src/modules/subjects/use-cases/grading.ts';

const platform = await openPlatform({ config: { ...loadConfig(), webDist: null }, migrate: true });
const t = performance.now();
const r = await regradeAll(platform.deps);
console.log(`${JSON.stringify(r)} in ${Math.round(performance.now() - t)} ms`);
await platform.database.close();
