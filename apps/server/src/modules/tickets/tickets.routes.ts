import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import {
  ConvertTicketBody,
  CreateTicketBody,
  ErrorBody,
  Page,
  TicketCategory,
  TicketDetail,
  TicketExtensionBody,
  TicketExtensionDecisionBody,
  TicketListQuery,
  TicketRates,
  TicketRatesQuery,
  TicketRatesTable,
  TicketRatesTableQuery,
  TicketStepBody,
  TicketSummary,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { idempotencyClaimOf } from '../../http/unit-of-work.ts';
import { sendTogetherAnswer, writeTogetherQueue } from '../../http/write-together.ts';
import { convertTicketToCase } from './use-cases/convert.ts';
import { createTickets, intakeByOf, intakeConflictKey, type CreateTicketRequest } from './use-cases/intake.ts';
import { exportTicketRatesTable, getTicketRatesTable } from './use-cases/rates-table.ts';
import { exportTickets, getTicket, getTicketRates, listTicketCategories, listTickets } from './use-cases/read-tickets.ts';
import { decideTicketExtension, requestTicketExtension, STEP_PATHS, takeTicketStep, type StepAction } from './use-cases/steps.ts';

const TAGS = ['tickets'];
/** The most intake requests written in one transaction. */
const INTAKE_BATCH_MAX = 100;
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const STEP_SUMMARY: Record<StepAction, string> = {
  accept: '签收 / accept',
  dispatch: '派遣到中队（及队员）/ dispatch to a squad (and officer)',
  startHandling: '开始处置 / start handling',
  recordContact: '先行联系诉求人 / first contact with the reporter',
  reply: '回复处置情况 / reply',
  close: '结案 / close',
  recordCallback: '回访（是否解决、满意程度）/ callback',
  returnTicket: '退单（写明理由）/ return to the sender with a reason',
  reopen: '重新受理（热线重派或回访复核）/ reopen',
  transfer: '转派其他中队（指挥范围内）/ transfer to another squad in scope',
  refer: '移送其他部门（I4）/ refer outside the remit',
  escalate: '督办 / escalate',
  merge: '并入重复件的主件 / merge into a parent',
};

export function ticketRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/ticket-categories',
    { schema: { tags: TAGS, summary: '诉件分类 / ticket categories', response: { 200: Type.Array(TicketCategory), 403: ErrorBody } } },
    async (request) => listTicketCategories(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/ticket-rates',
    {
      schema: {
        tags: TAGS,
        summary: '诉件四项指标（24小时先行联系率、及时办结率、实际解决率、市民满意率）/ the four rates',
        querystring: TicketRatesQuery,
        response: { 200: TicketRates, ...ERRORS },
      },
    },
    async (request) => getTicketRates(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/ticket-rates/table',
    {
      schema: {
        tags: TAGS,
        summary: '诉件指标月表（按中队或区局：四项指标与诉转案率）/ the rates per squad or district for a month',
        querystring: TicketRatesTableQuery,
        response: { 200: TicketRatesTable, ...ERRORS },
      },
    },
    async (request) => getTicketRatesTable(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/ticket-rates/table/export.xlsx',
    { schema: { tags: TAGS, summary: '导出诉件指标月表（Excel）/ export the monthly rates table', querystring: TicketRatesTableQuery } },
    async (request, reply) =>
      sendXlsx(reply, `诉件指标-${request.query.month}.xlsx`, await exportTicketRatesTable(deps, actorOf(request), request.query)),
  );
  listWithExportRoutes<TicketListQuery>(app, {
    path: '/api/v1/tickets',
    tags: TAGS,
    summary: '诉件列表（管辖范围内；筛选、分页）/ tickets in the jurisdiction',
    exportSummary: '导出诉件列表（Excel）/ export the tickets',
    filename: '诉件.xlsx',
    querystring: TicketListQuery,
    response: { 200: Page(TicketSummary), 400: ErrorBody, 403: ErrorBody },
    list: (actor, query) => listTickets(deps, actor, query),
    exportXlsx: (actor, query) => exportTickets(deps, actor, query),
  });
  // The tickets of a burst are taken in together, a batch per transaction (use-cases/intake.ts, http/write-together.ts).
  const intake = writeTogetherQueue(deps, (requests: readonly CreateTicketRequest[]) => createTickets(deps, requests), {
    conflictKeyOf: intakeConflictKey,
    maxBatch: INTAKE_BATCH_MAX,
    onDeferredError: (err) => app.log.error({ err }, 'deferred write failed'),
  });
  app.post(
    '/api/v1/tickets',
    {
      config: { ownUnitOfWork: true },
      schema: {
        tags: TAGS,
        summary: '受理诉件（自行发现，或指挥中心录入热线、城运、社区工作室来件；同一来件编号只受理一次）/ take in a ticket',
        body: CreateTicketBody,
        response: { 200: TicketDetail, 201: TicketDetail, ...ERRORS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Refused at once, before it waits for a batch: a bad key, a channel this officer may not take in.
      const claim = idempotencyClaimOf(request);
      intakeByOf(actor, request.body);
      // The answer's JSON as the route's serializer writes it for the status: sent, and stored with the key.
      const serialize = (status: number, detail: TicketDetail) => String(reply.code(status).serialize(detail));
      const answer = await intake.submit({ claim, input: { actor, meta: metaOf(request), body: request.body, serialize } });
      return sendTogetherAnswer(reply as FastifyReply, answer);
    },
  );
  app.get(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: TAGS,
        summary: '诉件页（时限、时间线）/ the ticket page',
        params: IdParams,
        response: { 200: TicketDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getTicket(deps, actorOf(request), request.params.id),
  );
  for (const [action, path] of Object.entries(STEP_PATHS) as [StepAction, string][]) {
    app.post(
      `/api/v1/tickets/:id/${path}`,
      {
        schema: {
          tags: TAGS,
          summary: STEP_SUMMARY[action],
          params: IdParams,
          body: TicketStepBody,
          response: { 200: TicketDetail, ...ERRORS },
        },
      },
      async (request) => takeTicketStep(deps, actorOf(request), metaOf(request), request.params.id, action, request.body),
    );
  }
  app.post(
    '/api/v1/tickets/:id/case',
    {
      schema: {
        tags: TAGS,
        summary: '诉转案：以诉件事实、地点、照片登记案件（来源投诉举报）/ convert the ticket into a case',
        params: IdParams,
        body: ConvertTicketBody,
        response: { 201: TicketDetail, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await convertTicketToCase(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/tickets/:id/extensions',
    {
      schema: {
        tags: TAGS,
        summary: '申请延期（复杂事项或指定日期）/ request an extension',
        params: IdParams,
        body: TicketExtensionBody,
        response: { 200: TicketDetail, ...ERRORS },
      },
    },
    async (request) => requestTicketExtension(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/tickets/:id/extensions/:extensionId/decision',
    {
      schema: {
        tags: TAGS,
        summary: '审批延期申请 / decide on an extension request',
        params: Type.Object({ id: Uuid, extensionId: Uuid }),
        body: TicketExtensionDecisionBody,
        response: { 200: TicketDetail, ...ERRORS },
      },
    },
    async (request) =>
      decideTicketExtension(deps, actorOf(request), metaOf(request), request.params.id, request.params.extensionId, request.body),
  );
}
