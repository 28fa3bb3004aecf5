/**
 * 诉件 at city scale (issue 13 §9), on a database holding a generated city (`npm run generate`, ten years of tickets):
 *
 *   1. intake: bursts of TICKETS_RATE (100) tickets a second for TICKETS_BURSTS seconds through `POST /api/v1/tickets`
 *      in-process as a district's command centre, each second's tickets started together, then spread evenly over
 *      the second, then arriving at random within it (Poisson arrivals at that rate, from a fixed seed); p99 per accepted ticket (target ≤ 200 ms) and this process's CPU per ticket, against a raw-SQL
 *      insert of the same rows (ticket + timeline event, one transaction each) sent the same way; then the same three
 *      patterns as signed 12345 deliveries through the exchange's inbound endpoint, against those raw-SQL figures;
 *   2. routing a point to its squad: the module's `squadOfPoint` (bbox prefilter in SQL, point-in-polygon on the
 *      candidates; target ≤ 1 ms a point), against the named baseline, a bare point-in-polygon over every area of the
 *      bureau held in memory;
 *   3. the four numbers for a month and a district: `GET /api/v1/ticket-rates` as that district's commander
 *      (target p95 ≤ 100 ms), against the bare SQL of the same aggregation (one COUNT … FILTER query).
 *
 *   DATABASE_URL=postgres://…/city npm run tickets -w @chengguan/bench
 *   TICKETS_RATE (100), TICKETS_BURSTS (5), TICKETS_POINTS (2000), TICKETS_MONTHS (40)
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { pointInArea, type DistrictGeometry } from '@chengguan/domain';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';
import { squadOfPoint } from '../../apps/server/src/modules/subjects/index.ts';
import { inboundPath } from '../../apps/server/src/modules/tickets/exchange/exchange.ts';
import { signedHeaders } from '../../apps/server/src/shared/connector-signing.ts';
import { describeMachine, printComparison, writeResult } from './results.ts';

const RATE = Number(process.env.TICKETS_RATE ?? 100);
const BURSTS = Number(process.env.TICKETS_BURSTS ?? 5);
const POINTS = Number(process.env.TICKETS_POINTS ?? 2000);
const MONTHS = Number(process.env.TICKETS_MONTHS ?? 40);

/** The exchange's key in this run (the signed inbound endpoint is measured too); any 64 hex digits. */
const EXCHANGE_SECRET = '6b'.repeat(32);
const config = { ...loadConfig(), webDist: null, ticketExchange: 'simulator' as const, ticketExchangeSecret: EXCHANGE_SECRET };
if (!config.databaseUrl) throw new Error('DATABASE_URL must name a database holding a generated city');
const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
const db = platform.database.db;
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const loadBefore = load();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
const r2 = (x: number) => Math.round(x * 100) / 100;
let seed = 20261205;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

