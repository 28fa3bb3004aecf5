import { Type } from '@sinclair/typebox';
import {
  BureauQuery,
  Campaign,
  ConsentBody,
  ConsentState,
  CopyRosterBody,
  CreateCampaignBody,
  CreateDutyLogBody,
  DutyLogEntry,
  DutyLogQuery,
  DutyLogTag,
  DutyPlan,
  DutyPlanQuery,
  DutySettings,
  ErrorBody,
  MyTasks,
  MyTasksQuery,
  OfficerPositions,
  OrgQuery,
  Page,
  PatrolArea,
  PatrolAreas,
  PositionsQuery,
  PutDutySettingsBody,
  ReportPositionBody,
  RosterQuery,
  RosterWeek,
  SavePatrolAreaBody,
  SaveRosterBody,
  SaveShiftTemplateBody,
  ShiftTemplate,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { createDutyLogEntry, exportDutyLog, listDutyLog, listDutyLogTags } from './use-cases/duty-log.ts';
import { listPatrolAreas, savePatrolArea } from './use-cases/patrol-areas.ts';
import { getConsent, getDutySettings, latestPositions, putDutySettings, reportPosition, setConsent } from './use-cases/positions.ts';
import { copyPreviousWeek, getRosterWeek, listShiftTemplates, saveRosterWeek, saveShiftTemplate } from './use-cases/roster.ts';
import { createCampaign, dutyPlan, listCampaigns, myTasks } from './use-cases/tasks.ts';

const TAGS = ['duty'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function dutyRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/duty/shift-templates',
    {
      schema: {
        tags: TAGS,
        summary: '中队班次（早班、白班、夜班）/ a squad’s shifts',
        querystring: OrgQuery,
        response: { 200: Type.Array(ShiftTemplate), ...READ_ERRORS },
      },
    },
    async (request) => listShiftTemplates(deps, actorOf(request), request.query.orgId),
  );
  app.post(
    '/api/v1/duty/shift-templates',
    {
      schema: {
        tags: TAGS,
        summary: '设定班次（按代码新增或修改）/ save a shift',
        body: SaveShiftTemplateBody,
        response: { 200: ShiftTemplate, ...WRITE_ERRORS },
      },
    },
    async (request) => saveShiftTemplate(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/duty/roster',
    {
      schema: {
        tags: TAGS,
        summary: '中队一周班表（含工作日、调休）/ a squad’s roster for a week',
        querystring: RosterQuery,
        response: { 200: RosterWeek, ...READ_ERRORS },
      },
    },
    async (request) => getRosterWeek(deps, actorOf(request), request.query),
  );
  app.put(
    '/api/v1/duty/roster',
    {
      schema: {
        tags: TAGS,
        summary: '保存一周班表（同一队员时间重叠、无有效执法证排外勤、非本中队队员均拒绝）/ save a week',
        body: SaveRosterBody,
        response: { 200: RosterWeek, ...WRITE_ERRORS },
      },
    },
    async (request) => saveRosterWeek(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/duty/roster/copy-previous-week',
    {
      schema: {
        tags: TAGS,
        summary: '复制上周班表 / copy last week’s roster',
        body: CopyRosterBody,
        response: { 200: RosterWeek, ...WRITE_ERRORS },
      },
    },
    async (request) => copyPreviousWeek(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/duty/patrol-areas',
    {
      schema: {
        tags: TAGS,
        summary: '中队巡查网格与责任区 / patrol areas of a squad',
        querystring: OrgQuery,
        response: { 200: PatrolAreas, ...READ_ERRORS },
      },
    },
    async (request) => listPatrolAreas(deps, actorOf(request), request.query.orgId),
  );
  app.post(
    '/api/v1/duty/patrol-areas',
    {
      schema: {
        tags: TAGS,
        summary: '划定或修改巡查网格（须在中队责任区内）/ save a patrol area',
        body: SavePatrolAreaBody,
        response: { 200: PatrolArea, ...WRITE_ERRORS },
      },
    },
    async (request) => savePatrolArea(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/duty/my-tasks',
    {
      schema: {
        tags: TAGS,
        summary: '我的任务（检查任务、承办诉件、巡查班次）/ my tasks',
        querystring: MyTasksQuery,
        response: { 200: MyTasks, ...READ_ERRORS },
      },
    },
    async (request) => myTasks(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/duty/plan',
    {
      schema: {
        tags: TAGS,
        summary: '中队月度勤务计划（双随机 + 分级分类 + 专项）/ a squad’s plan for a month',
        querystring: DutyPlanQuery,
        response: { 200: DutyPlan, ...READ_ERRORS },
      },
    },
    async (request) => dutyPlan(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/duty/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '专项行动 / special campaigns',
        querystring: OrgQuery,
        response: { 200: Type.Array(Campaign), ...READ_ERRORS },
      },
    },
    async (request) => listCampaigns(deps, actorOf(request), request.query.orgId),
  );
  app.post(
    '/api/v1/duty/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '新建专项（期间、对象；每个对象生成专项检查任务）/ create a special campaign',
        body: CreateCampaignBody,
        response: { 201: Campaign, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createCampaign(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/duty/position-consent',
    {
      schema: {
        tags: TAGS,
        summary: '我的位置记录同意状态 / my consent to position recording',
        response: { 200: ConsentState, ...READ_ERRORS },
      },
    },
    async (request) => getConsent(deps, actorOf(request)),
  );
  app.put(
    '/api/v1/duty/position-consent',
    {
      schema: {
        tags: TAGS,
        summary: '同意或撤回在岗位置记录 / give or withdraw consent',
        body: ConsentBody,
        response: { 200: ConsentState, ...WRITE_ERRORS },
      },
    },
    async (request) => setConsent(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/duty/positions',
    {
      schema: {
        tags: TAGS,
        summary: '上报在岗位置（须已同意且在排班时段内）/ report my position on duty',
        body: ReportPositionBody,
        response: { 201: Type.Object({ id: Uuid, at: Type.String() }), ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await reportPosition(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/duty/positions',
    {
      schema: {
        tags: TAGS,
        summary: '在岗队员最新位置（管辖范围内）/ the latest position of each officer on duty',
        querystring: PositionsQuery,
        response: { 200: OfficerPositions, ...READ_ERRORS },
      },
    },
    async (request) => latestPositions(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/duty/settings',
    {
      schema: {
        tags: TAGS,
        summary: '勤务设置（位置保存天数）/ duty settings',
        querystring: BureauQuery,
        response: { 200: DutySettings, ...READ_ERRORS },
      },
    },
    async (request) => getDutySettings(deps, actorOf(request), request.query),
  );
  app.put(
    '/api/v1/duty/settings',
    {
      schema: {
        tags: TAGS,
        summary: '设定位置保存天数 / set the retention of positions',
        body: PutDutySettingsBody,
        response: { 200: DutySettings, ...WRITE_ERRORS },
      },
    },
    async (request) => putDutySettings(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/duty/log-tags',
    {
      schema: {
        tags: TAGS,
        summary: '执法日志标签（3级18类）/ the duty-log tags',
        response: { 200: Type.Array(DutyLogTag), 403: ErrorBody },
      },
    },
    async (request) => listDutyLogTags(deps, actorOf(request)),
  );
  listWithExportRoutes<DutyLogQuery>(app, {
    path: '/api/v1/duty/log',
    tags: TAGS,
    summary: '执法日志（按中队、队员、日期、来源、标签筛选）/ the duty log',
    exportSummary: '导出执法日志（Excel）/ export the duty log',
    filename: '执法日志.xlsx',
    querystring: DutyLogQuery,
    response: { 200: Page(DutyLogEntry), ...READ_ERRORS },
    list: (actor, query) => listDutyLog(deps, actor, query),
    exportXlsx: (actor, query) => exportDutyLog(deps, actor, query),
  });
  app.post(
    '/api/v1/duty/log',
    {
      schema: {
        tags: TAGS,
        summary: '手工记执法日志 / write a duty-log entry',
        body: CreateDutyLogBody,
        response: { 201: DutyLogEntry, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createDutyLogEntry(deps, actorOf(request), metaOf(request), request.body)),
  );
}
