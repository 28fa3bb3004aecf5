import { Type } from '@sinclair/typebox';
import {
  CourtFilingBody,
  CourtPackageBody,
  EndReviewLitigationBody,
  EnforcementCheckResult,
  EnforcementListItem,
  EnforcementListQuery,
  EnforcementOverview,
  ErrorBody,
  IssueReminderBody,
  Page,
  ReviewLitigationBody,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendStoredFile } from '../files/index.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { getCourtPackage } from './use-cases/get-court-package.ts';
import { getEnforcement } from './use-cases/get-enforcement.ts';
import { issueReminder } from './use-cases/issue-reminder.ts';
import { exportEnforcementCases, listEnforcementCases } from './use-cases/list-enforcement.ts';
import { prepareCourtPackage } from './use-cases/prepare-court-package.ts';
import { recordCourtFiling } from './use-cases/record-court-filing.ts';
import { endReviewOrLitigation, recordReviewLitigation } from './use-cases/record-review-litigation.ts';
import { runEnforcementCheckNow } from './use-cases/run-enforcement-check.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const IdParams = Type.Object({ id: Uuid });
const ReviewParams = Type.Object({ id: Uuid, reviewId: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const TAGS = ['enforcement'];

/** 执行: the Enforcement tab of a case, the 「强制执行」 list, the daily check on demand. */
export function enforcementRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<EnforcementListQuery>(app, {
    path: '/api/v1/enforcement',
    tags: TAGS,
    summary: '强制执行列表 / enforcement list',
    exportSummary: '导出强制执行列表 / export (Excel)',
    querystring: EnforcementListQuery,
    response: { 200: Page(EnforcementListItem), 400: ErrorBody, 403: ErrorBody },
    filename: '强制执行.xlsx',
    list: (actor, query) => listEnforcementCases(deps, actor, query),
    exportXlsx: (actor, query) => exportEnforcementCases(deps, actor, query),
  });
  app.post(
    '/api/v1/enforcement/check',
    {
      schema: {
        tags: TAGS,
        summary: '执行检查（待催告）/ run the enforcement check now',
        response: { 200: EnforcementCheckResult, 403: ErrorBody },
      },
    },
    async (request) => runEnforcementCheckNow(deps, actorOf(request), metaOf(request)),
  );
  app.get(
    '/api/v1/cases/:id/enforcement',
    {
      schema: {
        tags: TAGS,
        summary: '案件执行情况 / enforcement of a case',
        params: IdParams,
        response: { 200: EnforcementOverview, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getEnforcement(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cases/:id/enforcement/reminder',
    {
      schema: {
        tags: TAGS,
        summary: '生成催告书 / issue the payment reminder',
        params: IdParams,
        body: IssueReminderBody,
        response: { 200: EnforcementOverview, ...ERRORS },
      },
    },
    async (request) => issueReminder(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/cases/:id/enforcement/court-package',
    {
      schema: {
        tags: TAGS,
        summary: '准备强制执行申请材料 / prepare the court package (G3)',
        params: IdParams,
        body: CourtPackageBody,
        response: { 200: EnforcementOverview, ...ERRORS },
      },
    },
    async (request) => prepareCourtPackage(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/cases/:id/enforcement/court-package.zip',
    { schema: { tags: TAGS, summary: '下载强制执行申请材料 / download the court package', params: IdParams } },
    async (request, reply) => {
      const p = await getCourtPackage(deps, actorOf(request), metaOf(request), request.params.id);
      return sendStoredFile(reply, { bytes: p.zip, mime: 'application/zip', sm3: p.sm3, filename: p.filename });
    },
  );
  app.post(
    '/api/v1/cases/:id/enforcement/court-filing',
    {
      schema: {
        tags: TAGS,
        summary: '登记已申请法院强制执行 / record the court filing',
        params: IdParams,
        body: CourtFilingBody,
        response: { 200: EnforcementOverview, ...ERRORS },
      },
    },
    async (request) => recordCourtFiling(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/cases/:id/review-litigations',
    {
      schema: {
        tags: TAGS,
        summary: '登记行政复议/诉讼 / record a review or lawsuit (Art. 73)',
        params: IdParams,
        body: ReviewLitigationBody,
        response: { 200: EnforcementOverview, ...ERRORS },
      },
    },
    async (request) => recordReviewLitigation(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/cases/:id/review-litigations/:reviewId/end',
    {
      schema: {
        tags: TAGS,
        summary: '登记复议/诉讼结束 / record its end',
        params: ReviewParams,
        body: EndReviewLitigationBody,
        response: { 200: EnforcementOverview, ...ERRORS },
      },
    },
    async (request) => {
      const p = request.params;
      return endReviewOrLitigation(deps, actorOf(request), metaOf(request), p.id, p.reviewId, request.body);
    },
  );
}
