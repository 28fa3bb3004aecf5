// 市民投诉 in the portal (issue 13 §1c, §4; docs/portal.md): the citizen signs in with his phone and an SMS code, files
// complaints (tickets of channel `portal`, the tickets module's intake), follows them and rates the answer. Every
// route but the sign-in needs the citizen's session (cookie `cg_citizen`); he reaches only his own tickets.
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CitizenCodeRequestBody,
  CitizenComplaintBody,
  CitizenLoginBody,
  CitizenMe,
  CitizenOptions,
  CitizenRatingBody,
  CitizenTicketDetail,
  CitizenTicketListQuery,
  CitizenTicketPage,
  CitizenUploadedFile,
  ErrorBody,
  PortalCodeRequested,
  Sm3Hex,
  Uuid,
} from '@chengguan/contracts';
import { maskPhone } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { metaOf } from '../../http/auth-hook.ts';
import { tokenHash } from '../auth/index.ts';
import { sendStoredFile } from '../files/index.ts';
import { addressKey, throttleGate } from '../throttle/index.ts';
import {
  type Citizen,
  citizenOptions,
  fileCitizenComplaint,
  getCitizenTicket,
  getCitizenTicketPhoto,
  listCitizenTickets,
  rateCitizenTicket,
} from '../tickets/index.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { authenticateCitizen, type CitizenSession, citizenTokenOf, clearCitizenCookie, setCitizenCookie } from './citizen-session.ts';
import { findCitizenSession, revokeCitizenSession } from './portal.repository.ts';
import { CITIZEN_PHOTO_TYPES, uploadCitizenFile } from './use-cases/citizen-files.ts';
import { openCitizenSession, requestCitizenCode } from './use-cases/citizen-login.ts';
import { MAX_PORTAL_FILE_BYTES } from './use-cases/portal-steps.ts';

const TAGS = ['portal'];
const ERRORS = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const me = (s: CitizenSession) => ({ phone: maskPhone(s.phone), expiresAt: s.expiresAt.toISOString() });
const citizenOf = (s: CitizenSession): Citizen => ({ id: s.citizenId, phone: s.phone });

