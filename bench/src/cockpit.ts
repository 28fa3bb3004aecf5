/**
 * 数据驾驶舱, panel by panel (issue 16 §5; docs/cockpit.md "Measured"): every theme view — `GET
 * /api/v1/cockpit/themes/:theme` in-process as a city leader, a district leader and a squad leader (routing, session,
 * access, the roll-up reads, the live part, the forecast, JSON) — against the raw SQL computing the same numbers from
 * the base tables (the month's KPIs per child unit and the 36 months of the trend), in the same run on the same
 * database. p50 / p95 over COCKPIT_SAMPLES (default 40) after 5 warm-ups.
 *
 *   npm run cockpit -w @chengguan/bench                                   # PGlite in memory, a generated city
 *   DATABASE_URL=postgres://…/db npm run cockpit -w @chengguan/bench       # an empty database is generated first
 *   COCKPIT_YEARS (1), COCKPIT_SCALE (1: the full city's volumes), COCKPIT_SAMPLES (40)
 *
 * On a database that already holds a generated city the generator is skipped and the roll-up is checked against a
 * rebuild (cockpit_rebuild) before measuring.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { CITY_BENCH_PASSWORD, generateCity, generateOptions } from '../../apps/server/src/generate/index.ts';
import { countOrgs } from '../../apps/server/src/modules/org/index.ts';
import { describeMachine, writeResult } from './results.ts';

const YEARS = Number(process.env.COCKPIT_YEARS ?? 1);
const SCALE = Number(process.env.COCKPIT_SCALE ?? 1);
const SAMPLES = Number(process.env.COCKPIT_SAMPLES ?? 40);

const base = loadConfig();
const config = { ...base, webDist: null, dataDir: base.databaseUrl ? base.dataDir : 'memory://' };
const platform = await openPlatform({ config, migrate: true, log: () => undefined });
const db = platform.database.db;
const engine = platform.database.kind;
let generated: string;
if ((await countOrgs(db)) === 0) {
  const t0 = performance.now();
  const r = await generateCity(platform, { ...generateOptions({ years: YEARS, scale: SCALE }), resultsFile: null, baseline: false }, (l) =>
    console.error(l),
  );
  generated = `generated ${YEARS} year(s) at scale ${SCALE} in ${((performance.now() - t0) / 1000).toFixed(0)} s (${JSON.stringify(
    Object.fromEntries((r.tables ?? []).map((x) => [x.table, x.rows])),
  )})`;
} else generated = 'database already held a generated city';
const counts = (
  await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM tickets) AS tickets,
           (SELECT count(*)::int FROM subjects) AS subjects, (SELECT count(*)::int FROM inspection_visits) AS visits,
           (SELECT count(*)::int FROM duty_roster) AS roster, (SELECT count(*)::int FROM cockpit_rollup) AS rollup,
           (SELECT count(*)::int FROM cockpit_rollup_tree) AS "rollupTree", (SELECT count(*)::int FROM offsite_reviews) AS "offsiteReviews",
           (SELECT count(*)::int FROM waste_clues) AS "wasteClues"`.execute(db)
).rows[0]!;
console.log(`${engine}: ${generated}; rows ${JSON.stringify(counts)}`);

// The roll-ups (direct and per subtree) kept by the triggers during the load equal a rebuild from the base tables.
const snapshot = async () =>
  (
    await sql<{ k: string }>`
      SELECT t || metric || month || org_id || ':' || sum(value) AS k
        FROM (SELECT 'd' AS t, * FROM cockpit_rollup UNION ALL SELECT 't', * FROM cockpit_rollup_tree) r
       GROUP BY t, metric, month, org_id HAVING sum(value) <> 0 ORDER BY 1`.execute(db)
  ).rows
    .map((r) => r.k)
    .join('\n');
const before = await snapshot();
const tr = performance.now();
await sql`SELECT cockpit_rebuild()`.execute(db);
console.log(
  `roll-up rebuild ${((performance.now() - tr) / 1000).toFixed(1)} s; equal to the trigger-kept roll-up: ${before === (await snapshot())}`,
);
await sql`ANALYZE`.execute(db);

const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
await app.ready();

// Readers: a leader of the city, of the largest district, of a squad (bench accounts of the generated city get the role).
const orgs = (
  await sql<{ city: string; cityPath: string; bureau: string; bureauPath: string; squad: string; squadPath: string }>`
    WITH b AS (SELECT o.id, o.path FROM orgs o JOIN tickets t ON t.bureau_id = o.id WHERE o.kind = 'district_bureau'
               GROUP BY o.id, o.path ORDER BY count(*) DESC LIMIT 1),
         s AS (SELECT o.id, o.path FROM orgs o JOIN tickets t ON t.org_id = o.id JOIN b ON o.path LIKE b.path || '%'
               WHERE o.kind = 'squad' GROUP BY o.id, o.path ORDER BY count(*) DESC LIMIT 1)
    SELECT c.id AS city, c.path AS "cityPath", b.id AS bureau, b.path AS "bureauPath", s.id AS squad, s.path AS "squadPath"
      FROM orgs c, b, s WHERE c.kind = 'city_bureau' ORDER BY c.path LIMIT 1`.execute(db)
).rows[0]!;
async function readerAt(orgId: string): Promise<string> {
  const o = (
    await sql<{ id: string; username: string }>`
    SELECT id, username FROM officers WHERE org_id = ${orgId} AND username IS NOT NULL AND active ORDER BY username LIMIT 1`.execute(db)
  ).rows[0];
  if (!o) throw new Error(`no account at ${orgId}`);
  await sql`INSERT INTO officer_roles (officer_id, role) VALUES (${o.id}, 'bureau_leader') ON CONFLICT DO NOTHING`.execute(db);
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: o.username, password: CITY_BENCH_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`login ${o.username}: ${r.statusCode} ${r.body}`);
  return (r.json() as { token: string }).token;
}
const readers = [
  { level: 'city', orgId: orgs.city, path: orgs.cityPath, token: await readerAt(orgs.city) },
  { level: 'district', orgId: orgs.bureau, path: orgs.bureauPath, token: await readerAt(orgs.bureau) },
  { level: 'squad', orgId: orgs.squad, path: orgs.squadPath, token: await readerAt(orgs.squad) },
];

const month = (
  await sql<{ m: string }>`SELECT to_char(max(received_at) AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM') AS m FROM tickets`.execute(
    db,
  )
).rows[0]!.m;
const monthStart = `${month}-01`;

async function measure(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = performance.now();
    await run();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  const at = (q: number) => t[Math.min(t.length - 1, Math.ceil(q * t.length) - 1)]!;
  return { p50: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}

const childPart = (path: string) => path.split('/').filter(Boolean).length + 2;
/** The same numbers from the base tables: the month per child unit, and 36 months of the trend. */
const RAW: Record<string, (path: string) => Promise<unknown>> = {
  cases: (path) =>
    Promise.all([
      sql`SELECT split_part(o.path, '/', ${childPart(path)}) AS child,
                 count(*) FILTER (WHERE c.discovered_on >= ${monthStart}::date AND c.discovered_on < ${monthStart}::date + interval '1 month') AS opened,
                 count(*) FILTER (WHERE c.decided_on >= ${monthStart}::date AND c.decided_on < ${monthStart}::date + interval '1 month') AS decided,
                 count(*) FILTER (WHERE c.closed_on >= ${monthStart}::date AND c.closed_on < ${monthStart}::date + interval '1 month') AS closed,
                 sum(c.fine_fen) FILTER (WHERE c.decided_on >= ${monthStart}::date AND c.decided_on < ${monthStart}::date + interval '1 month') AS fine,
                 count(*) FILTER (WHERE c.procedure = 'summary' AND c.decided_on >= ${monthStart}::date AND c.decided_on < ${monthStart}::date + interval '1 month') AS summary,
                 count(*) FILTER (WHERE c.procedure = 'summary' AND c.decided_on = c.discovered_on AND c.decided_on >= ${monthStart}::date AND c.decided_on < ${monthStart}::date + interval '1 month') AS on_site,
                 count(*) FILTER (WHERE c.state NOT IN ('closed', 'archived', 'not_filed', 'transferred')) AS open,
                 count(*) FILTER (WHERE c.has_overdue) AS overdue
            FROM cases c JOIN orgs o ON o.id = c.org_id WHERE o.path LIKE ${`${path}%`} GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', c.discovered_on) AS m, count(*) FROM cases c JOIN orgs o ON o.id = c.org_id
           WHERE o.path LIKE ${`${path}%`} AND c.discovered_on >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', c.decided_on) AS m, count(*) FROM cases c JOIN orgs o ON o.id = c.org_id
           WHERE o.path LIKE ${`${path}%`} AND c.decided_on >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', c.closed_on) AS m, count(*) FROM cases c JOIN orgs o ON o.id = c.org_id
           WHERE o.path LIKE ${`${path}%`} AND c.closed_on >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
    ]),
  complaints: (path) =>
    Promise.all(
      [
        [`${monthStart}`, "interval '1 month'", true],
        [`${monthStart}`, "interval '0 month'", false],
      ].map(([from, _span, perChild]) =>
        sql`SELECT ${sql.raw(perChild ? `split_part(o.path, '/', ${childPart(path)})` : "date_trunc('month', t.received_at)")} AS k,
                   count(*) FILTER (WHERE t.state NOT IN ('returned', 'referred', 'merged')) AS received,
                   count(*) FILTER (WHERE t.reporter_phone IS NOT NULL AND t.first_contact_at <= t.first_contact_due_at) AS contact_ok,
                   count(*) FILTER (WHERE t.reporter_phone IS NOT NULL AND (t.first_contact_at IS NOT NULL OR t.first_contact_due_at < now())) AS contact_d,
                   count(*) FILTER (WHERE t.replied_at <= t.handling_due_at) AS on_time,
                   count(*) FILTER (WHERE t.replied_at IS NOT NULL OR t.handling_due_at < now()) AS on_time_d,
                   count(*) FILTER (WHERE t.resolved) AS resolved, count(t.resolved) AS resolved_d,
                   count(*) FILTER (WHERE t.satisfaction IN ('satisfied', 'basically_satisfied')) AS sat, count(t.satisfaction) AS sat_d,
                   count(t.case_id) AS converted
              FROM tickets t JOIN orgs o ON o.id = coalesce(t.org_id, t.bureau_id)
             WHERE o.path LIKE ${`${path}%`}
               AND t.received_at >= ${from as string}::timestamptz - ${sql.raw(perChild ? "interval '8 hours'" : "interval '35 months 8 hours'")}
               AND t.received_at < ${monthStart}::timestamptz - interval '8 hours' + interval '1 month'
             GROUP BY 1`.execute(db),
      ),
    ),
  subjects: (path) =>
    Promise.all([
      sql`SELECT split_part(o.path, '/', ${childPart(path)}) AS child, count(*) FILTER (WHERE s.status = 'active') AS active,
                 count(*) FILTER (WHERE s.status = 'active' AND s.risk_level = 'red') AS red
            FROM subjects s JOIN orgs o ON o.id = coalesce(s.org_id, s.bureau_id) WHERE o.path LIKE ${`${path}%`} GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', v.visited_on) AS m, count(*), count(*) FILTER (WHERE v.outcome = 'failed'), count(v.case_id)
            FROM inspection_visits v JOIN orgs o ON o.id = v.org_id
           WHERE o.path LIKE ${`${path}%`} AND v.visited_on >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
    ]),
  staff: (path) =>
    Promise.all([
      sql`SELECT date_trunc('month', r.duty_date) AS m, count(*), count(*) FILTER (WHERE r.field) FROM duty_roster r JOIN orgs o ON o.id = r.org_id
           WHERE o.path LIKE ${`${path}%`} AND r.duty_date >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', e.entry_date) AS m, count(*) FROM duty_log_entries e JOIN orgs o ON o.id = e.org_id
           WHERE o.path LIKE ${`${path}%`} AND e.entry_date >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
    ]),
  offsite: (path) =>
    Promise.all([
      sql`SELECT split_part(r.org_path, '/', ${childPart(path)}) AS child,
                 count(*) FILTER (WHERE cockpit_month(r.first_at) = ${monthStart}::date) AS found,
                 count(*) FILTER (WHERE cockpit_month(r.first_at) = ${monthStart}::date AND r.state = 'confirmed') AS confirmed,
                 count(*) FILTER (WHERE cockpit_month(r.first_at) = ${monthStart}::date AND r.state <> 'pending') AS decided,
                 count(*) FILTER (WHERE r.state = 'pending') AS pending
            FROM offsite_reviews r WHERE r.org_path LIKE ${`${path}%`} GROUP BY 1`.execute(db),
      sql`SELECT cockpit_month(r.first_at) AS m, count(*), count(*) FILTER (WHERE r.state = 'confirmed') FROM offsite_reviews r
           WHERE r.org_path LIKE ${`${path}%`} AND r.first_at >= ${monthStart}::date - interval '35 months' GROUP BY 1`.execute(db),
    ]),
  waste: (path) =>
    Promise.all([
      sql`SELECT split_part(o.path, '/', ${childPart(path)}) AS child,
                 count(*) FILTER (WHERE date_trunc('month', c.day) = ${monthStart}::date) AS clues,
                 count(*) FILTER (WHERE date_trunc('month', c.day) = ${monthStart}::date AND c.status = 'confirmed') AS confirmed,
                 count(*) FILTER (WHERE date_trunc('month', c.day) = ${monthStart}::date AND c.status <> 'open') AS decided,
                 count(*) FILTER (WHERE c.status = 'open') AS open
            FROM waste_clues c JOIN orgs o ON o.id = c.bureau_id WHERE o.path LIKE ${`${path}%`} GROUP BY 1`.execute(db),
      sql`SELECT date_trunc('month', c.day) AS m, count(*), count(*) FILTER (WHERE c.status = 'confirmed') FROM waste_clues c
            JOIN orgs o ON o.id = c.bureau_id WHERE o.path LIKE ${`${path}%`} AND c.day >= ${monthStart}::date - interval '35 months'
           GROUP BY 1`.execute(db),
    ]),
};

type Row = { panel: string; level: string; platformP50: number; platformP95: number; rawP50: number; rawP95: number };
const rows: Row[] = [];
for (const theme of Object.keys(RAW)) {
  for (const r of readers) {
    const url = `/api/v1/cockpit/themes/${theme}?month=${month}`;
    const platformT = await measure(async () => {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${r.token}` } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    });
    const rawT = await measure(() => RAW[theme]!(r.path));
    rows.push({ panel: theme, level: r.level, platformP50: platformT.p50, platformP95: platformT.p95, rawP50: rawT.p50, rawP95: rawT.p95 });
    console.log(
      `${theme.padEnd(10)} ${r.level.padEnd(8)} platform p50 ${platformT.p50} ms p95 ${platformT.p95} ms | raw SQL from base tables p50 ${rawT.p50} ms p95 ${rawT.p95} ms`,
    );
  }
}
const target = engine === 'postgresql' ? 100 : 300;
const worst = Math.max(...rows.map((r) => r.platformP95));
console.log(
  `month ${month}; worst panel p95 ${worst} ms (target ≤ ${target} ms: ${worst <= target ? 'met' : 'missed'}); load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (shared machine)`,
);
writeResult({
  name: 'cockpit',
  engine,
  machine: describeMachine(engine),
  parameters: { years: YEARS, scale: SCALE, samples: SAMPLES, month, generated, counts },
  results: rows,
} as never);
await app.close();
await platform.database.close();
