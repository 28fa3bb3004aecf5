// A partner department's own system (交警, 房管, 绿化市容 …) acting on joint orders through a connector instead of an
// account (docs/coordination.md §5). Inbound: the partner files an order at POST /api/public/partner-connector/orders,
// signed with HMAC-SM3 over the flat fields (shared/connector-signing.ts: timestamp window, one-time nonce in
// connector_nonces); the partner's own order number makes the filing idempotent. Outbound: every step city
// management takes on such an order (接单, 处置反馈, 退单) and the partner's own ones echoed back are queued as a callback in
// the step's transaction (partner_connector_outbox, one row per idempotency key), signed and retried with backoff by the
// worker (job partner.connector.send). PARTNER_CONNECTOR=simulator: a local simulator plays the partner (simulator.ts);
// a real partner system plugs in behind the same contract (test/partner-connector.contract.ts).
import type { PartnerCallbackMessage } from '@chengguan/contracts';
import type { Deps, Executor } from '../../../context.ts';
import {
  connectorLink,
  queueOutboxRow,
  sendOutboxAttempt,
  type ConnectorFault,
  type ConnectorTransport,
} from '../../../shared/connector-link.ts';
import { enqueueOutboxSend, type JobHandlers } from '../../scheduler/index.ts';

export type PartnerTransport = ConnectorTransport;

export type PartnerConnectorAdapter = {
  name: string;
  labelZh: string;
  labelEn: string;
  simulator: boolean;
  /** Where the callbacks of a partner's orders go. */
  callbackUrl(deps: Deps, partnerCode: string): string;
};

export const PARTNER_INBOUND_PATH = '/api/public/partner-connector/orders';
export const PARTNER_SIM_CALLBACK_PATH = '/api/public/partner-connector-sim/callbacks';
export const LABEL = { zh: '协作部门接口报文', en: 'partner connector message' };

const base = (deps: Deps) => deps.config.ticketExchangeBaseUrl ?? `http://127.0.0.1:${deps.config.port}`;

export const partnerSimulatorAdapter: PartnerConnectorAdapter = {
  name: 'simulator',
  labelZh: '模拟协作部门系统（本地模拟，非真实交警、房管等部门系统）',
  labelEn: 'Simulated partner system (local simulator, not a real department’s system)',
  simulator: true,
  callbackUrl: (deps) => `${base(deps)}${PARTNER_SIM_CALLBACK_PATH}`,
};

export function partnerAdapter(config: Deps['config']): PartnerConnectorAdapter | null {
  return config.partnerConnector === 'simulator' ? partnerSimulatorAdapter : null;
}

/** The link to the simulated or real system (its key, transport and the simulator's faults). */
export const partnerLink = connectorLink('the partner');
export const partnerSecret = (config: Deps['config']): string => partnerLink.secret(config.partnerConnectorSecret);
/** The simulated partner's next answers fail (tests): `refuse` — nothing applied; `lose` — applied, the answer lost. */
export const failNextPartnerAnswers = (f: readonly ConnectorFault[]): void => partnerLink.failNext(f);
export const nextPartnerFault = (kind: ConnectorFault): boolean => partnerLink.nextFault(kind);
/** Tests deliver through the app in-process instead of HTTP. */
export const setPartnerTransport = (t: PartnerTransport | null): void => partnerLink.setTransport(t);
export const partnerTransport = (): PartnerTransport => partnerLink.transport();

export const JOB_PARTNER_SEND = 'partner.connector.send';
export const PARTNER_SEND_ATTEMPTS = 8;

export type ConnectorOrder = { id: string; bureau_id: string; partner_id: string; number: string; partner_order_no: string | null };

/**
 * Queues the callback of one step of a connector order in the step's transaction; nothing for an order filed by an
 * account. The key names the order, the step and its instant: the same step never queues twice.
 */
export async function enqueuePartnerCallback(
  trx: Executor,
  deps: Deps,
  o: ConnectorOrder,
  step: Pick<PartnerCallbackMessage, 'action' | 'state' | 'late'> & { note?: string | null; resultText?: string | null; at: Date },
): Promise<void> {
  if (!o.partner_order_no) return;
  const unit = await trx.selectFrom('partner_units').select('code').where('id', '=', o.partner_id).executeTakeFirstOrThrow();
  const idempotencyKey = `partner:${unit.code}:${o.partner_order_no}:${step.action}:${step.at.toISOString()}`;
  const message: PartnerCallbackMessage = {
    idempotencyKey,
    partnerCode: unit.code,
    partnerOrderNo: o.partner_order_no,
    number: o.number,
    action: step.action,
    state: step.state,
    ...(step.note ? { note: step.note.slice(0, 2000) } : {}),
    ...(step.resultText ? { resultText: step.resultText.slice(0, 2000) } : {}),
    late: step.late,
    at: step.at.toISOString(),
  };
  const id = await queueOutboxRow(trx, deps, 'partner_connector_outbox', message, {
    order_id: o.id,
    partner_id: o.partner_id,
    bureau_id: o.bureau_id,
  });
  if (!id) return;
  await enqueueOutboxSend(trx, deps, { kind: JOB_PARTNER_SEND, outboxId: id, bureauId: o.bureau_id, maxAttempts: PARTNER_SEND_ATTEMPTS });
}

/** One attempt; throws (the worker retries with backoff) unless the partner answered 2xx. */
export async function sendPartnerCallback(deps: Deps, outboxId: string, attempt: number, maxAttempts: number): Promise<void> {
  const adapter = partnerAdapter(deps.config);
  await sendOutboxAttempt(deps, {
    table: 'partner_connector_outbox',
    outboxId,
    attempt,
    maxAttempts,
    transport: partnerTransport(),
    secret: partnerSecret(deps.config),
    target: adapter
      ? (body) => adapter.callbackUrl(deps, (body as unknown as PartnerCallbackMessage).partnerCode)
      : { off: 'the partner connector is off (PARTNER_CONNECTOR=off)' },
    what: 'partner callback',
  });
}

export const PARTNER_JOB_HANDLERS: JobHandlers = {
  [JOB_PARTNER_SEND]: async (deps, job) => {
    await sendPartnerCallback(deps, (job.payload as { outboxId: string }).outboxId, job.attempts, job.max_attempts);
  },
};
