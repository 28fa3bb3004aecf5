import type {
  AnswerBody,
  CaseChecks,
  CaseFileCheck,
  CorrectFindingBody,
  CreateSamplingPlanBody,
  Finding,
  IssueNoticeBody,
  MajorCase,
  OfficerComplaint,
  PageOf,
  ProportionalityAlert,
  Sample,
  SampleDetail,
  SamplingPlan,
  ScoreCard,
  ScoreSampleBody,
  SupervisionHome,
  SupervisionNotice,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 执法监督 and 考核 (docs/supervision.md).
type Write = { idempotencyKey?: string };
const P = '/api/v1/supervision';

export const supervisionApi = {
  home: (signal?: AbortSignal) => api.get<SupervisionHome>(`${P}/home`, {}, signal),
  caseChecks: (caseId: string, signal?: AbortSignal) => api.get<CaseChecks>(`${P}/cases/${caseId}/checks`, {}, signal),
  runCheck: (caseId: string, w: Write = {}) => api.post<CaseFileCheck>(`${P}/cases/${caseId}/checks`, {}, w),
  plans: (query: Query, signal?: AbortSignal) => api.get<PageOf<SamplingPlan>>(`${P}/plans`, query, signal),
  plansExportPath: `${P}/plans/export.xlsx`,
  createPlan: (body: CreateSamplingPlanBody, w: Write = {}) => api.post<SamplingPlan>(`${P}/plans`, body, w),
  draw: (id: string, w: Write = {}) => api.post<SamplingPlan>(`${P}/plans/${id}/draw`, {}, w),
  samples: (query: Query, signal?: AbortSignal) => api.get<PageOf<Sample>>(`${P}/samples`, query, signal),
  samplesExportPath: `${P}/samples/export.xlsx`,
  sample: (id: string, signal?: AbortSignal) => api.get<SampleDetail>(`${P}/samples/${id}`, {}, signal),
  score: (id: string, body: ScoreSampleBody, w: Write = {}) => api.post<SampleDetail>(`${P}/samples/${id}/score`, body, w),
  bulletinPath: `${P}/review-results/bulletin.xlsx`,
  findings: (query: Query, signal?: AbortSignal) => api.get<PageOf<Finding>>(`${P}/findings`, query, signal),
  findingsExportPath: `${P}/findings/export.xlsx`,
  correct: (id: string, body: CorrectFindingBody, w: Write = {}) => api.post<Finding>(`${P}/findings/${id}/correct`, body, w),
  accept: (id: string, date: string, accepted: boolean, w: Write = {}) =>
    api.post<Finding>(`${P}/findings/${id}/accept`, { date, accepted }, w),
  notices: (query: Query, signal?: AbortSignal) => api.get<PageOf<SupervisionNotice>>(`${P}/notices`, query, signal),
  noticesExportPath: `${P}/notices/export.xlsx`,
  issueNotice: (body: IssueNoticeBody, w: Write = {}) => api.post<SupervisionNotice>(`${P}/notices`, body, w),
  answerNotice: (id: string, body: AnswerBody, w: Write = {}) => api.post<SupervisionNotice>(`${P}/notices/${id}/answer`, body, w),
  majorCases: (query: Query, signal?: AbortSignal) => api.get<PageOf<MajorCase>>(`${P}/major-cases`, query, signal),
  majorCasesExportPath: `${P}/major-cases/export.xlsx`,
  complaints: (query: Query, signal?: AbortSignal) => api.get<PageOf<OfficerComplaint>>(`${P}/officer-complaints`, query, signal),
  complaintsExportPath: `${P}/officer-complaints/export.xlsx`,
  scores: (query: Query, signal?: AbortSignal) => api.get<PageOf<ScoreCard>>(`${P}/scores`, query, signal),
  myScores: (query: Query, signal?: AbortSignal) => api.get<ScoreCard>(`${P}/scores/me`, query, signal),
  proportionality: (query: Query, signal?: AbortSignal) => api.get<ProportionalityAlert[]>(`${P}/proportionality`, query, signal),
};
