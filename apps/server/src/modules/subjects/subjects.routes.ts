import { Type } from '@sinclair/typebox';
import {
  CloseSubjectBody,
  CreateSubjectBody,
  ErrorBody,
  MergeSubjectBody,
  OrgArea,
  Page,
  PublicSubject,
  PublishRiskRulesBody,
  OrgAreaPreview,
  PutOrgAreaBody,
  RiskDecisionBody,
  RiskOverrideBody,
  RiskRuleSetVersions,
  RiskRulesQuery,
  SubjectCodeParams,
  SubjectDetail,
  SubjectDuplicates,
  SubjectListItem,
  SubjectListQuery,
  SubjectMapPage,
  SubjectMapQuery,
  SubjectQuality,
  SubjectTimeline,
  SubjectVersionBody,
  TimelineQuery,
  UpdateSubjectBody,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getOrgArea, listDuplicates, mergeSubject, previewOrgArea, putOrgArea, subjectQuality } from './use-cases/governance.ts';
import { publicSubject, subjectCardPdf, subjectQrPng } from './use-cases/public-page.ts';
import { exportSubjects, getSubject, listSubjects, subjectsMap, subjectTimeline } from './use-cases/read-subjects.ts';
import { decideOverride, getRiskRules, publishRiskRules, requestOverride } from './use-cases/risk.ts';
import { closeSubject, createSubject, updateSubject, verifySubject } from './use-cases/write-subject.ts';

