// A scan on a timer (the overdue alerts of tickets and of joint orders): one job per slot — the multiples of the
// period since the epoch — so the API and worker processes that schedule it share one timer through the dedupe key.
// Each run schedules the next slot before it scans, so a failing scan does not stop the timer.
import type { Deps } from '../../context.ts';
import { enqueueJob } from './jobs.repository.ts';
import type { JobHandlers } from './worker.ts';

export type PeriodicScan = {
  kind: string;
  /** The period, read from the configuration at each run. */
  minutes: (deps: Deps) => number;
  run: (deps: Deps, now: Date) => Promise<unknown>;
};

/** Queues the scan at the first slot boundary at or after `from`. */
export async function scheduleSlot(deps: Deps, p: PeriodicScan, from: Date): Promise<void> {
  const slotMs = p.minutes(deps) * 60_000;
  const slot = new Date(Math.ceil(from.getTime() / slotMs) * slotMs);
  await enqueueJob(deps.db, { id: deps.newId(), kind: p.kind, runAt: slot, dedupeKey: `${p.kind}:${slot.toISOString()}` });
}

/** The module's job handler and its first scheduling (one period after the process starts). */
export function periodicScan(p: PeriodicScan): { jobs: JobHandlers; schedule: (deps: Deps) => Promise<void> } {
  const next = (deps: Deps, now: Date) => scheduleSlot(deps, p, new Date(now.getTime() + p.minutes(deps) * 60_000));
  return {
    jobs: {
      [p.kind]: async (deps) => {
        const now = deps.clock.now();
        await next(deps, now);
        await p.run(deps, now);
      },
    },
    schedule: (deps) => next(deps, deps.clock.now()),
  };
}
