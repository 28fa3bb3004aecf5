import type {
  CitizenComplaintBody,
  CitizenMe,
  CitizenOptions,
  CitizenRatingBody,
  CitizenTicketDetail,
  CitizenTicketSummary,
  PageOf,
  PortalCodeRequested,
} from '@chengguan/contracts';
import { ApiError, request, SAME_ORIGIN_REFERRER } from './client.ts';

// 市民投诉 (apps/server/src/modules/portal/portal-citizen.routes.ts): public routes; the session is the httpOnly cookie
// cg_citizen, bound to the phone. A 401 here means "sign in again", never the console's login page.
const opts = { noAuthRedirect: true } as const;
const BASE = '/api/portal/citizen';

export const citizenApi = {
  requestCode: (phone: string) => request<PortalCodeRequested>('POST', `${BASE}/code`, { ...opts, body: { phone } }),
  login: (phone: string, code: string) => request<CitizenMe>('POST', `${BASE}/session`, { ...opts, body: { phone, code } }),
  me: () => request<CitizenMe>('GET', `${BASE}/session`, opts),
  logout: () => request<void>('DELETE', `${BASE}/session`, opts),
  options: () => request<CitizenOptions>('GET', `${BASE}/options`, opts),
  file: (body: CitizenComplaintBody) => request<CitizenTicketDetail>('POST', `${BASE}/tickets`, { ...opts, body }),
  list: (page = 1) => request<PageOf<CitizenTicketSummary>>('GET', `${BASE}/tickets`, { ...opts, query: { page, pageSize: 20 } }),
  get: (id: string) => request<CitizenTicketDetail>('GET', `${BASE}/tickets/${encodeURIComponent(id)}`, opts),
  rate: (id: string, body: CitizenRatingBody) =>
    request<CitizenTicketDetail>('POST', `${BASE}/tickets/${encodeURIComponent(id)}/rating`, { ...opts, body }),
  /** Raw upload (the photo is the body). */
  async upload(file: File): Promise<{ sm3: string }> {
    const res = await fetch(`${BASE}/files`, {
      method: 'POST',
      credentials: 'include',
      referrerPolicy: SAME_ORIGIN_REFERRER,
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const b = (json ?? {}) as { code?: string; message?: string; messageEn?: string };
      throw new ApiError(res.status, { code: b.code ?? `HTTP_${res.status}`, message: b.message ?? '', messageEn: b.messageEn ?? '' });
    }
    return json as { sm3: string };
  },
};
