// The platform completing a service on its own: a public notice reaches its deemed service day (F4, the scheduler),
// an electronic message's delivery receipt arrives (F2, 民诉法 Art. 90). Both take the case step with a channel
// actor (no officer id; the event and audit rows carry the channel) in the same transaction as the record.
import type { Transaction } from 'kysely';
import type { Deps, Executor, RequestMeta } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { channelActor, findCase } from '../cases/index.ts';
import type { ClaimedJob, JobHandlers } from '../scheduler/index.ts';
import type { DeliveredMessage } from '../messaging/index.ts';
import { completePendingService, dueDeemedServices, findService, findServicesByMessage, type ServiceRow } from './service.repository.ts';
import { completeServiceStep, issueServiceReceipt, serviceStepFor, STEP_CHANNEL_ROLES } from './service-step.ts';
import { JOB_PUBLIC_NOTICE_DEEMED } from './use-cases/record-service.ts';

async function complete(
  trx: Transaction<DB>,
  deps: Deps,
  meta: RequestMeta,
  s: ServiceRow,
  servedOn: string,
  channel: 'scheduler' | 'portal',
): Promise<boolean> {
  if (!(await completePendingService(trx, s.id, { served_on: servedOn, updated_at: deps.clock.now() }))) return false;
  const row = await findCase(trx, s.case_id);
  if (!row) return false;
  const step = serviceStepFor(s.document_kind, row.state);
  const actor = channelActor(row, channel, step ? STEP_CHANNEL_ROLES[step] : ['field_officer']);
  await recordAudit(trx, deps, actor, meta, {
    action: 'service.complete',
    entityType: 'case',
    entityId: s.case_id,
    bureauId: row.bureau_id,
    data: { serviceId: s.id, method: s.method, servedOn, channel },
  });
  await completeServiceStep(trx, deps, actor, meta, { ...s, served_on: servedOn });
  await issueServiceReceipt(trx, deps, actor, meta, s.case_id, s.id);
  return true;
}

/** F4: every public notice whose deemed day has come is served on that day (also swept by the daily check). */
export async function completeDueDeemedServices(
  deps: Deps,
  meta: RequestMeta,
  only?: { caseId: string; serviceId: string },
): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  let done = 0;
  const rows = only
    ? [await findService(deps.db, only.caseId, only.serviceId)].filter(
        (s): s is ServiceRow => !!s && s.status === 'pending' && !!s.deemed_on && s.deemed_on <= today,
      )
    : await dueDeemedServices(deps.db, today);
  for (const s of rows) {
    const ok = await deps.db.transaction().execute((trx) => complete(trx, deps, meta, s, s.deemed_on!, 'scheduler'));
    if (ok) done += 1;
  }
  return done;
}

/** F2: the message reached the party's system → the pending electronic service is served on that day. */
export async function onServiceMessageDelivered(trx: Executor, deps: Deps, msg: DeliveredMessage): Promise<void> {
  if (msg.purpose !== 'service') return;
  const run = async (t: Transaction<DB>) => {
    for (const s of await findServicesByMessage(t, msg.id)) {
      await complete(t, deps, { ip: null, correlationId: `message:${msg.id}` }, s, shanghaiDate(msg.deliveredAt), 'portal');
    }
  };
  if (trx.isTransaction) await run(trx as Transaction<DB>);
  else await (trx as Exclude<Executor, Transaction<DB>>).transaction().execute(run);
}

export const SERVICE_JOB_HANDLERS: JobHandlers = {
  [JOB_PUBLIC_NOTICE_DEEMED]: async (deps, job: ClaimedJob) => {
    const p = job.payload as { caseId: string; serviceId: string };
    await completeDueDeemedServices(deps, { ip: null, correlationId: `job:${job.id}` }, p);
  },
};
