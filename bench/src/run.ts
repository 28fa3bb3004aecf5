/**
 * Fixed-workload benchmarks. Each workload runs through the platform (API in-process via inject,
 * with validation, access checks, transaction and audit chain) and as a raw-SQL baseline doing the
 * same inserts in the same run, on the same database; the report gives rates and the ratio.
 *
 *   npm run bench                      embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench
 *
 * Options: BENCH_N (default 300 officers per workload), BENCH_TICKETS (default 200 summary tickets),
 * BENCH_CASES (default 20 full ordinary cases), BENCH_DOCS (default 60 documents and 60 payment callbacks).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createBenchContext } from './verified-library.ts';
import { auditChain, benchResult, type BenchResult } from './baseline.ts';
import { benchCases } from './cases.ts';
import { benchDocumentsPayments } from './documents-payments.ts';
import { measureRequestFloor, withFloor } from './floor.ts';
import { saveBenchResults } from './run-results.ts';
import { shanghaiDate } from '../../apps/server/src/shared/time.ts';
import { CREDENTIAL_EXPIRING_DAYS } from '../../apps/server/src/modules/staff/staff.mapper.ts';

const N = Number(process.env.BENCH_N ?? 300);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const CASES = Number(process.env.BENCH_CASES ?? 20);
const DOCS = Number(process.env.BENCH_DOCS ?? 60);

async function main(): Promise<void> {
  const ctx = await createBenchContext();
  const token = await ctx.login('pd_admin');
  const orgId = ctx.seed.ids.orgs.get('pd-ljz')!;
  const measured: BenchResult[] = [];

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
  const chain = auditChain(ctx);
  await chain.sync();
  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    const id = ctx.deps.newId();
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO officers (id, org_id, name, employee_no) VALUES (${id}, ${orgId}, ${`基线${i}`}, ${`BB-${i}`})`.execute(trx);
      await sql`INSERT INTO officer_roles (officer_id, role) VALUES (${id}, 'field_officer')`.execute(trx);
      await chain.append(trx, { action: 'officer.create', entityType: 'officer', entityId: id, bureauId: null, data: { i } });
    });
  }
  const baselineMs = performance.now() - t1;
  measured.push(benchResult('register officer (row + role + audit)', N, platformMs, baselineMs, { perOp: 1 }));

  // Workload 2: list a page of officers with the credential-status filter — platform vs the bare SELECT.
  const reads = Math.max(50, Math.floor(N / 3));
  const t2 = performance.now();
  for (let i = 0; i < reads; i++) {
    const r = await ctx.api('GET', `/api/v1/officers?page=${(i % 5) + 1}&pageSize=20&credentialStatus=valid`, { token });
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  const listMs = performance.now() - t2;
  // The bare SELECTs of the same page: the officers of the administrator's bureau whose 执法证 is valid on the
  // platform's day (through the expiry warning's days), in the same order, with their roles, credentials and the total
  // — written by hand as one statement for the page and one for the count, side by side.
  const today = shanghaiDate(ctx.clock.now());
  const bureauPath = (await db.selectFrom('orgs').select('path').where('id', '=', ctx.seed.ids.orgs.get('pd')!).executeTakeFirstOrThrow())
    .path;
  const valid = sql`g.path LIKE ${`${bureauPath}%`} AND EXISTS (SELECT 1 FROM credentials c WHERE c.officer_id = o.id
      AND NOT c.revoked AND c.valid_from <= ${today}::date AND c.valid_to >= ${today}::date + ${CREDENTIAL_EXPIRING_DAYS}::int)`;
  const barePage = (page: number) =>
    Promise.all([
      sql<{ id: string }>`SELECT o.*, g.name AS org_name, g.path AS org_path,
          (SELECT json_agg(r.role ORDER BY r.role) FROM officer_roles r WHERE r.officer_id = o.id) AS roles,
          (SELECT json_agg(c ORDER BY c.valid_to DESC) FROM credentials c WHERE c.officer_id = o.id) AS credentials
        FROM officers o JOIN orgs g ON g.id = o.org_id
        WHERE ${valid} ORDER BY g.path, o.employee_no LIMIT 20 OFFSET ${(page - 1) * 20}`.execute(db),
      sql<{ n: string }>`SELECT count(*) AS n FROM officers o JOIN orgs g ON g.id = o.org_id WHERE ${valid}`.execute(db),
    ]);
  // The baseline must read the rows the platform answers: the same officers on the first page, the same total.
  const shown = (await ctx.api('GET', '/api/v1/officers?page=1&pageSize=20&credentialStatus=valid', { token })).json() as {
    items: { id: string }[];
    total: number;
  };
  const [bareRows, bareCount] = await barePage(1);
  if (Number(bareCount.rows[0]!.n) !== shown.total || bareRows.rows.map((r) => r.id).join() !== shown.items.map((o) => o.id).join())
    throw new Error(`the bare SELECT reads other officers than the list (${bareCount.rows[0]!.n} against ${shown.total})`);
  const t3 = performance.now();
  for (let i = 0; i < reads; i++) await barePage((i % 5) + 1);
  const rawListMs = performance.now() - t3;
  measured.push(benchResult('officer list page (filters, roles, credentials, total)', reads, listMs, rawListMs, { perOp: 1 }));

  // Workloads 3–4: the summary ticket and the full ordinary case (bench/src/cases.ts).
  measured.push(...(await benchCases(ctx, TICKETS, CASES)));
  // Workloads 5–6: issuing a document PDF and a payment provider's callback (bench/src/documents-payments.ts).
  measured.push(...(await benchDocumentsPayments(ctx, DOCS)));

  // The request floor, after the workloads (warm, on the database they filled), in the same run.
  const floor = await measureRequestFloor(ctx, token);
  const results = withFloor(measured, floor);

  console.log(`database: ${ctx.database.kind}, N=${N}`);
  console.log(
    `request floor: signed-in ${floor.signedInMs.toFixed(2)} ms (GET /api/v1/roles), public ${floor.publicMs.toFixed(2)} ms ` +
      `(GET /api/health), bare statement ${floor.statementMs.toFixed(2)} ms`,
  );
  console.table(
    results.map((r) => ({
      workload: r.workload,
      n: r.n,
      'platform ops/s': r.platformPerSec.toFixed(1),
      'raw SQL ops/s': r.baselinePerSec.toFixed(1),
      'time ratio (platform / raw)': r.ratio.toFixed(2),
      'requests per op': r.requests.perOp,
      'ratio to raw + floor': r.ratioWithFloor?.toFixed(2),
    })),
  );
  await saveBenchResults({ db: ctx.deps.db, kind: ctx.database.kind }, results, { N, TICKETS, CASES, DOCS }, floor);
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
