import { Type } from '@sinclair/typebox';
import { Sm3Hex } from '@chengguan/contracts';
import {
  CreateInspectionTaskBody,
  ErrorBody,
  InspectionMatter,
  InspectionMatterBody,
  InspectionMatterListQuery,
  InspectionTask,
  InspectionTaskListQuery,
  InspectionVisit,
  OverdueQuery,
  OverdueSummary,
  Page,
  RectificationBody,
  RectificationListQuery,
  RectificationOrder,
  SubmitVisitBody,
  UpdateInspectionMatterBody,
  Uuid,
  VisitCaseBody,
  VisitForm,
  VisitPrepareQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { createMatter, getMatter, listMatters, updateMatter } from './use-cases/matters.ts';
import { exportRectifications, listRectifications, orderRectification, registerCaseFromVisit } from './use-cases/rectification.ts';
import { createTask, exportTasks, listTasks, overdueTasks } from './use-cases/tasks.ts';
import { getVisit, getVisitPhoto, prepareVisit, submitVisit } from './use-cases/visits.ts';
import { sendStoredFile } from '../files/index.ts';

const TAGS = ['inspections'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function inspectionRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/inspection-matters',
    {
      schema: {
        tags: TAGS,
        summary: '检查事项清单 / the inspection matters with their checklists',
        querystring: InspectionMatterListQuery,
        response: { 200: Type.Array(InspectionMatter), 400: ErrorBody },
      },
    },
    async (request) => listMatters(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/inspection-matters/:id',
    { schema: { tags: TAGS, params: IdParams, response: { 200: InspectionMatter, 404: ErrorBody } } },
    async (request) => getMatter(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/inspection-matters',
    {
      schema: {
        tags: TAGS,
        summary: '新增检查事项 / add a matter (admin)',
        body: InspectionMatterBody,
        response: { 201: InspectionMatter, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createMatter(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.put(
    '/api/v1/inspection-matters/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改检查事项（新版本；已布置的任务仍用原版本）/ edit a matter: a new version (admin)',
        params: IdParams,
        body: UpdateInspectionMatterBody,
        response: { 200: InspectionMatter, ...ERRORS },
      },
    },
    async (request) => updateMatter(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  listWithExportRoutes<InspectionTaskListQuery>(app, {
    path: '/api/v1/inspection-tasks',
    tags: TAGS,
    summary: '检查任务 / inspection tasks (mine, my squad’s, the jurisdiction’s)',
    exportSummary: '导出检查任务 / export inspection tasks (Excel)',
    querystring: InspectionTaskListQuery,
    response: { 200: Page(InspectionTask), 400: ErrorBody },
    filename: '检查任务.xlsx',
    list: (actor, q) => listTasks(deps, actor, q),
    exportXlsx: (actor, q) => exportTasks(deps, actor, q),
  });
  app.get(
    '/api/v1/inspection-tasks/overdue',
    {
      schema: {
        tags: TAGS,
        summary: '逾期检查任务：各中队统计与一个中队的清单 / overdue tasks per squad',
        querystring: OverdueQuery,
        response: { 200: OverdueSummary, 400: ErrorBody },
      },
    },
    async (request) => overdueTasks(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/inspection-tasks',
    {
      schema: {
        tags: TAGS,
        summary: '布置专项检查或复查 / set a special inspection or a re-inspection (squad leader)',
        body: CreateInspectionTaskBody,
        response: { 201: InspectionTask, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createTask(deps, actorOf(request), metaOf(request), request.body)),
  );

  app.get(
    '/api/v1/inspection-visits/prepare',
    {
      schema: {
        tags: TAGS,
        summary: '综合查一次：本组在该对象的全部待检任务合并为一张检查表 / the combined form of a visit',
        querystring: VisitPrepareQuery,
        response: { 200: VisitForm, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => prepareVisit(deps, actorOf(request), request.query.subjectId),
  );
  app.post(
    '/api/v1/inspection-visits',
    {
      schema: {
        tags: TAGS,
        summary: '提交检查结果（一次提交完成本组在该对象的全部任务）/ submit a visit',
        body: SubmitVisitBody,
        response: { 201: InspectionVisit, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await submitVisit(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/inspection-visits/:id',
    { schema: { tags: TAGS, params: IdParams, response: { 200: InspectionVisit, 404: ErrorBody } } },
    async (request) => getVisit(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/inspection-visits/:id/photos/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '检查照片（读取时校验 SM3）/ a photo of the visit',
        params: Type.Object({ id: Uuid, sm3: Sm3Hex }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await getVisitPhoto(deps, actorOf(request), metaOf(request), request.params.id, request.params.sm3)),
  );
  app.post(
    '/api/v1/inspection-visits/:id/rectification',
    {
      schema: {
        tags: TAGS,
        summary: '责令改正（生成同组复查任务）/ order rectification with a re-inspection',
        params: IdParams,
        body: RectificationBody,
        response: { 201: InspectionVisit, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await orderRectification(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/inspection-visits/:id/case',
    {
      schema: {
        tags: TAGS,
        summary: '检查转立案 / register a case from the visit',
        params: IdParams,
        body: VisitCaseBody,
        response: { 201: InspectionVisit, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerCaseFromVisit(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  listWithExportRoutes<RectificationListQuery>(app, {
    path: '/api/v1/rectification-orders',
    tags: TAGS,
    summary: '责令改正 / rectification orders',
    exportSummary: '导出责令改正 / export rectification orders (Excel)',
    querystring: RectificationListQuery,
    response: { 200: Page(RectificationOrder), 400: ErrorBody },
    filename: '责令改正.xlsx',
    list: (actor, q) => listRectifications(deps, actor, q),
    exportXlsx: (actor, q) => exportRectifications(deps, actor, q),
  });
}
