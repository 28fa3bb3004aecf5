import { Type } from '@sinclair/typebox';
import {
  ConfirmationToken,
  ConfirmPartyBody,
  CreatedPartyConfirmation,
  ErrorBody,
  PartyConfirmation,
  PublicPartyConfirmation,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { addressKey, throttleGate } from '../throttle/index.ts';
import {
  confirmParty,
  createPartyConfirmation,
  getPartyConfirmation,
  getPublicPartyConfirmation,
} from './party-confirmations.use-cases.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['cases'];

/** The officer's side, under the authenticated /api/v1 scope. */
export function partyConfirmationRoutes(app: RouteApp, deps: Deps): void {
  app.post(
    '/api/v1/party-confirmations',
    {
      schema: {
        tags: TAGS,
        summary: '生成当事人扫码确认码 / create a party QR confirmation',
        response: { 201: CreatedPartyConfirmation, 403: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createPartyConfirmation(deps, actorOf(request), metaOf(request))),
  );
  app.get(
    '/api/v1/party-confirmations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '查询当事人扫码确认 / poll a party confirmation',
        params: Type.Object({ id: Uuid }),
        response: { 200: PartyConfirmation, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getPartyConfirmation(deps, actorOf(request), request.params.id),
  );
}

/** The party's side: public (no login), reached from the QR code; the token is the only key. */
export function publicPartyConfirmationRoutes(app: RouteApp, deps: Deps): void {
  const params = Type.Object({ token: ConfirmationToken });
  app.get(
    '/api/public/party-confirmations/:token',
    {
      schema: {
        tags: TAGS,
        summary: '当事人查看确认请求 / the party opens the QR link (public)',
        security: [],
        params,
        response: { 200: PublicPartyConfirmation, 404: ErrorBody },
      },
    },
    async (request) => getPublicPartyConfirmation(deps, request.params.token),
  );
  app.post(
    '/api/public/party-confirmations/:token',
    {
      // Every attempt counts against the client address's limit of failed anonymous attempts; a confirmation gives
      // it back. So a phone that guesses tokens, or floods one code, is refused (429) instead of audited each time.
      preHandler: throttleGate(deps, (request) => [addressKey('public_address', request.ip)]),
      schema: {
        tags: TAGS,
        summary: '当事人确认身份信息 / the party confirms his identity (public)',
        security: [],
        params,
        body: ConfirmPartyBody,
        response: { 200: PublicPartyConfirmation, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => confirmParty(deps, metaOf(request), request.params.token, request.body),
  );
}
