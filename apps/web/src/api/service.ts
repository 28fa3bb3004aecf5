import type { RecordServiceBody, ServiceConsent, ServiceConsentBody, ServiceOverview, ServiceRecord } from '@chengguan/contracts';
import { api } from './client.ts';

// 送达 (apps/server/src/modules/service/service.routes.ts): records by method, the F2 consent, the 送达回证.

type Write = { idempotencyKey?: string };
const base = (caseId: string) => `/api/v1/cases/${caseId}`;

export const serviceApi = {
  overview: (caseId: string, signal?: AbortSignal) => api.get<ServiceOverview>(`${base(caseId)}/services`, undefined, signal),
  record: (caseId: string, body: RecordServiceBody, w: Write = {}) => api.post<ServiceRecord>(`${base(caseId)}/services`, body, w),
  consent: (caseId: string, body: ServiceConsentBody, w: Write = {}) =>
    api.post<ServiceConsent>(`${base(caseId)}/service-consents`, body, w),
  /** The 送达回证 PDF (GET, session cookie). */
  receiptUrl: (caseId: string, serviceId: string) => `${base(caseId)}/services/${serviceId}/receipt.pdf`,
};
