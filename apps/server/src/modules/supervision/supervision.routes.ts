import { Type } from '@sinclair/typebox';
import {
  AcceptFindingBody,
  AnswerBody,
  CaseChecks,
  CaseFileCheck,
  CloseMajorCaseBody,
  ComplaintQuery,
  CorrectFindingBody,
  CreateRecordingBody,
  CreateReviewSheetBody,
  CreateSamplingPlanBody,
  ErrorBody,
  Finding,
  FindingQuery,
  HandleComplaintBody,
  IssueNoticeBody,
  MajorCase,
  MajorCaseQuery,
  MyScoresQuery,
  NoticeQuery,
  OfficerComplaint,
  OpenMajorCaseBody,
  Page,
  ProportionalityAlert,
  ProportionalityQuery,
  PutScoreItemsBody,
  ReceiveComplaintBody,
  Recording,
  RecordingCoverage,
  RecordingProblemBody,
  RecordingQuery,
  ReviewResults,
  ReviewResultsQuery,
  ReviewSheet,
  ReviewSheetQuery,
  SampleDetail,
  SampleQuery,
  Sample,
  SamplingPlan,
  SamplingPlanQuery,
  ScoreCard,
  ScoreConfig,
  ScoreItemPage,
  ScoreItemQuery,
  ScoreSampleBody,
  ScoresQuery,
  SupervisionHome,
  SupervisionNotice,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes, sendPdf, sendXlsx } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getCaseChecks, runCaseCheck } from './use-cases/case-check.ts';
import { acceptFinding, correctFinding, exportFindings, listFindings } from './use-cases/findings.ts';
import { closeMajorCase, exportMajorCases, listMajorCases, openMajorCase } from './use-cases/major-cases.ts';
import { answerNotice, exportNotices, issueNotice, listNotices } from './use-cases/notices.ts';
import { exportComplaints, handleComplaint, listComplaints, receiveComplaint } from './use-cases/officer-complaints.ts';
import {
  createReviewSheet,
  exportReviewSheets,
  listReviewSheets,
  proportionality,
  reviewBulletin,
  reviewBulletinPdf,
  reviewResults,
  supervisionHome,
} from './use-cases/oversight.ts';
import { createRecording, exportRecordings, listRecordings, recordingCoverage, reportRecordingProblem } from './use-cases/recordings.ts';
import { exportSamples, getSample, listSamples, scoreSample } from './use-cases/samples.ts';
import {
  createSamplingPlan,
  drawSamplingPlan,
  exportSamplingPlans,
  getSamplingPlan,
  listSamplingPlans,
} from './use-cases/sampling-plans.ts';
import { exportScoreItems, listScoreItems, listScores, myScores, putScoreItems } from './use-cases/scores.ts';

