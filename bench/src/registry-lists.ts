/**
 * The registry's list at city scale: p50/p95 of `GET /api/v1/subjects` for each filter combination of the console's
 * list (first page, 20 rows), then the data-quality view and the duplicate pairs, through the HTTP routes in-process,
 * as the city's administrator. On a database holding a generated city:
 *
 *   DATABASE_URL=postgres://…/city npm run registry-lists -w @chengguan/bench   (REGISTRY_SAMPLES, default 30)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';

const SAMPLES = Number(process.env.REGISTRY_SAMPLES ?? 30);
const config = { ...loadConfig(), webDist: null };
if (!config.databaseUrl) throw new Error('DATABASE_URL must name a database holding a generated city');
const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
const db = platform.database.db;
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
const admin = (
  await sql<{ username: string }>`
    SELECT o.username FROM officers o JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'admin'
      JOIN orgs g ON g.id = o.org_id ORDER BY length(g.path), o.username LIMIT 1`.execute(db)
).rows[0]!;
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: admin.username, password: CITY_BENCH_PASSWORD },
});
if (login.statusCode !== 200) throw new Error(`login ${admin.username}: ${login.statusCode}`);
const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects`.execute(db)).rows[0]!.n;
console.log(`${n.toLocaleString('en-US')} subjects, as ${admin.username}, ${SAMPLES} samples each`);

const list = (q: string) => `/api/v1/subjects?page=1&pageSize=20${q ? `&${q}` : ''}`;
const urls: [string, string][] = [
  ['no filter', list('')],
  ['page 5', list('').replace('page=1', 'page=5')],
  ['kind', list('kind=street_shop')],
  ['risk level', list('riskLevel=red')],
  ['licence=expired', list('licence=expired')],
  ['licence=valid', list('licence=valid')],
  ['licence=none', list('licence=none')],
  ['kind + licence=expired', list('kind=restaurant_fume&licence=expired')],
  ['kind + licence=expiring', list('kind=street_shop&licence=expiring')],
  ['kind + risk level', list('kind=street_shop&riskLevel=yellow')],
  ['not verified', list('verified=false')],
  ['no point', list('hasPoint=false')],
  ['no squad', list('hasSquad=false')],
  ['data quality', '/api/v1/subjects/quality'],
  ['duplicates', '/api/v1/subjects/duplicates'],
];
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
for (const [name, url] of urls) {
  const times: number[] = [];
  let total: unknown = null;
  for (let i = 0; i < SAMPLES + 2; i++) {
    const t = performance.now();
    const r = await app.inject({ method: 'GET', url, headers });
    const ms = performance.now() - t;
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    if (i >= 2) times.push(ms);
    const body = r.json() as { total?: number; capped?: boolean };
    total = body.total !== undefined ? `${body.total}${body.capped ? '+' : ''}` : '';
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(26)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms  p95 ${pct(times, 95).toFixed(1).padStart(7)} ms  ${total}`,
  );
}
await app.close();
await platform.database.close();
