/**
 * Lists at city scale: the reads an officer, a squad leader, a district leader and the city make all day, against a
 * database holding a generated city (`npm run generate -- --years 10`), through the platform in-process (routing,
 * session, access, validation, the list's queries, mapping, JSON) and as the bare SELECTs of the same rows on the same
 * database in the same run. Reports p50/p95/p99 per read and the time ratio platform / bare SELECT.
 *
 *   DATABASE_URL=postgres://…/city npm run bench:lists            (the database must hold a generated city)
 *   options: --samples N (list reads, default 200), --workbench-reads N (per reader, default 5), --seed S, --json FILE,
 *            --show-slower-than MS (print each slower read)
 *
 * The reads: the workbench (field officer: his cases; squad leader; district leader), the case list with the filters
 * the console offers alone and combined (state, procedure, domain, squad, 案由, date range, overdue, mine, search) at
 * each jurisdiction level, a deep page by offset and by cursor, the overdue view, and the scheduler's due-job scan.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { ACTIVE_CASE_STATES } from '@chengguan/domain';
import { ENFORCEMENT_DOMAINS } from '@chengguan/contracts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { openPlatform } from '../../apps/server/src/bootstrap.ts';
import { buildApp } from '../../apps/server/src/http/app.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { CITY_BENCH_PASSWORD } from '../../apps/server/src/generate/index.ts';

const args = parseArgs({
  options: {
    samples: { type: 'string', default: '200' },
    'workbench-reads': { type: 'string', default: '5' },
    'show-slower-than': { type: 'string', default: 'Infinity' },
    seed: { type: 'string', default: '7' },
    json: { type: 'string', default: path.resolve(import.meta.dirname, '../results/lists-postgresql.json') },
    password: { type: 'string', default: CITY_BENCH_PASSWORD },
  },
}).values;
const SAMPLES = Number(args.samples);
/** How many times each reader's workbench is read (options: --workbench-reads). */
const WORKBENCH_READS = Number(args['workbench-reads']);
/** Reads slower than this many ms are printed with their reader and URL as they happen (--show-slower-than). */
const SHOW_SLOWER_THAN = Number(args['show-slower-than']);

/** A small deterministic PRNG (mulberry32): the same seed draws the same readers and filters. */
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

