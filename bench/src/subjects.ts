/**
 * 执法对象 at city scale, on a database holding a generated city with ~300,000 subjects
 * (`npm run generate -- --years 10 --scale 0.01 --subjects 300000`, PostgreSQL 15):
 *
 *   (a) import of 246,000 rows (the city's lists) through the platform — upload, the check (read, validate, duplicates,
 *       staging by COPY) and the commit (one transaction) — against two baselines in the same run: a bare COPY of the
 *       same rows into an unindexed unlogged copy of `subjects`, and a bare COPY of the same rows and their licence
 *       rows into copies of `subjects` and `subject_licences` WITH their indexes (CREATE TABLE … LIKE … INCLUDING ALL);
 *       target ≥ 0.5× the bare rate;
 *   (b) the 双随机 draw over every subject (pure runDraw, median of N; target ≤ 100 ms);
 *   (c) the registry's reads — a page by bureau with filters (offset and keyset), trigram name search, the map window on
 *       (point_lon, point_lat) — as the bare SQL shapes, and through the HTTP routes `GET /api/v1/subjects` and
 *       `GET /api/v1/subjects/map` when the platform has them (a 404 skips them with a message): p50/p95 and the ratio.
 *
 *   DATABASE_URL=postgres://…/city npm run bench:subjects
 *   options: --rows N (default 246000), --draws N (default 15), --samples N (default 200), --seed S, --json FILE
 *   Without DATABASE_URL: part (a) only, on an in-memory PGlite with the demo data (bureau 浦东, its demo service areas).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import {
  creditCodeCheckChar,
  DEFAULT_RISK_RULE_SET,
  type DrawInspector,
  type DrawTarget,
  normalizeAddress,
  normalizeSubjectName,
  proportionsForPlan,
  runDraw,
} from '@chengguan/domain';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';
import { runDueJobs } from '../../apps/server/src/modules/scheduler/index.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/seed/demo-data.ts';
import { seedDemo } from '../../apps/server/src/seed/seed-demo.ts';
import { subjectImportModule } from '../../apps/server/src/modules/subjects/import/index.ts';
import { describeMachine, printComparison, readResult, resultPath, writeResult } from './results.ts';

const args = parseArgs({
  options: {
    rows: { type: 'string', default: '246000' },
    draws: { type: 'string', default: '15' },
    samples: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
    json: { type: 'string' },
    /** Which parts to run: a (import), b (draw), c (reads); default all. */
    parts: { type: 'string', default: 'abc' },
    password: { type: 'string', default: CITY_BENCH_PASSWORD },
  },
}).values;
const ROWS = Number(args.rows);
const DRAWS = Number(args.draws);
const SAMPLES = Number(args.samples);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(Number(args.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

type ReadFigure = {
  name: string;
  bareP50: number;
  bareP95: number;
  platformP50: number | null;
  platformP95: number | null;
  ratioP95: number | null;
};
type Figures = {
  subjects: number;
  import: {
    rows: number;
    valid: number;
    committed: number;
    uploadMs: number;
    checkMs: number;
    commitMs: number;
    rowsPerSec: number;
    bareRowsPerSec: number;
    ratio: number;
    /** The same rows and their licences by bare COPY into indexed copies of the real tables (absent in older runs). */
    indexedBareRowsPerSec?: number;
    indexedRatio?: number;
    licenceRows?: number;
  };
  /** Wall time, and the process's CPU time (user + system) per draw: on a shared machine the CPU time is the figure. */
  draw: { targets: number; inspectors: number; drawn: number; medianMs: number; minMs: number; medianCpuMs: number; runs: number } | null;
  reads: ReadFigure[];
};

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** (b) runDraw over every active subject: level from the stored grade, area = squad; inspectors = field officers. */
async function benchDraw(db: Kysely<DB>): Promise<NonNullable<Figures['draw']>> {
  const targets = (
    await sql<DrawTarget>`SELECT id, coalesce(risk_level, 'green') AS level, coalesce(org_id, bureau_id)::text AS area
                            FROM subjects WHERE status = 'active'`.execute(db)
  ).rows;
  const officers = (
    await sql<{ id: string; area: string; number: string; valid_from: string; valid_to: string; revoked: boolean; domains: string[] }>`
      SELECT o.id, o.org_id::text AS area, c.number, c.valid_from, c.valid_to, c.revoked, c.domains
        FROM officers o JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'field_officer'
        JOIN credentials c ON c.officer_id = o.id`.execute(db)
  ).rows;
  const inspectors: DrawInspector[] = officers.map((o) => ({
    id: o.id,
    area: o.area,
    credentials: [{ number: o.number, validFrom: o.valid_from, validTo: o.valid_to, revoked: o.revoked, domains: o.domains } as never],
  }));
  const drawDate = (await sql<{ d: string }>`SELECT max(occurred_on)::text AS d FROM subject_events`.execute(db)).rows[0]!.d;
  const input = {
    seedHex: 'a3'.repeat(32),
    drawDate,
    targets,
    inspectors,
    conflicts: [],
    proportions: proportionsForPlan(DEFAULT_RISK_RULE_SET.scale, 12),
  };
  const first = runDraw(input);
  if (!first.ok) throw new Error(`draw refused: ${first.refusal.code}`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < DRAWS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    runDraw(input);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    targets: targets.length,
    inspectors: inspectors.length,
    drawn: first.targets.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    medianCpuMs: median(cpu),
    runs: DRAWS,
  };
}

/** (c) The registry's reads: bare SQL shapes, and the HTTP routes when they exist. */
async function benchReads(
  db: Kysely<DB>,
  app: Awaited<ReturnType<typeof buildApp>>,
  token: string,
  bureauId: string,
): Promise<ReadFigure[]> {
  const squads = (
    await sql<{ org_id: string }>`SELECT DISTINCT org_id FROM subjects WHERE bureau_id = ${bureauId} AND org_id IS NOT NULL`.execute(db)
  ).rows.map((r) => r.org_id);
  const names = (
    await sql<{ name: string }>`SELECT name FROM subjects WHERE bureau_id = ${bureauId} ORDER BY id LIMIT 2000`.execute(db)
  ).rows.map((r) => r.name);
  const points = (
    await sql<{
      lon: number;
      lat: number;
    }>`SELECT point_lon AS lon, point_lat AS lat FROM subjects WHERE bureau_id = ${bureauId} AND point_lon IS NOT NULL ORDER BY id LIMIT 2000`.execute(
      db,
    )
  ).rows;
  const kinds = ['street_shop', 'restaurant_fume', 'construction_site', 'residential_compound'];
  const term = () => {
    const n = pick(names);
    const start = Math.floor(rand() * Math.max(1, n.length - 3));
    return n.slice(start, start + 3);
  };
  const box = () => {
    const p = pick(points);
    return { minLon: p.lon - 0.01, maxLon: p.lon + 0.01, minLat: p.lat - 0.008, maxLat: p.lat + 0.008 };
  };
  type Shape = { name: string; bare: () => Promise<unknown>; url: (() => string) | null };
  const shapes: Shape[] = [
    {
      name: 'page by bureau and kind (offset, page 5)',
      bare: () =>
        sql`SELECT id, code, kind, name, address, org_id, risk_level FROM subjects
             WHERE bureau_id = ${bureauId} AND kind = ${pick(kinds)} AND status <> 'merged'
             ORDER BY id LIMIT 20 OFFSET 80`.execute(db),
      url: () => `/api/v1/subjects?kind=${pick(kinds)}&page=5&pageSize=20`,
    },
    {
      name: 'page by squad and risk level (keyset)',
      bare: () =>
        sql`SELECT id, code, kind, name, address, risk_level FROM subjects
             WHERE org_id = ${pick(squads)} AND risk_level = ${pick(['red', 'yellow', 'green'])} AND id > '00000000-0000-0000-0000-000000000000'
             ORDER BY id LIMIT 20`.execute(db),
      url: () => `/api/v1/subjects?orgId=${pick(squads)}&riskLevel=${pick(['red', 'yellow', 'green'])}&page=1&pageSize=20`,
    },
    {
      name: 'name search (trigram)',
      bare: () =>
        sql`SELECT id, code, kind, name, address FROM subjects
             WHERE bureau_id = ${bureauId} AND name ILIKE ${`%${term()}%`} AND status <> 'merged'
             ORDER BY id LIMIT 20`.execute(db),
      url: () => `/api/v1/subjects?q=${encodeURIComponent(term())}&page=1&pageSize=20`,
    },
    {
      name: 'map window (~2 km)',
      bare: () => {
        const b = box();
        return sql`SELECT id, kind, name, point_lon, point_lat, risk_level FROM subjects
                    WHERE point_lon BETWEEN ${b.minLon} AND ${b.maxLon} AND point_lat BETWEEN ${b.minLat} AND ${b.maxLat}
                      AND bureau_id = ${bureauId} AND status <> 'merged'
                    LIMIT 2000`.execute(db);
      },
      url: () => {
        const b = box();
        return `/api/v1/subjects/map?minLon=${b.minLon}&minLat=${b.minLat}&maxLon=${b.maxLon}&maxLat=${b.maxLat}&limit=2000`;
      },
    },
  ];
  // The registry's routes are another capability's; measure them only where the platform has them.
  const probe = await app.inject({
    method: 'GET',
    url: '/api/v1/subjects?page=1&pageSize=1',
    headers: { authorization: `Bearer ${token}` },
  });
  const haveRoutes = probe.statusCode !== 404;
  if (!haveRoutes)
    console.log('  GET /api/v1/subjects answers 404 here: the registry routes are not in this build; only the bare SQL is measured');
  const out: ReadFigure[] = [];
  for (const s of shapes) {
    for (let i = 0; i < 10; i++) await s.bare();
    const bare: number[] = [];
    for (let i = 0; i < SAMPLES; i++) bare.push(await timeIt(s.bare));
    bare.sort((a, b) => a - b);
    let platform: number[] | null = null;
    if (haveRoutes && s.url) {
      platform = [];
      for (let i = 0; i < SAMPLES; i++) {
        const url = s.url();
        const t = performance.now();
        const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        platform.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }
      platform.sort((a, b) => a - b);
    }
    const p95 = percentile(bare, 95);
    const pp95 = platform ? percentile(platform, 95) : null;
    out.push({
      name: s.name,
      bareP50: percentile(bare, 50),
      bareP95: p95,
      platformP50: platform ? percentile(platform, 50) : null,
      platformP95: pp95,
      ratioP95: pp95 !== null ? pp95 / p95 : null,
    });
  }
  return out;
}

const HEADER = [
  '名称',
  '类型',
  '统一社会信用代码',
  '地址',
  '经度',
  '纬度',
  '联系人',
  '电话',
  '证照类型',
  '证照编号',
  '发证日期',
  '有效期至',
  '标签',
];
const KINDS = [
  ['沿街商户', 0.7],
  ['餐饮油烟', 0.22],
  ['工地', 0.05],
  ['物业', 0.03],
] as const;

/** The list to import: new records in the bureau's areas (fresh credit codes, some rows wrong, a few repeated). */
async function importList(
  db: Kysely<DB>,
  bureauId: string,
): Promise<{ csv: string; bare: string[]; bareColumns: string[]; bareLicences: string[]; bareLicenceColumns: string[] }> {
  const areas = (
    await sql<{ org_id: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number; street_name: string }>`
      SELECT a.org_id, a.min_lon, a.min_lat, a.max_lon, a.max_lat, a.street_name FROM org_areas a JOIN orgs o ON o.id = a.org_id
       WHERE o.bureau_id = ${bureauId} ORDER BY a.org_id`.execute(db)
  ).rows;
  const region = (await sql<{ r: string }>`SELECT region_code AS r FROM orgs WHERE id = ${bureauId}`.execute(db)).rows[0]!.r;
  const district =
    (
      await sql<{
        d: string | null;
      }>`SELECT district AS d FROM subjects WHERE bureau_id = ${bureauId} AND district IS NOT NULL LIMIT 1`.execute(db)
    ).rows[0]?.d ?? '浦东新区';
  const lines = [HEADER.join(',')];
  const bareColumns = [
    'id',
    'code',
    'bureau_id',
    'kind',
    'name',
    'name_key',
    'credit_code',
    'address',
    'address_key',
    'district',
    'point_lon',
    'point_lat',
    'contacts',
    'tags',
  ];
  const bare: string[] = [];
  const bareLicenceColumns = ['id', 'subject_id', 'kind', 'number', 'issued_on', 'valid_until', 'revoked', 'created_at'];
  const bareLicences: string[] = [];
  const licenceCode: Record<string, string> = { 食品经营许可证: 'food_business_licence', 施工许可证: 'construction_permit' };
  const createdAt = new Date().toISOString();
  const kindCode: Record<string, string> = {
    沿街商户: 'street_shop',
    餐饮油烟: 'restaurant_fume',
    工地: 'construction_site',
    物业: 'property_company',
  };
  for (let i = 0; i < ROWS; i++) {
    let r = rand();
    let kind: string = KINDS[0][0];
    for (const [k, share] of KINDS) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    // Organisation code 'BN' + 7 characters of a counter: never one the generator used ('MA').
    let n = i + 1;
    let org = '';
    for (let k = 0; k < 7; k++) {
      org = '0123456789ABCDEFGHJKLMNPQRTUWXY'[n % 31]! + org;
      n = Math.floor(n / 31);
    }
    const first17 = `91${region}BN${org}`;
    let credit = first17 + creditCodeCheckChar(first17);
    if (i % 97 === 5) credit = `${first17}${creditCodeCheckChar(first17) === '0' ? '1' : '0'}`; // a wrong check character
    const a = areas[i % areas.length]!;
    const lon = a.min_lon + rand() * (a.max_lon - a.min_lon);
    const lat = a.min_lat + rand() * (a.max_lat - a.min_lat);
    const name = `导入${['便利店', '面馆', '项目工地', '物业公司'][KINDS.findIndex(([k]) => k === kind)]}${i + 1}号`;
    const address = `上海市${district}导入路${(i % 5000) + 1}弄${Math.floor(i / 5000) + 1}号`;
    const licence =
      kind === '餐饮油烟'
        ? ['食品经营许可证', `JY${i}`, '2024-03-01', '2029-02-28']
        : kind === '工地'
          ? ['施工许可证', `SG${i}`, '2025-01-01', '2027-12-31']
          : ['', '', '', ''];
    lines.push([name, kind, credit, address, lon.toFixed(6), lat.toFixed(6), '王伟', '13800000000', ...licence, '临街'].join(','));
    const key = normalizeAddress(address);
    const subjectId = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
    if (licence[0] !== '')
      bareLicences.push(
        [
          `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`,
          subjectId,
          licenceCode[licence[0]!]!,
          licence[1],
          licence[2],
          licence[3],
          'f',
          createdAt,
        ].join('\t') + '\n',
      );
    bare.push(
      [
        subjectId,
        `BENCH${String(i).padStart(10, '0')}`,
        bureauId,
        kindCode[kind]!,
        name,
        normalizeSubjectName(name),
        credit,
        address,
        key.key,
        key.district ?? '\\N',
        lon.toFixed(6),
        lat.toFixed(6),
        '[{"name":"王伟","phone":"13800000000","role":"负责人"}]',
        '{临街}',
      ].join('\t') + '\n',
    );
  }
  return { csv: `${lines.join('\n')}\n`, bare, bareColumns, bareLicences, bareLicenceColumns };
}

async function main(): Promise<void> {
  const loaded = loadConfig();
  // Without DATABASE_URL: the embedded PGlite in memory with the demo data, and the import only (no city to draw on).
  const embedded = !loaded.databaseUrl;
  const config = { ...loaded, webDist: null, ...(embedded ? { dataDir: 'memory://', publicBaseUrlSet: true } : {}) };
  const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
  if (embedded) await seedDemo(platform.deps);
  const password = embedded ? DEMO_PASSWORD : args.password;
  const db = platform.database.db;
  const version = (await sql<{ v: string }>`SELECT version() AS v`.execute(db)).rows[0]!.v;
  const subjects = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects`.execute(db)).rows[0]!.n;
  if (!embedded && subjects < 10_000)
    throw new Error(`the database holds ${subjects} subjects: load a city first (npm run generate -- --subjects 300000)`);
  console.log(`${subjects.toLocaleString('en-US')} subjects on ${version.split(' on ')[0]}`);
  const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
  const admin = (
    await sql<{ username: string; bureau_id: string }>`
      SELECT o.username, o.bureau_id FROM officers o JOIN officer_roles r ON r.officer_id = o.id AND r.role = 'admin'
        JOIN orgs g ON g.id = o.bureau_id AND g.code = 'PD' ORDER BY o.username LIMIT 1`.execute(db)
  ).rows[0]!;
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: admin.username, password },
  });
  if (login.statusCode !== 200) throw new Error(`login ${admin.username}: ${login.statusCode}`);
  const token = (login.json() as { token: string }).token;

  const parts = embedded ? 'a' : (args.parts ?? 'abc');
  const prev = readResult<Figures>('subjects', platform.database.kind);
  let draw: Figures['draw'] = prev?.figures.draw ?? null;
  if (parts.includes('b')) {
    console.log(`(b) runDraw over every subject, median of ${DRAWS} …`);
    const d = await benchDraw(db);
    draw = d;
    console.log(
      `  ${d!.targets.toLocaleString('en-US')} targets, ${d!.inspectors} inspectors, ${d!.drawn} drawn: median ${d!.medianMs.toFixed(1)} ms` +
        ` (min ${d!.minMs.toFixed(1)}), CPU ${d!.medianCpuMs.toFixed(1)} ms`,
    );
  }
  let reads: ReadFigure[] = prev?.figures.reads ?? [];
  if (parts.includes('c')) {
    console.log(`(c) registry reads, ${SAMPLES} samples each …`);
    reads = await benchReads(db, app, token, admin.bureau_id);
  }
  for (const r of reads) {
    console.log(
      `  ${r.name.padEnd(42)} bare p50 ${r.bareP50.toFixed(2)} ms p95 ${r.bareP95.toFixed(2)} ms` +
        (r.platformP95 !== null
          ? ` · HTTP p50 ${r.platformP50!.toFixed(2)} p95 ${r.platformP95.toFixed(2)} ms (${r.ratioP95!.toFixed(2)}×)`
          : ''),
    );
  }

  let imp: Figures['import'] | null = prev?.figures.import ?? null;
  if (parts.includes('a')) imp = await benchImport();
  async function benchImport(): Promise<Figures['import']> {
    console.log(`(a) import of ${ROWS.toLocaleString('en-US')} rows …`);
    const list = await importList(db, admin.bureau_id);
    const body = Buffer.from(list.csv);
    const jobs = subjectImportModule.jobs!;
    const runJobs = async () => {
      while ((await runDueJobs(platform.deps, jobs, 'bench', 5)) > 0) {
        /* until no job is due */
      }
    };
    const started = performance.now();
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/subject-imports?fileName=bench.csv',
      payload: body,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
    if (up.statusCode !== 202) throw new Error(`upload: ${up.statusCode} ${up.body.slice(0, 300)}`);
    const batchId = (up.json() as { id: string }).id;
    const uploaded = performance.now();
    await runJobs();
    const checkedAt = performance.now();
    const checked = (
      await app.inject({ method: 'GET', url: `/api/v1/subject-imports/${batchId}`, headers: { authorization: `Bearer ${token}` } })
    ).json() as {
      status: string;
      validRows: number;
      invalidRows: number;
      duplicateRows: number;
    };
    if (checked.status !== 'checked') throw new Error(`check: ${JSON.stringify(checked)}`);
    await app.inject({ method: 'POST', url: `/api/v1/subject-imports/${batchId}/commit`, headers: { authorization: `Bearer ${token}` } });
    await runJobs();
    const done = performance.now();
    const committed = (
      await app.inject({ method: 'GET', url: `/api/v1/subject-imports/${batchId}`, headers: { authorization: `Bearer ${token}` } })
    ).json() as {
      status: string;
      committedRows: number;
    };
    if (committed.status !== 'committed') throw new Error(`commit: ${JSON.stringify(committed)}`);
    // Leave the city as it was: the imported records (their licences and timeline follow) and their batch go.
    await sql`DELETE FROM subjects WHERE import_batch_id = ${batchId}`.execute(db);
    await sql`DELETE FROM subject_import_batches WHERE id = ${batchId}`.execute(db);
    // Baseline 1: the same rows by a bare COPY into an unindexed unlogged copy of the table, in the same run.
    await sql`DROP TABLE IF EXISTS bench_bare_subjects`.execute(db);
    await sql`CREATE UNLOGGED TABLE bench_bare_subjects (LIKE subjects INCLUDING DEFAULTS)`.execute(db);
    const bareStart = performance.now();
    await platform.database.copyIn('bench_bare_subjects', list.bareColumns, list.bare);
    const bareMs = performance.now() - bareStart;
    await sql`DROP TABLE bench_bare_subjects`.execute(db);
    // Baseline 2: the same rows and their licence rows by a bare COPY into copies of the real tables WITH their
    // indexes, unique keys and checks (LIKE … INCLUDING ALL; no foreign keys, no triggers), as the registry must keep
    // them. The copies start empty, as the unindexed one does; the registry's own indexes hold 300,000 records.
    await sql`DROP TABLE IF EXISTS bench_idx_licences`.execute(db);
    await sql`DROP TABLE IF EXISTS bench_idx_subjects`.execute(db);
    await sql`CREATE TABLE bench_idx_subjects (LIKE subjects INCLUDING ALL)`.execute(db);
    await sql`CREATE TABLE bench_idx_licences (LIKE subject_licences INCLUDING ALL)`.execute(db);
    const idxStart = performance.now();
    await platform.database.copySession(({ db: session, copyIn }) =>
      session.transaction().execute(async () => {
        await copyIn('bench_idx_subjects', list.bareColumns, list.bare);
        await copyIn('bench_idx_licences', list.bareLicenceColumns, list.bareLicences);
      }),
    );
    const idxMs = performance.now() - idxStart;
    await sql`DROP TABLE bench_idx_licences`.execute(db);
    await sql`DROP TABLE bench_idx_subjects`.execute(db);
    const importMs = done - started;
    const out = {
      rows: ROWS,
      valid: checked.validRows,
      committed: committed.committedRows,
      uploadMs: uploaded - started,
      checkMs: checkedAt - uploaded,
      commitMs: done - checkedAt,
      rowsPerSec: ROWS / (importMs / 1000),
      bareRowsPerSec: ROWS / (bareMs / 1000),
      ratio: 0,
      indexedBareRowsPerSec: ROWS / (idxMs / 1000),
      indexedRatio: 0,
      licenceRows: list.bareLicences.length,
    };
    out.ratio = out.rowsPerSec / out.bareRowsPerSec;
    out.indexedRatio = out.rowsPerSec / out.indexedBareRowsPerSec;
    const imp = out;
    console.log(
      `  ${imp.valid.toLocaleString('en-US')} valid, ${checked.invalidRows} invalid, ${checked.duplicateRows} duplicates; committed ${imp.committed.toLocaleString('en-US')}` +
        ` — upload ${(imp.uploadMs / 1000).toFixed(1)} s, check ${(imp.checkMs / 1000).toFixed(1)} s, commit ${(imp.commitMs / 1000).toFixed(1)} s:` +
        ` ${Math.round(imp.rowsPerSec).toLocaleString('en-US')} rows/s vs bare COPY ${Math.round(imp.bareRowsPerSec).toLocaleString('en-US')} rows/s = ${imp.ratio.toFixed(2)}×` +
        ` (unindexed); vs bare COPY into the indexed tables (+${list.bareLicences.length.toLocaleString('en-US')} licences) ${Math.round(imp.indexedBareRowsPerSec).toLocaleString('en-US')} rows/s = ${imp.indexedRatio.toFixed(2)}×`,
    );
    return out;
  }

  if (!imp) throw new Error('no import figures yet: run part a once (--parts abc)');
  const figures: Figures = { subjects, import: imp, draw, reads };
  const engine = platform.database.kind;
  const name = 'subjects';
  const { file } = writeResult<Figures>({
    name,
    engine,
    machine: describeMachine(version),
    options: { rows: ROWS, draws: DRAWS, samples: SAMPLES, seed: Number(args.seed) },
    figures,
  });
  if (args.json && path.resolve(args.json) !== resultPath(name, engine)) {
    const fs = await import('node:fs');
    fs.writeFileSync(args.json, `${JSON.stringify(figures, null, 2)}\n`);
  }
  printComparison(
    'subjects',
    [
      { label: 'import ratio to bare COPY', previous: prev?.figures.import.ratio, current: imp.ratio },
      ...(draw ? [{ label: 'draw median ms', previous: prev?.figures.draw?.medianMs, current: draw.medianMs, digits: 1 }] : []),
      ...reads.map((r) => ({
        label: `${r.name} bare p95 ms`,
        previous: prev?.figures.reads.find((x) => x.name === r.name)?.bareP95,
        current: r.bareP95,
      })),
    ],
    prev,
  );
  console.log(`figures: ${file}`);
  await app.close();
  await platform.database.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
