// One outside system's link as every connector keeps it (the ticket exchange, the credit platform, the partner
// departments): the HMAC-SM3 key (configured, else one random key per process — the local simulator only), the HTTP
// transport that tests replace with in-process delivery, and the simulator's injected faults — `refuse` (nothing
// applied) and `lose` (applied, the answer lost on the way back). Signing itself is connector-signing.ts.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps, Executor } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { signedHeaders, useNonce, verifyExchangeSignature, type MessageLabel } from './connector-signing.ts';

export type ConnectorTransport = (
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
) => Promise<{ status: number; body: string }>;

export type ConnectorFault = 'refuse' | 'lose';

export type ConnectorLink = {
  /** The configured key, else this process's random one. */
  secret(configured: string | null | undefined): string;
  /** The simulated system's next answers fail (tests). */
  failNext(faults: readonly ConnectorFault[]): void;
  /** Takes the next fault if it is of this kind. */
  nextFault(kind: ConnectorFault): boolean;
  /** Tests deliver through the app in-process instead of HTTP (null: back to HTTP). */
  setTransport(t: ConnectorTransport | null): void;
  /**
   * The transport: HTTP POST of the JSON body (15 s timeout) or the test's; the simulated network then drops the
   * answer when `lost(body)` says so (default: the next injected `lose` fault).
   */
  transport(lost?: (body: Record<string, unknown>) => boolean): ConnectorTransport;
};

const httpPost: ConnectorTransport = async (url, headers, body) => {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: r.status, body: await r.text() };
};

/** A link to one outside system; `system` names it in the simulated network's error. */
export function connectorLink(system: string): ConnectorLink {
  let processSecret: string | null = null;
  const faults: ConnectorFault[] = [];
  let override: ConnectorTransport | null = null;
  const link: ConnectorLink = {
    secret(configured) {
      if (configured) return configured;
      processSecret ??= randomBytes(32).toString('hex');
      return processSecret;
    },
    failNext(f) {
      faults.push(...f);
    },
    nextFault(kind) {
      if (faults[0] !== kind) return false;
      faults.shift();
      return true;
    },
    setTransport(t) {
      override = t;
    },
    transport(lost = () => link.nextFault('lose')) {
      const base = override ?? httpPost;
      return async (url, headers, body) => {
        const r = await base(url, headers, body);
        if (lost(body)) throw new Error(`simulated network: the answer was lost after ${system} applied the message`);
        return r;
      };
    },
  };
  return link;
}

/** The simulator's record of the messages it applied: deliveries of an idempotency key so far, and how to count one. */
export type SimulatorReceipts = {
  /** Deliveries of this key so far (locked for the transaction), or null when it was never applied. */
  deliveries(trx: Executor, key: string): Promise<number | null>;
  /** Another delivery of a key already applied. */
  count(trx: Executor, key: string, deliveries: number): Promise<void>;
  /** The first delivery: apply the message and record the key. */
  apply(trx: Executor, now: Date): Promise<void>;
};

/**
 * How a local simulator receives a signed message: the signature, the timestamp window and the nonce are checked
 * (connector-signing.ts), an injected `refuse` fault answers 503 with nothing applied, and each idempotency key is
 * applied once — a repeat only counts its delivery.
 */
export async function receiveAsSimulator(
  deps: Deps,
  o: {
    link: ConnectorLink;
    secret: string;
    label: MessageLabel;
    channel: string;
    headers: Partial<Record<string, string | string[] | undefined>>;
    body: Record<string, unknown> & { idempotencyKey: string };
    receipts: SimulatorReceipts;
  },
): Promise<{ applied: boolean; deliveries: number }> {
  const now = deps.clock.now();
  const { nonce } = verifyExchangeSignature(o.secret, o.headers, o.body, now, o.label);
  if (o.link.nextFault('refuse')) throw new AppError('NOT_SAVED');
  return deps.db.transaction().execute(async (trx) => {
    await useNonce(trx, deps, o.channel, nonce);
    const prior = await o.receipts.deliveries(trx, o.body.idempotencyKey);
    if (prior !== null) {
      await o.receipts.count(trx, o.body.idempotencyKey, prior + 1);
      return { applied: false, deliveries: prior + 1 };
    }
    await o.receipts.apply(trx, now);
    return { applied: true, deliveries: 1 };
  });
}

/** The outbox tables of the connectors: one row per message, sent by a job with retries (same columns in each). */
export type ConnectorOutboxTable = 'ticket_outbox' | 'credit_outbox' | 'partner_connector_outbox';

/**
 * One attempt to send an outbox row through the link's transport, signed with its key: marked sent on a 2xx answer; otherwise the error is
 * kept, the row is 'retrying' (or 'failed' at the last attempt) and this throws, so the worker retries with backoff.
 * `target` is null when the connector is off (the error then says which setting), else the URL for the message.
 */
export async function sendOutboxAttempt(
  deps: Deps,
  o: {
    table: ConnectorOutboxTable;
    outboxId: string;
    attempt: number;
    maxAttempts: number;
    transport: ConnectorTransport;
    secret: string;
    target: ((body: Record<string, unknown>) => string) | { off: string };
    what: string;
  },
): Promise<void> {
  const db = deps.db as unknown as Kysely<Record<ConnectorOutboxTable, OutboxRow>>;
  const row = await db.selectFrom(o.table).selectAll().where('id', '=', o.outboxId).executeTakeFirst();
  if (!row || row.status === 'sent') return;
  let error: string;
  if (typeof o.target !== 'function') {
    error = o.target.off;
  } else {
    const body = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
    try {
      const r = await o.transport(o.target(body), { ...signedHeaders(o.secret, body, deps.clock.now()) }, body);
      if (r.status >= 200 && r.status < 300) {
        const now = deps.clock.now();
        await db
          .updateTable(o.table)
          .set({ status: 'sent', attempts: o.attempt, sent_at: now, updated_at: now, last_error: null })
          .where('id', '=', row.id)
          .execute();
        return;
      }
      error = `answered ${r.status}: ${r.body.slice(0, 300)}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  }
  await db
    .updateTable(o.table)
    .set({
      status: o.attempt >= o.maxAttempts ? 'failed' : 'retrying',
      attempts: o.attempt,
      last_error: error,
      updated_at: deps.clock.now(),
    })
    .where('id', '=', row.id)
    .execute();
  throw new Error(`${o.what} ${row.idempotency_key}: ${error}`);
}

type OutboxRow = {
  id: string;
  idempotency_key: string;
  payload: unknown;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  updated_at: Date;
};

/**
 * Writes one message to a connector's outbox in the caller's transaction, once per idempotency key: the new row's id,
 * or null when that key was queued before (the caller then queues no send job).
 */
export async function queueOutboxRow(
  trx: Executor,
  deps: Deps,
  table: ConnectorOutboxTable,
  message: Record<string, unknown> & { idempotencyKey: string },
  columns: Record<string, unknown>,
): Promise<string | null> {
  const id = deps.newId();
  const now = deps.clock.now();
  const db = trx as unknown as Kysely<Record<ConnectorOutboxTable, Record<string, unknown>>>;
  const r = await db
    .insertInto(table)
    .values({
      ...columns,
      id,
      idempotency_key: message.idempotencyKey,
      payload: JSON.stringify(message),
      status: 'pending',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
}
