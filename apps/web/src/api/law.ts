import type {
  CalendarOverride,
  CalendarOverrideBody,
  CalendarYear,
  DeadlineBody,
  DeadlineResult,
  DiscretionBody,
  DiscretionResult,
  DiscretionStandard,
  DiscretionStandardBody,
  DiscretionStandardListQuery,
  ExemptionItem,
  ExemptionItemBody,
  ExemptionItemListQuery,
  Guidance,
  GuidanceBody,
  GuidanceListQuery,
  GuidingCase,
  GuidingCaseBody,
  GuidingCaseListQuery,
  LawKind,
  LawSearchResult,
  LegalConfigBody,
  LegalConfigOverview,
  Offence,
  OffenceBody,
  OffenceListQuery,
  PageOf,
  Provision,
  ProvisionBody,
  ProvisionListQuery,
} from '@chengguan/contracts';
import { api, request, type Query } from './client.ts';

// Typed calls to /api/v1/law (apps/server/src/modules/law/law-*.routes.ts), one line each.

type Write = { idempotencyKey?: string };
type Paging = { page: number; pageSize: number };

/** Per kind of library entry: the entry, its create body and its list filters. */
export type LibraryTypes = {
  provisions: { entry: Provision; body: ProvisionBody; filter: Omit<ProvisionListQuery, 'page' | 'pageSize'> };
  offences: { entry: Offence; body: OffenceBody; filter: Omit<OffenceListQuery, 'page' | 'pageSize'> };
  'discretion-standards': {
    entry: DiscretionStandard;
    body: DiscretionStandardBody;
    filter: Omit<DiscretionStandardListQuery, 'page' | 'pageSize'>;
  };
  'exemption-items': { entry: ExemptionItem; body: ExemptionItemBody; filter: Omit<ExemptionItemListQuery, 'page' | 'pageSize'> };
  guidance: { entry: Guidance; body: GuidanceBody; filter: Omit<GuidanceListQuery, 'page' | 'pageSize'> };
  'guiding-cases': { entry: GuidingCase; body: GuidingCaseBody; filter: Omit<GuidingCaseListQuery, 'page' | 'pageSize'> };
};
export type EntryOf<K extends LawKind> = LibraryTypes[K]['entry'];
export type BodyOf<K extends LawKind> = LibraryTypes[K]['body'];
export type FilterOf<K extends LawKind> = LibraryTypes[K]['filter'];

/** List, read, create, change, delete and export one kind of library entry. */
export function libraryApi<K extends LawKind>(kind: K) {
  const base = `/api/v1/law/${kind}`;
  return {
    list: (query: FilterOf<K> & Paging, signal?: AbortSignal) => api.get<PageOf<EntryOf<K>>>(base, query as Query, signal),
    get: (id: string) => api.get<EntryOf<K>>(`${base}/${id}`),
    create: (body: BodyOf<K>, w: Write = {}) => api.post<EntryOf<K>>(base, body, w),
    update: (id: string, body: Partial<BodyOf<K>>, w: Write = {}) => api.patch<EntryOf<K>>(`${base}/${id}`, body, w),
    remove: (id: string, w: Write = {}) => api.del<void>(`${base}/${id}`, w),
    /** The filtered list as Excel, in the import layout. */
    exportPath: `${base}/export.xlsx`,
    /** The whole kind in the import layout (also the template to fill in). */
    templatePath: `/api/v1/law/export/${kind}.xlsx`,
    importPath: `/api/v1/law/import/${kind}`,
  };
}

export const lawApi = {
  search: (q: string, on?: string, signal?: AbortSignal) => api.get<LawSearchResult>('/api/v1/law/search', { q, on, limit: 20 }, signal),
  discretion: (body: DiscretionBody, w: Write = {}) => api.post<DiscretionResult>('/api/v1/law/discretion', body, w),
  deadline: (body: DeadlineBody, w: Write = {}) => api.post<DeadlineResult>('/api/v1/law/deadlines', body, w),
  calendar: (year: number, signal?: AbortSignal) => api.get<CalendarYear>('/api/v1/law/calendar', { year }, signal),
  setOverride: (date: string, body: CalendarOverrideBody, w: Write = {}) =>
    request<CalendarOverride>('PUT', `/api/v1/law/calendar/overrides/${date}`, { ...w, body }),
  removeOverride: (date: string, w: Write = {}) => api.del<void>(`/api/v1/law/calendar/overrides/${date}`, w),
  config: (on?: string, signal?: AbortSignal) => api.get<LegalConfigOverview>('/api/v1/law/config', { on }, signal),
  createConfig: (body: LegalConfigBody, w: Write = {}) => api.post<LegalConfigOverview>('/api/v1/law/config', body, w),
};
