// Prepares a data directory for the phone inspection test: the demo organisation and the starter matter list, one
// street shop of 陆家嘴 in the registry and an inspection task at it for pd_ljz_01 and pd_ljz_03 (the registry's own
// screens are not needed for this test). Run with tsx: `tsx apps/server/test/e2e-inspection-fixture.ts <dataDir>` (from e2e/src/inspection-phone.e2e.ts); prints the subject id.
import { loadConfig } from '../src/config.ts';
import { openPlatform } from '../src/bootstrap.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { buildDemoData } from '../src/seed/demo-data.ts';
import { insertInspectionTasks } from '../src/modules/inspections/index.ts';
import { shanghaiDate } from '../src/shared/time.ts';
import { addDays } from '@chengguan/domain';

const dataDir = process.argv[2]!;
const platform = await openPlatform({ config: { ...loadConfig({ ...process.env, DATABASE_URL: '' }), dataDir }, migrate: true });
const { deps } = platform;
const seed = await seedDemo(deps);
const demo = buildDemoData();
const officer = (u: string) => seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
const subjectId = deps.newId();
await deps.db
  .insertInto('subjects')
  .values({
    id: subjectId,
    code: `E2E${Date.now().toString(36)}`,
    bureau_id: seed.ids.orgs.get('pd')!,
    org_id: seed.ids.orgs.get('pd-ljz')!,
    kind: 'street_shop',
    name: '陆家嘴示范便利店',
    name_key: '陆家嘴示范便利店',
    credit_code: null,
    address: '浦东新区陆家嘴环路1000号',
    point_lon: 121.4997,
    point_lat: 31.2397,
    risk_level: 'medium',
  } as never)
  .execute();
await insertInspectionTasks(deps.db, [
  {
    id: deps.newId(),
    bureauId: seed.ids.orgs.get('pd')!,
    orgId: seed.ids.orgs.get('pd-ljz')!,
    subjectId,
    origin: 'random',
    inspectorIds: [officer('pd_ljz_01'), officer('pd_ljz_03')],
    matterCodes: ['SR-ZDJY', 'SR-ZRQ'],
    dueOn: addDays(shanghaiDate(new Date()), 30),
  },
]);
await platform.database.close();
console.log(JSON.stringify({ subjectId }));
