import type {
  Checkout,
  DeferralApplicationBody,
  PaymentSummary,
  PortalCase,
  PortalCodeRequested,
  PortalHearingBody,
  PortalServiceConsentBody,
  PortalStatementBody,
  PortalUploadedFile,
} from '@chengguan/contracts';
import { ApiError, request, SAME_ORIGIN_REFERRER } from './client.ts';

// 当事人门户 (apps/server/src/modules/portal): public routes; the session is the httpOnly cookie cg_portal. A 401 here
// means "log in to the portal again", never the console's login page.
const opts = { noAuthRedirect: true } as const;

export const portalApi = {
  requestCode: (documentNumber: string) => request<PortalCodeRequested>('POST', '/api/portal/code', { ...opts, body: { documentNumber } }),
  login: (documentNumber: string, code: string) =>
    request<PortalCase>('POST', '/api/portal/session', { ...opts, body: { documentNumber, code } }),
  logout: () => request<void>('DELETE', '/api/portal/session', opts),
  getCase: () => request<PortalCase>('GET', '/api/portal/case', opts),
  statement: (body: PortalStatementBody) => request<PortalCase>('POST', '/api/portal/statement', { ...opts, body }),
  hearing: (body: PortalHearingBody) => request<PortalCase>('POST', '/api/portal/hearing-request', { ...opts, body }),
  consent: (body: PortalServiceConsentBody) => request<PortalCase>('POST', '/api/portal/service-consent', { ...opts, body }),
  payment: () => request<PaymentSummary>('GET', '/api/portal/payment', opts),
  checkout: () => request<Checkout>('POST', '/api/portal/payment/checkout', { ...opts, body: {} }),
  deferral: (body: DeferralApplicationBody) => request<{ id: string }>('POST', '/api/portal/payment/deferral', { ...opts, body }),
  documentUrl: (id: string) => `/api/portal/documents/${encodeURIComponent(id)}/pdf`,
  evidenceUrl: (id: string) => `/api/portal/evidence/${encodeURIComponent(id)}/file`,
  /** Raw upload (the file is the body). */
  async upload(file: File): Promise<PortalUploadedFile> {
    const res = await fetch('/api/portal/files', {
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
    return json as PortalUploadedFile;
  },
};
