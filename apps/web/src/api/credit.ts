import type {
  AttemptView,
  CaseReviewQuery,
  CaseReviewView,
  CourseView,
  CreditCatalogueLineView,
  CreditRecordQuery,
  CreditRecordView,
  CreditRepairQuery,
  CreditRepairView,
  CreditReportBody,
  CreditReportView,
  CreditSettingsView,
  DecideCreditRepairBody,
  MyTraining,
  PageOf,
  SquadOverview,
  SquadOverviewQuery,
  TrainingProgressQuery,
  TrainingProgressView,
  TrainingSettingsView,
} from '@chengguan/contracts';
import { api, download, type Query } from './client.ts';

// 信用 (modules/credit), 复议/诉讼 (modules/reviews), 教育培训 (modules/training), 规范化中队 (modules/squads).
export const creditApi = {
  settings: (bureauId: string) => api.get<CreditSettingsView>('/api/v1/credit/settings', { bureauId }),
  catalogue: (q: Query, signal?: AbortSignal) => api.get<PageOf<CreditCatalogueLineView>>('/api/v1/credit/catalogue', q, signal),
  catalogueExportPath: '/api/v1/credit/catalogue/export.xlsx',
  records: (q: CreditRecordQuery, signal?: AbortSignal) => api.get<PageOf<CreditRecordView>>('/api/v1/credit/records', q as Query, signal),
  exportRecords: (q: CreditRecordQuery) => download('/api/v1/credit/records/export.xlsx', q as Query, '信用记录.xlsx'),
  repairs: (q: CreditRepairQuery, signal?: AbortSignal) => api.get<PageOf<CreditRepairView>>('/api/v1/credit/repairs', q as Query, signal),
  exportRepairs: (q: CreditRepairQuery) => download('/api/v1/credit/repairs/export.xlsx', q as Query, '信用修复申请.xlsx'),
  decide: (id: string, body: DecideCreditRepairBody) => api.post<CreditRepairView>(`/api/v1/credit/repairs/${id}/decision`, body),
  report: (body: CreditReportBody) => api.post<CreditReportView>('/api/v1/credit/reports', body),
};

export const reviewsApi = {
  list: (q: CaseReviewQuery, signal?: AbortSignal) => api.get<PageOf<CaseReviewView>>('/api/v1/case-reviews', q as Query, signal),
  export: (q: CaseReviewQuery) => download('/api/v1/case-reviews/export.xlsx', q as Query, '复议诉讼.xlsx'),
  exportMonth: (month: string) => download('/api/v1/case-reviews/monthly/export.xlsx', { month }, `纠错败诉通报-${month}.xlsx`),
  monthPdf: (month: string) => download('/api/v1/case-reviews/monthly/report.pdf', { month }, `纠错败诉通报-${month}.pdf`),
};

export const trainingApi = {
  settings: (bureauId: string, signal?: AbortSignal) => api.get<TrainingSettingsView>('/api/v1/training/settings', { bureauId }, signal),
  me: (signal?: AbortSignal) => api.get<MyTraining>('/api/v1/training/me', {}, signal),
  courses: (signal?: AbortSignal) => api.get<PageOf<CourseView>>('/api/v1/training/courses', { pageSize: 100 }, signal),
  complete: (id: string) => api.post<{ completed: boolean; year: number }>(`/api/v1/training/courses/${id}/complete`, {}),
  start: (examId: string) => api.post<AttemptView>(`/api/v1/training/exams/${examId}/attempts`, {}),
  attempt: (id: string, signal?: AbortSignal) => api.get<AttemptView>(`/api/v1/training/attempts/${id}`, {}, signal),
  save: (id: string, answers: Record<string, string[]>) => api.put<AttemptView>(`/api/v1/training/attempts/${id}/answers`, { answers }),
  submit: (id: string, answers: Record<string, string[]>) => api.post<AttemptView>(`/api/v1/training/attempts/${id}/submit`, { answers }),
  progress: (q: TrainingProgressQuery, signal?: AbortSignal) =>
    api.get<PageOf<TrainingProgressView>>('/api/v1/training/progress', q as Query, signal),
  exportProgress: (q: TrainingProgressQuery) => download('/api/v1/training/progress/export.xlsx', q as Query, '学时学分.xlsx'),
};

export const squadsApi = {
  overview: (q: SquadOverviewQuery, signal?: AbortSignal) => api.get<SquadOverview>('/api/v1/squads/overview', q as Query, signal),
  export: (q: SquadOverviewQuery) => download('/api/v1/squads/overview/export.xlsx', q as Query, '规范化中队.xlsx'),
};
