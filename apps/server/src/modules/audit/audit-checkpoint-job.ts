// The checkpoint jobs. `audit.checkpoint` signs the chain's head: on a timer every AUDIT_CHECKPOINT_MINUTES (each
// run schedules the next, on slot boundaries, so the API and worker processes share one timer through the dedupe
// key), and whenever AUDIT_CHECKPOINT_ROWS rows were appended (scheduled by recordAudit in the appending
// transaction). Then the checkpoint file is brought up to date. `audit.checkpoint.file` only does the latter (after
// a checkpoint written inside a request, once that request has committed).
import type { Deps } from '../../context.ts';
import { enqueueJob, type JobHandlers } from '../scheduler/index.ts';
import { syncCheckpointFile } from './checkpoint-file.ts';
import { writeAuditCheckpoint } from './use-cases/write-checkpoint.ts';

export const CHECKPOINT_JOB = 'audit.checkpoint';
export const CHECKPOINT_FILE_JOB = 'audit.checkpoint.file';

/** The timer's next run: the first slot boundary (multiples of the interval since the epoch) at or after `from`. */
export async function scheduleCheckpointTimer(deps: Deps, from: Date): Promise<void> {
  const slotMs = deps.config.auditCheckpointMinutes * 60_000;
  const at = new Date(Math.ceil(from.getTime() / slotMs) * slotMs);
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: CHECKPOINT_JOB,
    runAt: at,
    payload: { reason: 'interval' },
    dedupeKey: `${CHECKPOINT_JOB}:at:${at.toISOString()}`,
  });
}

export const CHECKPOINT_JOB_HANDLERS: JobHandlers = {
  [CHECKPOINT_JOB]: async (deps, job) => {
    const reason = (job.payload as { reason?: unknown } | null)?.reason === 'rows' ? 'rows' : 'interval';
    // The next run is scheduled first, so a failing run does not stop the timer.
    if (reason === 'interval') await scheduleCheckpointTimer(deps, new Date(deps.clock.now().getTime() + 1));
    await writeAuditCheckpoint(deps, reason);
    await syncCheckpointFile(deps);
  },
  [CHECKPOINT_FILE_JOB]: async (deps) => {
    await syncCheckpointFile(deps);
  },
};

/** At shutdown (main.ts, worker-main.ts): the head as it is when the process stops, in the table and the file. */
export async function anchorAuditChainAtShutdown(deps: Deps): Promise<void> {
  await writeAuditCheckpoint(deps, 'shutdown');
  await syncCheckpointFile(deps);
}
