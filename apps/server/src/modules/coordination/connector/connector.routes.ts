// Routes of the partner connector. Public (signature, not a user token): the inbound order endpoint any partner system
// uses, and — with PARTNER_CONNECTOR=simulator only — the simulated partner's callback endpoint. Authenticated: the
// connector's state for the console, and the simulator playing a partner's order (the command centre, an administrator).
import {
  ErrorBody,
  ExchangeHeaders,
  PartnerCallbackAnswer,
  PartnerCallbackMessage,
  PartnerConnectorStatus,
  PartnerOrderAnswer,
  PartnerOrderMessage,
  PartnerSimulatorPlayBody,
  PartnerSimulatorQueued,
} from '@chengguan/contracts';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../context.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { useNonce, verifyExchangeSignature } from '../../../shared/connector-signing.ts';
import { receivePartnerOrder } from './inbound.ts';
import { LABEL, PARTNER_INBOUND_PATH, PARTNER_SIM_CALLBACK_PATH, partnerAdapter, partnerSecret } from './partner-connector.ts';
import { partnerConnectorStatus, playPartnerOrder, receivePartnerCallback } from './simulator.ts';

const TAGS = ['coordination'];

export function publicPartnerConnectorRoutes(app: RouteApp, deps: Deps): void {
  const adapter = partnerAdapter(deps.config);
  if (!adapter) return;
  app.post(
    PARTNER_INBOUND_PATH,
    {
      // Signature and timestamp, then the nonce (replay): 401 in the platform's error format, before validation.
      preValidation: async (request: FastifyRequest) => {
        const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
        const { nonce } = verifyExchangeSignature(partnerSecret(deps.config), request.headers, body, deps.clock.now(), LABEL);
        await useNonce(deps.db, deps, 'partner_connector', nonce);
      },
      schema: {
        tags: TAGS,
        summary: '协作部门系统派联合工单（验签、防重放；同一对方单号只受理一次）/ a partner system files a joint order (signed)',
        security: [],
        headers: ExchangeHeaders,
        body: PartnerOrderMessage,
        response: { 200: PartnerOrderAnswer, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => receivePartnerOrder(deps, metaOf(request), request.body),
  );
  if (!adapter.simulator) return;
  app.post(
    PARTNER_SIM_CALLBACK_PATH,
    {
      schema: {
        tags: TAGS,
        summary: '模拟协作部门系统：接收状态与结果回传（验签，按幂等键只生效一次）/ simulated partner: receive a callback',
        security: [],
        headers: ExchangeHeaders,
        body: PartnerCallbackMessage,
        response: { 200: PartnerCallbackAnswer, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => receivePartnerCallback(deps, request.headers, request.body),
  );
}

export function partnerConnectorRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/partner-connector',
    {
      schema: {
        tags: TAGS,
        summary: '协作部门接口状态（是否为本地模拟、回传队列）/ the partner connector’s state',
        response: { 200: PartnerConnectorStatus, 403: ErrorBody },
      },
    },
    async (request) => partnerConnectorStatus(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/partner-connector/simulator/orders',
    {
      schema: {
        tags: TAGS,
        summary: '模拟协作部门派单（本地模拟：由后台任务经签名接口派一张渣土车工单）/ the simulator queues a partner order',
        body: PartnerSimulatorPlayBody,
        response: { 202: PartnerSimulatorQueued, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => reply.status(202).send(await playPartnerOrder(deps, actorOf(request), request.body)),
  );
}
