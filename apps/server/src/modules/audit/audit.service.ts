import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { enqueueJob } from '../scheduler/index.ts';
import { appendAuditRow } from './audit.repository.ts';
import { CHECKPOINT_JOB } from './audit-checkpoint-job.ts';

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  /** The 区局 the record belongs to; defaults to the actor's. */
  bureauId?: string | null;
};

/**
 * Every write in the platform calls this inside its own transaction, so the audit row commits
 * (or rolls back) together with the change it records. Every AUDIT_CHECKPOINT_ROWS rows it also schedules a
 * checkpoint of the chain, in the same transaction.
 */
export async function recordAudit(
  trx: Executor,
  deps: Pick<Deps, 'clock' | 'newId' | 'config'>,
  actor: { id: string | null; bureauId: string | null } | null,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> {
  const now = deps.clock.now();
  await appendAuditRow(
    trx,
    {
      id: deps.newId(),
      at: now.toISOString(),
      actorId: actor?.id ?? null,
      bureauId: event.bureauId !== undefined ? event.bureauId : (actor?.bureauId ?? null),
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      data: event.data,
      ip: meta.ip,
      correlationId: meta.correlationId,
    },
    async (seq) => {
      if (seq % deps.config.auditCheckpointRows !== 0) return;
      await enqueueJob(trx, {
        id: deps.newId(),
        kind: CHECKPOINT_JOB,
        runAt: now,
        payload: { reason: 'rows' },
        dedupeKey: `${CHECKPOINT_JOB}:rows:${seq}`,
      });
    },
  );
}
