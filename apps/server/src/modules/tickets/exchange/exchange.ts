// The 12345 / 城运 ticket exchange seen from the platform. Inbound, the exchange POSTs each ticket, signed, to
// /api/public/ticket-exchange/:channel/tickets (inbound.ts; the same for every adapter). Outbound, our replies (签收,
// 回复, 退单 with its reason, 延期申请, the rejection of an undeliverable ticket) leave through the outbox (outbox.ts)
// to the adapter's reply endpoint, signed the same way and carrying an idempotency key. The local simulator of the
// city side ships (simulator.ts); a real endpoint plugs in here and must pass test/ticket-exchange.contract.ts.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../../context.ts';
import { answerDropped } from './simulator-faults.ts';

export type ExchangeTransport = (
  url: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
) => Promise<{ status: number; body: string }>;

export type TicketExchangeAdapter = {
  name: string;
  labelZh: string;
  labelEn: string;
  /** The city side is played locally; the console says so. */
  simulator: boolean;
  /** Where replies are POSTed. */
  replyUrl(deps: Deps): string;
};

export const SIMULATOR_REPLY_PATH = '/api/public/ticket-exchange-sim/replies';
export const inboundPath = (channel: string) => `/api/public/ticket-exchange/${channel}/tickets`;

/** This process's base address as seen from itself (the simulator delivers to it and receives from it). */
export function ownBaseUrl(deps: Deps): string {
  return deps.config.ticketExchangeBaseUrl ?? `http://127.0.0.1:${deps.config.port}`;
}

export const simulatorAdapter: TicketExchangeAdapter = {
  name: 'simulator',
  labelZh: '模拟 12345 平台',
  labelEn: 'simulated 12345 exchange',
  simulator: true,
  replyUrl: (deps) => `${ownBaseUrl(deps)}${SIMULATOR_REPLY_PATH}`,
};

/** The adapter the configuration selects, or null when the exchange is off. */
export function exchangeAdapter(config: Deps['config']): TicketExchangeAdapter | null {
  return config.ticketExchange === 'simulator' ? simulatorAdapter : null;
}

let processSecret: string | null = null;
/** The shared HMAC-SM3 key: TICKET_EXCHANGE_SECRET, else one random key per process (simulator only). */
export function exchangeSecret(config: Deps['config']): string {
  if (config.ticketExchangeSecret) return config.ticketExchangeSecret;
  processSecret ??= randomBytes(32).toString('hex');
  return processSecret;
}

let transportOverride: ExchangeTransport | null = null;
/** Tests deliver through the app in-process instead of HTTP. */
export function setExchangeTransport(t: ExchangeTransport | null): void {
  transportOverride = t;
}

export function exchangeTransport(): ExchangeTransport {
  const base: ExchangeTransport =
    transportOverride ??
    (async (url, headers, body) => {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: r.status, body: await r.text() };
    });
  // The simulated network may lose an answer after the simulated exchange committed (simulator-faults.ts).
  return async (url, headers, body) => {
    const r = await base(url, headers, body);
    const key = typeof body.idempotencyKey === 'string' ? body.idempotencyKey : null;
    if (key && answerDropped(key)) throw new Error('simulated network: the answer was lost after the exchange applied the reply');
    return r;
  };
}
