import { Type } from '@sinclair/typebox';
import {
  CaseReviewQuery,
  CaseReviewView,
  CreateCaseReviewBody,
  DecideCaseReviewBody,
  ErrorBody,
  Page,
  ReviewMonthQuery,
  ReviewMonthReport,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes, sendPdf, sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { createReview, decideReview, exportReviews, listReviews, monthReport, monthReportPdf, monthReportXlsx } from './reviews.service.ts';

const TAGS = ['reviews'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function reviewRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<CaseReviewQuery>(app, {
    path: '/api/v1/case-reviews',
    tags: TAGS,
    summary: '行政复议与行政诉讼 / reviews and lawsuits',
    exportSummary: '导出复议诉讼 / export reviews and lawsuits',
    querystring: CaseReviewQuery,
    response: { 200: Page(CaseReviewView), ...READ_ERRORS },
    filename: '复议诉讼.xlsx',
    list: (actor, q) => listReviews(deps, actor, q),
    exportXlsx: (actor, q) => exportReviews(deps, actor, q),
  });
  app.post(
    '/api/v1/case-reviews',
    {
      schema: {
        tags: TAGS,
        summary: '登记行政复议或行政诉讼 / record a review or lawsuit',
        body: CreateCaseReviewBody,
        response: { 200: CaseReviewView, ...WRITE_ERRORS },
      },
    },
    async (request) => createReview(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/case-reviews/:id/outcome',
    {
      schema: {
        tags: TAGS,
        summary: '登记复议/诉讼结果与原因（纠错、败诉撤回信用公示）/ record the outcome',
        params: Type.Object({ id: Uuid }),
        body: DecideCaseReviewBody,
        response: { 200: CaseReviewView, ...WRITE_ERRORS },
      },
    },
    async (request) => decideReview(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/case-reviews/monthly',
    {
      schema: {
        tags: TAGS,
        summary: '月度纠错/败诉通报 / the monthly correction and loss report',
        querystring: ReviewMonthQuery,
        response: { 200: ReviewMonthReport, ...READ_ERRORS },
      },
    },
    async (request) => monthReport(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/case-reviews/monthly/export.xlsx',
    { schema: { tags: TAGS, summary: '导出月度纠错/败诉通报 / export the monthly report', querystring: ReviewMonthQuery } },
    async (request, reply) =>
      sendXlsx(reply, `纠错败诉通报-${request.query.month}.xlsx`, await monthReportXlsx(deps, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/case-reviews/monthly/report.pdf',
    {
      schema: {
        tags: TAGS,
        summary: '月度纠错/败诉通报（PDF，可打印）/ the monthly report, printable',
        querystring: ReviewMonthQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) =>
      sendPdf(reply, `纠错败诉通报-${request.query.month}.pdf`, await monthReportPdf(deps, actorOf(request), request.query)),
  );
}
