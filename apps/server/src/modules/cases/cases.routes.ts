import { Type } from '@sinclair/typebox';
import {
  CASE_ACTION_ROUTES,
  CaseDetail,
  CaseListItem,
  CaseListQuery,
  DocNumberPattern,
  DocNumberPatternBody,
  ErrorBody,
  Page,
  RecusalBody,
  RegisterCaseBody,
  SummaryCaseBody,
  SummaryDecisionBody,
  SummaryDraftBody,
  SummaryTicketRange,
  SummaryTicketRangeBody,
  Uuid,
  Workbench,
  WorkbenchQuery,
  WorkbenchSetPage,
  WorkbenchSetParams,
  WorkbenchSetQuery,
  type CaseActionBody,
  type RoutedCaseAction,
} from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { sendStoredFile } from '../files/index.ts';
import { getCase } from './use-cases/get-case.ts';
import { getEvidenceFile, getRecordFile } from './use-cases/get-case-file.ts';
import { listCases } from './use-cases/list-cases.ts';
import { exportCases } from './use-cases/export-cases.ts';
import { getWorkbench, getWorkbenchSet } from './use-cases/get-workbench.ts';
import { registerCase } from './use-cases/register-case.ts';
import { SUMMARY_DECISION_PATH } from './cases.mapper.ts';
import { issueSummaryDecisionOnDraft, issueSummaryTicket } from './use-cases/issue-summary-ticket.ts';
import { recordRecusal } from './use-cases/record-recusal.ts';
import { listDocNumberPatterns, setDocNumberPattern } from './use-cases/doc-number-patterns.ts';
import { createSummaryTicketRange, listSummaryTicketRanges } from './use-cases/summary-ticket-ranges.ts';
import { convertToOrdinary } from './use-cases/convert-to-ordinary.ts';
import { submitFiling } from './use-cases/submit-filing.ts';
import { approveFiling } from './use-cases/approve-filing.ts';
import { rejectFiling } from './use-cases/reject-filing.ts';
import { addEvidence } from './use-cases/add-evidence.ts';
import { recordInspection, recordQuestioning } from './use-cases/record-officer-record.ts';
import { concludeInvestigation } from './use-cases/conclude-investigation.ts';
import { reviewCase } from './use-cases/review-case.ts';
import { completeLegalReview } from './use-cases/complete-legal-review.ts';
import { confirmLegalBasis } from './use-cases/confirm-legal-basis.ts';
import { recordDeliberation } from './use-cases/record-deliberation.ts';
import { issuePriorNotice } from './use-cases/issue-prior-notice.ts';
import { recordStatement } from './use-cases/record-statement.ts';
import { reviewStatement } from './use-cases/review-statement.ts';
import { waiveStatement } from './use-cases/waive-statement.ts';
import { requestHearing } from './use-cases/request-hearing.ts';
import { scheduleHearing } from './use-cases/schedule-hearing.ts';
import { recordHearing } from './use-cases/record-hearing.ts';
import { terminateHearing } from './use-cases/terminate-hearing.ts';
import { decideCase } from './use-cases/decide-case.ts';
import { serveDecision } from './use-cases/serve-decision.ts';
import { recordPayment } from './use-cases/record-payment.ts';
import { approveDeferral } from './use-cases/approve-deferral.ts';
import { startEnforcement } from './use-cases/start-enforcement.ts';
import { concludeEnforcement } from './use-cases/conclude-enforcement.ts';
import { closeCase } from './use-cases/close-case.ts';
import { archiveCase } from './use-cases/archive-case.ts';
import { suspendCase } from './use-cases/suspend-case.ts';
import { resumeCase } from './use-cases/resume-case.ts';
import { extendDeadline } from './use-cases/extend-deadline.ts';
import { transferCase } from './use-cases/transfer-case.ts';
import { collectOnSpot } from './use-cases/collect-on-spot.ts';
import { recordSummaryPayment } from './use-cases/record-summary-payment.ts';
import type { RouteApp } from '../../platform/server-module.ts';

type StepHandler<A extends RoutedCaseAction> = (
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  options: { caseId: string; body: CaseActionBody<A> },
) => Promise<CaseDetail>;

/** One use-case per step; the path and body schema of each come from the contracts. */
const STEP_HANDLERS: { [A in RoutedCaseAction]: StepHandler<A> } = {
  convertToOrdinary,
  submitFiling,
  approveFiling,
  rejectFiling,
  addEvidence,
  recordInspection,
  recordQuestioning,
  concludeInvestigation,
  reviewCase,
  completeLegalReview,
  recordDeliberation,
  confirmLegalBasis,
  issuePriorNotice,
  recordStatement,
  reviewStatement,
  waiveStatement,
  requestHearing,
  scheduleHearing,
  recordHearing,
  terminateHearing,
  decide: decideCase,
  serveDecision,
  recordPayment,
  approveDeferral,
  startEnforcement,
  concludeEnforcement,
  close: closeCase,
  archive: archiveCase,
  suspend: suspendCase,
  resume: resumeCase,
  extendDeadline,
  transfer: transferCase,
  collectOnSpot,
  recordSummaryPayment,
};

