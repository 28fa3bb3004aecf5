/**
 * The request floor: the least a request to the platform costs, measured in the same run as the workloads, so that a
 * ratio can be read beside it. Two requests whose only database work is one statement:
 *
 * - `GET /api/v1/roles` — a signed-in request: the session's statement, the role list computed in memory, its JSON;
 * - `GET /api/health` — a public request: one `SELECT` of one row, its JSON (the payment provider's callback is public).
 *
 * Beside them, the bare statement alone (`SELECT id FROM orgs LIMIT 1` through Kysely), so the floor can be split into
 * the statement and the rest (HTTP parsing, routing, hooks, serialisation). Each is timed in rounds after a warm-up;
 * the floor is the median round's mean, which a stray pause of the machine moves less than a mean over all rounds.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { TestContext } from '../../apps/server/test/harness.ts';
import type { BenchResult } from './baseline.ts';
import { median } from './median.ts';

export type RequestFloor = {
  /** Mean ms of a signed-in request whose only statement is the session's. */
  signedInMs: number;
  /** Mean ms of a public request of one statement. */
  publicMs: number;
  /** Mean ms of the one bare statement. */
  statementMs: number;
  requestsPerRound: number;
  rounds: number;
};

async function meanMs(times: number, rounds: number, op: () => Promise<void>): Promise<number> {
  for (let i = 0; i < Math.min(times, 50); i++) await op();
  const means: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < times; i++) await op();
    means.push((performance.now() - t) / times);
  }
  return median(means);
}

export async function measureRequestFloor(ctx: TestContext, token: string, times = 300, rounds = 3): Promise<RequestFloor> {
  const ok = (what: string) => (r: { statusCode: number; body: string }) => {
    if (r.statusCode !== 200) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  };
  const signedInMs = await meanMs(times, rounds, async () => ok('GET /api/v1/roles')(await ctx.api('GET', '/api/v1/roles', { token })));
  const publicMs = await meanMs(times, rounds, async () => ok('GET /api/health')(await ctx.api('GET', '/api/health')));
  const statementMs = await meanMs(times, rounds, async () => {
    await sql`SELECT id FROM orgs LIMIT 1`.execute(ctx.deps.db);
  });
  return { signedInMs, publicMs, statementMs, requestsPerRound: times, rounds };
}

/** Each workload's ratio against its raw-SQL time plus the floor of every request it makes. */
export function withFloor(results: readonly BenchResult[], floor: RequestFloor): BenchResult[] {
  return results.map((r) => {
    const perRequest = r.requests.public ? floor.publicMs : floor.signedInMs;
    return { ...r, ratioWithFloor: r.platformMs / (r.baselineMs + r.n * r.requests.perOp * perRequest) };
  });
}