// The largest district (by tickets) and one of its commanders.
const district = (
  await sql<{ id: string; name: string; n: number }>`
    SELECT b.id, b.name, count(*)::int AS n FROM tickets t JOIN orgs b ON b.id = t.bureau_id
    GROUP BY b.id, b.name ORDER BY n DESC LIMIT 1`.execute(db)
).rows[0];
if (!district) throw new Error('no tickets: generate the city first');
const commander = (
  await sql<{ username: string }>`SELECT o.username FROM officers o JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'commander'
    WHERE o.org_id = ${district.id} ORDER BY o.username LIMIT 1`.execute(db)
).rows[0]!;
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: commander.username, password: CITY_BENCH_PASSWORD },
});
if (login.statusCode !== 200) throw new Error(`login ${commander.username}: ${login.statusCode} ${login.body}`);
const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
const totalTickets = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets`.execute(db)).rows[0]!.n;
const span = (await sql<{ first: Date; last: Date }>`SELECT min(received_at) AS first, max(received_at) AS last FROM tickets`.execute(db))
  .rows[0]!;
console.log(
  `${totalTickets.toLocaleString('en-US')} tickets (${new Date(span.first).toISOString().slice(0, 10)} … ${new Date(span.last)
    .toISOString()
    .slice(
      0,
      10,
    )}); district ${district.name} (${district.n.toLocaleString('en-US')}) as ${commander.username}; load ${loadBefore} on ${os.cpus().length} cores`,
);

// The district's areas and points inside them (ticket points of the generated city, each a real place of the district).
const areas = (
  await sql<{ org_id: string; geometry: DistrictGeometry }>`SELECT a.org_id, a.geometry FROM org_areas a JOIN orgs o ON o.id = a.org_id
    WHERE o.bureau_id = ${district.id} AND o.active ORDER BY a.org_id`.execute(db)
).rows;
const points = (
  await sql<{ lon: number; lat: number; org_id: string }>`SELECT point_lon AS lon, point_lat AS lat, org_id FROM tickets
    WHERE bureau_id = ${district.id} AND point_lon IS NOT NULL ORDER BY number LIMIT ${POINTS}`.execute(db)
).rows;

// 2. Routing.
const routeMs: number[] = [];
let routedRight = 0;
for (const p of points) {
  const t0 = performance.now();
  const org = await squadOfPoint(db, district.id, [p.lon, p.lat]);
  routeMs.push(performance.now() - t0);
  if (org === p.org_id) routedRight++;
}
const bareMs: number[] = [];
for (const p of points) {
  const t0 = performance.now();
  areas.find((a) => pointInArea([p.lon, p.lat], a.geometry));
  bareMs.push(performance.now() - t0);
}
const routing = {
  points: points.length,
  areas: areas.length,
  agreeWithStored: routedRight,
  platformMeanMs: r2(mean(routeMs)),
  platformP99Ms: r2(pct(routeMs, 99)),
  bareMeanMs: r2(mean(bareMs)),
  bareP99Ms: r2(pct(bareMs, 99)),
  ratio: r2(mean(routeMs) / Math.max(mean(bareMs), 1e-6)),
};
console.log('routing', routing);

// 3. The four numbers, for random (month, district) pairs as the district's commander.
const months: string[] = [];
for (let d = new Date(span.first); d < new Date(span.last); d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
  months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
}
const lastDay = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
};
const sample = Array.from({ length: MONTHS }, () => months[Math.floor(rand() * months.length)]!);
const rateMs: number[] = [];
const rateSqlMs: number[] = [];
let agree = 0;
for (const m of sample) {
  const from = `${m}-01`;
  const to = lastDay(m);
  const t0 = performance.now();
  const r = await app.inject({ method: 'GET', url: `/api/v1/ticket-rates?from=${from}&to=${to}`, headers });
  rateMs.push(performance.now() - t0);
  if (r.statusCode !== 200) throw new Error(`ticket-rates ${from}: ${r.statusCode} ${r.body}`);
  const body = r.json() as { onTime: { numerator: number; denominator: number } };
  const t1 = performance.now();
  const bare = (
    await sql<{ on_time: number; on_time_of: number }>`
      SELECT
        count(*) FILTER (WHERE reporter_phone IS NOT NULL AND first_contact_at <= first_contact_due_at)::int AS contact,
        count(*) FILTER (WHERE reporter_phone IS NOT NULL AND (first_contact_at IS NOT NULL OR first_contact_due_at < now()))::int AS contact_of,
        count(*) FILTER (WHERE replied_at <= handling_due_at)::int AS on_time,
        count(*) FILTER (WHERE replied_at IS NOT NULL OR handling_due_at < now())::int AS on_time_of,
        count(*) FILTER (WHERE resolved)::int AS resolved,
        count(*) FILTER (WHERE resolved IS NOT NULL)::int AS resolved_of,
        count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basically_satisfied'))::int AS satisfied,
        count(*) FILTER (WHERE satisfaction IS NOT NULL)::int AS satisfied_of
      FROM tickets
      WHERE bureau_id = ${district.id} AND state NOT IN ('returned', 'referred', 'merged')
        AND received_at >= ${`${from}T00:00:00+08:00`}::timestamptz AND received_at < (${`${to}T00:00:00+08:00`}::timestamptz + interval '1 day')`.execute(
      db,
    )
  ).rows[0]!;
  rateSqlMs.push(performance.now() - t1);
  if (bare.on_time === body.onTime.numerator && bare.on_time_of === body.onTime.denominator) agree++;
}
const rates = {
  samples: sample.length,
  agreeWithBareSql: agree,
  platformP50Ms: r2(pct(rateMs, 50)),
  platformP95Ms: r2(pct(rateMs, 95)),
  bareP50Ms: r2(pct(rateSqlMs, 50)),
  bareP95Ms: r2(pct(rateSqlMs, 95)),
  ratioP95: r2(pct(rateMs, 95) / Math.max(pct(rateSqlMs, 95), 1e-6)),
};
console.log('four numbers', rates);

// 1. Intake, in three arrival patterns: each second's RATE requests started together (the harshest reading of a
// burst), spread evenly over the second, and at random within it (Poisson arrivals at RATE a second: a feed's
// tickets, bunched as chance bunches them); each against the raw-SQL rows sent the same way.
const category = 'SR04';
const run = Date.now().toString(36).toUpperCase();
const bodyOf = (i: number) => {
  const p = points[i % points.length]!;
  return {
    channel: 'hotline_12345' as const,
    externalNo: `BENCH-${run}-${i}`,
    categoryCode: category,
    content: '饭店油烟直排，影响居民开窗（压测）',
    address: `上海市浦东新区测试路${(i % 900) + 1}号`,
    point: { lon: p.lon, lat: p.lat, crs: 'wgs84' as const },
    reporterPhone: `139${String(10_000_000 + i).slice(-8)}`,
  };
};
// This process's CPU time (user + system) over each phase: with the database on the same 2 cores, a burst's p99 is
// bounded below by the CPU its requests need, which says where the time goes.
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs BURSTS seconds of RATE sends; `send(i)` answers whether ticket i was accepted. */
type Arrivals = 'together' | 'spread' | 'random';
/** Each ticket's start within its second (ms): all at 0, evenly spaced, or Poisson arrivals (exponential gaps). */
function offsetsOf(arrivals: Arrivals): number[] {
  if (arrivals === 'together') return Array.from({ length: RATE }, () => 0);
  if (arrivals === 'spread') return Array.from({ length: RATE }, (_, k) => (k * 1000) / RATE);
  let at = 0;
  return Array.from({ length: RATE }, () => (at += (-Math.log(1 - rand()) * 1000) / RATE));
}
async function bursts(first: number, arrivals: Arrivals, send: (i: number) => Promise<boolean>) {
  const ms: number[] = [];
  let refused = 0;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let b = 0; b < BURSTS; b++) {
    const second = performance.now();
    const offsets = offsetsOf(arrivals);
    await Promise.all(
      Array.from({ length: RATE }, async (_, k) => {
        if (offsets[k]! > 0) await sleep(second + offsets[k]! - performance.now());
        const t0 = performance.now();
        if (await send(first + b * RATE + k)) ms.push(performance.now() - t0);
        else refused++;
      }),
    );
    const left = 1000 - (performance.now() - second);
    if (left > 0) await sleep(left);
  }
  return { ms, refused, wallS: (performance.now() - wall) / 1000, cpuMs: cpuMs(cpu) };
}
const org = (
  await sql<{ id: string }>`SELECT id FROM orgs WHERE bureau_id = ${district.id} AND kind = 'squad' ORDER BY code LIMIT 1`.execute(db)
).rows[0]!;
let shownRefusals = 0;
const platformSend = async (i: number) => {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: { ...headers, 'idempotency-key': `bench-${run}-${i}` },
    payload: bodyOf(i),
  });
  if (r.statusCode !== 201 && shownRefusals++ < 3) console.error(`intake ${r.statusCode}: ${r.body.slice(0, 300)}`);
  return r.statusCode === 201;
};
const rawSend = async (i: number) => {
  const body = bodyOf(i);
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO tickets (id, number, channel, external_no, bureau_id, org_id, category_code, limit_kind, state, content,
        address, point_lon, point_lat, reporter_phone, received_at, first_contact_due_at, handling_due_on, handling_due_at,
        created_at, updated_at)
      VALUES (${id}, ${`RAW-${run}-${i}`}, 'city_ops', ${`RAW-${run}-${i}`}, ${district.id}, ${org.id}, ${category}, 'ordinary',
        'received', ${body.content}, ${body.address}, ${body.point.lon}, ${body.point.lat}, ${body.reporterPhone}, now(),
        now() + interval '24 hours', current_date + 7, now() + interval '7 days', now(), now())`.execute(trx);
    await sql`INSERT INTO ticket_events (id, ticket_id, action, to_state, note, at)
      VALUES (${crypto.randomUUID()}, ${id}, 'intake', 'received', ${body.externalNo}, now())`.execute(trx);
  });
  return true;
};
const raws = new Map<Arrivals, Awaited<ReturnType<typeof bursts>>>();
/** One arrival pattern through `send`, against the raw-SQL rows sent the same way (measured once per pattern). */
const arrival = async (arrivals: Arrivals, first: number, send: (i: number) => Promise<boolean> = platformSend) => {
  const platform = await bursts(first, arrivals, send);
  const raw = raws.get(arrivals) ?? (await bursts(first, arrivals, rawSend));
  raws.set(arrivals, raw);
  const accepted = platform.ms.length;
  return {
    accepted,
    refused: platform.refused,
    acceptedPerSec: r2(accepted / platform.wallS),
    platformP50Ms: r2(pct(platform.ms, 50)),
    platformP99Ms: r2(pct(platform.ms, 99)),
    rawP50Ms: r2(pct(raw.ms, 50)),
    rawP99Ms: r2(pct(raw.ms, 99)),
    ratioP99: r2(pct(platform.ms, 99) / Math.max(pct(raw.ms, 99), 1e-6)),
    platformCpuMsPerTicket: r2(platform.cpuMs / Math.max(accepted + platform.refused, 1)),
    rawCpuMsPerTicket: r2(raw.cpuMs / Math.max(raw.ms.length, 1)),
  };
};
const together = await arrival('together', 0);
const spread = await arrival('spread', RATE * BURSTS);
const random = await arrival('random', 2 * RATE * BURSTS);
const intake = { rate: RATE, bursts: BURSTS, ...together, spread, random };
console.log('intake', intake);

