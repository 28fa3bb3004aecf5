import { Type } from '@sinclair/typebox';
import {
  BureauIdQuery,
  CreditCatalogueLineView,
  CreditCatalogueQuery,
  CreditPlatformMessage,
  CreditRecordQuery,
  CreditRecordView,
  CreditRepairQuery,
  CreditRepairView,
  CreditReportBody,
  CreditReportView,
  CreditSettingsView,
  DecideCreditRepairBody,
  ErrorBody,
  Page,
  PageQuery,
  PortalCreditRepairBody,
  PortalCreditState,
  PutCreditSettingsBody,
  SaveCreditCatalogueLineBody,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { assertInJurisdiction, assertPermission } from '../../shared/access.ts';
import { readDocumentPdf } from '../documents/index.ts';
import { sendStoredFile } from '../files/index.ts';
import { authenticatePortal, portalTokenOf } from '../portal/index.ts';
import { CREDIT_SIM_PATH } from './connector.ts';
import { receiveCreditMessage } from './simulator.ts';
import { exportCreditRecords, getCreditRecord, listCreditRecords } from './use-cases/records.ts';
import { applyForRepair, decideRepair, exportRepairs, listRepairs, portalCreditState } from './use-cases/repairs.ts';
import { issueCreditReport, listCreditReports } from './use-cases/report.ts';
import { exportCatalogue, getCreditSettings, listCatalogue, putCreditSettings, saveCatalogueLine } from './use-cases/settings.ts';

const TAGS = ['credit'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParams = Type.Object({ id: Uuid });

export function creditRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/credit/settings',
    {
      schema: {
        tags: TAGS,
        summary: '信用设置（公示期、最短公示期、修复条件）/ credit settings',
        querystring: BureauIdQuery,
        response: { 200: CreditSettingsView, ...READ_ERRORS },
      },
    },
    async (request) => getCreditSettings(deps, actorOf(request), request.query),
  );
  app.put(
    '/api/v1/credit/settings',
    {
      schema: {
        tags: TAGS,
        summary: '修改信用设置 / change the credit settings',
        body: PutCreditSettingsBody,
        response: { 200: CreditSettingsView, ...WRITE_ERRORS },
      },
    },
    async (request) => putCreditSettings(deps, actorOf(request), metaOf(request), request.body),
  );
  listWithExportRoutes<CreditCatalogueQuery>(app, {
    path: '/api/v1/credit/catalogue',
    tags: TAGS,
    summary: '信用目录 / the credit catalogue',
    exportSummary: '导出信用目录 / export the credit catalogue',
    querystring: CreditCatalogueQuery,
    response: { 200: Page(CreditCatalogueLineView), ...READ_ERRORS },
    filename: '信用目录.xlsx',
    list: (actor, q) => listCatalogue(deps, actor, q),
    exportXlsx: (actor, q) => exportCatalogue(deps, actor, q),
  });
  app.post(
    '/api/v1/credit/catalogue',
    {
      schema: {
        tags: TAGS,
        summary: '设定信用目录条目（按违法行为代码）/ save a catalogue line',
        body: SaveCreditCatalogueLineBody,
        response: { 200: CreditCatalogueLineView, ...WRITE_ERRORS },
      },
    },
    async (request) => saveCatalogueLine(deps, actorOf(request), metaOf(request), request.body),
  );
  listWithExportRoutes<CreditRecordQuery>(app, {
    path: '/api/v1/credit/records',
    tags: TAGS,
    summary: '信用记录 / credit records',
    exportSummary: '导出信用记录 / export credit records',
    querystring: CreditRecordQuery,
    response: { 200: Page(CreditRecordView), ...READ_ERRORS },
    filename: '信用记录.xlsx',
    list: (actor, q) => listCreditRecords(deps, actor, q),
    exportXlsx: (actor, q) => exportCreditRecords(deps, actor, q),
  });
  app.get(
    '/api/v1/credit/records/:id',
    {
      schema: {
        tags: TAGS,
        summary: '信用记录详情 / a credit record',
        params: IdParams,
        response: { 200: CreditRecordView, ...READ_ERRORS },
      },
    },
    async (request) => getCreditRecord(deps, actorOf(request), request.params.id),
  );
  listWithExportRoutes<CreditRepairQuery>(app, {
    path: '/api/v1/credit/repairs',
    tags: TAGS,
    summary: '信用修复申请 / credit repair applications',
    exportSummary: '导出信用修复申请 / export repair applications',
    querystring: CreditRepairQuery,
    response: { 200: Page(CreditRepairView), ...READ_ERRORS },
    filename: '信用修复申请.xlsx',
    list: (actor, q) => listRepairs(deps, actor, q),
    exportXlsx: (actor, q) => exportRepairs(deps, actor, q),
  });
  app.post(
    '/api/v1/credit/repairs/:id/decision',
    {
      schema: {
        tags: TAGS,
        summary: '审核信用修复申请（准予则撤回公示并报送信用平台）/ decide a repair',
        params: IdParams,
        body: DecideCreditRepairBody,
        response: { 200: CreditRepairView, ...WRITE_ERRORS },
      },
    },
    async (request) => decideRepair(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/credit/reports',
    {
      schema: {
        tags: TAGS,
        summary: '出具专用信用报告（签章 PDF，可公开核验）/ issue a credit report',
        body: CreditReportBody,
        response: { 200: CreditReportView, ...WRITE_ERRORS },
      },
    },
    async (request) => issueCreditReport(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/credit/reports',
    {
      schema: {
        tags: TAGS,
        summary: '已出具的专用信用报告 / issued credit reports',
        querystring: Type.Object({ bureauId: Uuid, ...PageQuery }),
        response: { 200: Page(CreditReportView), ...READ_ERRORS },
      },
    },
    async (request) => listCreditReports(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/credit/reports/:id/pdf',
    { schema: { tags: TAGS, summary: '下载专用信用报告 PDF / download a credit report', params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) => {
      const actor = actorOf(request);
      assertPermission(actor, 'credit:read');
      const row = await deps.db
        .selectFrom('credit_reports as r')
        .innerJoin('orgs as g', 'g.id', 'r.bureau_id')
        .innerJoin('documents as d', 'd.id', 'r.document_id')
        .select(['r.document_id', 'g.path', 'd.pdf_sm3'])
        .where('r.id', '=', request.params.id)
        .executeTakeFirst();
      assertInJurisdiction(actor, row?.path);
      const bytes = await readDocumentPdf(deps, deps.db, row!.document_id, { actor, meta: metaOf(request) });
      return sendStoredFile(reply, { bytes, mime: 'application/pdf', sm3: row!.pdf_sm3, filename: '专用信用报告.pdf' }, { inline: true });
    },
  );
}

/** The party's portal (his case's record and repair) and the credit platform simulator's receiving end. */
export function publicCreditRoutes(app: RouteApp, deps: Deps): void {
  const PORTAL_ERRORS = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
  app.get(
    '/api/portal/credit',
    {
      schema: {
        tags: ['portal'],
        summary: '本案信用记录与修复申请 / the credit record of my case',
        security: [],
        response: { 200: PortalCreditState, 401: ErrorBody },
      },
    },
    async (request) => portalCreditState(deps, (await authenticatePortal(deps, portalTokenOf(request))).caseId),
  );
  app.post(
    '/api/portal/credit/repairs',
    {
      // The session is checked before the body: without one the answer is 401 and nothing else.
      preValidation: async (request) => {
        await authenticatePortal(deps, portalTokenOf(request));
      },
      schema: {
        tags: ['portal'],
        summary: '申请信用修复（未满最短公示期的，告知可申请日期）/ apply for credit repair',
        security: [],
        body: PortalCreditRepairBody,
        response: { 200: PortalCreditState, ...PORTAL_ERRORS },
      },
    },
    async (request) => applyForRepair(deps, metaOf(request), await authenticatePortal(deps, portalTokenOf(request)), request.body),
  );
  app.post(
    CREDIT_SIM_PATH,
    {
      config: { idempotencyKey: false },
      schema: {
        tags: TAGS,
        summary: '模拟信用平台：接收信用信息（签名、随机串、幂等）/ the credit platform simulator',
        security: [],
        body: CreditPlatformMessage,
        response: {
          200: Type.Object({ applied: Type.Boolean(), deliveries: Type.Integer() }),
          401: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      if (deps.config.creditPlatform !== 'simulator') throw new AppError('NOT_FOUND');
      return receiveCreditMessage(deps, request.headers, request.body);
    },
  );
}
