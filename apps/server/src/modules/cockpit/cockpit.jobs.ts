// The roll-up's compaction (migration 054: writers append deltas, never wait on a shared row): every minute each
// key's rows are folded into one, so a number is read from one row per key. Idempotent; the sums do not change.
import { sql } from 'kysely';
import type { Deps } from '../../context.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';

export const JOB_COCKPIT_COMPACT = 'cockpit.compact';
const EVERY_MS = 60_000;

export async function scheduleCompaction(deps: Deps, at: Date): Promise<void> {
  const slot = Math.floor(at.getTime() / EVERY_MS) * EVERY_MS;
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_COCKPIT_COMPACT,
    runAt: new Date(slot),
    dedupeKey: `${JOB_COCKPIT_COMPACT}:${slot}`,
  });
}

export const COCKPIT_JOB_HANDLERS: JobHandlers = {
  [JOB_COCKPIT_COMPACT]: async (deps) => {
    await sql`SELECT cockpit_compact()`.execute(deps.db);
    await scheduleCompaction(deps, new Date(deps.clock.now().getTime() + EVERY_MS));
  },
};
