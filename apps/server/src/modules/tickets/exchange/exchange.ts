// The 12345 / 城运 ticket exchange seen from the platform. Inbound, the exchange POSTs each ticket, signed, to
// /api/public/ticket-exchange/:channel/tickets (inbound.ts; the same for every adapter). Outbound, our replies (签收,
// 回复, 退单 with its reason, 延期申请, the rejection of an undeliverable ticket) leave through the outbox (outbox.ts)
// to the adapter's reply endpoint, signed the same way and carrying an idempotency key. The local simulator of the
// city side ships (simulator.ts); a real endpoint plugs in here and must pass test/ticket-exchange.contract.ts.
import type { Deps } from '../../../context.ts';
import { connectorLink, type ConnectorTransport } from '../../../shared/connector-link.ts';
import { answerDropped } from './simulator-faults.ts';

export type ExchangeTransport = ConnectorTransport;

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

const link = connectorLink('the exchange');
/** The shared HMAC-SM3 key: TICKET_EXCHANGE_SECRET, else one random key per process (simulator only). */
export const exchangeSecret = (config: Deps['config']): string => link.secret(config.ticketExchangeSecret);
/** Tests deliver through the app in-process instead of HTTP. */
export const setExchangeTransport = (t: ExchangeTransport | null): void => link.setTransport(t);
/** The simulated network may lose an answer after the simulated exchange committed (simulator-faults.ts). */
export const exchangeTransport = (): ExchangeTransport =>
  link.transport((body) => typeof body.idempotencyKey === 'string' && answerDropped(body.idempotencyKey));
