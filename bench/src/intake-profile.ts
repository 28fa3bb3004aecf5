/**
 * Where the time of one ticket intake goes (`POST /api/v1/tickets` as a district's command centre), on a database
 * holding a generated city: the SQL statements sent (count, time waiting for the database) and the rest of the
 * request's time, one request after another; then one burst of INTAKE_BURST requests started together (the shape
 * `npm run tickets` measures), with its p50/p99 and the statements it sent (the burst is taken in by batches, a
 * transaction each). Statements are counted at the node-postgres client.
 *
 *   DATABASE_URL=postgres://…/city npx tsx bench/src/intake-profile.ts
 *   INTAKE_REPEAT (20), INTAKE_BURST (100), INTAKE_VERBOSE=1 lists the statements of the last sequential request.
 *   INTAKE_CPU_PROFILE=FILE writes a CPU profile (.cpuprofile) of the burst alone.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';

type Stmt = { text: string; ms: number };
let current: Stmt[] | null = null;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const log = current;
  const first = args[0] as string | { text: string };
  const text = typeof first === 'string' ? first : first?.text;
  const t = performance.now();
  const r = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (log && r && typeof (r as Promise<unknown>).then === 'function') {
    return (r as Promise<unknown>).then((v) => {
      log.push({ text: String(text).replace(/\s+/g, ' ').slice(0, 160), ms: performance.now() - t });
      return v;
    });
  }
  return r;
} as typeof original;

const REPEAT = Number(process.env.INTAKE_REPEAT ?? 20);
const BURST = Number(process.env.INTAKE_BURST ?? 100);
const config = { ...loadConfig(), webDist: null };
if (!config.databaseUrl) throw new Error('DATABASE_URL must name a database holding a generated city');
const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
const db = platform.database.db;
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });

const district = (
  await sql<{ id: string }>`SELECT t.bureau_id AS id FROM tickets t GROUP BY t.bureau_id ORDER BY count(*) DESC LIMIT 1`.execute(db)
).rows[0]!;
const commander = (
  await sql<{ username: string }>`SELECT o.username FROM officers o JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'commander'
    WHERE o.org_id = ${district.id} ORDER BY o.username LIMIT 1`.execute(db)
).rows[0]!;
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: commander.username, password: CITY_BENCH_PASSWORD },
});
const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
const points = (
  await sql<{ lon: number; lat: number }>`SELECT point_lon AS lon, point_lat AS lat FROM tickets
    WHERE bureau_id = ${district.id} AND point_lon IS NOT NULL ORDER BY number LIMIT 500`.execute(db)
).rows;
const run = `P${Date.now().toString(36).toUpperCase()}`;
const post = (i: number) => {
  const p = points[i % points.length]!;
  return app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { ...headers, 'idempotency-key': `profile-${run}-${i}` },
    payload: {
      channel: 'hotline_12345',
      externalNo: `BENCH-${run}-${i}`,
      categoryCode: 'SR04',
      content: '饭店油烟直排，影响居民开窗（压测）',
      address: `上海市浦东新区测试路${(i % 900) + 1}号`,
      point: { lon: p.lon, lat: p.lat, crs: 'wgs84' },
      reporterPhone: `139${String(10_000_000 + i).slice(-8)}`,
    },
  });
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

await post(0); // compiles the route's serializer
let total = 0;
let dbMs = 0;
let count = 0;
let last: Stmt[] = [];
for (let i = 1; i <= REPEAT; i++) {
  current = [];
  const t = performance.now();
  const r = await post(i);
  total += performance.now() - t;
  if (r.statusCode !== 201) throw new Error(`${r.statusCode} ${r.body}`);
  dbMs += current.reduce((s, x) => s + x.ms, 0);
  count += current.length;
  last = current;
  current = null;
}
console.log(
  `one at a time: ${(count / REPEAT).toFixed(1)} statements, db ${(dbMs / REPEAT).toFixed(2)} ms, other ${((total - dbMs) / REPEAT).toFixed(2)} ms, total ${(total / REPEAT).toFixed(2)} ms`,
);
if (process.env.INTAKE_VERBOSE === '1') for (const s of last) console.log(`${s.ms.toFixed(2).padStart(7)} ms  ${s.text}`);

const ms: number[] = [];
const profileFile = process.env.INTAKE_CPU_PROFILE;
const inspector = profileFile ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
const t0 = performance.now();
current = [];
await Promise.all(
  Array.from({ length: BURST }, async (_, k) => {
    const t = performance.now();
    const r = await post(1000 + k);
    if (r.statusCode === 201) ms.push(performance.now() - t);
  }),
);
const wall = performance.now() - t0;
const burstStatements = current.length;
current = null;
if (inspector && profileFile) {
  const { profile } = await inspector.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
  inspector.disconnect();
}
console.log(
  `burst of ${BURST}: ${ms.length} accepted in ${wall.toFixed(0)} ms; p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms; ` +
    `${burstStatements} statements (${(burstStatements / BURST).toFixed(2)} a ticket)`,
);
// The raw-SQL burst of the bench (npm run tickets): the ticket and its event, one transaction each, same shape.
const squad = (
  await sql<{ id: string }>`SELECT id FROM orgs WHERE bureau_id = ${district.id} AND kind = 'squad' ORDER BY code LIMIT 1`.execute(db)
).rows[0]!;
const rawMs: number[] = [];
const r0 = performance.now();
await Promise.all(
  Array.from({ length: BURST }, async (_, k) => {
    const i = 1000 + k;
    const p = points[i % points.length]!;
    const id = crypto.randomUUID();
    const t = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO tickets (id, number, channel, external_no, bureau_id, org_id, category_code, limit_kind, state, content,
          address, point_lon, point_lat, reporter_phone, received_at, first_contact_due_at, handling_due_on, handling_due_at,
          created_at, updated_at)
        VALUES (${id}, ${`RAW-${run}-${i}`}, 'city_ops', ${`RAW-${run}-${i}`}, ${district.id}, ${squad.id}, 'SR04', 'ordinary',
          'received', '饭店油烟直排，影响居民开窗（压测）', ${`上海市浦东新区测试路${(i % 900) + 1}号`}, ${p.lon}, ${p.lat},
          ${`139${String(10_000_000 + i).slice(-8)}`}, now(), now() + interval '24 hours', current_date + 7, now() + interval '7 days', now(), now())`.execute(
        trx,
      );
      await sql`INSERT INTO ticket_events (id, ticket_id, action, to_state, note, at)
        VALUES (${crypto.randomUUID()}, ${id}, 'intake', 'received', ${`RAW-${run}-${i}`}, now())`.execute(trx);
    });
    rawMs.push(performance.now() - t);
  }),
);
console.log(
  `raw SQL burst of ${BURST}: ${(performance.now() - r0).toFixed(0)} ms; p50 ${pct(rawMs, 50).toFixed(1)} ms, p99 ${pct(rawMs, 99).toFixed(1)} ms; p99 ratio ${(pct(ms, 99) / pct(rawMs, 99)).toFixed(2)}`,
);
await sql`DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE external_no LIKE ${`%-${run}-%`})`.execute(db);
await sql`DELETE FROM tickets WHERE external_no LIKE ${`%-${run}-%`}`.execute(db);
await app.close();
await platform.database.close();
