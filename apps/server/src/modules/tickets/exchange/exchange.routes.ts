// Routes of the ticket exchange. Public (signature, not a user token): the inbound endpoint of every adapter, and —
// with TICKET_EXCHANGE=simulator only — the simulated exchange's reply endpoint. Authenticated: the connector's state
// for the console, and playing the simulated stream (the command centre or an administrator of the bureau).
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  ExchangeHeaders,
  ExchangeReply,
  ExchangeReplyAnswer,
  ExchangeTicket,
  ExchangeTicketAnswer,
  SimulatorPlayBody,
  SimulatorPlayQueued,
  TicketExchangeStatus,
  EXCHANGE_CHANNEL_CODES,
  literals,
} from '@chengguan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../../../context.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import { idempotencyClaimOf } from '../../../http/unit-of-work.ts';
import { sendTogetherAnswer, writeTogetherQueue } from '../../../http/write-together.ts';
import { assertPermission } from '../../../shared/access.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { exchangeAdapter, exchangeSecret, inboundPath, SIMULATOR_REPLY_PATH } from './exchange.ts';
import { exchangeConflictKey, receiveExchangeTickets, type ExchangeDelivery } from './inbound.ts';
import { queueSimulatedBatch, SimulatorAnswer, simulatorReceiveReply } from './simulator.ts';
import { useNonce, verifyExchangeSignature } from '../../../shared/connector-signing.ts';

const TAGS = ['tickets'];
/** The most deliveries written in one transaction. */
const EXCHANGE_BATCH_MAX = 100;

/** Signature and timestamp, then the nonce (replay): both 401 in the platform's error format, before validation. */
function signatureGate(deps: Deps, nonceSpace: (request: FastifyRequest) => string) {
  return async (request: FastifyRequest) => {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const { nonce } = verifyExchangeSignature(exchangeSecret(deps.config), request.headers, body, deps.clock.now());
    await useNonce(deps.db, deps, nonceSpace(request), nonce);
  };
}

export function publicExchangeRoutes(app: RouteApp, deps: Deps): void {
  const adapter = exchangeAdapter(deps.config);
  if (!adapter) return;
  // The deliveries of a burst are written together, a batch per transaction (inbound.ts, http/write-together.ts).
  const inbound = writeTogetherQueue(deps, (deliveries: readonly ExchangeDelivery[]) => receiveExchangeTickets(deps, deliveries), {
    conflictKeyOf: exchangeConflictKey,
    maxBatch: EXCHANGE_BATCH_MAX,
    onDeferredError: (err) => app.log.error({ err }, 'deferred write failed'),
  });
  app.post(
    inboundPath(':channel'),
    {
      config: { ownUnitOfWork: true },
      preValidation: signatureGate(deps, (request) => String((request.params as { channel?: string }).channel ?? '')),
      schema: {
        tags: TAGS,
        summary: '工单交换平台（12345 / 城运）派单（验签、防重放；同一工单只受理一次）/ inbound ticket from the exchange (signed)',
        security: [],
        params: Type.Object({ channel: literals(EXCHANGE_CHANNEL_CODES) }),
        headers: ExchangeHeaders,
        body: ExchangeTicket,
        response: { 200: ExchangeTicketAnswer, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      // The answer's JSON as the route's serializer writes it: sent, and stored with an Idempotency-Key if one came.
      const serialize = (answer: ExchangeTicketAnswer) => String(reply.code(200).serialize(answer));
      const claim = idempotencyClaimOf(request);
      const input = { meta: metaOf(request), channel: request.params.channel, ticket: request.body, serialize };
      return sendTogetherAnswer(reply as FastifyReply, await inbound.submit({ claim, input }));
    },
  );
  if (!adapter.simulator) return;
  app.post(
    SIMULATOR_REPLY_PATH,
    {
      preValidation: signatureGate(deps, () => 'simulator'),
      schema: {
        tags: TAGS,
        summary: '模拟 12345 平台：接收回复（验签，按幂等键只生效一次）/ simulated exchange: receive a reply',
        security: [],
        headers: ExchangeHeaders,
        body: ExchangeReply,
        response: { 200: ExchangeReplyAnswer, 400: ErrorBody, 401: ErrorBody, 502: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        return await simulatorReceiveReply(deps, request.body);
      } catch (err) {
        if (!(err instanceof SimulatorAnswer)) throw err;
        return reply
          .status(err.status === 502 ? 502 : 503)
          .send({ code: 'EXCHANGE_SIMULATED_ERROR', message: '模拟平台暂时无法处理，请重试', messageEn: err.message });
      }
    },
  );
}

async function exchangeStatus(deps: Deps, actor: Actor): Promise<TicketExchangeStatus> {
  assertPermission(actor, 'ticket:read');
  const adapter = exchangeAdapter(deps.config);
  const outbox = { pending: 0, sent: 0, retrying: 0, failed: 0 };
  const inbound = { accepted: 0, rejected: 0 };
  if (actor.bureauId) {
    const o = await deps.db
      .selectFrom('ticket_outbox')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('bureau_id', '=', actor.bureauId)
      .groupBy('status')
      .execute();
    for (const r of o) outbox[r.status as keyof typeof outbox] = Number(r.n);
    const i = await deps.db
      .selectFrom('ticket_exchange_inbound')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('bureau_id', '=', actor.bureauId)
      .groupBy('status')
      .execute();
    for (const r of i) inbound[r.status as keyof typeof inbound] = Number(r.n);
  }
  return {
    mode: deps.config.ticketExchange,
    simulator: adapter?.simulator ?? false,
    labelZh: adapter?.labelZh ?? '未启用工单交换',
    labelEn: adapter?.labelEn ?? 'no ticket exchange configured',
    inboundPath: adapter ? inboundPath(':channel') : null,
    outbox,
    inbound,
  };
}

export function exchangeRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/ticket-exchange',
    {
      schema: {
        tags: TAGS,
        summary: '工单交换（12345 / 城运）连接状态 / the ticket exchange connector',
        response: { 200: TicketExchangeStatus, 403: ErrorBody },
      },
    },
    async (request) => exchangeStatus(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/ticket-exchange/simulator/play',
    {
      schema: {
        tags: TAGS,
        summary: '模拟 12345 平台：按种子派出一批工单（由后台任务签名投递）/ simulator: queue a batch of the stream',
        body: SimulatorPlayBody,
        response: { 202: SimulatorPlayQueued, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(202).send(await queueSimulatedBatch(deps, actorOf(request), request.body)),
  );
}