const TAGS = ['supervision'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParams = Type.Object({ id: Uuid });
const P = '/api/v1/supervision';

export function supervisionRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    `${P}/home`,
    {
      schema: {
        tags: TAGS,
        summary: '督察首页（待评查、待整改、督办时钟）/ the supervisor’s home',
        response: { 200: SupervisionHome, ...READ_ERRORS },
      },
    },
    async (request) => supervisionHome(deps, actorOf(request)),
  );

  // B5
  app.get(
    `${P}/cases/:id/checks`,
    {
      schema: {
        tags: TAGS,
        summary: '案卷自动评查结果 / the automated case-file checks of a case',
        params: IdParams,
        response: { 200: CaseChecks, ...READ_ERRORS },
      },
    },
    async (request) => getCaseChecks(deps, actorOf(request), request.params.id),
  );
  app.post(
    `${P}/cases/:id/checks`,
    {
      schema: {
        tags: TAGS,
        summary: '立即进行案卷自动评查 / run the case-file check now',
        params: IdParams,
        response: { 200: CaseFileCheck, ...WRITE_ERRORS },
      },
    },
    async (request) => runCaseCheck(deps, actorOf(request), metaOf(request), request.params.id),
  );
  app.get(
    `${P}/cases/:id/recording-coverage`,
    {
      schema: {
        tags: TAGS,
        summary: '全过程记录覆盖情况 / which steps of a case lack a recording',
        params: IdParams,
        response: { 200: RecordingCoverage, ...READ_ERRORS },
      },
    },
    async (request) => recordingCoverage(deps, actorOf(request), request.params.id),
  );

  // Review sheets and sampling plans
  listWithExportRoutes<ReviewSheetQuery>(app, {
    path: `${P}/review-sheets`,
    tags: TAGS,
    summary: '评查表 / review sheets',
    exportSummary: '导出评查表（Excel）/ export review sheets',
    filename: '评查表.xlsx',
    querystring: ReviewSheetQuery,
    response: { 200: Page(ReviewSheet), ...READ_ERRORS },
    list: (actor, query) => listReviewSheets(deps, actor, query),
    exportXlsx: (actor, query) => exportReviewSheets(deps, actor, query),
  });
  app.post(
    `${P}/review-sheets`,
    {
      schema: {
        tags: TAGS,
        summary: '新建评查表 / make a review sheet',
        body: CreateReviewSheetBody,
        response: { 201: ReviewSheet, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await createReviewSheet(deps, actorOf(request), metaOf(request), request.body)),
  );
  listWithExportRoutes<SamplingPlanQuery>(app, {
    path: `${P}/plans`,
    tags: TAGS,
    summary: '抽查计划 / sampling plans',
    exportSummary: '导出抽查计划（Excel）/ export sampling plans',
    filename: '抽查计划.xlsx',
    querystring: SamplingPlanQuery,
    response: { 200: Page(SamplingPlan), ...READ_ERRORS },
    list: (actor, query) => listSamplingPlans(deps, actor, query),
    exportXlsx: (actor, query) => exportSamplingPlans(deps, actor, query),
  });
  app.post(
    `${P}/plans`,
    {
      schema: {
        tags: TAGS,
        summary: '新建抽查计划（公布随机种子承诺）/ make a sampling plan',
        body: CreateSamplingPlanBody,
        response: { 201: SamplingPlan, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await createSamplingPlan(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.get(
    `${P}/plans/:id`,
    { schema: { tags: TAGS, summary: '抽查计划 / one sampling plan', params: IdParams, response: { 200: SamplingPlan, ...READ_ERRORS } } },
    async (request) => getSamplingPlan(deps, actorOf(request), request.params.id),
  );
  app.post(
    `${P}/plans/:id/draw`,
    {
      schema: {
        tags: TAGS,
        summary: '随机抽取（公开种子）/ draw the sample',
        params: IdParams,
        response: { 200: SamplingPlan, ...WRITE_ERRORS },
      },
    },
    async (request) => drawSamplingPlan(deps, actorOf(request), metaOf(request), request.params.id),
  );
  listWithExportRoutes<SampleQuery>(app, {
    path: `${P}/samples`,
    tags: TAGS,
    summary: '评查样本 / drawn files and recordings',
    exportSummary: '导出评查样本（Excel）/ export samples',
    filename: '评查样本.xlsx',
    querystring: SampleQuery,
    response: { 200: Page(Sample), ...READ_ERRORS },
    list: (actor, query) => listSamples(deps, actor, query),
    exportXlsx: (actor, query) => exportSamples(deps, actor, query),
  });
  app.get(
    `${P}/samples/:id`,
    {
      schema: {
        tags: TAGS,
        summary: '评查样本（含评查表和自动评查）/ one sample',
        params: IdParams,
        response: { 200: SampleDetail, ...READ_ERRORS },
      },
    },
    async (request) => getSample(deps, actorOf(request), request.params.id),
  );
  app.post(
    `${P}/samples/:id/score`,
    {
      schema: {
        tags: TAGS,
        summary: '评查打分并发出整改 / score a sample',
        params: IdParams,
        body: ScoreSampleBody,
        response: { 200: SampleDetail, ...WRITE_ERRORS },
      },
    },
    async (request) => scoreSample(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.get(
    `${P}/review-results`,
    {
      schema: {
        tags: TAGS,
        summary: '评查结果（按中队、执法人员）/ review results',
        querystring: ReviewResultsQuery,
        response: { 200: ReviewResults, ...READ_ERRORS },
      },
    },
    async (request) => reviewResults(deps, actorOf(request), request.query),
  );
  app.get(
    `${P}/review-results/bulletin.xlsx`,
    { schema: { tags: TAGS, summary: '案卷评查通报（Excel）/ the review bulletin', querystring: ReviewResultsQuery } },
    async (request, reply) => sendXlsx(reply, '案卷评查通报.xlsx', await reviewBulletin(deps, actorOf(request), request.query)),
  );
  app.get(
    `${P}/review-results/bulletin.pdf`,
    {
      schema: {
        tags: TAGS,
        summary: '案卷评查通报（PDF，可打印）/ the review bulletin, printable',
        querystring: ReviewResultsQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendPdf(reply, '案卷评查通报.pdf', await reviewBulletinPdf(deps, actorOf(request), request.query)),
  );

  // Findings
  listWithExportRoutes<FindingQuery>(app, {
    path: `${P}/findings`,
    tags: TAGS,
    summary: '整改问题 / findings sent for correction',
    exportSummary: '导出整改问题（Excel）/ export findings',
    filename: '整改问题.xlsx',
    querystring: FindingQuery,
    response: { 200: Page(Finding), ...READ_ERRORS },
    list: (actor, query) => listFindings(deps, actor, query),
    exportXlsx: (actor, query) => exportFindings(deps, actor, query),
  });
  app.post(
    `${P}/findings/:id/correct`,
    {
      schema: {
        tags: TAGS,
        summary: '报送整改情况 / report the correction',
        params: IdParams,
        body: CorrectFindingBody,
        response: { 200: Finding, ...WRITE_ERRORS },
      },
    },
    async (request) => correctFinding(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  app.post(
    `${P}/findings/:id/accept`,
    {
      schema: {
        tags: TAGS,
        summary: '验收或退回整改 / accept or return a correction',
        params: IdParams,
        body: AcceptFindingBody,
        response: { 200: Finding, ...WRITE_ERRORS },
      },
    },
    async (request) => acceptFinding(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  // 全过程记录
  listWithExportRoutes<RecordingQuery>(app, {
    path: `${P}/recordings`,
    tags: TAGS,
    summary: '执法记录（全过程记录）/ recordings',
    exportSummary: '导出执法记录（Excel）/ export recordings',
    filename: '执法记录.xlsx',
    querystring: RecordingQuery,
    response: { 200: Page(Recording), ...READ_ERRORS },
    list: (actor, query) => listRecordings(deps, actor, query),
    exportXlsx: (actor, query) => exportRecordings(deps, actor, query),
  });
  app.post(
    `${P}/recordings`,
    {
      schema: {
        tags: TAGS,
        summary: '登记执法记录仪录像（SM3）/ register a recording',
        body: CreateRecordingBody,
        response: { 201: Recording, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await createRecording(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    `${P}/recordings/:id/problems`,
    {
      schema: {
        tags: TAGS,
        summary: '通报录像问题 / report a problem in a recording',
        params: IdParams,
        body: RecordingProblemBody,
        response: { 201: Finding, ...WRITE_ERRORS },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reportRecordingProblem(deps, actorOf(request), metaOf(request), request.params.id, request.body)),
  );

  // 两单两书
  listWithExportRoutes<NoticeQuery>(app, {
    path: `${P}/notices`,
    tags: TAGS,
    summary: '两单两书 / supervision notices',
    exportSummary: '导出两单两书（Excel）/ export notices',
    filename: '两单两书.xlsx',
    querystring: NoticeQuery,
    response: { 200: Page(SupervisionNotice), ...READ_ERRORS },
    list: (actor, query) => listNotices(deps, actor, query),
    exportXlsx: (actor, query) => exportNotices(deps, actor, query),
  });
  app.post(
    `${P}/notices`,
    {
      schema: {
        tags: TAGS,
        summary: '制发两单两书 / issue a notice',
        body: IssueNoticeBody,
        response: { 201: SupervisionNotice, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await issueNotice(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    `${P}/notices/:id/answer`,
    {
      schema: {
        tags: TAGS,
        summary: '回复两单两书 / answer a notice',
        params: IdParams,
        body: AnswerBody,
        response: { 200: SupervisionNotice, ...WRITE_ERRORS },
      },
    },
    async (request) => answerNotice(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  // 重大案件督办
  listWithExportRoutes<MajorCaseQuery>(app, {
    path: `${P}/major-cases`,
    tags: TAGS,
    summary: '重大案件督办 / cases under supervision',
    exportSummary: '导出重大案件督办（Excel）/ export',
    filename: '重大案件督办.xlsx',
    querystring: MajorCaseQuery,
    response: { 200: Page(MajorCase), ...READ_ERRORS },
    list: (actor, query) => listMajorCases(deps, actor, query),
    exportXlsx: (actor, query) => exportMajorCases(deps, actor, query),
  });
  app.post(
    `${P}/major-cases`,
    {
      schema: {
        tags: TAGS,
        summary: '挂牌督办 / put a case under supervision',
        body: OpenMajorCaseBody,
        response: { 201: MajorCase, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await openMajorCase(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    `${P}/major-cases/:id/close`,
    {
      schema: {
        tags: TAGS,
        summary: '督办办结 / close the supervision',
        params: IdParams,
        body: CloseMajorCaseBody,
        response: { 200: MajorCase, ...WRITE_ERRORS },
      },
    },
    async (request) => closeMajorCase(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  // Complaints about officers
  listWithExportRoutes<ComplaintQuery>(app, {
    path: `${P}/officer-complaints`,
    tags: TAGS,
    summary: '投诉执法人员 / complaints about officers',
    exportSummary: '导出投诉（Excel）/ export',
    filename: '投诉执法人员.xlsx',
    querystring: ComplaintQuery,
    response: { 200: Page(OfficerComplaint), ...READ_ERRORS },
    list: (actor, query) => listComplaints(deps, actor, query),
    exportXlsx: (actor, query) => exportComplaints(deps, actor, query),
  });
  app.post(
    `${P}/officer-complaints`,
    {
      schema: {
        tags: TAGS,
        summary: '受理投诉 / receive a complaint',
        body: ReceiveComplaintBody,
        response: { 201: OfficerComplaint, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(await receiveComplaint(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.post(
    `${P}/officer-complaints/:id/handle`,
    {
      schema: {
        tags: TAGS,
        summary: '投诉办结 / conclude a complaint',
        params: IdParams,
        body: HandleComplaintBody,
        response: { 200: OfficerComplaint, ...WRITE_ERRORS },
      },
    },
    async (request) => handleComplaint(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );

  // 考核 (B7)
  listWithExportRoutes<ScoreItemQuery>(app, {
    path: `${P}/score-items`,
    tags: TAGS,
    summary: '考核项目与数据来源 / score items and sources',
    exportSummary: '导出考核项目（Excel）/ export score items',
    filename: '考核项目.xlsx',
    querystring: ScoreItemQuery,
    response: { 200: ScoreItemPage, ...READ_ERRORS },
    list: (actor, query) => listScoreItems(deps, actor, query),
    exportXlsx: (actor, query) => exportScoreItems(deps, actor, query),
  });
  app.put(
    `${P}/score-items`,
    {
      schema: {
        tags: TAGS,
        summary: '设定考核项目（不得以罚款计分）/ set the score items',
        body: PutScoreItemsBody,
        response: { 200: ScoreConfig, ...WRITE_ERRORS },
      },
    },
    async (request) => putScoreItems(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    `${P}/scores`,
    {
      schema: {
        tags: TAGS,
        summary: '考核得分（逐项说明）/ score cards',
        querystring: ScoresQuery,
        response: { 200: Page(ScoreCard), ...READ_ERRORS },
      },
    },
    async (request) => listScores(deps, actorOf(request), request.query),
  );
  app.get(
    `${P}/scores/me`,
    {
      schema: {
        tags: TAGS,
        summary: '本人考核得分 / my score card',
        querystring: MyScoresQuery,
        response: { 200: ScoreCard, ...READ_ERRORS },
      },
    },
    async (request) => myScores(deps, actorOf(request), request.query),
  );
  app.get(
    `${P}/proportionality`,
    {
      schema: {
        tags: TAGS,
        summary: '过罚相当预警 / proportionality alerts',
        querystring: ProportionalityQuery,
        response: { 200: Type.Array(ProportionalityAlert), ...READ_ERRORS },
      },
    },
    async (request) => proportionality(deps, actorOf(request), request.query),
  );
}
