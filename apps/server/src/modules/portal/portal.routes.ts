import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  PortalCase,
  PortalCodeRequestBody,
  PortalCodeRequested,
  PortalHearingBody,
  PortalLoginBody,
  PortalServiceConsentBody,
  PortalStatementBody,
  PortalUploadedFile,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { metaOf } from '../../http/auth-hook.ts';
import { authenticatePortal, clearPortalCookie, portalTokenOf, setPortalCookie } from './portal-session.ts';
import { partyDocumentPdf } from './portal-documents.ts';
import { getPortalCase, offsiteEvidence } from './use-cases/get-portal-case.ts';
import { readStoredFileOrFail } from '../files/index.ts';
import { findCase } from '../cases/index.ts';
import { openPortalSession } from './use-cases/open-session.ts';
import { portalPaymentRoutes } from './portal-payments.routes.ts';
import { citizenPortalRoutes } from './portal-citizen.routes.ts';
import {
  MAX_PORTAL_FILE_BYTES,
  PORTAL_FILE_TYPES,
  requestPortalHearing,
  signPortalServiceConsent,
  submitPortalStatement,
  uploadPortalFile,
} from './use-cases/portal-steps.ts';
import { requestPortalCode } from './use-cases/request-code.ts';
import { findPortalSession, revokePortalSession } from './portal.repository.ts';
import { tokenHash } from '../auth/index.ts';
import { addressKey, throttleGate } from '../throttle/index.ts';
import { sendStoredFile } from '../files/index.ts';
import { type RouteApp, withSchemaTypes } from '../../platform/server-module.ts';

const TAGS = ['portal'];
const PORTAL_ERRORS = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/**
 * 当事人门户: public (no console login). The login answers a cookie `cg_portal`; every other route reaches only the
 * case of that session. Mutations are naturally idempotent per case state (the steps refuse a repeat they forbid).
 */
