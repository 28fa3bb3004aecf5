/** `npm run bench`'s figures as JSON (bench/results/bench-<engine>.json), compared with the last run's. */
import { sql, type Kysely } from 'kysely';
import type { BenchResult } from './baseline.ts';
import type { RequestFloor } from './floor.ts';
import type { DB } from '../../apps/server/src/db/schema.ts';
import { describeMachine, printComparison, writeResult } from './results.ts';

/** The server's version string (PGlite answers with the PostgreSQL it embeds; named as PGlite). */
export async function databaseVersion(db: Kysely<DB>, kind: string): Promise<string> {
  const r = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
  const v = r.rows[0]?.v.split(',')[0] ?? 'unknown';
  return kind === 'pglite' ? `PGlite (${v})` : v;
}

export async function saveBenchResults(
  database: { db: Kysely<DB>; kind: string },
  results: readonly BenchResult[],
  options: Record<string, unknown>,
  floor: RequestFloor,
): Promise<void> {
  const machine = describeMachine(await databaseVersion(database.db, database.kind));
  const { file, previous } = writeResult({
    name: 'bench',
    engine: database.kind,
    machine,
    options,
    figures: results,
    beside: { requestFloor: floor },
  });
  console.log(`figures written to ${file}`);
  printComparison(
    'time ratio (platform / raw) per workload',
    results.map((r) => ({
      label: r.workload,
      previous: previous?.figures.find((p) => p.workload === r.workload)?.ratio,
      current: r.ratio,
    })),
    previous,
  );
}
