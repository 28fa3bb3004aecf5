import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CaseDocumentsAnswer,
  DocumentComparison,
  DocumentKindSchema,
  DocumentSettings,
  DocumentSettingsBody,
  DocumentVerification,
  ErrorBody,
  IssueDocumentBody,
  IssuedDocumentCreated,
  IssuedDocumentInfo,
  PreviewTemplateBody,
  RevertTemplateBody,
  Sm3Hex,
  SaveTemplateBody,
  TemplateDetail,
  TemplateScopeQuery,
  TemplateList,
  Uuid,
  VerifyQuery,
  WithdrawDocumentBody,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendStoredFile } from '../files/index.ts';
import {
  downloadDocument,
  getCaseDocuments,
  issueDocumentForCase,
  previewCaseDocument,
  withdrawDocument,
} from './use-cases/case-documents.ts';
import {
  getDocumentSettings,
  getTemplate,
  listTemplates,
  previewTemplate,
  revertTemplate,
  saveDocumentSettings,
  saveTemplate,
  settingsImage,
  uploadSettingsImage,
} from './use-cases/document-admin.ts';
import { compareDocument, verifyDocument } from './use-cases/verify-document.ts';
import { type RouteApp, withSchemaTypes } from '../../platform/server-module.ts';

const TAGS = ['documents'];
const IdParams = Type.Object({ id: Uuid });
const KindParams = Type.Object({ kind: DocumentKindSchema });
const BureauQuery = Type.Object({ bureauId: Type.Optional(Uuid) });
/** A PDF made on request (a preview): shown inline by the console, sandboxed like every served file. */
const sendPdf = (reply: FastifyReply, bytes: Buffer, filename: string) =>
  sendStoredFile(reply, { bytes, mime: 'application/pdf', sm3: '', filename }, { inline: true }).removeHeader('x-content-sm3');

