import {
  Bulletin,
  BulletinCreateBody,
  BulletinList,
  BulletinListQuery,
  BulletinParams,
  BulletinPublishBody,
  CockpitAreas,
  CockpitAreasQuery,
  CockpitDefinitions,
  CockpitQuery,
  CockpitTargetBody,
  CockpitTargetParams,
  CockpitThemes,
  CockpitThemeView,
  ErrorBody,
  ThemeParams,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getAreas } from './use-cases/areas.ts';
import { bulletinPdf, bulletinXlsx, createBulletin, getBulletin, listBulletins, publishBulletin } from './use-cases/bulletins.ts';
import { getDefinitions, putTarget } from './use-cases/targets.ts';
import { getThemeView, listThemes } from './use-cases/theme-view.ts';

const TAGS = ['cockpit'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function cockpitRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/cockpit/themes',
    { schema: { tags: TAGS, summary: '驾驶舱主题 / the cockpit themes I may see', response: { 200: CockpitThemes, ...READ_ERRORS } } },
    async (request) => listThemes(actorOf(request)),
  );
  app.get(
    '/api/v1/cockpit/themes/:theme',
    {
      schema: {
        tags: TAGS,
        summary: '主题视图（指标、趋势、地图、下钻、预测）/ a theme view of an org and month',
        params: ThemeParams,
        querystring: CockpitQuery,
        response: { 200: CockpitThemeView, ...READ_ERRORS },
      },
    },
    async (request) => getThemeView(deps, actorOf(request), request.params.theme, request.query),
  );
  app.get(
    '/api/v1/cockpit/definitions',
    {
      schema: {
        tags: TAGS,
        summary: '指标口径 / how every number is counted, with its target',
        response: { 200: CockpitDefinitions, ...READ_ERRORS },
      },
    },
    async (request) => getDefinitions(deps, actorOf(request)),
  );
  app.put(
    '/api/v1/cockpit/targets/:kpi',
    {
      schema: {
        tags: TAGS,
        summary: '设置指标目标值（市局）/ set a KPI’s target (city bureau)',
        params: CockpitTargetParams,
        body: CockpitTargetBody,
        response: { 200: CockpitDefinitions, ...WRITE_ERRORS },
      },
    },
    async (request) => putTarget(deps, actorOf(request), metaOf(request), request.params.kpi, request.body),
  );
  app.get(
    '/api/v1/cockpit/areas',
    {
      schema: {
        tags: TAGS,
        summary: '街镇范围（中队责任区）/ the squads’ areas below an org, GeoJSON',
        querystring: CockpitAreasQuery,
        response: { 200: CockpitAreas, ...READ_ERRORS },
      },
    },
    async (request) => getAreas(deps, actorOf(request), request.query.orgId),
  );
  app.get(
    '/api/v1/cockpit/bulletins',
    {
      schema: {
        tags: TAGS,
        summary: '统计通报（含其他模块的通报）/ bulletins, with those of other modules',
        querystring: BulletinListQuery,
        response: { 200: BulletinList, ...READ_ERRORS },
      },
    },
    async (request) => listBulletins(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/cockpit/bulletins',
    {
      schema: {
        tags: TAGS,
        summary: '生成月度/季度统计通报（草稿）/ generate a monthly or quarterly bulletin (draft)',
        body: BulletinCreateBody,
        response: { 201: Bulletin, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createBulletin(deps, actorOf(request), metaOf(request), request.body);
    },
  );
  app.get(
    '/api/v1/cockpit/bulletins/:id',
    { schema: { tags: TAGS, summary: '统计通报 / a bulletin', params: BulletinParams, response: { 200: Bulletin, ...READ_ERRORS } } },
    async (request) => getBulletin(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cockpit/bulletins/:id/publish',
    {
      schema: {
        tags: TAGS,
        summary: '审核发布统计通报（局领导）/ review and publish a bulletin (the leader)',
        params: BulletinParams,
        body: BulletinPublishBody,
        response: { 200: Bulletin, ...WRITE_ERRORS },
      },
    },
    async (request) => publishBulletin(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/cockpit/bulletins/:id/bulletin.pdf',
    { schema: { tags: TAGS, summary: '统计通报 PDF / the bulletin as PDF', params: BulletinParams, produces: ['application/pdf'] } },
    async (request, reply) => {
      const pdf = await bulletinPdf(deps, actorOf(request), request.params.id);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`);
      return reply.send(pdf.bytes);
    },
  );
  app.get(
    '/api/v1/cockpit/bulletins/:id/bulletin.xlsx',
    { schema: { tags: TAGS, summary: '统计通报 Excel / the bulletin as a workbook', params: BulletinParams } },
    async (request, reply) => {
      const x = await bulletinXlsx(deps, actorOf(request), request.params.id);
      return sendXlsx(reply, x.filename, x.bytes);
    },
  );
}
