// 住宅小区综合监管 routes (docs/compounds.md): the officers' lists and steps under /api/v1; the residents' and property
// companies' declarations and reports in the citizen portal (phone + SMS code session).
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CompoundListQuery,
  CompoundProfileBody,
  CompoundSummary,
  DisposePropertyReportBody,
  ErrorBody,
  HouseAnnotation,
  HouseAnnotationBody,
  HouseAnnotationListQuery,
  Page,
  PropertyReport,
  PropertyReportBody,
  PropertyReportListQuery,
  ReleaseAnnotationBody,
  RenovationDeclaration,
  RenovationDeclarationBody,
  RenovationListQuery,
  Text,
  Uuid,
} from '@chengguan/contracts';
import { sql } from 'kysely';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { authenticateCitizen, citizenTokenOf } from '../portal/index.ts';
import {
  disposeReport,
  exportCompounds,
  exportAnnotations,
  exportDeclarations,
  exportReports,
  fileDeclaration,
  fileReport,
  getAnnotation,
  listAnnotations,
  listCitizenDeclarations,
  listCompounds,
  listDeclarations,
  listReports,
  releaseAnnotation,
  requestAnnotation,
  setCompoundProfile,
} from './use-cases/compounds.ts';

const TAGS = ['compounds'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function compoundRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<CompoundListQuery>(app, {
    path: '/api/v1/compounds',
    tags: TAGS,
    summary: '住宅小区（登记对象中的小区，附物业、申报、报告、注记数）/ residential compounds',
    exportSummary: '导出住宅小区 / export (Excel)',
    querystring: CompoundListQuery,
    response: { 200: Page(CompoundSummary), 403: ErrorBody },
    filename: '住宅小区.xlsx',
    list: (actor, q) => listCompounds(deps, actor, q),
    exportXlsx: (actor, q) => exportCompounds(deps, actor, q),
  });
  app.put(
    '/api/v1/compounds/:id/profile',
    {
      schema: {
        tags: TAGS,
        summary: '设置小区的物业服务企业与户数 / set the compound’s property company and size',
        params: IdParams,
        body: CompoundProfileBody,
        response: { 200: CompoundSummary, ...ERRORS },
      },
    },
    async (request) => setCompoundProfile(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  listWithExportRoutes<RenovationListQuery>(app, {
    path: '/api/v1/renovation-declarations',
    tags: TAGS,
    summary: '装修申报 / renovation declarations',
    exportSummary: '导出装修申报 / export (Excel)',
    querystring: RenovationListQuery,
    response: { 200: Page(RenovationDeclaration), 403: ErrorBody },
    filename: '装修申报.xlsx',
    list: (actor, q) => listDeclarations(deps, actor, q),
    exportXlsx: (actor, q) => exportDeclarations(deps, actor, q),
  });
  listWithExportRoutes<PropertyReportListQuery>(app, {
    path: '/api/v1/property-reports',
    tags: TAGS,
    summary: '物业报告（违法搭建、承重结构等）/ property companies’ reports',
    exportSummary: '导出物业报告 / export (Excel)',
    querystring: PropertyReportListQuery,
    response: { 200: Page(PropertyReport), 403: ErrorBody },
    filename: '物业报告.xlsx',
    list: (actor, q) => listReports(deps, actor, q),
    exportXlsx: (actor, q) => exportReports(deps, actor, q),
  });
  app.post(
    '/api/v1/property-reports/:id/dispose',
    {
      schema: {
        tags: TAGS,
        summary: '处置物业报告：派检查任务、立案或办结 / dispose: inspection task, case or closed',
        params: IdParams,
        body: DisposePropertyReportBody,
        response: { 200: PropertyReport, ...ERRORS },
      },
    },
    async (request) => disposeReport(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  listWithExportRoutes<HouseAnnotationListQuery>(app, {
    path: '/api/v1/house-annotations',
    tags: TAGS,
    summary: '房屋注记（按小区、状态、房号筛选）/ house annotations',
    exportSummary: '导出房屋注记 / export (Excel)',
    querystring: HouseAnnotationListQuery,
    response: { 200: Page(HouseAnnotation), 403: ErrorBody },
    filename: '房屋注记.xlsx',
    list: (actor, q) => listAnnotations(deps, actor, q),
    exportXlsx: (actor, q) => exportAnnotations(deps, actor, q),
  });
  app.post(
    '/api/v1/house-annotations',
    {
      schema: {
        tags: TAGS,
        summary: '房屋注记（发送房屋管理部门，签名、可重试）/ annotate a house with the housing department',
        body: HouseAnnotationBody,
        response: { 201: HouseAnnotation, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await requestAnnotation(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/v1/house-annotations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '房屋注记详情 / one annotation',
        params: IdParams,
        response: { 200: HouseAnnotation, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getAnnotation(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/house-annotations/:id/release',
    {
      schema: {
        tags: TAGS,
        summary: '解注记 / release the annotation',
        params: IdParams,
        body: ReleaseAnnotationBody,
        response: { 200: HouseAnnotation, ...ERRORS },
      },
    },
    async (request) => releaseAnnotation(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}

export function publicCompoundRoutes(app: RouteApp, deps: Deps): void {
  const citizen = async (request: FastifyRequest) => {
    const s = await authenticateCitizen(deps, citizenTokenOf(request));
    return { id: s.citizenId, phone: s.phone };
  };
  app.get(
    '/api/public/compounds',
    {
      schema: {
        tags: TAGS,
        summary: '门户：按名称查找本市住宅小区 / find a compound by name (portal)',
        security: [],
        querystring: Type.Object({ q: Text(50, { minLength: 1 }) }),
        response: {
          200: Type.Array(Type.Object({ id: Uuid, name: Type.String(), address: Type.Union([Type.String(), Type.Null()]) })),
          400: ErrorBody,
        },
      },
    },
    async (request) =>
      deps.db
        .selectFrom('subjects')
        .select(['id', 'name', 'address'])
        .where('kind', '=', 'residential_compound')
        .where('status', '=', 'active')
        .where(sql<boolean>`position(${request.query.q} in name) > 0`)
        .orderBy('name')
        .limit(20)
        .execute(),
  );
  app.post(
    '/api/portal/citizen/renovation-declarations',
    {
      schema: {
        tags: TAGS,
        summary: '门户：装修申报（居民或物业服务企业）/ declare renovation works (portal)',
        security: [],
        body: RenovationDeclarationBody,
        response: { 201: RenovationDeclaration, 401: ErrorBody, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await fileDeclaration(deps, await citizen(request), metaOf(request), request.body)),
  );
  app.get(
    '/api/portal/citizen/renovation-declarations',
    {
      schema: {
        tags: TAGS,
        summary: '门户：我的装修申报 / my declarations',
        security: [],
        response: { 200: Type.Array(RenovationDeclaration), 401: ErrorBody },
      },
    },
    async (request) => listCitizenDeclarations(deps, await citizen(request)),
  );
  app.post(
    '/api/portal/citizen/property-reports',
    {
      schema: {
        tags: TAGS,
        summary: '门户：物业服务企业报告违法搭建、承重结构等问题 / a property company reports a problem',
        security: [],
        body: PropertyReportBody,
        response: { 201: PropertyReport, 401: ErrorBody, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await fileReport(deps, await citizen(request), metaOf(request), request.body)),
  );
}
