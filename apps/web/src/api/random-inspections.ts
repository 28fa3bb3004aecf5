import type { CreatePlanBody, PageOf, PlanDetail, PlanListItem, PlanListQuery, PublicDraw, UpdatePlanBody } from '@chengguan/contracts';
import { api, request, type Query } from './client.ts';

// 双随机一公开 (apps/server/src/modules/random-inspections): plans and the public draw record.
type Write = { idempotencyKey?: string };
const action =
  (name: string) =>
  (plan: Pick<PlanDetail, 'id' | 'version'>, w: Write = {}) =>
    api.post<PlanDetail>(`/api/v1/inspection-plans/${plan.id}/${name}`, { expectedVersion: plan.version }, w);

export const planApi = {
  list: (q: PlanListQuery, signal?: AbortSignal) => api.get<PageOf<PlanListItem>>('/api/v1/inspection-plans', q as Query, signal),
  exportPath: '/api/v1/inspection-plans/export.xlsx',
  get: (id: string, signal?: AbortSignal) => api.get<PlanDetail>(`/api/v1/inspection-plans/${id}`, undefined, signal),
  create: (body: CreatePlanBody, w: Write = {}) => api.post<PlanDetail>('/api/v1/inspection-plans', body, w),
  update: (id: string, body: UpdatePlanBody, w: Write = {}) => api.patch<PlanDetail>(`/api/v1/inspection-plans/${id}`, body, w),
  submit: action('submit'),
  approve: action('approve'),
  reopen: action('reopen'),
  draw: action('draw'),
  quarterly: (id: string, year: number, w: Write = {}) =>
    api.post<PlanDetail[]>(`/api/v1/inspection-plans/${id}/quarterly-plans`, { year }, w),
  publicDraw: (planId: string, signal?: AbortSignal) =>
    request<PublicDraw>('GET', `/api/public/draws/${planId}`, { noAuthRedirect: true, ...(signal ? { signal } : {}) }),
};
