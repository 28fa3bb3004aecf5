import type {
  DisclosureAgencies,
  DisclosureItem,
  DisclosureListQuery,
  DisclosureWithdrawalBody,
  PageOf,
  PublicDisclosure,
  PublicDisclosureQuery,
} from '@chengguan/contracts';
import { api, download, request, type Query } from './client.ts';

// 行政执法公示 (apps/server/src/modules/disclosure): the console's 公示管理 and the public page.
export const disclosureApi = {
  list: (q: DisclosureListQuery, signal?: AbortSignal) => api.get<PageOf<DisclosureItem>>('/api/v1/disclosures', q as Query, signal),
  export: (q: DisclosureListQuery) => download('/api/v1/disclosures/export.xlsx', q as Query, '行政执法公示.xlsx'),
  withdraw: (id: string, body: DisclosureWithdrawalBody, idempotencyKey?: string) =>
    api.post<DisclosureItem>(`/api/v1/disclosures/${id}/withdrawal`, body, idempotencyKey ? { idempotencyKey } : {}),
  publicList: (q: PublicDisclosureQuery, signal?: AbortSignal) =>
    request<PageOf<PublicDisclosure>>('GET', '/api/public/disclosures', {
      query: q as Query,
      noAuthRedirect: true,
      ...(signal ? { signal } : {}),
    }),
  publicAgencies: () => request<DisclosureAgencies>('GET', '/api/public/disclosures/agencies', { noAuthRedirect: true }),
};
