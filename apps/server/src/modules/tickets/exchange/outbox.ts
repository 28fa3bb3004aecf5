// The outbox of replies to the exchange: a row written in the transaction of the step it reports (签收, 回复, 退单,
// 延期申请) or of the rejection of an undeliverable ticket, and a scheduler job that sends it — signed, with the row's
// idempotency key on every attempt, retried with the worker's exponential backoff; the row's state (pending → sent,
// retrying with the last error, failed after the last attempt) is shown on the ticket page.
import type { ExchangeReply, TicketOutboxItem } from '@chengguan/contracts';
import type { Deps, Executor } from '../../../context.ts';
import { enqueueOutboxSend, type JobHandlers } from '../../scheduler/index.ts';
import { exchangeAdapter, exchangeSecret, exchangeTransport } from './exchange.ts';
import { sendOutboxAttempt } from '../../../shared/connector-link.ts';

export const JOB_EXCHANGE_SEND = 'tickets.exchange.send';
export const EXCHANGE_SEND_ATTEMPTS = 8;
const EXCHANGE_CHANNELS = ['hotline_12345', 'city_ops'];

export const isExchangeChannel = (channel: string): boolean => EXCHANGE_CHANNELS.includes(channel);

export type OutboundReply = {
  channel: string;
  ticketId: string | null;
  bureauId: string | null;
  externalNo: string;
  kind: ExchangeReply['kind'];
  /** Unique per message: the step's timeline event id, or the rejected ticket's number. */
  key: string;
  text?: string | null;
  reason?: string | null;
  extensionKind?: 'complex' | 'date';
  requestedDue?: string | null;
  late?: boolean;
};

/** Queues one reply in the caller's transaction; nothing when the exchange is off or the channel is not the exchange's. */
export async function enqueueExchangeReply(trx: Executor, deps: Deps, r: OutboundReply): Promise<boolean> {
  if (!exchangeAdapter(deps.config) || !isExchangeChannel(r.channel)) return false;
  const now = deps.clock.now();
  const idempotencyKey = `${r.channel}:${r.externalNo}:${r.kind}:${r.key}`;
  const message: ExchangeReply = {
    idempotencyKey,
    channel: r.channel as ExchangeReply['channel'],
    ticketNo: r.externalNo,
    kind: r.kind,
    at: now.toISOString(),
    ...(r.text ? { text: r.text } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.extensionKind ? { extensionKind: r.extensionKind } : {}),
    ...(r.requestedDue ? { requestedDue: r.requestedDue } : {}),
    ...(r.late ? { late: true } : {}),
  };
  const id = deps.newId();
  const inserted = await trx
    .insertInto('ticket_outbox')
    .values({
      id,
      channel: r.channel,
      ticket_id: r.ticketId,
      bureau_id: r.bureauId,
      external_no: r.externalNo,
      kind: r.kind,
      idempotency_key: idempotencyKey,
      payload: JSON.stringify(message),
      late: r.late ?? false,
      status: 'pending',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  await enqueueOutboxSend(trx, deps, { kind: JOB_EXCHANGE_SEND, outboxId: id, bureauId: r.bureauId, maxAttempts: EXCHANGE_SEND_ATTEMPTS });
  return true;
}

/** One attempt to send an outbox row; throws (so the worker retries with backoff) unless the exchange answered 2xx. */
export async function sendExchangeReply(deps: Deps, outboxId: string, attempt: number, maxAttempts: number): Promise<void> {
  const adapter = exchangeAdapter(deps.config);
  await sendOutboxAttempt(deps, {
    table: 'ticket_outbox',
    outboxId,
    attempt,
    maxAttempts,
    transport: exchangeTransport(),
    secret: exchangeSecret(deps.config),
    target: adapter ? () => adapter.replyUrl(deps) : { off: 'the ticket exchange is off (TICKET_EXCHANGE=off)' },
    what: 'exchange reply',
  });
}

export const EXCHANGE_JOB_HANDLERS: JobHandlers = {
  [JOB_EXCHANGE_SEND]: async (deps, job) => {
    await sendExchangeReply(deps, (job.payload as { outboxId: string }).outboxId, job.attempts, job.max_attempts);
  },
};

export async function ticketOutbox(db: Executor, ticketId: string): Promise<TicketOutboxItem[]> {
  const rows = await db.selectFrom('ticket_outbox').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();
  return rows.map((r) => ({
    kind: r.kind as TicketOutboxItem['kind'],
    status: r.status as TicketOutboxItem['status'],
    attempts: r.attempts,
    lastError: r.last_error,
    late: r.late,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}