type Reader = {
  username: string;
  token: string;
  level: 'officer' | 'squad' | 'bureau' | 'city';
  orgId: string;
  bureauId: string | null;
  path: string;
};
type Read = { name: string; reader: Reader; url: string; bare: () => Promise<unknown> };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function readersOf(db: Kysely<DB>, app: FastifyInstance, password: string): Promise<Reader[]> {
  const rows = await sql<{ username: string; role: string; org_id: string; bureau_id: string | null; path: string; kind: string }>`
    SELECT DISTINCT ON (r.role, o.org_id) o.username, r.role, o.org_id, o.bureau_id, g.path, g.kind
      FROM officers o JOIN officer_roles r ON r.officer_id = o.id JOIN orgs g ON g.id = o.org_id
     WHERE o.username IS NOT NULL AND o.active AND r.role IN ('field_officer', 'squad_leader', 'bureau_leader')
     ORDER BY r.role, o.org_id, o.username`.execute(db);
  const byRole = (role: string, n: number) => {
    const xs = rows.rows.filter((r) => r.role === role);
    return Array.from({ length: Math.min(n, xs.length) }, () => pick(xs));
  };
  const chosen = [...byRole('field_officer', 12), ...byRole('squad_leader', 8), ...byRole('bureau_leader', 6)];
  const out: Reader[] = [];
  const seen = new Map<string, string>();
  for (const r of chosen) {
    let token = seen.get(r.username);
    if (!token) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: r.username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${r.username}: ${res.statusCode} ${res.body}`);
      token = (res.json() as { token: string }).token;
      seen.set(r.username, token);
    }
    const level =
      r.role === 'field_officer' ? 'officer' : r.role === 'squad_leader' ? 'squad' : r.kind === 'city_bureau' ? 'city' : 'bureau';
    out.push({ username: r.username, token, level, orgId: r.org_id, bureauId: r.bureau_id, path: r.path });
  }
  return out;
}

async function main(): Promise<void> {
  const config = { ...loadConfig(), webDist: null };
  if (!config.databaseUrl) throw new Error('DATABASE_URL must name a database holding a generated city');
  const platform = await openPlatform({ config, migrate: true, log: (m) => console.error(m) });
  const db = platform.database.db;
  const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
  const cases = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(db)).rows[0]!.n);
  if (cases < 1000) throw new Error(`the database holds ${cases} cases: load a city first (npm run generate)`);
  const readers = await readersOf(db, app, args.password ?? CITY_BENCH_PASSWORD);
  const squads = (await sql<{ id: string; bureau_id: string }>`SELECT id, bureau_id FROM orgs WHERE kind = 'squad'`.execute(db)).rows;
  const offences = (await sql<{ offence_code: string }>`SELECT DISTINCT offence_code FROM cases LIMIT 200`.execute(db)).rows.map(
    (r) => r.offence_code,
  );
  const sample = (
    await sql<{ party_name: string; location: string; case_number: string | null }>`
    SELECT party_name, location, case_number FROM cases TABLESAMPLE SYSTEM (0.1) LIMIT 300`.execute(db)
  ).rows;
  const years = (
    await sql<{ y: number }>`SELECT DISTINCT extract(year FROM discovered_on)::int AS y FROM cases WHERE discovered_on IS NOT NULL`.execute(
      db,
    )
  ).rows.map((r) => r.y);

  // The bare SELECTs of one list page: the page, the capped count, the lead officers' names and the deadlines of the page.
  // The workbench's bare SELECTs read the first round of task candidates (20 open cases) with their snapshots, no count.
  const barePage = async (
    where: ReturnType<typeof sql>,
    orderLimit = sql`ORDER BY c.discovered_on DESC, c.id DESC LIMIT 20`,
    workbench = false,
  ) => {
    const page = await sql<{ id: string }>`SELECT c.id, c.case_number, c.state, c.procedure, c.party_name, c.party_type, c.location,
        c.discovered_on, c.fine_fen, c.has_overdue, c.updated_at, g.name ${workbench ? sql`, c.snapshot` : sql``}
        FROM cases c JOIN orgs g ON g.id = c.org_id WHERE ${where} ${orderLimit}`.execute(db);
    const ids = page.rows.map((r) => r.id);
    await Promise.all([
      workbench ? null : sql`SELECT count(*) FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT 10001) x`.execute(db),
      ids.length
        ? sql`SELECT co.case_id, o.name FROM case_officers co JOIN officers o ON o.id = co.officer_id WHERE co.case_id IN (${sql.join(ids)}) AND co.role = 'lead'`.execute(
            db,
          )
        : null,
      ids.length ? sql`SELECT * FROM case_deadlines WHERE case_id IN (${sql.join(ids)}) ORDER BY due_date`.execute(db) : null,
    ]);
  };
  const scopeSql = (r: Reader) =>
    r.level === 'city' ? sql`true` : r.level === 'bureau' ? sql`c.bureau_id = ${r.bureauId}` : sql`c.org_id = ${r.orgId}`;

  const reads: Read[] = [];
  const active = sql.join(ACTIVE_CASE_STATES.map((s) => sql`${s}`));
  // Each reader opens his workbench several times over the run (it is the page he comes back to), so its p95 is of
  // more than one sample per reader.
  for (const reader of readers.flatMap((r) => Array.from({ length: WORKBENCH_READS }, () => r))) {
    const scope = scopeSql(reader);
    const mine = reader.level === 'officer';
    reads.push({
      name: `workbench (${reader.level})`,
      reader,
      url: '/api/v1/cases/workbench',
      bare: () =>
        barePage(
          mine
            ? sql`${scope} AND c.state IN (${active}) AND EXISTS (SELECT 1 FROM case_officers o WHERE o.case_id = c.id AND o.officer_id = (SELECT id FROM officers WHERE username = ${reader.username}))`
            : sql`${scope} AND c.state IN (${active})`,
          sql`ORDER BY c.discovered_on DESC, c.id DESC LIMIT 20`,
          true,
        ),
    });
  }
  const listReaders = readers.filter((r) => r.level !== 'officer');
  type Filter = { kind: string; q: string; where: ReturnType<typeof sql> };
  const filters: (() => Filter)[] = [
    () => ({ kind: 'no filter', q: '', where: sql`true` }),
    () => {
      const s = pick(['registered', 'investigating', 'decided', 'enforcing', 'closed', 'archived']);
      return { kind: 'state', q: `state=${s}`, where: sql`c.state = ${s}` };
    },
    () => {
      const p = pick(['summary', 'ordinary']);
      const d = pick(ENFORCEMENT_DOMAINS);
      return { kind: 'procedure + domain', q: `procedure=${p}&domain=${d}`, where: sql`c.procedure = ${p} AND c.domain = ${d}` };
    },
    () => {
      const o = pick(offences);
      return { kind: '案由', q: `offenceCode=${encodeURIComponent(o)}`, where: sql`c.offence_code = ${o}` };
    },
    () => {
      const y = pick(years);
      const m = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
      const from = `${y}-${m}-01`;
      const to = `${y}-${m}-28`;
      return { kind: 'one month', q: `from=${from}&to=${to}`, where: sql`c.discovered_on >= ${from} AND c.discovered_on <= ${to}` };
    },
    () => {
      const y = pick(years);
      return {
        kind: 'one year + state',
        q: `from=${y}-01-01&to=${y}-12-31&state=closed`,
        where: sql`c.discovered_on >= ${`${y}-01-01`} AND c.discovered_on <= ${`${y}-12-31`} AND c.state = 'closed'`,
      };
    },
    () => ({ kind: 'overdue', q: 'overdue=true', where: sql`c.has_overdue` }),
    () => {
      const s = pick(sample);
      // A surname, a name's first two characters, 3 of a name, 4 of a location, 6 of a case number.
      const term = pick([
        s.party_name.slice(0, 1),
        s.party_name.slice(0, 2),
        s.party_name.slice(0, 3),
        s.location.slice(0, 4),
        (s.case_number ?? s.location).slice(-6),
      ]);
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return {
        kind: 'search',
        q: `q=${encodeURIComponent(term)}`,
        where: sql`(c.case_number ILIKE ${like} OR c.party_name ILIKE ${like} OR c.location ILIKE ${like})`,
      };
    },
  ];
  for (let i = 0; i < SAMPLES; i++) {
    const reader = pick(listReaders);
    const f = pick(filters)();
    let where = sql`${scopeSql(reader)} AND ${f.where}`;
    let q = f.q;
    if (reader.level !== 'squad' && rand() < 0.3) {
      const sq = pick(squads.filter((s) => reader.level === 'city' || s.bureau_id === reader.bureauId));
      if (sq) {
        q += `${q ? '&' : ''}orgId=${sq.id}`;
        where = sql`${where} AND c.org_id = ${sq.id}`;
      }
    }
    reads.push({
      name: `case list (${reader.level}): ${f.kind}${q.includes('orgId=') && reader.level !== 'squad' ? ' + squad' : ''}`,
      reader,
      url: `/api/v1/cases?pageSize=20${q ? `&${q}` : ''}`,
      bare: () => barePage(where),
    });
  }
  for (const reader of listReaders.slice(0, 10)) {
    reads.push({
      name: 'case list, page 200 by offset',
      reader,
      url: '/api/v1/cases?pageSize=20&page=200',
      bare: () => barePage(scopeSql(reader), sql`ORDER BY c.discovered_on DESC, c.id DESC LIMIT 20 OFFSET 3980`),
    });
  }

  // The reads in an order drawn from the seed: the readers' workbenches, lists and deep pages mixed, as a day mixes them.
  for (let i = reads.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [reads[i], reads[j]] = [reads[j]!, reads[i]!];
  }
  // Warm up the caches of both paths once, then measure interleaved (platform, bare) so machine noise hits both alike.
  const results = new Map<string, { platform: number[]; bare: number[]; bytes: number[] }>();
  for (const r of reads.slice(0, 20)) {
    await app.inject({ method: 'GET', url: r.url, headers: { authorization: `Bearer ${r.reader.token}` } });
    await r.bare();
  }
  let done = 0;
  for (const r of reads) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: r.url, headers: { authorization: `Bearer ${r.reader.token}` } });
    const t1 = performance.now();
    if (res.statusCode !== 200) throw new Error(`${r.url}: ${res.statusCode} ${res.body}`);
    await r.bare();
    const t2 = performance.now();
    if (t1 - t0 > SHOW_SLOWER_THAN)
      console.error(
        `\n${(t1 - t0).toFixed(1)} ms (bare ${(t2 - t1).toFixed(1)} ms): ${r.name} ${r.reader.username} ${decodeURIComponent(r.url)}`,
      );
    // Each read counts under its own name and, for the case list, also under "all filters" of its level.
    const names = r.name.startsWith('case list (') && r.name.includes('): ') ? [r.name, `${r.name.split(': ')[0]}: all filters`] : [r.name];
    for (const name of names) {
      const slot = results.get(name) ?? { platform: [], bare: [], bytes: [] };
      slot.platform.push(t1 - t0);
      slot.bare.push(t2 - t1);
      slot.bytes.push(res.rawPayload.length);
      results.set(name, slot);
    }
    if (++done % 50 === 0) process.stderr.write(`\r${done}/${reads.length} reads`);
  }
  process.stderr.write('\n');

  // The scheduler's due-job scan (the claim's SELECT … FOR UPDATE SKIP LOCKED), in a transaction rolled back.
  const scan: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`SELECT id FROM jobs WHERE status = 'pending' AND run_at <= now() ORDER BY run_at LIMIT 20 FOR UPDATE SKIP LOCKED`.execute(
          trx,
        );
        throw new RollbackSignal();
      })
      .catch((e) => {
        if (!(e instanceof RollbackSignal)) throw e;
      });
    scan.push(performance.now() - t0);
  }

  const rows = [...results.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { platform, bare, bytes }]) => {
      const p = [...platform].sort((a, b) => a - b);
      const b = [...bare].sort((a, b2) => a - b2);
      const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
      return {
        read: name,
        n: p.length,
        p50: percentile(p, 50),
        p95: percentile(p, 95),
        p99: percentile(p, 99),
        bareP95: percentile(b, 95),
        ratio: sum(platform) / sum(bare),
        meanKB: sum(bytes) / bytes.length / 1024,
        maxKB: Math.max(...bytes) / 1024,
      };
    });
  const s = [...scan].sort((a, b) => a - b);
  rows.push({
    read: 'scheduler due-job scan',
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    bareP95: NaN,
    ratio: NaN,
    meanKB: NaN,
    maxKB: NaN,
  });
  const counts = (
    await sql<{ t: string; n: number }>`
    SELECT 'cases' AS t, count(*)::int AS n FROM cases UNION ALL SELECT 'case_events', count(*)::int FROM case_events
    UNION ALL SELECT 'jobs (pending)', count(*)::int FROM jobs WHERE status = 'pending'`.execute(db)
  ).rows;
  console.log(`database: ${platform.database.kind}; ${counts.map((c) => `${c.t} ${c.n.toLocaleString()}`).join(', ')}`);
  console.table(
    rows.map((r) => ({
      read: r.read,
      n: r.n,
      'p50 ms': r.p50.toFixed(1),
      'p95 ms': r.p95.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      'bare p95 ms': Number.isNaN(r.bareP95) ? '—' : r.bareP95.toFixed(1),
      'time ratio (platform / bare)': Number.isNaN(r.ratio) ? '—' : r.ratio.toFixed(2),
      'answer KB (mean / max)': Number.isNaN(r.meanKB) ? '—' : `${r.meanKB.toFixed(1)} / ${r.maxKB.toFixed(1)}`,
    })),
  );
  const jsonFile = args.json!;
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        bench: 'lists',
        at: new Date().toISOString(),
        machine: {
          cpu: os.cpus()[0]?.model,
          cores: os.cpus().length,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        database: platform.database.kind,
        counts,
        samples: SAMPLES,
        workbenchReads: WORKBENCH_READS,
        seed: Number(args.seed),
        reads: rows,
      },
      null,
      2,
    )}\n`,
  );
  await app.close();
  await platform.database.close();
}

class RollbackSignal extends Error {}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
