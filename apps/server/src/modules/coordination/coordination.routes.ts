import { Type } from '@sinclair/typebox';
import {
  CompleteJointActionBody,
  CreateJointActionBody,
  CreateJointOrderBody,
  CreatePartnerUnitBody,
  ErrorBody,
  JOINT_ORDER_ACTION_CODES,
  JointActionDetail,
  JointActionListQuery,
  JointActionReportBody,
  JointActionSummary,
  JointOrderDetail,
  JointOrderListQuery,
  JointOrderStepBody,
  JointOrderSummary,
  JointOrderTicketBody,
  Page,
  PartnerAccountBody,
  PartnerUnit,
  Sm3Hex,
  Uuid,
  type JointOrderActionCode,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { sendStoredFile } from '../files/index.ts';
import {
  completeJointAction,
  createJointAction,
  getJointAction,
  listJointActions,
  reportJointActionTask,
} from './use-cases/joint-actions.ts';
import { takeJointOrderStep } from './use-cases/joint-order-step.ts';
import { ticketFromJointOrder } from './use-cases/joint-order-ticket.ts';
import { partnerConnectorRoutes } from './connector/connector.routes.ts';
import { createJointOrder, exportJointOrders, getJointOrder, getJointOrderPhoto, listJointOrders } from './use-cases/joint-orders.ts';
import { createPartner, linkPartnerAccountTo, listPartners } from './use-cases/partners.ts';

const TAGS = ['coordination'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const STEP_SUMMARY: Record<JointOrderActionCode, string> = {
  accept: '接单（承办方）/ accept (handler)',
  report: '处置反馈：结果与照片（承办方）/ report back with result and photos (handler)',
  confirm: '确认办结（派单方）/ confirm (originator)',
  reject: '退回重办，写明理由（派单方）/ send back with a reason (originator)',
  return: '退单，写明理由（承办方）/ return with a reason (handler)',
  redispatch: '退单后重新派单（派单方）/ dispatch again after a return (originator)',
  cancel: '撤单（派单方）/ cancel (originator)',
};

export function coordinationRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/partner-units',
    {
      schema: {
        tags: TAGS,
        summary: '协作部门（市级与本局）/ partner departments',
        response: { 200: Type.Array(PartnerUnit), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listPartners(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/partner-units',
    {
      schema: {
        tags: TAGS,
        summary: '新增协作部门（管理员；可设本部门工单时限）/ add a partner department',
        body: CreatePartnerUnitBody,
        response: { 201: PartnerUnit, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createPartner(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/partner-units/:id/accounts',
    {
      schema: {
        tags: TAGS,
        summary: '关联协作部门账户（协作部门角色）/ link a partner-role account to its unit',
        params: IdParams,
        body: PartnerAccountBody,
        response: { 200: PartnerUnit, ...ERRORS },
      },
    },
    async (request) => linkPartnerAccountTo(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  listWithExportRoutes<JointOrderListQuery>(app, {
    path: '/api/v1/joint-orders',
    tags: TAGS,
    summary: '联合工单列表（管辖范围或本协作部门；筛选、分页）/ joint work orders',
    exportSummary: '导出联合工单（Excel）/ export the joint work orders',
    filename: '联合工单.xlsx',
    querystring: JointOrderListQuery,
    response: { 200: Page(JointOrderSummary), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    list: (actor, query) => listJointOrders(deps, actor, query),
    exportXlsx: (actor, query) => exportJointOrders(deps, actor, query),
  });
  app.post(
    '/api/v1/joint-orders',
    {
      schema: {
        tags: TAGS,
        summary: '派联合工单（协作部门派城管，或城管派协作部门）/ dispatch a joint work order',
        body: CreateJointOrderBody,
        response: { 201: JointOrderDetail, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createJointOrder(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/joint-orders/:id',
    {
      schema: {
        tags: TAGS,
        summary: '联合工单页（时限、时间线、可办操作）/ the joint order page',
        params: IdParams,
        response: { 200: JointOrderDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getJointOrder(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/joint-orders/:id/photos/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '联合工单处置照片（经SM3核验）/ a photo of the order’s report, checked against its SM3',
        params: Type.Object({ id: Uuid, sm3: Sm3Hex }),
        response: { 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await getJointOrderPhoto(deps, actorOf(request), metaOf(request), request.params.id, request.params.sm3)),
  );
  for (const action of JOINT_ORDER_ACTION_CODES) {
    app.post(
      `/api/v1/joint-orders/:id/${action}`,
      {
        schema: {
          tags: TAGS,
          summary: STEP_SUMMARY[action],
          params: IdParams,
          body: JointOrderStepBody,
          response: { 200: JointOrderDetail, ...ERRORS },
        },
      },
      async (request) => takeJointOrderStep(deps, actorOf(request), metaOf(request), request.params.id, action, request.body),
    );
  }
  app.post(
    '/api/v1/joint-orders/:id/ticket',
    {
      schema: {
        tags: TAGS,
        summary: '联合工单转为诉件（指挥中心；按诉件派遣与时限办理，双向关联）/ make a ticket of a joint order',
        params: IdParams,
        body: JointOrderTicketBody,
        response: { 200: JointOrderDetail, ...ERRORS },
      },
    },
    async (request) => ticketFromJointOrder(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  partnerConnectorRoutes(app, deps);

  app.get(
    '/api/v1/joint-actions',
    {
      schema: {
        tags: TAGS,
        summary: '联合行动列表（指挥范围或参战单位）/ coordinated actions',
        querystring: JointActionListQuery,
        response: { 200: Page(JointActionSummary), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listJointActions(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/joint-actions',
    {
      schema: {
        tags: TAGS,
        summary: '发起联合行动（街镇统一指挥：区域、时段、目标、参战中队与任务）/ launch a coordinated action',
        body: CreateJointActionBody,
        response: { 201: JointActionDetail, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createJointAction(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/joint-actions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '联合行动页（各参战单位进度）/ the action page with each participant’s progress',
        params: IdParams,
        response: { 200: JointActionDetail, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getJointAction(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/joint-actions/:id/tasks/:taskId/report',
    {
      schema: {
        tags: TAGS,
        summary: '参战单位反馈任务完成情况 / a participant reports its task',
        params: Type.Object({ id: Uuid, taskId: Uuid }),
        body: JointActionReportBody,
        response: { 200: JointActionDetail, ...ERRORS },
      },
    },
    async (request) =>
      reportJointActionTask(deps, actorOf(request), metaOf(request), request.params.id, request.params.taskId, request.body),
  );
  app.post(
    '/api/v1/joint-actions/:id/complete',
    {
      schema: {
        tags: TAGS,
        summary: '结束联合行动（未全部反馈须写明情况）/ complete the action',
        params: IdParams,
        body: CompleteJointActionBody,
        response: { 200: JointActionDetail, ...ERRORS },
      },
    },
    async (request) => completeJointAction(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}
