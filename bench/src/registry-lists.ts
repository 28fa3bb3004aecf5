/**
 * The registry's lists at city scale: p50/p95 of `GET /api/v1/subjects` for each filter combination of the console's
 * list (first page, 20 rows), the data-quality view, the duplicate pairs, map windows and the overdue inspection tasks
 * of a squad, through the HTTP routes in-process, as three actors: the city's administrator, the administrator of the
 * largest district, and the leader of that district's largest squad (jurisdiction by org path). On a database holding
 * a generated city:
 *
 *   DATABASE_URL=postgres://…/city npm run registry-lists -w @chengguan/bench
 *   REGISTRY_SAMPLES (default 30), REGISTRY_ACTORS (any of city,district,squad; default all), REGISTRY_ONLY (a
 *   substring of the row names to run)
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';

const SAMPLES = Number(process.env.REGISTRY_SAMPLES ?? 30);
const ACTORS = (process.env.REGISTRY_ACTORS ?? 'city,district,squad').split(',');
const ONLY = process.env.REGISTRY_ONLY ?? '';
const config = { ...loadConfig(), webDist: null };
if (!config.databaseUrl) throw new Error('DATABASE_URL must name a database holding a generated city');
const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
const db = platform.database.db;
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });

type Who = { key: string; username: string; orgId: string; bureauId: string | null; leader?: string };
const one = async (q: ReturnType<typeof sql<Who>>) => (await q.execute(db)).rows[0];
// The city's administrator; the administrator of the district with the most subjects; the leader of its largest squad.
const city = await one(sql<Who>`
  SELECT 'city' AS key, o.username, o.org_id AS "orgId", g.bureau_id AS "bureauId" FROM officers o
    JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'admin' JOIN orgs g ON g.id = o.org_id
  ORDER BY length(g.path), o.username LIMIT 1`);
const district = await one(sql<Who>`
  SELECT 'district' AS key, o.username, o.org_id AS "orgId", g.id AS "bureauId" FROM officers o
    JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'admin' JOIN orgs g ON g.id = o.org_id AND g.kind = 'district_bureau'
  ORDER BY (SELECT count(*) FROM subjects s WHERE s.bureau_id = g.id) DESC, o.username LIMIT 1`);
// An administrator may not read inspection tasks: the overdue view is measured as the leader of the same org.
const leaderOf = async (orgId: string) =>
  (
    await sql<{ username: string }>`SELECT o.username FROM officers o JOIN officer_roles r ON r.officer_id = o.id
      AND r.role IN ('bureau_leader', 'squad_leader') WHERE o.org_id = ${orgId} ORDER BY o.username LIMIT 1`.execute(db)
  ).rows[0]?.username;
if (city) city.leader = await leaderOf(city.orgId);
if (district) district.leader = await leaderOf(district.orgId);
const squad = district
  ? await one(sql<Who>`
  SELECT 'squad' AS key, o.username, o.org_id AS "orgId", g.bureau_id AS "bureauId" FROM officers o
    JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'squad_leader' JOIN orgs g ON g.id = o.org_id AND g.kind = 'squad'
  WHERE g.bureau_id = ${district.bureauId}
  ORDER BY (SELECT count(*) FROM subjects s WHERE s.org_id = g.id) DESC, o.username LIMIT 1`)
  : undefined;

const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects`.execute(db)).rows[0]!.n;
const openTasks = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM inspection_tasks WHERE status = 'open'`.execute(db)).rows[0]!.n;
console.log(
  `${n.toLocaleString('en-US')} subjects, ${openTasks.toLocaleString('en-US')} open inspection tasks, ${SAMPLES} samples each; ` +
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
);

type Box = { min_lon: number; min_lat: number; max_lon: number; max_lat: number };
const box = async (where: ReturnType<typeof sql>) =>
  (
    await sql<Box>`SELECT min(point_lon) AS min_lon, min(point_lat) AS min_lat, max(point_lon) AS max_lon, max(point_lat) AS max_lat
      FROM subjects WHERE status = 'active' AND point_lon IS NOT NULL AND ${where}`.execute(db)
  ).rows[0]!;
const mapUrl = (b: Box, extra = '') =>
  `/api/v1/subjects/map?minLon=${b.min_lon}&minLat=${b.min_lat}&maxLon=${b.max_lon}&maxLat=${b.max_lat}${extra}`;
/** A window of about a street: a square of `side` degrees around the centre of the box. */
const around = (b: Box, side: number): Box => {
  const lon = (b.min_lon + b.max_lon) / 2;
  const lat = (b.min_lat + b.max_lat) / 2;
  return { min_lon: lon - side / 2, max_lon: lon + side / 2, min_lat: lat - side / 2, max_lat: lat + side / 2 };
};

