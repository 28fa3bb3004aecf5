import {
  CASE_ACTION_ROUTES,
  type CaseActionBody,
  type CaseDetail,
  type CaseListItem,
  type CaseListQuery,
  type PageOf,
  type RecusalBody,
  type RegisterCaseBody,
  type RoutedCaseAction,
  type SummaryCaseBody,
  type SummaryDecisionBody,
  type SummaryDraftBody,
  type Workbench,
  type WorkbenchSetName,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// Typed calls to /api/v1/cases (apps/server/src/modules/cases/cases.routes.ts), one line each.
// Every transition answers the whole CaseDetail: allowed actions, blocking reasons, deadlines, timeline.

type Write = { idempotencyKey?: string };
export type CaseFilters = Omit<CaseListQuery, 'page' | 'pageSize'>;

const BASE = '/api/v1/cases';

export const casesApi = {
  list: (query: CaseFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<CaseListItem>>(BASE, query as Query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`${BASE}/${id}`, undefined, signal),
  workbench: (signal?: AbortSignal) => api.get<Workbench>(`${BASE}/workbench`, undefined, signal),
  /** The next page of one workbench set (its items have the set's own shape). */
  workbenchSet: <K extends WorkbenchSetName>(set: K, cursor: string, signal?: AbortSignal) =>
    api.get<NonNullable<Workbench[K]>>(`${BASE}/workbench/${set}`, { cursor }, signal),
  register: (body: RegisterCaseBody, w: Write = {}) => api.post<CaseDetail>(BASE, body, w),
  summary: (body: SummaryCaseBody, w: Write = {}) => api.post<CaseDetail>(`${BASE}/summary`, body, w),
  /** A 当场处罚 kept as a draft until the legal reviewer confirms the article (E12), then decided on the case page. */
  summaryDraft: (body: SummaryDraftBody, w: Write = {}) => api.post<CaseDetail>(`${BASE}/summary-drafts`, body, w),
  summaryDecision: (id: string, body: SummaryDecisionBody, w: Write = {}) =>
    api.post<CaseDetail>(`${BASE}/${id}/summary-decision`, body, w),
  /** POST /api/v1/cases/:id/<path> of one transition. */
  act: <A extends RoutedCaseAction>(id: string, action: A, body: CaseActionBody<A>, w: Write = {}) =>
    api.post<CaseDetail>(`${BASE}/${id}/${CASE_ACTION_ROUTES[action].path}`, body, w),
  /** 回避 (A8): POST /api/v1/cases/:id/recusals. */
  recusal: (id: string, body: RecusalBody, w: Write = {}) => api.post<CaseDetail>(`${BASE}/${id}/recusals`, body, w),
  exportPath: `${BASE}/export.xlsx`,
};
