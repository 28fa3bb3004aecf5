// 城管进社区 routes (docs/workrooms.md).
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  Page,
  StallComplaintAnswer,
  Uuid,
  Workroom,
  WorkroomActivity,
  WorkroomActivityBody,
  WorkroomBody,
  WorkroomComplaintBody,
  WorkroomCounts,
  WorkroomCountsQuery,
  WorkroomListQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { assertPermission } from '../../shared/access.ts';
import {
  addActivity,
  createWorkroom,
  exportWorkrooms,
  listActivities,
  listWorkrooms,
  receiveComplaint,
  workroomCounts,
  workroomVisibleOrFail,
} from './workrooms.ts';

const TAGS = ['workrooms'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function workroomRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<WorkroomListQuery>(app, {
    path: '/api/v1/workrooms',
    tags: TAGS,
    summary: '城管执法社区工作室 / community workrooms',
    exportSummary: '导出社区工作室 / export (Excel)',
    querystring: WorkroomListQuery,
    response: { 200: Page(Workroom), 403: ErrorBody },
    filename: '社区工作室.xlsx',
    list: (actor, q) => listWorkrooms(deps, actor, q),
    exportXlsx: (actor, q) => exportWorkrooms(deps, actor, q),
  });
  app.post(
    '/api/v1/workrooms',
    {
      schema: {
        tags: TAGS,
        summary: '设立社区工作室（驻点人员与开放时间）/ set up a workroom',
        body: WorkroomBody,
        response: { 201: Workroom, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createWorkroom(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/workrooms/:id/activities',
    {
      schema: {
        tags: TAGS,
        summary: '工作室活动 / activities',
        params: IdParams,
        response: { 200: Type.Array(WorkroomActivity), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listActivities(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/workrooms/:id/activities',
    {
      schema: {
        tags: TAGS,
        summary: '记录活动（可标记为城管进社区周活动）/ record an activity (optionally of the 城管进社区 week)',
        params: IdParams,
        body: WorkroomActivityBody,
        response: { 201: WorkroomActivity, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addActivity(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/workrooms/:id/complaints',
    {
      // The role and the workroom first: another district's workroom is 404 whatever the body says.
      preValidation: async (request) => {
        const actor = actorOf(request);
        assertPermission(actor, 'ticket:write');
        await workroomVisibleOrFail(deps.db, actor, (request.params as { id: string }).id);
      },
      schema: {
        tags: TAGS,
        summary: '工作室受理的投诉（进入诉件处置，渠道：社区工作室）/ a complaint received at the workroom (a ticket)',
        params: IdParams,
        body: WorkroomComplaintBody,
        response: { 201: StallComplaintAnswer, ...ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await receiveComplaint(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/workroom-counts',
    {
      schema: {
        tags: TAGS,
        summary: '城管进社区统计（驾驶舱）/ workroom numbers for the cockpit',
        querystring: WorkroomCountsQuery,
        response: { 200: WorkroomCounts, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertPermission(actor, 'duty:read');
      return workroomCounts(deps.db, actor.jurisdictionPath, request.query.from, request.query.to);
    },
  );
}