/** Under /api/v1 (authenticated; writes take Idempotency-Key). */
export function documentRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/cases/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '案件文书：已制作的文书与当前阶段可制作的文书 / documents of a case and those its stage allows',
        params: IdParams,
        response: { 200: CaseDocumentsAnswer, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getCaseDocuments(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cases/:id/documents',
    {
      schema: {
        tags: TAGS,
        summary: '制作并签发文书（PDF 固化、SM3、SM2 签名、核验码）/ issue a document',
        params: IdParams,
        body: IssueDocumentBody,
        response: { 201: IssuedDocumentCreated, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issueDocumentForCase(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/cases/:id/documents/preview',
    {
      schema: {
        tags: TAGS,
        summary: '文书样稿（PDF，不保存、不编号）/ preview a document (PDF, not stored)',
        params: IdParams,
        body: IssueDocumentBody,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const body = request.body;
      const bytes = await previewCaseDocument(deps, actorOf(request), request.params.id, body);
      return sendPdf(reply, bytes, `样稿-${body.kind}.pdf`);
    },
  );
  app.post(
    '/api/v1/documents/:id/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: '作废文书（未送达；保留 PDF 与签名，核验页显示已作废）/ withdraw a document issued in error',
        params: IdParams,
        body: WithdrawDocumentBody,
        response: { 200: IssuedDocumentInfo, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => withdrawDocument(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/documents/:id/pdf',
    {
      schema: { tags: TAGS, summary: '下载已签发文书 PDF / download an issued document', params: IdParams, produces: ['application/pdf'] },
    },
    async (request, reply) => {
      const d = await downloadDocument(deps, actorOf(request), metaOf(request), request.params.id);
      return sendStoredFile(reply, { bytes: d.bytes, mime: 'application/pdf', sm3: d.sm3, filename: d.filename }, { inline: true });
    },
  );

  // Templates
  app.get(
    '/api/v1/document-templates',
    {
      schema: {
        tags: TAGS,
        summary: '文书模板列表 / document templates',
        querystring: BureauQuery,
        response: { 200: TemplateList, 403: ErrorBody },
      },
    },
    async (request) => listTemplates(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/document-templates/:kind',
    {
      schema: {
        tags: TAGS,
        summary: '文书模板（当前版本、历史版本、占位符）/ a template with its versions and placeholders',
        params: KindParams,
        querystring: TemplateScopeQuery,
        response: { 200: TemplateDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getTemplate(deps, actorOf(request), request.params.kind, request.query),
  );
  app.post(
    '/api/v1/document-templates/:kind',
    {
      schema: {
        tags: TAGS,
        summary: '保存文书模板新版本 / save a new template version',
        params: KindParams,
        body: SaveTemplateBody,
        response: { 200: TemplateDetail, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => saveTemplate(deps, actorOf(request), metaOf(request), request.params.kind, request.body),
  );
  app.post(
    '/api/v1/document-templates/:kind/revert',
    {
      schema: {
        tags: TAGS,
        summary: '恢复文书模板（作为新版本）/ revert a template (as a new version)',
        params: KindParams,
        body: RevertTemplateBody,
        response: { 200: TemplateDetail, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => revertTemplate(deps, actorOf(request), metaOf(request), request.params.kind, request.body),
  );
  app.post(
    '/api/v1/document-templates/:kind/preview',
    {
      schema: {
        tags: TAGS,
        summary: '模板样稿 PDF（示例数据或真实案件）/ preview a template (sample or real case data)',
        params: KindParams,
        body: PreviewTemplateBody,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const kind = request.params.kind;
      const bytes = await previewTemplate(deps, actorOf(request), kind, request.body);
      return sendPdf(reply, bytes, `样稿-${kind}.pdf`);
    },
  );

  // Seal, signature, names
  app.get(
    '/api/v1/document-settings',
    {
      schema: {
        tags: TAGS,
        summary: '印章与签名设置 / seal and signature settings',
        querystring: BureauQuery,
        response: { 200: DocumentSettings, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getDocumentSettings(deps, actorOf(request), request.query.bureauId),
  );
  app.put(
    '/api/v1/document-settings',
    {
      schema: {
        tags: TAGS,
        summary: '保存印章与签名设置 / save seal and signature settings',
        body: DocumentSettingsBody,
        response: { 200: DocumentSettings, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => saveDocumentSettings(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/document-settings/images/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '本局设置中的印章或签名图片 / the seal or signature image the bureau’s settings refer to',
        params: Type.Object({ sm3: Sm3Hex }),
        querystring: BureauQuery,
        produces: ['image/png'],
      },
    },
    async (request, reply) => {
      const sm3 = request.params.sm3;
      const bytes = await settingsImage(deps, actorOf(request), metaOf(request), request.query.bureauId, sm3);
      return sendStoredFile(reply, { bytes, mime: 'image/png', sm3, filename: 'seal.png' });
    },
  );
  // The image is the body (image/png), read as bytes in this route's own scope.
  void app.register(async (instance) => {
    const scope = withSchemaTypes(instance);
    scope.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, (_r, body, done) => done(null, body));
    scope.post(
      '/api/v1/document-settings/images',
      {
        bodyLimit: 2 * 1024 * 1024,
        schema: {
          tags: TAGS,
          summary: '上传印章或签名 PNG（请求体为图片）/ upload a seal or signature PNG (raw body)',
          querystring: BureauQuery,
          consumes: ['image/png'],
          response: { 201: Type.Object({ sm3: Type.String(), size: Type.Integer() }), 400: ErrorBody, 403: ErrorBody },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) {
          throw new AppError('VALIDATION_FAILED', {
            field: 'body',
            message: 'body：请以 PNG 图片作为请求体',
            messageEn: 'body: send the PNG bytes as the body',
          });
        }
        const r = await uploadSettingsImage(deps, actorOf(request), metaOf(request), request.query.bureauId, request.body);
        return reply.status(201).send(r);
      },
    );
  });
}

/** Public (no login): the verify page reached from the QR code; the code is the only key. */
export function publicDocumentRoutes(app: RouteApp, deps: Deps): void {
  void app.register(async (instance) => {
    const scope = withSchemaTypes(instance);
    scope.addContentTypeParser(/^application\/(pdf|octet-stream)/, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_r, body, done) =>
      done(null, body),
    );
    scope.get(
      '/api/public/documents/:id/verify',
      {
        schema: {
          tags: TAGS,
          summary: '文书核验（公开）/ verify a document (public)',
          security: [],
          params: IdParams,
          querystring: VerifyQuery,
          response: { 200: DocumentVerification, 404: ErrorBody },
        },
      },
      async (request) => verifyDocument(deps, metaOf(request), request.params.id, request.query.c),
    );
    scope.post(
      '/api/public/documents/:id/verify',
      {
        bodyLimit: 20 * 1024 * 1024,
        schema: {
          tags: TAGS,
          summary: '比对手中的 PDF 与签发文书（公开，请求体为 PDF）/ compare a PDF with the issued one (public, raw body)',
          security: [],
          params: IdParams,
          querystring: VerifyQuery,
          consumes: ['application/pdf'],
          response: { 200: DocumentComparison, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          throw new AppError('VALIDATION_FAILED', {
            field: 'body',
            message: 'body：请以 PDF 文件作为请求体',
            messageEn: 'body: send the PDF bytes as the body',
          });
        }
        return compareDocument(deps, request.params.id, request.query.c, request.body);
      },
    );
  });
}
