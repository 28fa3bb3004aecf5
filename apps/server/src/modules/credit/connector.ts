// The city's public credit platform seen from the platform (CREDIT_PLATFORM; docs/credit.md §3). Every credit record
// and every withdrawal leaves through the outbox (credit_outbox): signed with HMAC-SM3 (shared/connector-signing.ts),
// carrying its idempotency key on every attempt, retried by the worker with backoff. The local simulator of the
// platform (simulator.ts) checks the signature and the nonce and applies each key once; a real endpoint plugs in here
// and must pass test/credit-platform.contract.ts.
import type { CreditPlatformMessage } from '@chengguan/contracts';
import type { Deps, Executor } from '../../context.ts';
import {
  connectorLink,
  queueOutboxRow,
  sendOutboxAttempt,
  type ConnectorFault,
  type ConnectorTransport,
} from '../../shared/connector-link.ts';
import { enqueueOutboxSend, type JobHandlers } from '../scheduler/index.ts';

export type CreditTransport = ConnectorTransport;

export type CreditPlatformAdapter = { name: string; labelZh: string; labelEn: string; simulator: boolean; url(deps: Deps): string };

export const CREDIT_SIM_PATH = '/api/public/credit-platform-sim/messages';

export const creditSimulatorAdapter: CreditPlatformAdapter = {
  name: 'simulator',
  labelZh: '模拟信用平台（本地模拟，非真实上海市公共信用信息服务平台）',
  labelEn: 'Simulated credit platform (local simulator, not the real city platform)',
  simulator: true,
  url: (deps) => `${deps.config.ticketExchangeBaseUrl ?? `http://127.0.0.1:${deps.config.port}`}${CREDIT_SIM_PATH}`,
};

export function creditAdapter(config: Deps['config']): CreditPlatformAdapter | null {
  return config.creditPlatform === 'simulator' ? creditSimulatorAdapter : null;
}

/** The link to the simulated or real system (its key, transport and the simulator's faults). */
export const creditLink = connectorLink('the credit platform');
export const creditSecret = (config: Deps['config']): string => creditLink.secret(config.creditPlatformSecret);
/** The simulated platform's next answers fail (tests): `refuse` — nothing applied; `lose` — applied, the answer lost. */
export const failNextCreditAnswers = (f: readonly ConnectorFault[]): void => creditLink.failNext(f);
export const nextCreditFault = (kind: ConnectorFault): boolean => creditLink.nextFault(kind);
/** Tests deliver through the app in-process instead of HTTP. */
export const setCreditTransport = (t: CreditTransport | null): void => creditLink.setTransport(t);
const transport = (): CreditTransport => creditLink.transport();

export const JOB_CREDIT_SEND = 'credit.platform.send';
export const CREDIT_SEND_ATTEMPTS = 8;

/** Queues one message in the caller's transaction (once per idempotency key). */
export async function enqueueCreditMessage(
  trx: Executor,
  deps: Deps,
  m: Omit<CreditPlatformMessage, 'idempotencyKey' | 'at'> & { bureauId: string; key: string },
): Promise<void> {
  const now = deps.clock.now();
  const idempotencyKey = `credit:${m.op}:${m.recordId}:${m.key}`;
  const { bureauId: _b, key: _k, ...rest } = m;
  const message: CreditPlatformMessage = { ...rest, idempotencyKey, at: now.toISOString() };
  const id = await queueOutboxRow(trx, deps, 'credit_outbox', message, { record_id: m.recordId, bureau_id: m.bureauId, op: m.op });
  if (!id) return;
  await enqueueOutboxSend(trx, deps, { kind: JOB_CREDIT_SEND, outboxId: id, bureauId: m.bureauId, maxAttempts: CREDIT_SEND_ATTEMPTS });
}

/** One attempt; throws (the worker retries with backoff) unless the platform answered 2xx. */
export async function sendCreditMessage(deps: Deps, outboxId: string, attempt: number, maxAttempts: number): Promise<void> {
  const adapter = creditAdapter(deps.config);
  await sendOutboxAttempt(deps, {
    table: 'credit_outbox',
    outboxId,
    attempt,
    maxAttempts,
    transport: transport(),
    secret: creditSecret(deps.config),
    target: adapter ? () => adapter.url(deps) : { off: 'the credit platform connector is off (CREDIT_PLATFORM=off)' },
    what: 'credit platform message',
  });
}

export const CREDIT_JOB_HANDLERS: JobHandlers = {
  [JOB_CREDIT_SEND]: async (deps, job) => {
    await sendCreditMessage(deps, (job.payload as { outboxId: string }).outboxId, job.attempts, job.max_attempts);
  },
};
