// 上海摊 routes (docs/stall-map.md): the officers' register under /api/v1, the public map without login, and the
// citizen's complaint about a point (portal session).
import { Type } from '@sinclair/typebox';
import {
  DistrictFeatureCollection,
  ErrorBody,
  MapConfig,
  Page,
  PublicStallPoint,
  PublicStallQuery,
  StallComplaintAnswer,
  StallComplaintBody,
  StallPoint,
  StallPointBody,
  StallPointListQuery,
  StallPointStepBody,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getPublicMapData } from '../geo/index.ts';
import { authenticateCitizen, citizenTokenOf } from '../portal/index.ts';
import { complainAboutStall, exportStallPoints, listStallPoints, publicStallPoints, saveStallPoint, stallPointStep } from './stalls.ts';

const TAGS = ['stall-points'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function stallRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<StallPointListQuery>(app, {
    path: '/api/v1/stall-points',
    tags: TAGS,
    summary: '设摊点位（特色点、疏导点、外摆位）/ stall points',
    exportSummary: '导出设摊点位 / export (Excel)',
    querystring: StallPointListQuery,
    response: { 200: Page(StallPoint), 403: ErrorBody },
    filename: '设摊点位.xlsx',
    list: (actor, q) => listStallPoints(deps, actor, q),
    exportXlsx: (actor, q) => exportStallPoints(deps, actor, q),
  });
  app.put(
    '/api/v1/stall-points',
    {
      schema: {
        tags: TAGS,
        summary: '登记或修改点位（类型、时段、摊位数、规则；修改后待重新审批）/ register or change a stall point',
        body: StallPointBody,
        response: { 200: StallPoint, ...ERRORS },
      },
    },
    async (request) => saveStallPoint(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/stall-points/:id/steps',
    {
      schema: {
        tags: TAGS,
        summary: '审批、暂停（中队领导）或记录巡查 / approve, suspend (leader) or record a supervision visit',
        params: IdParams,
        body: StallPointStepBody,
        response: { 200: StallPoint, ...ERRORS },
      },
    },
    async (request) => stallPointStep(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}

export function publicStallRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/public/stall-points',
    {
      schema: {
        tags: TAGS,
        summary: '上海摊服务地图：已批准的点位（无需登录）/ the public stall map (no login)',
        security: [],
        querystring: PublicStallQuery,
        response: { 200: Type.Array(PublicStallPoint), 400: ErrorBody },
      },
    },
    async (request) => publicStallPoints(deps, request.query),
  );
  app.get(
    '/api/public/stall-map',
    {
      schema: {
        tags: TAGS,
        summary: '上海摊服务地图的底图设置与区界（无需登录）/ the public map’s base map and district boundaries',
        security: [],
        response: { 200: Type.Object({ config: MapConfig, districts: DistrictFeatureCollection }) },
      },
    },
    async () => getPublicMapData(deps),
  );
  app.post(
    '/api/portal/citizen/stall-points/:id/complaints',
    {
      // The session is checked before the body is validated: without one the answer is 401 and nothing else.
      preValidation: async (request) => {
        await authenticateCitizen(deps, citizenTokenOf(request));
      },
      schema: {
        tags: TAGS,
        summary: '投诉点位（市民登录后，进入诉件处置）/ complain about a point (becomes a ticket)',
        security: [],
        params: IdParams,
        body: StallComplaintBody,
        response: { 201: StallComplaintAnswer, 401: ErrorBody, ...ERRORS },
      },
    },
    async (request, reply) => {
      const s = await authenticateCitizen(deps, citizenTokenOf(request));
      return reply
        .status(201)
        .send(await complainAboutStall(deps, { id: s.citizenId, phone: s.phone }, metaOf(request), request.params.id, request.body));
    },
  );
}
