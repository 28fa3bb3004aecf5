import type {
  CreateSubjectBody,
  OrgArea,
  OrgAreaPreview,
  PutOrgAreaBody,
  PageOf,
  PublicSubject,
  PublishRiskRulesBody,
  RiskRuleSetVersions,
  SubjectDetail,
  SubjectDuplicates,
  SubjectListItem,
  SubjectListQuery,
  SubjectMapPage,
  SubjectMapQuery,
  SubjectQuality,
  SubjectTimeline,
  UpdateSubjectBody,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

type Write = { idempotencyKey?: string };
export type SubjectFilters = Omit<SubjectListQuery, 'page' | 'pageSize'>;

// Typed calls to the registry (apps/server/src/modules/subjects/subjects.routes.ts).
export const subjectApi = {
  list: (query: SubjectListQuery, signal?: AbortSignal) => api.get<PageOf<SubjectListItem>>('/api/v1/subjects', query as Query, signal),
  exportPath: '/api/v1/subjects/export.xlsx',
  map: (query: SubjectMapQuery, signal?: AbortSignal) => api.get<SubjectMapPage>('/api/v1/subjects/map', query as Query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<SubjectDetail>(`/api/v1/subjects/${id}`, undefined, signal),
  timeline: (id: string, cursor?: string, signal?: AbortSignal) =>
    api.get<SubjectTimeline>(`/api/v1/subjects/${id}/timeline`, cursor ? { cursor } : undefined, signal),
  create: (body: CreateSubjectBody, w: Write = {}) => api.post<SubjectDetail>('/api/v1/subjects', body, w),
  update: (id: string, body: UpdateSubjectBody, w: Write = {}) => api.patch<SubjectDetail>(`/api/v1/subjects/${id}`, body, w),
  verify: (id: string, expectedVersion: number, w: Write = {}) =>
    api.post<SubjectDetail>(`/api/v1/subjects/${id}/verify`, { expectedVersion }, w),
  close: (id: string, expectedVersion: number, reasonZh: string, w: Write = {}) =>
    api.post<SubjectDetail>(`/api/v1/subjects/${id}/close`, { expectedVersion, reasonZh }, w),
  merge: (id: string, intoId: string, w: Write = {}) => api.post<SubjectDetail>(`/api/v1/subjects/${id}/merge`, { intoId }, w),
  requestOverride: (id: string, body: { level: string; reasonZh: string; validUntil?: string | null }, w: Write = {}) =>
    api.post<SubjectDetail>(`/api/v1/subjects/${id}/risk-override`, body, w),
  decideOverride: (id: string, oid: string, decision: 'approve' | 'reject', note?: string, w: Write = {}) =>
    api.post<SubjectDetail>(`/api/v1/subjects/${id}/risk-override/${oid}/${decision}`, note ? { note } : {}, w),
  duplicates: (signal?: AbortSignal) => api.get<SubjectDuplicates>('/api/v1/subjects/duplicates', undefined, signal),
  quality: (signal?: AbortSignal) => api.get<SubjectQuality>('/api/v1/subjects/quality', undefined, signal),
  riskRules: (signal?: AbortSignal) => api.get<RiskRuleSetVersions>('/api/v1/subject-risk-rules', undefined, signal),
  publishRiskRules: (body: PublishRiskRulesBody, w: Write = {}) => api.post<RiskRuleSetVersions>('/api/v1/subject-risk-rules', body, w),
  area: (orgId: string, signal?: AbortSignal) => api.get<OrgArea>(`/api/v1/orgs/${orgId}/area`, undefined, signal),
  previewArea: (orgId: string, body: PutOrgAreaBody) => api.post<OrgAreaPreview>(`/api/v1/orgs/${orgId}/area/preview`, body),
  putArea: (orgId: string, body: PutOrgAreaBody, w: { idempotencyKey?: string } = {}) =>
    api.put<OrgArea>(`/api/v1/orgs/${orgId}/area`, body, w),
  qrPath: (id: string) => `/api/v1/subjects/${id}/qr.png`,
  cardPath: (id: string) => `/api/v1/subjects/${id}/card.pdf`,
  publicPage: (code: string, signal?: AbortSignal) => api.get<PublicSubject>(`/api/public/subjects/${code}`, undefined, signal),
};
