import { Type } from '@sinclair/typebox';
import {
  AssessmentBody,
  AssessmentView,
  BureauIdQuery,
  CriteriaSheetView,
  ErrorBody,
  RateSquadBody,
  SaveCriteriaSheetBody,
  SquadOverview,
  SquadOverviewQuery,
  SquadRow,
  SquadTargetsBody,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { assess, exportOverview, listSheets, overview, putTargets, rateSquad, saveSheet } from './squads.service.ts';

const TAGS = ['squads'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function squadRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/squads/sheets',
    {
      schema: {
        tags: TAGS,
        summary: '规范化中队评分表 / criteria sheets',
        querystring: BureauIdQuery,
        response: { 200: Type.Array(CriteriaSheetView), ...READ_ERRORS },
      },
    },
    async (request) => listSheets(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/squads/sheets',
    {
      schema: {
        tags: TAGS,
        summary: '新增评分表 / add a criteria sheet',
        body: SaveCriteriaSheetBody,
        response: { 200: CriteriaSheetView, ...WRITE_ERRORS },
      },
    },
    async (request) => saveSheet(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/squads/assessments',
    {
      schema: {
        tags: TAGS,
        summary: '中队自评或验收评分 / a self-assessment or inspection',
        body: AssessmentBody,
        response: { 200: AssessmentView, ...WRITE_ERRORS },
      },
    },
    async (request) => assess(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/squads/ratings',
    {
      schema: {
        tags: TAGS,
        summary: '评定规范化/示范/星级中队 / rate a squad',
        body: RateSquadBody,
        response: { 200: SquadRow, ...WRITE_ERRORS },
      },
    },
    async (request) => rateSquad(deps, actorOf(request), metaOf(request), request.body),
  );
  app.put(
    '/api/v1/squads/targets',
    {
      schema: {
        tags: TAGS,
        summary: '设定十四五创建目标（示范、规范化占比）/ set the targets',
        body: SquadTargetsBody,
        response: {
          200: Type.Object({ bureauId: Type.String(), targetModelPct: Type.Number(), targetRatedPct: Type.Number() }),
          ...WRITE_ERRORS,
        },
      },
    },
    async (request) => putTargets(deps, actorOf(request), metaOf(request), request.body),
  );
  listWithExportRoutes<SquadOverviewQuery>(app, {
    path: '/api/v1/squads/overview',
    tags: TAGS,
    summary: '中队创建情况与目标达成 / squads, ratings and the targets',
    exportSummary: '导出中队创建情况 / export',
    querystring: SquadOverviewQuery,
    response: { 200: SquadOverview, ...READ_ERRORS },
    filename: '规范化中队.xlsx',
    list: (actor, q) => overview(deps, actor, q),
    exportXlsx: (actor, q) => exportOverview(deps, actor, q),
  });
}
