import { sql } from 'kysely';
import type { Deps, Executor } from '../../context.ts';

export type NewJob = {
  id: string;
  kind: string;
  runAt: Date;
  payload?: unknown;
  dedupeKey?: string | null;
  bureauId?: string | null;
  maxAttempts?: number;
};

/** Schedules timed work; a job with a dedupe key already scheduled is not added twice. */
export async function enqueueJob(db: Executor, job: NewJob): Promise<boolean> {
  return (await enqueueJobs(db, [job])) === 1;
}

/** `enqueueJob` for several jobs, in one statement; answers how many were added. */
export async function enqueueJobs(db: Executor, jobs: readonly NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const r = await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        id: job.id,
        kind: job.kind,
        run_at: job.runAt,
        payload: JSON.stringify(job.payload ?? {}),
        dedupe_key: job.dedupeKey ?? null,
        bureau_id: job.bureauId ?? null,
        ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Queues the send job of one connector outbox row (ticket exchange, credit platform, partner callbacks), due now, in
 * the caller's transaction; one job per row, its dedupe key.
 */
export function enqueueOutboxSend(
  db: Executor,
  deps: Pick<Deps, 'newId' | 'clock'>,
  send: { kind: string; outboxId: string; bureauId: string | null; maxAttempts: number },
): Promise<boolean> {
  return enqueueJob(db, {
    id: deps.newId(),
    kind: send.kind,
    runAt: deps.clock.now(),
    payload: { outboxId: send.outboxId },
    dedupeKey: `${send.kind}:${send.outboxId}`,
    bureauId: send.bureauId,
    maxAttempts: send.maxAttempts,
  });
}

export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number; max_attempts: number; bureau_id: string | null };

/**
 * Claims due jobs: FOR UPDATE SKIP LOCKED lets several workers poll the same table without
 * taking the same job; the claim commits at once so a long job does not hold the row lock.
 */
export async function claimDueJobs(db: Executor, now: Date, workerId: string, limit: number): Promise<ClaimedJob[]> {
  const r = await sql<ClaimedJob>`
    UPDATE jobs SET status = 'running', locked_at = ${now}, locked_by = ${workerId}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ${now}
      ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts, max_attempts, bureau_id`.execute(db);
  return r.rows;
}

export async function completeJob(db: Executor, id: string, now: Date) {
  await db.updateTable('jobs').set({ status: 'done', finished_at: now, locked_at: null, locked_by: null }).where('id', '=', id).execute();
}

export async function failJob(db: Executor, job: ClaimedJob, error: string, retryAt: Date, now: Date) {
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      run_at: final ? now : retryAt,
      locked_at: null,
      locked_by: null,
      finished_at: final ? now : null,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Jobs left 'running' by a worker that died are returned to the queue. */
export async function requeueStuckJobs(db: Executor, olderThan: Date) {
  await db
    .updateTable('jobs')
    .set({ status: 'pending', locked_at: null, locked_by: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', olderThan)
    .execute();
}

export async function deleteExpiredSessions(db: Executor, before: Date) {
  const r = await db.deleteFrom('sessions').where('expires_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteOldIdempotencyKeys(db: Executor, before: Date) {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
