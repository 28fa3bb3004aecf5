import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { currentUnitOfWork } from '../../db/unit-of-work.ts';
import { enqueueJob } from '../scheduler/index.ts';
import { appendAuditRows, type NewAuditRow } from './audit.repository.ts';
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
 * Every write in the platform calls this inside its own transaction, so the audit row commits (or rolls back) together
 * with the change it records. Every AUDIT_CHECKPOINT_ROWS rows it also schedules a checkpoint of the chain, in the
 * same transaction.
 *
 * Inside a request's unit of work the row is appended as the unit's last write, just before COMMIT, together with the
 * request's other audit rows: one taking of the chain's lock and one statement for all of them, and the lock — which
 * every writer of the platform waits for — is held for that append and the COMMIT only, not for the rest of the
 * request. The row is the same: its id and time are taken now. It is dropped with the transaction (or savepoint) it
 * was recorded in when that rolls back. Outside a unit of work (worker, CLI) it is appended at once.
 */
export async function recordAudit(
  trx: Executor,
  deps: AuditDeps,
  actor: { id: string | null; bureauId: string | null } | null,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> {
  await recordAudits(trx, deps, [{ actor, meta, event }]);
}

/** What recording needs; with `db`, rows recorded inside a unit of work wait for its COMMIT (see `recordAudit`). */
type AuditDeps = Pick<Deps, 'clock' | 'newId' | 'config'> & Partial<Pick<Deps, 'db'>>;

/** `recordAudit` for several records, appended in their order in one statement (a batch of requests written together). */
export async function recordAudits(trx: Executor, deps: AuditDeps, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = auditRows(deps, entries);
  const db = deps.db;
  const unit = db ? currentUnitOfWork() : null;
  if (unit && db) {
    unit.beforeCommitTogether({ key: AUDIT_AT_COMMIT, write: (batches: NewAuditRow[][]) => appendAudits(db, deps, batches.flat()) }, rows);
    return;
  }
  await appendAudits(trx, deps, rows);
}

/**
 * `recordAudit` appended at once even inside a unit of work: for a request that reads the chain after its own row
 * (立即锚定 signs the head, which must be that row).
 */
export async function recordAuditNow(
  trx: Executor,
  deps: Pick<Deps, 'clock' | 'newId' | 'config'>,
  actor: { id: string | null; bureauId: string | null } | null,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> {
  await appendAudits(trx, deps, auditRows(deps, [{ actor, meta, event }]));
}

/** The key under which a unit of work gathers its audit rows for COMMIT. */
const AUDIT_AT_COMMIT = {};

function auditRows(deps: Pick<Deps, 'clock' | 'newId'>, entries: readonly AuditEntry[]): NewAuditRow[] {
  const at = deps.clock.now().toISOString();
  return entries.map(({ actor, meta, event }) => ({
    id: deps.newId(),
    at,
    actorId: actor?.id ?? null,
    bureauId: event.bureauId !== undefined ? event.bureauId : (actor?.bureauId ?? null),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data,
    ip: meta.ip,
    correlationId: meta.correlationId,
  }));
}

/** Appends the rows to the chain and schedules the checkpoints their seqs call for. */
async function appendAudits(trx: Executor, deps: Pick<Deps, 'clock' | 'newId' | 'config'>, rows: readonly NewAuditRow[]): Promise<void> {
  await appendAuditRows(trx, rows, async (seq) => {
    if (seq % deps.config.auditCheckpointRows !== 0) return;
    await enqueueJob(trx, {
      id: deps.newId(),
      kind: CHECKPOINT_JOB,
      runAt: deps.clock.now(),
      payload: { reason: 'rows' },
      dedupeKey: `${CHECKPOINT_JOB}:rows:${seq}`,
    });
  });
}
