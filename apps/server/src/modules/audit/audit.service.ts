import type { Deps, Executor, RequestMeta } from '../../context.ts';
import { appendAuditRow } from './audit.repository.ts';

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
 * (or rolls back) together with the change it records.
 */
export async function recordAudit(
  trx: Executor,
  deps: Pick<Deps, 'clock' | 'newId'>,
  actor: { id: string | null; bureauId: string | null } | null,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> {
  await appendAuditRow(trx, {
    id: deps.newId(),
    at: deps.clock.now().toISOString(),
    actorId: actor?.id ?? null,
    bureauId: event.bureauId !== undefined ? event.bureauId : (actor?.bureauId ?? null),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data,
    ip: meta.ip,
    correlationId: meta.correlationId,
  });
}