export function citizenPortalRoutes(scope: RouteApp, deps: Deps): void {
  // The session is checked before the body is validated: without one, every route answers 401 and nothing else.
  const sessions = new WeakMap<FastifyRequest, CitizenSession>();
  const requireCitizen = async (request: FastifyRequest) => {
    sessions.set(request, await authenticateCitizen(deps, citizenTokenOf(request)));
  };
  const session = async (request: FastifyRequest) => sessions.get(request) ?? authenticateCitizen(deps, citizenTokenOf(request));

  scope.post(
    '/api/portal/citizen/code',
    {
      preHandler: throttleGate(deps, (request) => [addressKey('portal_code_address', request.ip)]),
      schema: {
        tags: TAGS,
        summary: '市民投诉：获取短信验证码 / a citizen requests a sign-in code for his mobile phone',
        security: [],
        body: CitizenCodeRequestBody,
        response: { 200: PortalCodeRequested, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => requestCitizenCode(deps, metaOf(request), request.body),
  );
  scope.post(
    '/api/portal/citizen/session',
    {
      // The answer opens a session (its token in a cookie), not to be kept in the clear for a replay.
      config: { idempotencyKey: false },
      preHandler: throttleGate(deps, (request) => [addressKey('public_address', request.ip)]),
      schema: {
        tags: TAGS,
        summary: '市民投诉：手机验证码登录 / a citizen signs in with his phone and the code',
        security: [],
        body: CitizenLoginBody,
        response: { 200: CitizenMe, 400: ErrorBody, 401: ErrorBody, 410: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const opened = await openCitizenSession(deps, metaOf(request), request.body);
      const s = await authenticateCitizen(deps, opened.token);
      setCitizenCookie(reply, deps, opened.token, opened.absoluteExpiresAt);
      return me(s);
    },
  );
  scope.get(
    '/api/portal/citizen/session',
    {
      schema: {
        tags: TAGS,
        summary: '市民投诉：当前登录 / the signed-in citizen',
        security: [],
        response: { 200: CitizenMe, 401: ErrorBody },
      },
    },
    async (request) => me(await session(request)),
  );
  scope.delete(
    '/api/portal/citizen/session',
    { schema: { tags: TAGS, summary: '市民投诉：退出 / sign out', security: [] } },
    async (request, reply) => {
      const token = citizenTokenOf(request);
      const row = token ? await findCitizenSession(deps.db, tokenHash(token)) : undefined;
      if (row) await revokeCitizenSession(deps.db, row.id, deps.clock.now());
      clearCitizenCookie(reply);
      return reply.status(204).send(null);
    },
  );
  scope.get(
    '/api/portal/citizen/options',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：分类、区和地图 / the complaint form’s categories, district bureaus and map',
        security: [],
        response: { 200: CitizenOptions, 401: ErrorBody },
      },
    },
    async (request) => {
      await session(request);
      return citizenOptions(deps);
    },
  );
  scope.post(
    '/api/portal/citizen/files',
    {
      preValidation: requireCitizen,
      bodyLimit: MAX_PORTAL_FILE_BYTES,
      schema: {
        tags: TAGS,
        summary: '市民投诉：上传照片（≤ 10 MB）/ upload a photo (raw body)',
        security: [],
        consumes: [...CITIZEN_PHOTO_TYPES],
        response: { 201: CitizenUploadedFile, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (request, reply) => {
      const s = await session(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'body',
          message: 'body：请上传照片（JPEG/PNG 等图片）',
          messageEn: 'body: send a JPEG/PNG photo as the request body',
        });
      }
      return reply.status(201).send(await uploadCitizenFile(deps, metaOf(request), s, request.body, request.headers['content-type'] ?? ''));
    },
  );
  scope.post(
    '/api/portal/citizen/tickets',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：提交投诉 / file a complaint (a ticket of channel portal)',
        security: [],
        body: CitizenComplaintBody,
        response: { 201: CitizenTicketDetail, ...ERRORS },
      },
    },
    async (request, reply) => {
      const s = await session(request);
      return reply.status(201).send(await fileCitizenComplaint(deps, citizenOf(s), metaOf(request), request.body));
    },
  );
  scope.get(
    '/api/portal/citizen/tickets',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：我的投诉 / my complaints',
        security: [],
        querystring: CitizenTicketListQuery,
        response: { 200: CitizenTicketPage, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => listCitizenTickets(deps, citizenOf(await session(request)), request.query),
  );
  scope.get(
    '/api/portal/citizen/tickets/:id',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：投诉详情、时限与答复 / one of my complaints: state, clocks, the bureau’s answers',
        security: [],
        params: Type.Object({ id: Uuid }),
        response: { 200: CitizenTicketDetail, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getCitizenTicket(deps, citizenOf(await session(request)), request.params.id),
  );
  scope.get(
    '/api/portal/citizen/tickets/:id/photos/:sm3',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：查看我上传的照片 / a photo of my complaint (checked against its SM3)',
        security: [],
        params: Type.Object({ id: Uuid, sm3: Sm3Hex }),
        response: { 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const s = await session(request);
      const p = request.params;
      return sendStoredFile(reply, await getCitizenTicketPhoto(deps, citizenOf(s), metaOf(request), p.id, p.sm3));
    },
  );
  scope.post(
    '/api/portal/citizen/tickets/:id/rating',
    {
      preValidation: requireCitizen,
      schema: {
        tags: TAGS,
        summary: '市民投诉：回访评价 / rate the answer once the complaint is closed',
        security: [],
        params: Type.Object({ id: Uuid }),
        body: CitizenRatingBody,
        response: { 200: CitizenTicketDetail, ...ERRORS },
      },
    },
    async (request) => rateCitizenTicket(deps, citizenOf(await session(request)), metaOf(request), request.params.id, request.body),
  );
}