// 1b. The same arrivals as 12345 deliveries through the exchange's signed inbound endpoint (signature, nonce, the
// inbound record), against the raw-SQL figures of the same pattern above.
const unitCode = (await sql<{ code: string }>`SELECT region_code AS code FROM orgs WHERE id = ${district.id}`.execute(db)).rows[0]!.code;
const exchangeSend = async (i: number) => {
  const b = bodyOf(i);
  const t = {
    ticketNo: `EX-${run}-${i}`,
    unitCode,
    categoryCode: b.categoryCode,
    content: b.content,
    address: b.address,
    lon: b.point.lon,
    lat: b.point.lat,
    crs: 'wgs84' as const,
    receivedAt: new Date().toISOString(),
    reporterPhone: b.reporterPhone,
  };
  const r = await app.inject({
    method: 'POST',
    url: inboundPath('hotline_12345'),
    headers: { 'content-type': 'application/json', ...signedHeaders(EXCHANGE_SECRET, t, new Date()) },
    payload: t,
  });
  const ok = r.statusCode === 200 && (r.json() as { result: string }).result === 'accepted';
  if (!ok && shownRefusals++ < 3) console.error(`exchange ${r.statusCode}: ${r.body.slice(0, 300)}`);
  return ok;
};
const exchange = {
  together: await arrival('together', 0, exchangeSend),
  spread: await arrival('spread', RATE * BURSTS, exchangeSend),
  random: await arrival('random', 2 * RATE * BURSTS, exchangeSend),
};
console.log('exchange intake', exchange);
await sql`DELETE FROM ticket_exchange_inbound WHERE external_no LIKE ${`%-${run}-%`}`.execute(db);
// The bench's own rows go again: the generated city stays as it was loaded.
await sql`DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE external_no LIKE ${`%-${run}-%`})`.execute(db);
await sql`DELETE FROM tickets WHERE external_no LIKE ${`%-${run}-%`}`.execute(db);

const version = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]!.v;
const figures = {
  tickets: totalTickets,
  district: district.name,
  routing,
  rates,
  intake,
  exchange,
  machineLoad: { before: loadBefore, after: load() },
};
const { file, previous } = writeResult({
  name: 'tickets',
  engine: platform.database.kind,
  machine: describeMachine(version),
  options: { RATE, BURSTS, POINTS, MONTHS },
  figures,
});
printComparison(
  'tickets',
  [
    { label: 'intake p99 ms', previous: previous?.figures.intake.platformP99Ms, current: intake.platformP99Ms },
    { label: 'intake at random p99 ms', previous: previous?.figures.intake.random?.platformP99Ms, current: intake.random.platformP99Ms },
    {
      label: 'exchange at random p99 ms',
      previous: previous?.figures.exchange?.random.platformP99Ms,
      current: exchange.random.platformP99Ms,
    },
    { label: 'routing mean ms', previous: previous?.figures.routing.platformMeanMs, current: routing.platformMeanMs },
    { label: 'four numbers p95 ms', previous: previous?.figures.rates.platformP95Ms, current: rates.platformP95Ms },
  ],
  previous,
);
console.log(`written ${file}`);
await app.close();
await platform.database.close();
