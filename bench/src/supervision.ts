/**
 * 执法监督 against raw SQL, in the same run on the same database (docs/supervision.md "Measured"):
 *   - B5: `POST /api/v1/supervision/cases/:id/checks` on one archived ordinary case (15 steps through the API) — the
 *     stored facts read, the legal engine's guards run, the score sheet and its audit row written — vs the bare reads
 *     of the same rows and the two inserts; and `checkCaseFile` alone on the loaded facts;
 *   - the sampling draw: a recording plan made (seed committed) and drawn at 17.1 % over SUP_RECORDINGS recordings
 *     (default 100,000) of 浦东's squads through the use-cases, vs one INSERT … SELECT with a window over random().
 * Medians of SUP_SAMPLES (default 30) checks after 5 warm-ups, and of SUP_DRAWS (default 3) draws.
 *
 *   npm run supervision -w @chengguan/bench
 *   DATABASE_URL=postgres://…/empty_db npm run supervision -w @chengguan/bench
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { checkCaseFile, type CaseSnapshot } from '@chengguan/domain';
import { buildDemoData, DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { authenticate } from '../../apps/server/src/modules/auth/index.ts';
import { login } from '../../apps/server/src/modules/auth/use-cases/login.ts';
import { caseContext } from '../../apps/server/src/modules/cases/index.ts';
import { createSamplingPlan, drawSamplingPlan } from '../../apps/server/src/modules/supervision/index.ts';
import { auditChain } from './baseline.ts';
import { ordinaryCaseBody, ordinaryCaseSteps } from './cases.ts';
import { createBenchContext } from './verified-library.ts';

const SAMPLES = Number(process.env.SUP_SAMPLES ?? 30);
const RECORDINGS = Number(process.env.SUP_RECORDINGS ?? 100_000);
const DRAWS = Number(process.env.SUP_DRAWS ?? 3);

const ctx = await createBenchContext();
const db = ctx.deps.db;
const demo = buildDemoData();
const officerId = (u: string) => ctx.seed.ids.officers.get(demo.officers.find((o) => o.username === u)!.key)!;
const bureauId = ctx.seed.ids.orgs.get('pd')!;
const tokens = { officer: await ctx.login('pd_ljz_01'), leader: await ctx.login('pd_ljz_leader'), head: await ctx.login('pd_leader') };
const superToken = await ctx.login('pd_super');
const call = async (token: string, method: string, url: string, body?: unknown, expected = 200) => {
  const r = await ctx.api(method, url, { token, ...(body !== undefined ? { body } : {}) });
  if (r.statusCode !== expected) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as { id: string };
};
const up = await ctx.app.inject({
  method: 'POST',
  url: '/api/v1/files',
  headers: { authorization: `Bearer ${tokens.officer}`, 'content-type': 'image/jpeg' },
  payload: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.from('bench photo')]),
});
const photo = (up.json() as { sm3: string }).sm3;
const officers = [officerId('pd_ljz_01'), officerId('pd_ljz_03')];
const c = await call(tokens.officer, 'POST', '/api/v1/cases', ordinaryCaseBody(officers), 201);
for (const st of ordinaryCaseSteps(photo, officers)) await call(tokens[st.by], 'POST', `/api/v1/cases/${c.id}/${st.path}`, st.body);

async function median(n: number, warm: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warm; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await run();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

// B5 of one case.
const checkMs = await median(SAMPLES, 5, () => call(superToken, 'POST', `/api/v1/supervision/cases/${c.id}/checks`));
const chain = auditChain(ctx);
await chain.sync();
const rawCheckMs = await median(SAMPLES, 5, () =>
  db.transaction().execute(async (trx) => {
    const row = await sql<{ snapshot: unknown; org_id: string }>`SELECT snapshot, org_id FROM cases WHERE id = ${c.id}`.execute(trx);
    await sql`SELECT * FROM case_records WHERE case_id = ${c.id} ORDER BY recorded_on, id`.execute(trx);
    await sql`SELECT doc_type, number, issued_on FROM case_documents WHERE case_id = ${c.id}`.execute(trx);
    await sql`SELECT data FROM case_events WHERE case_id = ${c.id} AND action = 'serveDecision' ORDER BY seq DESC LIMIT 1`.execute(trx);
    await sql`INSERT INTO supervision_checks (id, bureau_id, org_id, case_id, trigger, checked_on, score, max_score, items, findings, created_at)
      VALUES (${ctx.deps.newId()}, ${bureauId}, ${row.rows[0]!.org_id}, ${c.id}, 'on_demand', '2026-03-02', 100, 100, '[]', '[]', now())`.execute(
      trx,
    );
    await chain.append(trx, { action: 'supervision.check', entityType: 'case', entityId: c.id, bureauId });
  }),
);
const stored = (await sql<{ snapshot: CaseSnapshot }>`SELECT snapshot FROM cases WHERE id = ${c.id}`.execute(db)).rows[0]!.snapshot;
const cctx = await caseContext(db, ctx.deps.clock.now());
const domainMs = await median(SAMPLES * 10, 20, async () => checkCaseFile({ snapshot: stored, records: [], documents: [] }, cctx));

// The sampling draw over RECORDINGS recordings.
await sql`
  INSERT INTO supervision_recordings (id, bureau_id, org_id, officer_id, file_sm3, recorded_on, duration_seconds, created_at)
  SELECT gen_random_uuid(), o.bureau_id, o.org_id, o.id, lpad(to_hex(i), 64, '0'), DATE '2026-01-01' + (i % 60), 300, now()
  FROM generate_series(1, ${RECORDINGS}) i
  JOIN LATERAL (SELECT f.id, f.org_id, g.bureau_id FROM officers f JOIN orgs g ON g.id = f.org_id
                WHERE g.kind = 'squad' AND g.path LIKE (SELECT path FROM orgs WHERE id = ${bureauId}) || '%'
                ORDER BY f.id OFFSET (i % 5) LIMIT 1) o ON true`.execute(db);
await sql`ANALYZE supervision_recordings`.execute(db);
const meta = { ip: null, correlationId: null };
const { token } = await login({ deps: ctx.deps, username: 'pd_super', password: DEMO_PASSWORD, meta: { ...meta, userAgent: null } });
const actor = await authenticate(ctx.deps, token);
let drawn = 0;
const drawMs = await median(DRAWS, 0, async () => {
  const plan = await createSamplingPlan(ctx.deps, actor, meta, {
    kind: 'recording',
    orgId: bureauId,
    name: '录像抽查',
    periodFrom: '2026-01-01',
    periodTo: '2026-03-31',
    defaultBasisPoints: 1_710,
    dueOn: '2026-12-31',
  });
  drawn = (await drawSamplingPlan(ctx.deps, actor, meta, plan.id)).drawn ?? 0;
});
const rawDrawMs = await median(DRAWS, 0, () =>
  db.transaction().execute(async (trx) => {
    const planId = ctx.deps.newId();
    await sql`INSERT INTO supervision_plans (id, bureau_id, org_id, kind, name, period_from, period_to, default_bp, due_on, status, commitment, seed_hex, created_at)
      VALUES (${planId}, ${bureauId}, ${bureauId}, 'recording', 'raw', '2026-01-01', '2026-03-31', 1710, '2026-12-31', 'drawn', '', '', now())`.execute(
      trx,
    );
    await sql`
      INSERT INTO supervision_samples (id, plan_id, bureau_id, org_id, recording_id, draw_order, status)
      SELECT gen_random_uuid(), ${planId}, p.bureau_id, p.org_id, p.id, row_number() OVER (), 'pending'
      FROM (SELECT r.id, r.org_id, r.bureau_id, row_number() OVER (PARTITION BY r.org_id ORDER BY random()) AS rn,
                   count(*) OVER (PARTITION BY r.org_id) AS n
            FROM supervision_recordings r JOIN orgs g ON g.id = r.org_id
            WHERE g.path LIKE (SELECT path FROM orgs WHERE id = ${bureauId}) || '%' AND r.recorded_on BETWEEN '2026-01-01' AND '2026-03-31') p
      WHERE p.rn <= ceil(p.n * 1710 / 10000.0)`.execute(trx);
  }),
);

console.log(`engine ${ctx.deps.config.databaseUrl ? 'postgresql' : 'pglite'}`);
console.log(
  `B5 check of one archived case (HTTP, ${SAMPLES} samples): platform ${checkMs.toFixed(2)} ms, raw SQL ${rawCheckMs.toFixed(2)} ms, ratio ${(checkMs / rawCheckMs).toFixed(2)}×`,
);
console.log(`B5 checkCaseFile alone (domain): ${(domainMs * 1000).toFixed(0)} µs`);
console.log(
  `sampling draw, ${RECORDINGS} recordings at 17.1 % → ${drawn} drawn (${DRAWS} draws): platform ${drawMs.toFixed(0)} ms, raw SQL ${rawDrawMs.toFixed(0)} ms, ratio ${(drawMs / rawDrawMs).toFixed(2)}×`,
);
await ctx.close();