const IdParams = Type.Object({ id: Uuid });
const STEP_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function caseRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '案件列表 / cases',
        querystring: CaseListQuery,
        response: { 200: Page(CaseListItem), 400: ErrorBody },
      },
    },
    async (request) => listCases(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/cases/export.xlsx',
    { schema: { tags: ['cases'], summary: '导出案件 / export cases (Excel)', querystring: CaseListQuery } },
    async (request, reply) => sendXlsx(reply, '案件.xlsx', await exportCases(deps, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/cases/workbench',
    {
      schema: {
        tags: ['cases'],
        summary: "办案工作台 / workbench: the first page of my tasks, due soon, overdue (and the squad's overdue cases)",
        querystring: WorkbenchQuery,
        response: { 200: Workbench },
      },
    },
    async (request) => getWorkbench(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/cases/workbench/:set',
    {
      schema: {
        tags: ['cases'],
        summary: '工作台分页 / the next page of one set of the workbench',
        params: WorkbenchSetParams,
        querystring: WorkbenchSetQuery,
        response: { 200: WorkbenchSetPage },
      },
    },
    async (request) => getWorkbenchSet(deps, actorOf(request), request.params.set, request.query),
  );
  app.get(
    '/api/v1/cases/:id',
    { schema: { tags: ['cases'], summary: '案件详情 / case', params: IdParams, response: { 200: CaseDetail, 404: ErrorBody } } },
    async (request) => getCase(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/cases/:id/evidence/:evidenceId/file',
    {
      schema: {
        tags: ['cases'],
        summary: '证据文件（经 SM3 校验）/ the file of an evidence item, checked against its SM3',
        params: Type.Object({ id: Uuid, evidenceId: Uuid }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const p = request.params;
      return sendStoredFile(reply, await getEvidenceFile(deps, actorOf(request), metaOf(request), p.id, p.evidenceId));
    },
  );
  app.get(
    '/api/v1/cases/:id/records/:recordId/file',
    {
      schema: {
        tags: ['cases'],
        summary: '笔录扫描件（经 SM3 校验）/ the scanned 笔录, checked against its SM3',
        params: Type.Object({ id: Uuid, recordId: Uuid }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const p = request.params;
      return sendStoredFile(reply, await getRecordFile(deps, actorOf(request), metaOf(request), p.id, p.recordId));
    },
  );
  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: '登记案件（普通程序）/ register a case',
        body: RegisterCaseBody,
        response: { 201: CaseDetail, ...STEP_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await registerCase(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/cases/summary',
    {
      schema: {
        tags: ['cases'],
        summary: '当场处罚（简易程序，一次提交）/ summary ticket in one call',
        body: SummaryCaseBody,
        response: { 201: CaseDetail, ...STEP_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await issueSummaryTicket(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/cases/summary-drafts',
    {
      schema: {
        tags: ['cases'],
        summary: '当场处罚草稿（登记与照片；条文未核实时先由法制审核确认）/ summary draft: registration and photos (E12)',
        body: SummaryDraftBody,
        response: { 201: CaseDetail, ...STEP_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issueSummaryTicket(deps, actorOf(request), metaOf(request), { ...request.body, draft: true })),
  );
  app.post(
    `/api/v1/cases/:id/${SUMMARY_DECISION_PATH}`,
    {
      schema: {
        tags: ['cases'],
        summary: '对当场处罚草稿作出决定 / the summary decision on a draft',
        params: IdParams,
        body: SummaryDecisionBody,
        response: { 200: CaseDetail, ...STEP_ERRORS },
      },
    },
    async (request) =>
      issueSummaryDecisionOnDraft(deps, actorOf(request), metaOf(request), { caseId: request.params.id, body: request.body }),
  );
  app.post(
    '/api/v1/cases/:id/recusals',
    {
      schema: {
        tags: ['cases'],
        summary: '回避 / recusal (A8)',
        params: IdParams,
        body: RecusalBody,
        response: { 200: CaseDetail, ...STEP_ERRORS },
      },
    },
    async (request) => recordRecusal(deps, actorOf(request), metaOf(request), { caseId: request.params.id, body: request.body }),
  );
  for (const action of Object.keys(CASE_ACTION_ROUTES) as RoutedCaseAction[]) {
    const route = CASE_ACTION_ROUTES[action];
    const handler = STEP_HANDLERS[action] as StepHandler<RoutedCaseAction>;
    app.post(
      `/api/v1/cases/:id/${route.path}`,
      { schema: { tags: ['cases'], summary: action, params: IdParams, body: route.body, response: { 200: CaseDetail, ...STEP_ERRORS } } },
      async (request) => handler(deps, actorOf(request), metaOf(request), { caseId: request.params.id, body: request.body as never }),
    );
  }
  app.get(
    '/api/v1/doc-number-patterns',
    {
      schema: {
        tags: ['cases'],
        summary: '文号规则 / document number patterns',
        querystring: Type.Object({ bureauId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(DocNumberPattern) },
      },
    },
    async (request) => listDocNumberPatterns(deps, actorOf(request), request.query.bureauId),
  );
  app.put(
    '/api/v1/doc-number-patterns',
    {
      schema: {
        tags: ['cases'],
        summary: '设置文号规则 / set a pattern',
        body: DocNumberPatternBody,
        response: { 200: DocNumberPattern, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => setDocNumberPattern(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/summary-ticket-ranges',
    {
      schema: {
        tags: ['cases'],
        summary: '当场处罚决定书号段 / summary ticket ranges (B2)',
        response: { 200: Type.Array(SummaryTicketRange) },
      },
    },
    async (request) => listSummaryTicketRanges(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/summary-ticket-ranges',
    {
      schema: {
        tags: ['cases'],
        summary: '分配号段 / assign a range (B2)',
        body: SummaryTicketRangeBody,
        response: { 201: SummaryTicketRange, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await createSummaryTicketRange(deps, actorOf(request), metaOf(request), request.body)),
  );
}
