import { Type } from '@sinclair/typebox';
import {
  CreatePlanBody,
  ErrorBody,
  Page,
  PlanActionBody,
  PlanDetail,
  PlanIdParams,
  PlanListItem,
  PlanListQuery,
  PublicDraw,
  PublicDrawParams,
  QuarterlyPlansBody,
  UpdatePlanBody,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { drawPlan } from './use-cases/draw-plan.ts';
import { getPlan } from './use-cases/get-plan.ts';
import { createQuarterlyPlans, exportPlans, listPlans } from './use-cases/list-plans.ts';
import { approvePlan, reopenPlan, submitPlan } from './use-cases/plan-workflow.ts';
import { publicDraw } from './use-cases/public-draw.ts';
import { createPlan, updatePlan } from './use-cases/save-plan.ts';

const TAGS = ['random-inspections'];
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function randomInspectionRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/inspection-plans',
    {
      schema: {
        tags: TAGS,
        summary: '双随机抽查计划列表 / inspection plans',
        querystring: PlanListQuery,
        response: { 200: Page(PlanListItem), 400: ErrorBody },
      },
    },
    async (request) => listPlans(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/inspection-plans/export.xlsx',
    { schema: { tags: TAGS, summary: '导出抽查计划 / export plans (Excel)', querystring: PlanListQuery } },
    async (request, reply) => sendXlsx(reply, '双随机抽查计划.xlsx', await exportPlans(deps, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/inspection-plans/:id',
    { schema: { tags: TAGS, summary: '抽查计划 / one plan', params: PlanIdParams, response: { 200: PlanDetail, 404: ErrorBody } } },
    async (request) => getPlan(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/inspection-plans',
    {
      schema: {
        tags: TAGS,
        summary: '制定抽查计划（草稿）/ create a draft plan',
        body: CreatePlanBody,
        response: { 201: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createPlan(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.patch(
    '/api/v1/inspection-plans/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改草稿 / edit a draft plan',
        params: PlanIdParams,
        body: UpdatePlanBody,
        response: { 200: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => updatePlan(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspection-plans/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: '提交审批 / submit',
        params: PlanIdParams,
        body: PlanActionBody,
        response: { 200: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => submitPlan(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspection-plans/:id/approve',
    {
      schema: {
        tags: TAGS,
        summary: '审批：冻结抽查对象与人员名录，公布随机种子承诺与输入摘要 / approve: freeze the pools, publish the commitment',
        params: PlanIdParams,
        body: PlanActionBody,
        response: { 200: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => approvePlan(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspection-plans/:id/reopen',
    {
      schema: {
        tags: TAGS,
        summary: '退回草稿（抽取前）/ send back to draft before the draw',
        params: PlanIdParams,
        body: PlanActionBody,
        response: { 200: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => reopenPlan(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspection-plans/:id/draw',
    {
      schema: {
        tags: TAGS,
        summary: '抽取：公布种子，随机抽取对象与检查组，生成检查任务 / draw: reveal the seed, draw, write the tasks',
        params: PlanIdParams,
        body: PlanActionBody,
        response: { 200: PlanDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => drawPlan(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/inspection-plans/:id/quarterly-plans',
    {
      schema: {
        tags: TAGS,
        summary: '按本计划生成某年四个季度的草稿计划 / the four quarterly drafts of a year from this plan',
        params: PlanIdParams,
        body: QuarterlyPlansBody,
        response: { 201: Type.Array(PlanDetail), ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createQuarterlyPlans(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
}

/** Public (no login): what a draw publishes, for anyone to re-run it. */
export function publicRandomInspectionRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/public/draws/:planId',
    {
      schema: {
        tags: TAGS,
        summary: '双随机抽取公开记录（公开）/ the public record of a draw',
        security: [],
        params: PublicDrawParams,
        response: { 200: PublicDraw, 404: ErrorBody },
      },
    },
    async (request) => publicDraw(deps, request.params.planId),
  );
}