// A name fragment common in the city and one rare (a record's own code prefix), for the substring search.
const sample = (await sql<{ name: string; code: string }>`SELECT name, code FROM subjects ORDER BY id LIMIT 1 OFFSET 1234`.execute(db))
  .rows[0]!;
const common = encodeURIComponent(sample.name.slice(0, 2));
const rare = encodeURIComponent(sample.code);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function headersOf(username: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: CITY_BENCH_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode}`);
  return { authorization: `Bearer ${(login.json() as { token: string }).token}` };
}

async function run(who: Who) {
  const headers = await headersOf(who.username);
  const leaderHeaders = who.leader ? await headersOf(who.leader) : headers;
  // The squads this actor sees: its own, else the largest of its jurisdiction (for the orgId filter and overdue view).
  const squadId =
    who.key === 'squad'
      ? who.orgId
      : (
          await sql<{ id: string }>`SELECT s.org_id AS id FROM subjects s JOIN orgs g ON g.id = s.org_id
            WHERE ${who.key === 'district' ? sql`s.bureau_id = ${who.bureauId}` : sql`true`}
            GROUP BY s.org_id ORDER BY count(*) DESC, s.org_id LIMIT 1`.execute(db)
        ).rows[0]!.id;
  const whole = await box(
    who.key === 'city' ? sql`true` : who.key === 'district' ? sql`bureau_id = ${who.bureauId}` : sql`org_id = ${who.orgId}`,
  );
  const street = around(await box(sql`org_id = ${squadId}`), 0.01);

  const list = (q: string) => `/api/v1/subjects?page=1&pageSize=20${q ? `&${q}` : ''}`;
  const urls: [string, string][] = [
    ['no filter', list('')],
    ['page 5', list('').replace('page=1', 'page=5')],
    ['kind', list('kind=street_shop')],
    ['kind (rare)', list('kind=historic_building')],
    ['risk level', list('riskLevel=red')],
    ['q (common)', list(`q=${common}`)],
    ['q (one code)', list(`q=${rare}`)],
    // Two-character shop words of the city's names (issue 12: 「面馆」, 「烟酒」).
    ['q 面馆', list(`q=${encodeURIComponent('面馆')}`)],
    ['q 烟酒', list(`q=${encodeURIComponent('烟酒')}`)],
    ['orgId (a squad)', list(`orgId=${squadId}`)],
    ['licence=expired', list('licence=expired')],
    ['licence=valid', list('licence=valid')],
    ['licence=none', list('licence=none')],
    ['kind + licence=expired', list('kind=restaurant_fume&licence=expired')],
    ['kind + licence=expiring', list('kind=street_shop&licence=expiring')],
    ['kind + risk level', list('kind=street_shop&riskLevel=yellow')],
    ['kind + risk level (red)', list('kind=restaurant_fume&riskLevel=red')],
    ['not verified', list('verified=false')],
    ['no point', list('hasPoint=false')],
    ['no squad', list('hasSquad=false')],
    ['point, no squad', list('hasPoint=true&hasSquad=false')],
    ['status=closed', list('status=closed')],
    ['data quality', '/api/v1/subjects/quality'],
    ['duplicates', '/api/v1/subjects/duplicates'],
    ['map, street window', mapUrl(street)],
    ['map, whole jurisdiction', mapUrl(whole)],
    ['map, window + kind', mapUrl(whole, '&kind=restaurant_fume')],
    ['map, window + risk level', mapUrl(whole, '&riskLevel=red')],
  ];
  const overdue = `/api/v1/inspection-tasks/overdue${who.key === 'squad' ? '' : `?orgId=${squadId}`}`;
  urls.push([`overdue tasks (as ${who.leader ?? who.username})`, overdue]);
  console.log(`\n## as ${who.username} (${who.key})`);
  for (const [name, url] of urls) {
    if (ONLY && !name.includes(ONLY)) continue;
    const times: number[] = [];
    let shown = '';
    for (let i = 0; i < SAMPLES + 2; i++) {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: name.startsWith('overdue') ? leaderHeaders : headers });
      const ms = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      if (i >= 2) times.push(ms);
      const body = r.json() as {
        total?: number;
        totalCapped?: boolean;
        items?: unknown[];
        truncated?: boolean;
        squads?: { overdue: number }[];
      };
      shown =
        body.total !== undefined
          ? `${body.total}${body.totalCapped ? '+' : ''}`
          : body.items
            ? `${body.items.length}${body.truncated ? '+' : ''} items`
            : '';
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(26)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms  p95 ${pct(times, 95).toFixed(1).padStart(7)} ms  ${shown}`,
    );
  }
}

for (const who of [city, district, squad]) if (who && ACTORS.includes(who.key)) await run(who);
await app.close();
await platform.database.close();
