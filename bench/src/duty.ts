/**
 * 勤务 reads against their raw SQL, in the same run on the same database (docs/duty.md "Measured"):
 *   - `GET /api/v1/duty/positions` (the command centre's map: the latest point of each officer on duty in the
 *     district) vs one bare DISTINCT ON over the same rows;
 *   - `GET /api/v1/duty/my-tasks` (an officer's shifts, tickets and inspection tasks) vs the three bare selects.
 * On the demo data plus a shift running now for every squad officer, his consent and DUTY_POINTS points each (default
 * 200). In-process HTTP (validation, session, access checks); medians of DUTY_SAMPLES (default 60) after 10 warm-ups.
 *
 *   npm run duty -w @chengguan/bench                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://…/empty_db npm run duty -w @chengguan/bench
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { shiftInstants } from '@chengguan/domain';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { shanghaiDate } from '../../apps/server/src/shared/time.ts';

const POINTS = Number(process.env.DUTY_POINTS ?? 200);
const SAMPLES = Number(process.env.DUTY_SAMPLES ?? 60);
const config = { ...loadConfig(), webDist: null, dataDir: process.env.DATABASE_URL ? loadConfig().dataDir : 'memory://' };
const platform = await openPlatform({ config, migrate: true, log: () => undefined });
const db = platform.database.db;
await seedDemo(platform.deps);
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
await app.ready();

// Every active officer of a squad on a shift running now (00:00–23:59 today), with consent and POINTS points.
const now = new Date();
const today = shanghaiDate(now);
const { startsAt, endsAt } = shiftInstants(today, 0, 1439);
await sql`
  INSERT INTO duty_shift_templates (id, bureau_id, org_id, code, name, start_minute, end_minute, field)
  SELECT gen_random_uuid(), g.bureau_id, g.id, 'bench', '全天班', 0, 1439, true FROM orgs g WHERE g.kind = 'squad'`.execute(db);
await sql`
  INSERT INTO duty_roster (id, bureau_id, org_id, officer_id, duty_date, shift_id, starts_at, ends_at, field)
  SELECT gen_random_uuid(), s.bureau_id, s.org_id, o.id, ${today}::date, s.id, ${startsAt}, ${endsAt}, true
  FROM officers o JOIN duty_shift_templates s ON s.org_id = o.org_id AND s.code = 'bench' WHERE o.active`.execute(db);
await sql`
  INSERT INTO duty_position_consents (officer_id, consented, notice_version, changed_at)
  SELECT officer_id, true, 'bench', now() FROM duty_roster`.execute(db);
await sql`
  INSERT INTO duty_positions (id, officer_id, bureau_id, org_id, roster_id, lon, lat, at, received_at)
  SELECT gen_random_uuid(), r.officer_id, r.bureau_id, r.org_id, r.id, 121.5 + random() / 100, 31.23 + random() / 100,
         ${now}::timestamptz - (i || ' seconds')::interval * 30, ${now}
  FROM duty_roster r CROSS JOIN generate_series(1, ${POINTS}) i`.execute(db);
await sql`ANALYZE duty_positions`.execute(db);
const officers = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM duty_roster`.execute(db)).rows[0]!.n;

const login = async (username: string) =>
  (
    (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })).json() as {
      token: string;
    }
  ).token;
const command = await login('pd_command');
const officer = await login('pd_ljz_01');
const pd = (
  await sql<{
    path: string;
    id: string;
  }>`SELECT g.path, o.id FROM officers o JOIN orgs g ON g.id = o.org_id WHERE o.username = 'pd_command'`.execute(db)
).rows[0]!;
const me = (await sql<{ id: string }>`SELECT id FROM officers WHERE username = 'pd_ljz_01'`.execute(db)).rows[0]!.id;

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = performance.now();
    await run();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}
const get = (url: string, token: string) => async () => {
  const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
};

const rows = [
  {
    name: `positions of the district's officers on duty (${officers} on duty, ${POINTS} points each)`,
    platform: await median(get('/api/v1/duty/positions', command)),
    raw: await median(() =>
      sql`SELECT DISTINCT ON (p.officer_id) p.officer_id, o.name, p.org_id, p.lon, p.lat, p.at
          FROM duty_roster r JOIN orgs g ON g.id = r.org_id JOIN officers o ON o.id = r.officer_id
          JOIN duty_position_consents c ON c.officer_id = r.officer_id AND c.consented
          JOIN duty_positions p ON p.roster_id = r.id
          WHERE r.starts_at <= now() AND r.ends_at > now() AND g.path LIKE ${`${pd.path}%`}
          ORDER BY p.officer_id, p.at DESC`.execute(db),
    ),
  },
  {
    name: "an officer's tasks (shifts, tickets, inspection tasks)",
    platform: await median(get('/api/v1/duty/my-tasks', officer)),
    raw: await median(() =>
      Promise.all([
        sql`SELECT id, duty_date, starts_at FROM duty_roster WHERE officer_id = ${me} AND duty_date BETWEEN ${today}::date AND ${today}::date + 6 AND ends_at > now()`.execute(
          db,
        ),
        sql`SELECT id, number, handling_due_at FROM tickets WHERE officer_id = ${me} AND state IN ('dispatched', 'handling') ORDER BY handling_due_at LIMIT 200`.execute(
          db,
        ),
        sql`SELECT t.id, s.name, t.due_on FROM inspection_tasks t JOIN subjects s ON s.id = t.subject_id WHERE ${me}::uuid = ANY (t.inspector_ids) AND t.status = 'open' ORDER BY t.due_on LIMIT 200`.execute(
          db,
        ),
      ]),
    ),
  },
];
console.log(`engine ${platform.database.kind}; medians of ${SAMPLES} samples`);
for (const r of rows) {
  console.log(`${r.name}: platform ${r.platform.toFixed(2)} ms, raw SQL ${r.raw.toFixed(2)} ms, ratio ${(r.platform / r.raw).toFixed(2)}×`);
}
await app.close();
await platform.database.close();
