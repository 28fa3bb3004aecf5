import { Type } from '@sinclair/typebox';
import {
  AddCampaignRoundBody,
  CampaignPoint,
  CampaignPointListQuery,
  CampaignProgress,
  CampaignRound,
  CreateCampaignPointBody,
  CreateSpecialCampaignBody,
  DecidePointCloseBody,
  ErrorBody,
  Page,
  RequestPointCloseBody,
  Sm3Hex,
  SpecialCampaign,
  SpecialCampaignListQuery,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes, sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { sendStoredFile } from '../files/index.ts';
import {
  addCampaignRound,
  createSpecialCampaign,
  exportSpecialCampaigns,
  getSpecialCampaign,
  listSpecialCampaigns,
} from './use-cases/campaigns.ts';
import {
  createCampaignPoint,
  decidePointClose,
  exportCampaignPoints,
  getCampaignPoint,
  getPointPhoto,
  listCampaignPoints,
  requestPointClose,
} from './use-cases/points.ts';
import { getCampaignProgress } from './use-cases/progress.ts';

const TAGS = ['campaigns'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParams = Type.Object({ id: Uuid });

export function campaignRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<SpecialCampaignListQuery>(app, {
    path: '/api/v1/campaigns',
    tags: TAGS,
    summary: '专项行动（管辖范围内或覆盖本辖区）/ special campaigns',
    exportSummary: '导出专项行动（Excel）/ export campaigns',
    filename: '专项行动.xlsx',
    querystring: SpecialCampaignListQuery,
    response: { 200: Page(SpecialCampaign), ...READ_ERRORS },
    list: (actor, query) => listSpecialCampaigns(deps, actor, query),
    exportXlsx: (actor, query) => exportSpecialCampaigns(deps, actor, query),
  });
  app.post(
    '/api/v1/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '发起专项行动（期间、区域、目标、轮次）/ create a campaign',
        body: CreateSpecialCampaignBody,
        response: { 201: SpecialCampaign, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createSpecialCampaign(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/campaigns/:id',
    { schema: { tags: TAGS, summary: '专项行动详情 / a campaign', params: IdParams, response: { 200: SpecialCampaign, ...READ_ERRORS } } },
    async (request) => getSpecialCampaign(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/campaigns/:id/progress',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动进度（按区域、轮次的点位销项）/ progress by area and round',
        params: IdParams,
        response: { 200: CampaignProgress, ...READ_ERRORS },
      },
    },
    async (request) => getCampaignProgress(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/campaigns/:id/rounds',
    {
      schema: {
        tags: TAGS,
        summary: '增加一轮集中整治 / add a round',
        params: IdParams,
        body: AddCampaignRoundBody,
        response: { 201: CampaignRound, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addCampaignRound(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/campaigns/:id/points',
    {
      schema: {
        tags: TAGS,
        summary: '问题点位台账（挂图作战）/ the ledger of problem points',
        params: IdParams,
        querystring: CampaignPointListQuery,
        response: { 200: Page(CampaignPoint), ...READ_ERRORS },
      },
    },
    async (request) => listCampaignPoints(deps, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/campaigns/:id/points/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出问题点位台账（Excel）/ export the ledger',
        params: IdParams,
        querystring: CampaignPointListQuery,
      },
    },
    async (request, reply) =>
      sendXlsx(reply, '问题点位台账.xlsx', await exportCampaignPoints(deps, actorOf(request), request.params.id, request.query)),
  );
  app.post(
    '/api/v1/campaigns/:id/points',
    {
      schema: {
        tags: TAGS,
        summary: '登记问题点位（定位、责任单位、整治前照片）/ enter a problem point',
        params: IdParams,
        body: CreateCampaignPointBody,
        response: { 201: CampaignPoint, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCampaignPoint(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/campaign-points/:id',
    {
      schema: {
        tags: TAGS,
        summary: '问题点位详情（含整治前后照片与流转记录）/ a problem point',
        params: IdParams,
        response: { 200: CampaignPoint, ...READ_ERRORS },
      },
    },
    async (request) => getCampaignPoint(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/campaign-points/:id/request-close',
    {
      schema: {
        tags: TAGS,
        summary: '申请销项（整改情况、整治后照片）/ ask for the point to be closed',
        params: IdParams,
        body: RequestPointCloseBody,
        response: { 200: CampaignPoint, ...WRITE_ERRORS },
      },
    },
    async (request) => requestPointClose(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/campaign-points/:id/decide-close',
    {
      schema: {
        tags: TAGS,
        summary: '销项审批（同意销项，或退回重新整治）/ approve or refuse the 销项',
        params: IdParams,
        body: DecidePointCloseBody,
        response: { 200: CampaignPoint, ...WRITE_ERRORS },
      },
    },
    async (request) => decidePointClose(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/campaign-points/:id/photos/:sm3',
    {
      schema: {
        tags: TAGS,
        summary: '点位照片（读取时校验 SM3）/ a photo of the point',
        params: Type.Object({ id: Uuid, sm3: Sm3Hex }),
        response: { 404: ErrorBody },
      },
    },
    async (request, reply) =>
      sendStoredFile(reply, await getPointPhoto(deps, actorOf(request), metaOf(request), request.params.id, request.params.sm3)),
  );
}
