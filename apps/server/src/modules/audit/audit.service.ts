import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { currentUnitOfWork } from '../../db/unit-of-work.ts';
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

/**
 * `recordAudit` for a write whose requests come in bursts (ticket intake): inside a request's unit of work the row is
 * appended as the unit's last write, just before COMMIT, so the chain's lock — which every writer of the platform
 * waits for — is held for the append and the COMMIT only, not for the rest of the request (its answer, the
 * idempotency record). The row is the same: its id and time are taken now; it is dropped with the transaction it was
 * recorded in when that rolls back. Outside a unit of work (worker, CLI) it is appended at once.
 */
export async function recordAuditAtCommit(
  trx: Executor,
  deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>,
  actor: { id: string | null; bureauId: string | null } | null,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> {
  const unit = currentUnitOfWork();
  if (!unit) return recordAudit(trx, deps, actor, meta, event);
  const now = deps.clock.now();
  const id = deps.newId();
  let idTaken = false;
  const fixed = {
    config: deps.config,
    clock: { now: () => now },
    newId: () => {
      if (idTaken) return deps.newId();
      idTaken = true;
      return id;
    },
  };
  unit.beforeCommit(() => recordAudit(deps.db, fixed, actor, meta, event));
}
