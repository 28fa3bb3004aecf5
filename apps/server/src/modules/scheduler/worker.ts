import type { Deps } from '../../context.ts';
import {
  claimDueJobs,
  completeJob,
  deleteExpiredSessions,
  deleteOldIdempotencyKeys,
  enqueueJob,
  failJob,
  requeueStuckJobs,
  type ClaimedJob,
} from './jobs.repository.ts';

export type JobHandler = (deps: Deps, job: ClaimedJob) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

const DAY_MS = 86_400_000;
const STUCK_AFTER_MS = 15 * 60_000;

/** Built-in housekeeping; feature modules (legal deadlines, reminders) register their own kinds. */
export const CORE_JOB_HANDLERS: JobHandlers = {
  'maintenance.daily': async (deps) => {
    const now = deps.clock.now();
    await deleteExpiredSessions(deps.db, now);
    // A retry comes within minutes; a day is generous.
    await deleteOldIdempotencyKeys(deps.db, new Date(now.getTime() - DAY_MS));
    await scheduleDailyMaintenance(deps, new Date(now.getTime() + DAY_MS));
  },
};

export async function scheduleDailyMaintenance(deps: Deps, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  await enqueueJob(deps.db, { id: deps.newId(), kind: 'maintenance.daily', runAt: at, dedupeKey: `maintenance.daily:${day}` });
}

/** One polling pass: claim what is due, run each handler, record success or schedule a retry with backoff. */
export async function runDueJobs(deps: Deps, handlers: JobHandlers, workerId: string, limit = 20): Promise<number> {
  const now = deps.clock.now();
  await requeueStuckJobs(deps.db, new Date(now.getTime() - STUCK_AFTER_MS));
  const jobs = await claimDueJobs(deps.db, now, workerId, limit);
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(deps, job);
      await completeJob(deps.db, job.id, deps.clock.now());
    } catch (err) {
      const backoffMs = Math.min(60_000 * 2 ** (job.attempts - 1), 6 * 3600_000);
      await failJob(deps.db, job, err instanceof Error ? err.message : String(err), new Date(now.getTime() + backoffMs), deps.clock.now());
    }
  }
  return jobs.length;
}

export type Worker = { stop: () => Promise<void> };

export function startWorker(
  deps: Deps,
  handlers: JobHandlers,
  opts: { workerId: string; intervalMs?: number; onError?: (e: unknown) => void },
): Worker {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = runDueJobs(deps, handlers, opts.workerId).catch((e) => opts.onError?.(e));
    await running;
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 5000);
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