export function publicPortalRoutes(app: RouteApp, deps: Deps): void {
  void app.register(async (instance) => {
    const scope = withSchemaTypes(instance);
    // The party's attachments are the body; any declared type but JSON reaches the upload, which refuses the wrong ones by name.
    scope.removeContentTypeParser('text/plain');
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PORTAL_FILE_BYTES }, (_r, body, done) => done(null, body));
    const session = (request: FastifyRequest) => authenticatePortal(deps, portalTokenOf(request));

    scope.post(
      '/api/portal/code',
      {
        preHandler: throttleGate(deps, (request) => [addressKey('portal_code_address', request.ip)]),
        schema: {
          tags: TAGS,
          summary: '获取短信验证码 / request a one-time code (same answer whether or not the number exists)',
          security: [],
          body: PortalCodeRequestBody,
          response: { 200: PortalCodeRequested, 400: ErrorBody, 429: ErrorBody },
        },
      },
      async (request) => requestPortalCode(deps, metaOf(request), request.body),
    );
    scope.post(
      '/api/portal/session',
      {
        // The answer opens a session (its token in a cookie), not to be kept in the clear for a replay.
        config: { idempotencyKey: false },
        preHandler: throttleGate(deps, (request) => [addressKey('public_address', request.ip)]),
        schema: {
          tags: TAGS,
          summary: '验证码登录 / log in with the document number and the code',
          security: [],
          body: PortalLoginBody,
          response: { 200: PortalCase, 400: ErrorBody, 401: ErrorBody, 410: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const opened = await openPortalSession(deps, metaOf(request), request.body);
        const s = await authenticatePortal(deps, opened.token);
        setPortalCookie(reply, deps, opened.token, opened.absoluteExpiresAt);
        return getPortalCase(deps, s);
      },
    );
    scope.delete('/api/portal/session', { schema: { tags: TAGS, summary: '退出 / log out', security: [] } }, async (request, reply) => {
      const token = portalTokenOf(request);
      const row = token ? await findPortalSession(deps.db, tokenHash(token)) : undefined;
      if (row) await revokePortalSession(deps.db, row.id, deps.clock.now());
      clearPortalCookie(reply);
      return reply.status(204).send(null);
    });
    scope.get(
      '/api/portal/case',
      {
        schema: {
          tags: TAGS,
          summary: '我的案件 / the case of this portal session',
          security: [],
          response: { 200: PortalCase, 401: ErrorBody },
        },
      },
      async (request) => getPortalCase(deps, await session(request)),
    );
    scope.get(
      '/api/portal/evidence/:id/file',
      {
        schema: {
          tags: TAGS,
          summary: '查看非现场执法证据（图像、视频；读取时校验 SM3）/ an image or video of my off-site case',
          security: [],
          params: Type.Object({ id: Uuid }),
        },
      },
      async (request, reply) => {
        const s = await session(request);
        const row = await findCase(deps.db, s.caseId);
        const item = row ? (await offsiteEvidence(deps, row)).find((e) => e.id === request.params.id) : undefined;
        if (!item) throw new AppError('NOT_FOUND');
        const bytes = await readStoredFileOrFail(deps, item.file_sm3, {
          actor: null,
          meta: metaOf(request),
          objectType: 'case_evidence',
          objectId: item.id,
          channel: 'portal',
        });
        return sendStoredFile(reply, { bytes, mime: item.mime, sm3: item.file_sm3, filename: item.title }, { inline: true });
      },
    );
    scope.get(
      '/api/portal/documents/:id/pdf',
      {
        schema: {
          tags: TAGS,
          summary: '下载文书 PDF / download one of my documents',
          security: [],
          params: Type.Object({ id: Uuid }),
        },
      },
      async (request, reply) => {
        const s = await session(request);
        const pdf = await partyDocumentPdf(deps, metaOf(request), s.caseId, request.params.id);
        if (!pdf) throw new AppError('NOT_FOUND');
        // Opened in the party's browser: inline, sandboxed, never sniffed.
        return sendStoredFile(
          reply,
          { bytes: pdf.bytes, mime: 'application/pdf', sm3: '', filename: `${pdf.title}.pdf` },
          { inline: true },
        ).removeHeader('x-content-sm3');
      },
    );
    scope.post(
      '/api/portal/files',
      {
        bodyLimit: MAX_PORTAL_FILE_BYTES,
        schema: {
          tags: TAGS,
          summary: '上传附件（图片或 PDF，≤ 10 MB）/ upload an attachment (raw body)',
          security: [],
          consumes: [...PORTAL_FILE_TYPES],
          response: { 201: PortalUploadedFile, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const s = await session(request);
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError('VALIDATION_FAILED', {
            field: 'body',
            message: 'body：请上传图片（JPEG/PNG）或 PDF 文件',
            messageEn: 'body: send a JPEG/PNG image or a PDF as the request body',
          });
        }
        return reply
          .status(201)
          .send(await uploadPortalFile(deps, metaOf(request), s, request.body, request.headers['content-type'] ?? ''));
      },
    );
    scope.post(
      '/api/portal/statement',
      {
        schema: {
          tags: TAGS,
          summary: '提交陈述、申辩 / submit my statement and defence (D2)',
          security: [],
          body: PortalStatementBody,
          response: { 200: PortalCase, ...PORTAL_ERRORS },
        },
      },
      async (request) => {
        const s = await session(request);
        await submitPortalStatement(deps, metaOf(request), s, request.body);
        return getPortalCase(deps, s);
      },
    );
    scope.post(
      '/api/portal/hearing-request',
      {
        schema: {
          tags: TAGS,
          summary: '申请听证 / request a hearing (D4, D5)',
          security: [],
          body: PortalHearingBody,
          response: { 200: PortalCase, ...PORTAL_ERRORS },
        },
      },
      async (request) => {
        const s = await session(request);
        await requestPortalHearing(deps, metaOf(request), s, request.body);
        return getPortalCase(deps, s);
      },
    );
    scope.post(
      '/api/portal/service-consent',
      {
        bodyLimit: 1024 * 1024,
        schema: {
          tags: TAGS,
          summary: '签署电子送达地址确认书 / sign the electronic-service confirmation (F2)',
          security: [],
          body: PortalServiceConsentBody,
          response: { 200: PortalCase, ...PORTAL_ERRORS },
        },
      },
      async (request) => {
        const s = await session(request);
        await signPortalServiceConsent(deps, metaOf(request), s, request.body);
        return getPortalCase(deps, s);
      },
    );
    portalPaymentRoutes(scope, deps, session);
    citizenPortalRoutes(scope, deps);
  });
}
