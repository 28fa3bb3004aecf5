/**
 * Fixed-workload benchmarks. Each workload runs through the platform (API in-process via inject,
 * with validation, access checks, transaction and audit chain) and as a raw-SQL baseline doing the
 * same inserts in the same run, on the same database; the report gives rates and the ratio.
 *
 *   npm run bench                      embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench
 *
 * Options: BENCH_N (default 300 officers per workload), BENCH_TICKETS (default 200 summary tickets),
 * BENCH_CASES (default 20 full ordinary cases).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { auditRowHash, GENESIS_HASH } from '@chengguan/domain';
import { createTestContext } from '../../apps/server/test/harness.ts';
import { benchCases } from './cases.ts';

const N = Number(process.env.BENCH_N ?? 300);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const CASES = Number(process.env.BENCH_CASES ?? 20);

type Result = { workload: string; n: number; platformPerSec: number; baselinePerSec: number; ratio: number };

async function main(): Promise<void> {
  const ctx = await createTestContext();
  const token = await ctx.login('pd_admin');
  const orgId = ctx.seed.ids.orgs.get('pd-ljz')!;
  const results: Result[] = [];

  // Workload 1: register an officer (insert + roles + audit row) — platform vs raw SQL.
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await ctx.api('POST', '/api/v1/officers', {
      token,
      body: { orgId, name: `压测${i}`, employeeNo: `BP-${i}`, roles: ['field_officer'] },
    });
    if (r.statusCode !== 201) throw new Error(`platform insert failed: ${r.body}`);
  }
  const platformMs = performance.now() - t0;

  const db = ctx.deps.db;
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  let seq = last.seq;
  let prev = last.hash ?? GENESIS_HASH;
  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    const id = ctx.deps.newId();
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO officers (id, org_id, name, employee_no) VALUES (${id}, ${orgId}, ${`基线${i}`}, ${`BB-${i}`})`.execute(trx);
      await sql`INSERT INTO officer_roles (officer_id, role) VALUES (${id}, 'field_officer')`.execute(trx);
      seq += 1;
      const at = new Date().toISOString();
      const row = {
        seq,
        at,
        actorId: null,
        bureauId: null,
        action: 'officer.create',
        entityType: 'officer',
        entityId: id,
        data: { i },
        ip: null,
      };
      const hash = auditRowHash(prev, row);
      await sql`INSERT INTO audit_log (seq, id, at, action, entity_type, entity_id, data, prev_hash, hash)
        VALUES (${seq}, ${ctx.deps.newId()}, ${at}, 'officer.create', 'officer', ${id}, ${JSON.stringify({ i })}::jsonb, ${prev}, ${hash})`.execute(
        trx,
      );
      prev = hash;
    });
  }
  const baselineMs = performance.now() - t1;
  results.push({
    workload: 'register officer (row + role + audit)',
    n: N,
    platformPerSec: (N * 1000) / platformMs,
    baselinePerSec: (N * 1000) / baselineMs,
    ratio: platformMs / baselineMs,
  });

  // Workload 2: list a page of officers with the credential-status filter — platform vs the bare SELECT.
  const reads = Math.max(50, Math.floor(N / 3));
  const t2 = performance.now();
  for (let i = 0; i < reads; i++) {
    const r = await ctx.api('GET', `/api/v1/officers?page=${(i % 5) + 1}&pageSize=20&credentialStatus=valid`, { token });
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  const listMs = performance.now() - t2;
  const t3 = performance.now();
  for (let i = 0; i < reads; i++) {
    await sql`SELECT o.id, o.name FROM officers o JOIN orgs g ON g.id = o.org_id
      WHERE g.path LIKE ${'%'} ORDER BY g.path, o.employee_no LIMIT 20 OFFSET ${(i % 5) * 20}`.execute(db);
  }
  const rawListMs = performance.now() - t3;
  results.push({
    workload: 'officer list page (filters, roles, credentials)',
    n: reads,
    platformPerSec: (reads * 1000) / listMs,
    baselinePerSec: (reads * 1000) / rawListMs,
    ratio: listMs / rawListMs,
  });

  // Workloads 3–4: the summary ticket and the full ordinary case (bench/src/cases.ts).
  results.push(...(await benchCases(ctx, TICKETS, CASES)));

  console.log(`database: ${ctx.database.kind}, N=${N}`);
  console.table(
    results.map((r) => ({
      workload: r.workload,
      n: r.n,
      'platform ops/s': r.platformPerSec.toFixed(1),
      'raw SQL ops/s': r.baselinePerSec.toFixed(1),
      'time ratio (platform / raw)': r.ratio.toFixed(2),
    })),
  );
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
