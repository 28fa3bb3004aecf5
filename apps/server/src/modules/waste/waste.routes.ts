import { Type } from '@sinclair/typebox';
import {
  ClueHeat,
  ClueHeatQuery,
  ConfirmWasteClueBody,
  CreateWasteCompanyBody,
  CreateWastePermitBody,
  CreateWasteSiteBody,
  CreateWasteVehicleBody,
  DismissWasteClueBody,
  ErrorBody,
  ExchangeHeaders,
  GpsBatch,
  GpsBatchAnswer,
  GpsFeedStatus,
  IsoDate,
  Page,
  RunWasteAnalysisBody,
  SeizeVehicleBody,
  SimulateGpsBody,
  SimulateGpsQueued,
  TrackQuery,
  Uuid,
  WasteAnalysisRun,
  WasteClue,
  WasteClueQuery,
  WasteCompany,
  WasteCompanyQuery,
  WastePermit,
  WastePermitQuery,
  WasteSeizure,
  WasteSite,
  WasteSiteQuery,
  WasteTrack,
  WasteVehicle,
  WasteVehicleQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { useNonce, verifyExchangeSignature } from '../../shared/connector-signing.ts';
import { GPS_CHANNEL, GPS_INBOUND_PATH, GPS_LABEL, gpsAdapter, gpsSecret, receiveGpsBatch } from './gps/gps-feed.ts';
import { simulateGpsDay } from './gps/gps-simulator.ts';
import { gpsFeedStatus } from './use-cases/feed-status.ts';
import { runWasteAnalysis } from './use-cases/analysis.ts';
import { clueHeat, confirmClue, dismissClue, exportClues, getClue, getTrack, listClues, seizeVehicle } from './use-cases/clues.ts';
import {
  createCompany,
  createPermit,
  createSite,
  createVehicle,
  exportCompanies,
  exportPermits,
  exportSites,
  exportVehicles,
  listCompanies,
  listPermits,
  listSites,
  listVehicles,
} from './use-cases/registry.ts';

const TAGS = ['waste'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function wasteRoutes(app: RouteApp, deps: Deps): void {
  const registry = [
    ['sites', '建筑垃圾场所（工地、消纳场、停车场）/ sites', '建筑垃圾场所.xlsx', WasteSiteQuery, WasteSite, listSites, exportSites],
    ['companies', '运输单位 / transport companies', '运输单位.xlsx', WasteCompanyQuery, WasteCompany, listCompanies, exportCompanies],
    ['vehicles', '运输车辆 / vehicles', '运输车辆.xlsx', WasteVehicleQuery, WasteVehicle, listVehicles, exportVehicles],
    ['permits', '处置核准（两点一线）/ disposal permits', '处置核准.xlsx', WastePermitQuery, WastePermit, listPermits, exportPermits],
  ] as const;
  for (const [path, summary, filename, querystring, item, list, exportXlsx] of registry) {
    listWithExportRoutes<never>(app, {
      path: `/api/v1/waste/${path}`,
      tags: TAGS,
      summary,
      exportSummary: `导出${summary.split(' / ')[0]}（Excel）/ export`,
      filename,
      querystring,
      response: { 200: Page(item), ...READ_ERRORS },
      list: (actor, query) => (list as (d: Deps, a: typeof actor, q: unknown) => Promise<unknown>)(deps, actor, query),
      exportXlsx: (actor, query) => (exportXlsx as (d: Deps, a: typeof actor, q: unknown) => Promise<Buffer>)(deps, actor, query),
    });
  }
  app.post(
    '/api/v1/waste/sites',
    {
      schema: {
        tags: TAGS,
        summary: '登记场所（按半径生成 H3 网格）/ register a site',
        body: CreateWasteSiteBody,
        response: { 201: WasteSite, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createSite(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/waste/companies',
    {
      schema: {
        tags: TAGS,
        summary: '登记运输单位 / register a transport company',
        body: CreateWasteCompanyBody,
        response: { 201: WasteCompany, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createCompany(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/waste/vehicles',
    {
      schema: {
        tags: TAGS,
        summary: '登记运输车辆 / register a vehicle',
        body: CreateWasteVehicleBody,
        response: { 201: WasteVehicle, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createVehicle(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/waste/permits',
    {
      schema: {
        tags: TAGS,
        summary: '登记处置核准（W1：须有消纳场、路线、车辆、运输单位）/ register a disposal permit',
        body: CreateWastePermitBody,
        response: { 201: WastePermit, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createPermit(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/waste/gps/status',
    {
      schema: {
        tags: TAGS,
        summary: 'GPS 接入状态（当日报文、清洗计数、保留的分区）/ the GPS feed’s state',
        querystring: Type.Object({ day: IsoDate }),
        response: { 200: GpsFeedStatus, ...READ_ERRORS },
      },
    },
    async (request) => gpsFeedStatus(deps, actorOf(request), request.query.day),
  );
  app.post(
    '/api/v1/waste/gps/simulate',
    {
      schema: {
        tags: TAGS,
        summary: '模拟渣土车 GPS 平台：排队驱动车辆一天并推送签名报文 / simulator: queue a day of the trucks',
        body: SimulateGpsBody,
        response: { 202: SimulateGpsQueued, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(202).send(await simulateGpsDay(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    '/api/v1/waste/analysis',
    {
      schema: {
        tags: TAGS,
        summary: '当日轨迹分析（趟次、线索）/ run the day’s analysis',
        body: RunWasteAnalysisBody,
        response: { 200: WasteAnalysisRun, ...WRITE_ERRORS },
      },
    },
    async (request) => runWasteAnalysis(deps, actorOf(request), metaOf(request), request.body),
  );
  listWithExportRoutes<WasteClueQuery>(app, {
    path: '/api/v1/waste/clues',
    tags: TAGS,
    summary: '建筑垃圾线索 / clues',
    exportSummary: '导出建筑垃圾线索（Excel）/ export clues',
    filename: '建筑垃圾线索.xlsx',
    querystring: WasteClueQuery,
    response: { 200: Page(WasteClue), ...READ_ERRORS },
    list: (actor, query) => listClues(deps, actor, query),
    exportXlsx: (actor, query) => exportClues(deps, actor, query),
  });
  app.get(
    '/api/v1/waste/clues/:id',
    { schema: { tags: TAGS, summary: '线索 / a clue', params: Type.Object({ id: Uuid }), response: { 200: WasteClue, ...READ_ERRORS } } },
    async (request) => getClue(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/waste/clues/:id/confirm',
    {
      schema: {
        tags: TAGS,
        summary: '核实线索并立案（轨迹作为电子数据证据）/ confirm a clue into a case',
        params: Type.Object({ id: Uuid }),
        body: ConfirmWasteClueBody,
        response: { 200: WasteClue, ...WRITE_ERRORS },
      },
    },
    async (request) => confirmClue(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/waste/clues/:id/dismiss',
    {
      schema: {
        tags: TAGS,
        summary: '排除线索（须写明理由）/ dismiss a clue with a reason',
        params: Type.Object({ id: Uuid }),
        body: DismissWasteClueBody,
        response: { 200: WasteClue, ...WRITE_ERRORS },
      },
    },
    async (request) => dismissClue(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/waste/clues/:id/seizure',
    {
      schema: {
        tags: TAGS,
        summary: '扣押车辆（H1 负责人批准，H3 期限三十日）/ seize the vehicle',
        params: Type.Object({ id: Uuid }),
        body: SeizeVehicleBody,
        response: { 201: WasteSeizure, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await seizeVehicle(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/waste/track',
    {
      schema: {
        tags: TAGS,
        summary: '车辆一天的轨迹（回放）/ a vehicle’s day for replay',
        querystring: TrackQuery,
        response: { 200: WasteTrack, ...READ_ERRORS },
      },
    },
    async (request) => getTrack(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/waste/clue-heat',
    {
      schema: {
        tags: TAGS,
        summary: '线索热力图（H3 网格计数）/ clue heat map',
        querystring: ClueHeatQuery,
        response: { 200: ClueHeat, ...READ_ERRORS },
      },
    },
    async (request) => clueHeat(deps, actorOf(request), request.query),
  );
}

export function publicWasteRoutes(app: RouteApp, deps: Deps): void {
  if (!gpsAdapter(deps.config)) return;
  app.post(
    GPS_INBOUND_PATH,
    {
      preValidation: async (request) => {
        const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
        const { nonce } = verifyExchangeSignature(gpsSecret(deps.config), request.headers, body, deps.clock.now(), GPS_LABEL);
        await useNonce(deps.db, deps, GPS_CHANNEL, nonce);
      },
      schema: {
        tags: TAGS,
        summary: '渣土车 GPS 平台推送定位批次（验签、防重放；同一批次只接收一次；坏点清洗并计数）/ inbound GPS batch (signed)',
        security: [],
        headers: ExchangeHeaders,
        body: GpsBatch,
        response: { 200: GpsBatchAnswer, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => receiveGpsBatch(deps, request.body),
  );
}
