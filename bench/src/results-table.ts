/**
 * Prints the README's tables from the committed results (bench/results/*.json): the fixed workloads on both engines
 * and the load run's figures. `npm run table -w @chengguan/bench`, then paste into bench/README.md.
 */
import { readResult, type ResultFile } from './results.ts';
import type { BenchResult } from './baseline.ts';
import type { RequestFloor } from './floor.ts';
import type { KindFigures, MemoryFigures } from './load-stats.ts';
import { REQUEST_KINDS } from './load-session.ts';

type LoadFigures = {
  platform: { requests: number; perSec: number; seconds: number; kinds: Record<string, KindFigures> } | null;
  ceiling: { requests: number; perSec: number; seconds: number; kinds: Record<string, KindFigures> } | null;
  ratio: number | null;
  memory: MemoryFigures | null;
  loginSeconds: number;
};

const ENGINES = ['postgresql', 'pglite'] as const;
const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '—' : n.toFixed(d));
const stamp = (r: ResultFile<unknown>) => `${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}, ${r.machine.database}`;

function benchTable(): void {
  const runs = ENGINES.map((e) => readResult<BenchResult[]>('bench', e));
  const workloads = [...new Set(runs.flatMap((r) => r?.figures.map((f) => f.workload) ?? []))];
  const ratio = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(2)}×`);
  console.log(
    '| workload | requests per op | PG15 platform ops/s | PG15 raw ops/s | PG15 ratio | PG15 ratio to raw + floor | PGlite platform ops/s | PGlite raw ops/s | PGlite ratio | PGlite ratio to raw + floor |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const w of workloads) {
    const found = runs.map((r) => r?.figures.find((x) => x.workload === w));
    const cells = found.flatMap((f) => [fmt(f?.platformPerSec), fmt(f?.baselinePerSec), ratio(f?.ratio), ratio(f?.ratioWithFloor)]);
    console.log(`| ${w} | ${found.find((f) => f)?.requests?.perOp ?? '—'} | ${cells.join(' | ')} |`);
  }
  for (const r of runs) {
    if (!r) continue;
    const floor = r.beside?.requestFloor as RequestFloor | undefined;
    console.log(`\n${r.engine}: ${stamp(r)}; options ${JSON.stringify(r.options)}`);
    if (floor)
      console.log(
        `request floor: signed-in ${floor.signedInMs.toFixed(2)} ms, public ${floor.publicMs.toFixed(2)} ms, bare statement ${floor.statementMs.toFixed(2)} ms`,
      );
  }
}

function loadTable(name: string): void {
  for (const e of ENGINES) {
    const r = readResult<LoadFigures>(name, e);
    if (!r) continue;
    const f = r.figures;
    console.log(`\n#### ${e === 'postgresql' ? 'PostgreSQL 15' : 'PGlite'} — ${stamp(r)}`);
    console.log(`\nOptions: ${JSON.stringify(r.options)}\n`);
    console.log('| kind | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | 409 | ceiling req/s | ceiling p99 ms |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const kind of [...REQUEST_KINDS, 'all'].filter((x) => f.platform?.kinds[x] ?? f.ceiling?.kinds[x])) {
      const k = f.platform?.kinds[kind];
      const c = f.ceiling?.kinds[kind];
      console.log(
        `| ${kind} | ${k?.requests ?? '—'} | ${fmt(k?.perSec)} | ${fmt(k?.p50)} | ${fmt(k?.p95)} | ${fmt(k?.p99)} | ${fmt(k?.max)} | ${k?.errors ?? '—'} | ${k?.conflicts ?? '—'} | ${fmt(c?.perSec)} | ${fmt(c?.p99)} |`,
      );
    }
    const m = f.memory;
    console.log(
      `\nThroughput ${fmt(f.platform?.perSec)} req/s against the ceiling's ${fmt(f.ceiling?.perSec)} req/s: **${fmt(f.ratio, 2)}×**. ` +
        (m
          ? `Server RSS ${m.startMiB} MiB at start, ${m.afterWarmupMiB} MiB after warm-up, ${m.endMiB} MiB at the end (max ${m.maxMiB}): **${m.growthPercent}%**; trend (median of the last third over the first third) ${m.trendPercent ?? '—'}%. `
          : '') +
        `Logins before the window: ${fmt(f.loginSeconds)} s.`,
    );
  }
}

benchTable();
loadTable(process.argv[2] ?? 'load');
