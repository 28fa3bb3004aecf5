import type {
  CourtFilingBody,
  CourtPackageBody,
  EndReviewLitigationBody,
  EnforcementCheckResult,
  EnforcementListItem,
  EnforcementListQuery,
  EnforcementOverview,
  IssueReminderBody,
  PageOf,
  ReviewLitigationBody,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 执行 (apps/server/src/modules/enforcement/enforcement.routes.ts).

type Write = { idempotencyKey?: string };
const base = (caseId: string) => `/api/v1/cases/${caseId}`;
export type EnforcementFilters = Omit<EnforcementListQuery, 'page' | 'pageSize'>;

export const enforcementApi = {
  list: (query: EnforcementFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<EnforcementListItem>>('/api/v1/enforcement', query as Query, signal),
  exportPath: '/api/v1/enforcement/export.xlsx',
  check: (w: Write = {}) => api.post<EnforcementCheckResult>('/api/v1/enforcement/check', undefined, w),
  overview: (caseId: string, signal?: AbortSignal) => api.get<EnforcementOverview>(`${base(caseId)}/enforcement`, undefined, signal),
  reminder: (caseId: string, body: IssueReminderBody, w: Write = {}) =>
    api.post<EnforcementOverview>(`${base(caseId)}/enforcement/reminder`, body, w),
  courtPackage: (caseId: string, body: CourtPackageBody, w: Write = {}) =>
    api.post<EnforcementOverview>(`${base(caseId)}/enforcement/court-package`, body, w),
  courtPackageUrl: (caseId: string) => `${base(caseId)}/enforcement/court-package.zip`,
  courtFiling: (caseId: string, body: CourtFilingBody, w: Write = {}) =>
    api.post<EnforcementOverview>(`${base(caseId)}/enforcement/court-filing`, body, w),
  review: (caseId: string, body: ReviewLitigationBody, w: Write = {}) =>
    api.post<EnforcementOverview>(`${base(caseId)}/review-litigations`, body, w),
  endReview: (caseId: string, reviewId: string, body: EndReviewLitigationBody, w: Write = {}) =>
    api.post<EnforcementOverview>(`${base(caseId)}/review-litigations/${reviewId}/end`, body, w),
};
