import { Type } from '@sinclair/typebox';
import {
  AttemptAnswersBody,
  AttemptView,
  BureauIdQuery,
  CompletionView,
  CourseQuery,
  CourseView,
  ErrorBody,
  ExamQuery,
  ExamView,
  MyTraining,
  OfflineCompletionBody,
  Page,
  PutTrainingSettingsBody,
  QualificationBody,
  QualificationQuery,
  QualificationView,
  QuestionQuery,
  QuestionView,
  SaveCourseBody,
  SaveExamBody,
  SaveQuestionBody,
  TrainingProgressQuery,
  TrainingProgressView,
  TrainingSettingsView,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { getAttempt, saveAnswers, startAttempt, submitAttempt } from './training.attempts.ts';
import {
  completeCourse,
  createCourse,
  createExam,
  createQuestion,
  getTrainingSettings,
  listCourses,
  listExams,
  listQuestions,
  putTrainingSettings,
} from './training.catalogue.ts';
import {
  addOfflineCompletion,
  addQualification,
  exportProgress,
  exportQualifications,
  listProgress,
  listQualifications,
  myTraining,
} from './training.progress.ts';

const TAGS = ['training'];
const READ_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const WRITE_ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParams = Type.Object({ id: Uuid });

export function trainingRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/training/settings',
    {
      schema: {
        tags: TAGS,
        summary: '年度学时学分要求 / the yearly requirement',
        querystring: BureauIdQuery,
        response: { 200: TrainingSettingsView, ...READ_ERRORS },
      },
    },
    async (request) => getTrainingSettings(deps, actorOf(request), request.query),
  );
  app.put(
    '/api/v1/training/settings',
    {
      schema: {
        tags: TAGS,
        summary: '设定年度学时学分要求 / set the yearly requirement',
        body: PutTrainingSettingsBody,
        response: { 200: TrainingSettingsView, ...WRITE_ERRORS },
      },
    },
    async (request) => putTrainingSettings(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/training/me',
    {
      schema: {
        tags: TAGS,
        summary: '我的培训（学时学分进度、记录、考试）/ my training',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: MyTraining, ...READ_ERRORS },
      },
    },
    async (request) => myTraining(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/training/courses',
    {
      schema: {
        tags: TAGS,
        summary: '课程与学习资料 / courses',
        querystring: CourseQuery,
        response: { 200: Page(CourseView), ...READ_ERRORS },
      },
    },
    async (request) => listCourses(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/training/courses',
    { schema: { tags: TAGS, summary: '新增课程 / add a course', body: SaveCourseBody, response: { 200: CourseView, ...WRITE_ERRORS } } },
    async (request) => createCourse(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/training/courses/:id/complete',
    {
      schema: {
        tags: TAGS,
        summary: '完成课程学习（计入本年度学时学分，一年一次）/ complete a course',
        params: IdParams,
        response: { 200: Type.Object({ completed: Type.Boolean(), year: Type.Integer() }), ...WRITE_ERRORS },
      },
    },
    async (request) => completeCourse(deps, actorOf(request), metaOf(request), request.params.id),
  );
  listWithExportRoutes<TrainingProgressQuery>(app, {
    path: '/api/v1/training/progress',
    tags: TAGS,
    summary: '队员年度学时学分进度 / officers’ yearly progress',
    exportSummary: '导出学时学分进度 / export progress',
    querystring: TrainingProgressQuery,
    response: { 200: Page(TrainingProgressView), ...READ_ERRORS },
    filename: '学时学分.xlsx',
    list: (actor, q) => listProgress(deps, actor, q),
    exportXlsx: (actor, q) => exportProgress(deps, actor, q),
  });
  app.post(
    '/api/v1/training/completions',
    {
      schema: {
        tags: TAGS,
        summary: '登记线下培训学时学分 / record an offline session',
        body: OfflineCompletionBody,
        response: { 200: CompletionView, ...WRITE_ERRORS },
      },
    },
    async (request) => addOfflineCompletion(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/training/questions',
    {
      schema: {
        tags: TAGS,
        summary: '题库 / the question bank',
        querystring: QuestionQuery,
        response: { 200: Page(QuestionView), ...READ_ERRORS },
      },
    },
    async (request) => listQuestions(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/training/questions',
    {
      schema: {
        tags: TAGS,
        summary: '新增试题 / add a question',
        body: SaveQuestionBody,
        response: { 200: QuestionView, ...WRITE_ERRORS },
      },
    },
    async (request) => createQuestion(deps, actorOf(request), metaOf(request), request.body),
  );
  app.get(
    '/api/v1/training/exams',
    { schema: { tags: TAGS, summary: '考试 / exams', querystring: ExamQuery, response: { 200: Page(ExamView), ...READ_ERRORS } } },
    async (request) => listExams(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/training/exams',
    {
      schema: {
        tags: TAGS,
        summary: '新增考试（随机组卷、限时、自动评分）/ add an exam',
        body: SaveExamBody,
        response: { 200: ExamView, ...WRITE_ERRORS },
      },
    },
    async (request) => createExam(deps, actorOf(request), metaOf(request), request.body),
  );
  app.post(
    '/api/v1/training/exams/:id/attempts',
    {
      schema: {
        tags: TAGS,
        summary: '开始考试（按随机种子抽题，未交卷的返回原试卷）/ start a sitting',
        params: IdParams,
        response: { 200: AttemptView, ...WRITE_ERRORS },
      },
    },
    async (request) => startAttempt(deps, actorOf(request), metaOf(request), request.params.id),
  );
  app.get(
    '/api/v1/training/attempts/:id',
    { schema: { tags: TAGS, summary: '我的答卷 / my sitting', params: IdParams, response: { 200: AttemptView, ...READ_ERRORS } } },
    async (request) => getAttempt(deps, actorOf(request), request.params.id),
  );
  app.put(
    '/api/v1/training/attempts/:id/answers',
    {
      schema: {
        tags: TAGS,
        summary: '保存作答 / save the answers so far',
        params: IdParams,
        body: AttemptAnswersBody,
        response: { 200: AttemptView, ...WRITE_ERRORS },
      },
    },
    async (request) => saveAnswers(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/training/attempts/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: '交卷（自动评分；超时拒收并保存答案）/ hand in',
        params: IdParams,
        body: AttemptAnswersBody,
        response: { 200: AttemptView, ...WRITE_ERRORS },
      },
    },
    async (request) => submitAttempt(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
  listWithExportRoutes<QualificationQuery>(app, {
    path: '/api/v1/training/qualifications',
    tags: TAGS,
    summary: '执法资格考试记录 / qualification exam records',
    exportSummary: '导出执法资格考试记录 / export qualification records',
    querystring: QualificationQuery,
    response: { 200: Page(QualificationView), ...READ_ERRORS },
    filename: '执法资格考试.xlsx',
    list: (actor, q) => listQualifications(deps, actor, q),
    exportXlsx: (actor, q) => exportQualifications(deps, actor, q),
  });
  app.post(
    '/api/v1/training/qualifications',
    {
      schema: {
        tags: TAGS,
        summary: '登记执法资格考试成绩 / record a qualification exam',
        body: QualificationBody,
        response: { 200: QualificationView, ...WRITE_ERRORS },
      },
    },
    async (request) => addQualification(deps, actorOf(request), metaOf(request), request.body),
  );
}
