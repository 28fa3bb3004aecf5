/**
 * 非现场执法 against raw SQL, in the same run on the same database (docs/offsite.md "Measured"):
 *   - intake throughput: OFFSITE_EVENTS signed events (one 1×1 PNG each, every third a repeat of a plate and scene)
 *     POSTed through `POST /api/public/offsite/events` (signature, nonce, A5, SM3 of the bytes, file store, grouping,
 *     delivery row) vs the same events' rows written by bare INSERTs (review item, event, delivery) in one transaction
 *     each;
 *   - the review queue's first page (`GET /api/v1/offsite/reviews?state=pending`) vs one bare select of the same page.
 * In-process HTTP (validation, session, access checks); medians of OFFSITE_SAMPLES (default 60) after 10 warm-ups.
 *
 *   npm run offsite -w @chengguan/bench                      # embedded PGlite, in memory
 *   DATABASE_URL=postgres://…/empty_db npm run offsite -w @chengguan/bench
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { signedHeaders } from '../../apps/server/src/shared/connector-signing.ts';
import { sm3Hex } from '../../apps/server/src/shared/sm3.ts';
import { signedFieldsOf } from '../../apps/server/src/modules/offsite/index.ts';

const EVENTS = Number(process.env.OFFSITE_EVENTS ?? 300);
const SAMPLES = Number(process.env.OFFSITE_SAMPLES ?? 60);
const config = { ...loadConfig(), webDist: null, dataDir: process.env.DATABASE_URL ? loadConfig().dataDir : 'memory://' };
const platform = await openPlatform({ config, migrate: true, log: () => undefined });
const db = platform.database.db;
await seedDemo(platform.deps);
const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
await app.ready();

const login = async (username: string) =>
  (
    (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })).json() as {
      token: string;
    }
  ).token;
const admin = await login('pd_admin');
const officer = await login('pd_ljz_01');
const ljz = (await sql<{ id: string }>`SELECT id FROM orgs WHERE code = 'PD-LJZ'`.execute(db)).rows[0]!.id;
const created = await app.inject({
  method: 'POST',
  url: '/api/v1/offsite/devices',
  headers: { authorization: `Bearer ${admin}` },
  payload: {
    code: 'BENCH-CAM-1',
    kind: 'camera',
    name: '压测摄像头',
    orgId: ljz,
    lon: 121.51,
    lat: 31.235,
    scenes: ['car_wash', 'cross_door'],
    ownSecret: true,
    legalReviewOn: '2025-01-01',
    publishedOn: '2025-01-01',
    certOn: '2025-01-01',
    certUntil: '2030-01-01',
  },
});
if (created.statusCode !== 201) throw new Error(created.body);
const device = created.json() as { id: string; code: string; secretHex: string };
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function event(i: number, tag: string) {
  const bytes = Buffer.concat([png, Buffer.from(`${tag}:${i}`)]);
  return {
    eventId: `${tag}-${String(i).padStart(6, '0')}`,
    deviceCode: device.code,
    occurredAt: new Date(Date.now() - (EVENTS - i) * 1000).toISOString(),
    scene: i % 2 ? 'car_wash' : 'cross_door',
    lon: 121.51,
    lat: 31.235,
    plate: `沪A${String(Math.floor(i / 3)).padStart(5, '0')}`,
    media: [{ kind: 'image' as const, sm3: sm3Hex(bytes), mime: 'image/png' as const, dataBase64: bytes.toString('base64') }],
  };
}

// Intake through the platform.
let s = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const e = event(i, 'P');
  const r = await app.inject({
    method: 'POST',
    url: '/api/public/offsite/events',
    headers: { 'content-type': 'application/json', ...signedHeaders(device.secretHex, signedFieldsOf(e), new Date()) },
    payload: JSON.stringify(e),
  });
  if (r.statusCode !== 200) throw new Error(r.body);
}
const platformMs = performance.now() - s;

// The same rows by bare INSERTs (no signature, no checks, no file bytes).
const bureau = (
  await sql<{ bureau_id: string; org_path: string }>`SELECT bureau_id, org_path FROM offsite_devices WHERE id = ${device.id}`.execute(db)
).rows[0]!;
s = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const e = event(i, 'R');
  await db.transaction().execute(async (trx) => {
    const reviewId = randomUUID();
    await sql`INSERT INTO offsite_reviews (id, number, bureau_id, org_path, scene, party_key, first_at, last_at, event_count, created_at)
      VALUES (${reviewId}, ${`RAW${i}`}, ${bureau.bureau_id}, ${bureau.org_path}, ${e.scene}, ${`raw:${e.plate}`}, ${e.occurredAt}, ${e.occurredAt}, 1, now())`.execute(
      trx,
    );
    const eventId = randomUUID();
    await sql`INSERT INTO offsite_events (id, review_id, device_id, bureau_id, event_ref, occurred_at, scene, plate, media, received_at)
      VALUES (${eventId}, ${reviewId}, ${device.id}, ${bureau.bureau_id}, ${e.eventId}, ${e.occurredAt}, ${e.scene}, ${e.plate}, ${JSON.stringify(e.media.map((m) => ({ kind: m.kind, sm3: m.sm3, mime: m.mime })))}::jsonb, now())`.execute(
      trx,
    );
    await sql`INSERT INTO offsite_deliveries (id, device_code, device_id, bureau_id, event_ref, status, event_id, payload, received_at, last_at)
      VALUES (${randomUUID()}, ${e.deviceCode}, ${device.id}, ${bureau.bureau_id}, ${e.eventId}, 'accepted', ${eventId}, '{}'::jsonb, now(), now())`.execute(
      trx,
    );
  });
}
const rawMs = performance.now() - s;

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    await run();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}
const page = await median(async () => {
  const r = await app.inject({
    method: 'GET',
    url: '/api/v1/offsite/reviews?state=pending',
    headers: { authorization: `Bearer ${officer}` },
  });
  if (r.statusCode !== 200) throw new Error(r.body);
});
const pageRaw = await median(() =>
  sql`SELECT r.*, (SELECT json_agg(e.*) FROM offsite_events e WHERE e.review_id = r.id) AS events
      FROM offsite_reviews r WHERE r.org_path LIKE ${`${bureau.org_path}%`} AND r.state = 'pending'
      ORDER BY r.first_at DESC, r.id DESC LIMIT 20`.execute(db),
);
const groups = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM offsite_reviews WHERE number NOT LIKE 'RAW%'`.execute(db)).rows[0]!
  .n;
console.log(`engine ${platform.database.kind}; ${EVENTS} events (${groups} review items after grouping); medians of ${SAMPLES} samples`);
console.log(
  `intake: platform ${((EVENTS / platformMs) * 1000).toFixed(1)} events/s, raw INSERTs ${((EVENTS / rawMs) * 1000).toFixed(1)} events/s, ratio ${(rawMs / platformMs).toFixed(2)} of raw`,
);
console.log(`review queue page: platform ${page.toFixed(2)} ms, raw SQL ${pageRaw.toFixed(2)} ms, ratio ${(page / pageRaw).toFixed(2)}×`);
console.log(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
await app.close();
await platform.database.close();