const TAGS = ['subjects'];
const IdParams = Type.Object({ id: Uuid });
const OverrideParams = Type.Object({ id: Uuid, oid: Uuid });
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export function subjectRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/subjects',
    {
      schema: {
        tags: TAGS,
        summary: '执法对象列表 / subjects',
        querystring: SubjectListQuery,
        response: { 200: Page(SubjectListItem), 400: ErrorBody },
      },
    },
    async (request) => listSubjects(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/subjects/export.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出执法对象 / export subjects (Excel)',
        querystring: SubjectListQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => sendXlsx(reply, '执法对象.xlsx', await exportSubjects(deps, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/subjects/map',
    {
      schema: {
        tags: TAGS,
        summary: '地图上的执法对象 / subjects in a map window (WGS-84)',
        querystring: SubjectMapQuery,
        response: { 200: SubjectMapPage, 400: ErrorBody },
      },
    },
    async (request) => subjectsMap(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/subjects/duplicates',
    { schema: { tags: TAGS, summary: '疑似重复的执法对象 / duplicate pairs', response: { 200: SubjectDuplicates } } },
    async (request) => listDuplicates(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/subjects/quality',
    { schema: { tags: TAGS, summary: '执法对象数据质量 / data quality', response: { 200: SubjectQuality } } },
    async (request) => subjectQuality(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/subjects/:id',
    { schema: { tags: TAGS, summary: '执法对象档案 / a subject', params: IdParams, response: { 200: SubjectDetail, 404: ErrorBody } } },
    async (request) => getSubject(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/subjects/:id/timeline',
    {
      schema: {
        tags: TAGS,
        summary: '执法对象动态 / timeline (newest first)',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: SubjectTimeline, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => subjectTimeline(deps, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/subjects/:id/qr.png',
    { schema: { tags: TAGS, summary: '一店一码二维码 / QR code of the public page', params: IdParams, produces: ['image/png'] } },
    async (request, reply) => reply.header('content-type', 'image/png').send(await subjectQrPng(deps, actorOf(request), request.params.id)),
  );
  app.get(
    '/api/v1/subjects/:id/card.pdf',
    { schema: { tags: TAGS, summary: '一店一码张贴卡 / printable QR card (PDF)', params: IdParams, produces: ['application/pdf'] } },
    async (request, reply) =>
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="card.pdf"; filename*=UTF-8''${encodeURIComponent('一店一码.pdf')}`)
        .send(await subjectCardPdf(deps, actorOf(request), request.params.id)),
  );
  app.post(
    '/api/v1/subjects',
    {
      schema: {
        tags: TAGS,
        summary: '登记执法对象 / register a subject',
        body: CreateSubjectBody,
        response: { 201: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createSubject(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.patch(
    '/api/v1/subjects/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改执法对象 / update a subject',
        params: IdParams,
        body: UpdateSubjectBody,
        response: { 200: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => updateSubject(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/subjects/:id/verify',
    {
      schema: {
        tags: TAGS,
        summary: '核实执法对象 / verify a subject',
        params: IdParams,
        body: SubjectVersionBody,
        response: { 200: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => verifySubject(deps, actorOf(request), metaOf(request), request.params.id, request.body.expectedVersion),
  );
  app.post(
    '/api/v1/subjects/:id/close',
    {
      schema: {
        tags: TAGS,
        summary: '注销执法对象 / close a subject',
        params: IdParams,
        body: CloseSubjectBody,
        response: { 200: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => closeSubject(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/subjects/:id/merge',
    {
      schema: {
        tags: TAGS,
        summary: '合并重复记录 / merge into another record',
        params: IdParams,
        body: MergeSubjectBody,
        response: { 200: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => mergeSubject(deps, actorOf(request), metaOf(request), request.params.id, request.body.intoId),
  );
  app.post(
    '/api/v1/subjects/:id/risk-override',
    {
      schema: {
        tags: TAGS,
        summary: '申请人工调整风险等级 / request a risk override',
        params: IdParams,
        body: RiskOverrideBody,
        response: { 201: SubjectDetail, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestOverride(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );
  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/subjects/:id/risk-override/:oid/${decision}`,
      {
        schema: {
          tags: TAGS,
          summary: decision === 'approve' ? '批准人工调整 / approve a risk override' : '不予批准人工调整 / reject a risk override',
          params: OverrideParams,
          body: RiskDecisionBody,
          response: { 200: SubjectDetail, ...WRITE_ERRORS },
        },
      },
      async (request) =>
        decideOverride(deps, actorOf(request), metaOf(request), request.params.id, request.params.oid, decision, request.body.note),
    );
  }
  app.get(
    '/api/v1/subject-risk-rules',
    {
      schema: {
        tags: TAGS,
        summary: '风险等级规则 / risk rule set versions',
        querystring: RiskRulesQuery,
        response: { 200: RiskRuleSetVersions, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getRiskRules(deps, actorOf(request), request.query.bureauId),
  );
  app.post(
    '/api/v1/subject-risk-rules',
    {
      schema: {
        tags: TAGS,
        summary: '发布风险等级规则新版本 / publish a rule set version',
        querystring: RiskRulesQuery,
        body: PublishRiskRulesBody,
        response: { 201: RiskRuleSetVersions, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await publishRiskRules(deps, actorOf(request), metaOf(request), request.body, request.query.bureauId)),
  );
  app.get(
    '/api/v1/orgs/:id/area',
    {
      schema: { tags: TAGS, summary: '中队责任区 / a squad’s service area', params: IdParams, response: { 200: OrgArea, 404: ErrorBody } },
    },
    async (request) => getOrgArea(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/v1/orgs/:id/area',
    {
      schema: {
        tags: TAGS,
        summary: '设定中队责任区 / set a squad’s service area',
        params: IdParams,
        body: PutOrgAreaBody,
        response: { 200: OrgArea, ...WRITE_ERRORS },
      },
    },
    async (request) => putOrgArea(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/orgs/:id/area/preview',
    {
      schema: {
        tags: TAGS,
        summary: '中队责任区预览：区内执法对象数（不保存）/ how many subjects a squad’s area would hold, before saving',
        params: IdParams,
        body: PutOrgAreaBody,
        response: { 200: OrgAreaPreview, ...WRITE_ERRORS },
      },
    },
    async (request) => previewOrgArea(deps, actorOf(request), request.params.id, request.body),
  );
}

export function publicSubjectRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/public/subjects/:code',
    {
      schema: {
        tags: TAGS,
        summary: '一店一码公开页 / the public page of a subject (no login)',
        security: [],
        params: SubjectCodeParams,
        response: { 200: PublicSubject, 404: ErrorBody },
      },
    },
    async (request) => publicSubject(deps, request.params.code),
  );
}
