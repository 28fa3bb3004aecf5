import type {
  CreateInspectionTaskBody,
  InspectionMatter,
  InspectionMatterBody,
  InspectionTask,
  InspectionVisit,
  OverdueSummary,
  PageOf,
  RectificationBody,
  RectificationOrder,
  SubmitVisitBody,
  UpdateInspectionMatterBody,
  VisitCaseBody,
  VisitForm,
} from '@chengguan/contracts';
import { api, request, type Query } from './client.ts';

// 检查: the matter list, tasks, the visit and what a failed item leads to.

type Write = { idempotencyKey?: string };

export type TaskFilters = {
  mine?: boolean;
  orgId?: string;
  status?: string;
  origin?: string;
  overdue?: boolean;
  subjectId?: string;
  planId?: string;
};

export const inspectionsApi = {
  matters: (query: Query = {}, signal?: AbortSignal) => api.get<InspectionMatter[]>('/api/v1/inspection-matters', query, signal),
  createMatter: (body: InspectionMatterBody, w: Write = {}) => api.post<InspectionMatter>('/api/v1/inspection-matters', body, w),
  updateMatter: (id: string, body: UpdateInspectionMatterBody, w: Write = {}) =>
    request<InspectionMatter>('PUT', `/api/v1/inspection-matters/${id}`, { body, ...w }),
  tasks: (query: Query, signal?: AbortSignal) => api.get<PageOf<InspectionTask>>('/api/v1/inspection-tasks', query, signal),
  tasksExportPath: '/api/v1/inspection-tasks/export.xlsx',
  createTask: (body: CreateInspectionTaskBody, w: Write = {}) => api.post<InspectionTask>('/api/v1/inspection-tasks', body, w),
  overdue: (query: Query = {}, signal?: AbortSignal) => api.get<OverdueSummary>('/api/v1/inspection-tasks/overdue', query, signal),
  prepare: (subjectId: string, signal?: AbortSignal) => api.get<VisitForm>('/api/v1/inspection-visits/prepare', { subjectId }, signal),
  submit: (body: SubmitVisitBody, w: Write = {}) => api.post<InspectionVisit>('/api/v1/inspection-visits', body, w),
  visit: (id: string, signal?: AbortSignal) => api.get<InspectionVisit>(`/api/v1/inspection-visits/${id}`, undefined, signal),
  rectify: (id: string, body: RectificationBody, w: Write = {}) =>
    api.post<InspectionVisit>(`/api/v1/inspection-visits/${id}/rectification`, body, w),
  registerCase: (id: string, body: VisitCaseBody, w: Write = {}) =>
    api.post<InspectionVisit>(`/api/v1/inspection-visits/${id}/case`, body, w),
  rectifications: (query: Query, signal?: AbortSignal) =>
    api.get<PageOf<RectificationOrder>>('/api/v1/rectification-orders', query, signal),
  rectificationsExportPath: '/api/v1/rectification-orders/export.xlsx',
};
