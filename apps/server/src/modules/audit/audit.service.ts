import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { currentUnitOfWork } from '../../db/unit-of-work.ts';
import { enqueueJob } from '../scheduler/index.ts';
import { appendAuditRows } from './audit.repository.ts';
import { CHECKPOINT_JOB } from './audit-checkpoint-job.ts';

export type AuditEvent = {
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  /** The 区局 the record belongs to; defaults to the actor's. */
  bureauId?: string | null;
};

/** One audit record: who, the request it came with, and what happened. */
export type AuditEntry = {
  actor: { id: string | null; bureauId: string | null } | null;
  meta: RequestMeta;
  event: AuditEvent;
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
  await recordAudits(trx, deps, [{ actor, meta, event }]);
}

/** `recordAudit` for several records, appended in their order in one statement (a batch of requests written together). */
export async function recordAudits(
  trx: Executor,
  deps: Pick<Deps, 'clock' | 'newId' | 'config'>,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const now = deps.clock.now();
  await appendAuditRows(
    trx,
    entries.map(({ actor, meta, event }) => ({
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
    })),
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
  await recordAuditsAtCommit(trx, deps, [{ actor, meta, event }]);
}

/** `recordAuditAtCommit` for several records: appended together, in their order, in one statement. */
export async function recordAuditsAtCommit(
  trx: Executor,
  deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config'>,
  entries: readonly AuditEntry[],
): Promise<void> {
  const unit = currentUnitOfWork();
  if (!unit || entries.length === 0) return recordAudits(trx, deps, entries);
  // The rows' ids and time are taken now; the checkpoint job's, when it is queued.
  const now = deps.clock.now();
  const ids = entries.map(() => deps.newId());
  const fixed = { config: deps.config, clock: { now: () => now }, newId: () => ids.shift() ?? deps.newId() };
  unit.beforeCommit(() => recordAudits(deps.db, fixed, entries));
}
