import type {
  CreatedSharingKey,
  CreateSharingKeyBody,
  DataAsset,
  PageOf,
  ProofQuery,
  PublicationDigest,
  PublicationProof,
  SharingKey,
  UpdateDataAssetBody,
  VerifyPublicationBody,
  VerifyPublicationResult,
} from '@chengguan/contracts';
import { api, request, type Query } from './client.ts';

// 数据资源目录与共享: the catalogue, partner keys.
type Write = { idempotencyKey?: string };

export const dataSharingApi = {
  assets: (query: Query, signal?: AbortSignal) => api.get<PageOf<DataAsset>>('/api/v1/data-assets', query, signal),
  assetsExportPath: '/api/v1/data-assets/export.xlsx',
  updateAsset: (code: string, body: UpdateDataAssetBody, w: Write = {}) => api.patch<DataAsset>(`/api/v1/data-assets/${code}`, body, w),
  keys: (signal?: AbortSignal) => api.get<SharingKey[]>('/api/v1/sharing-keys', {}, signal),
  createKey: (body: CreateSharingKeyBody) => api.post<CreatedSharingKey>('/api/v1/sharing-keys', body),
  revokeKey: (id: string, w: Write = {}) => api.post<SharingKey>(`/api/v1/sharing-keys/${id}/revoke`, {}, w),
};

/** The public digests (no login): the signed daily roots, a record's proof, and its check. */
export const digestApi = {
  list: (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
    request<PageOf<PublicationDigest>>('GET', '/api/public/digests', { query: q, noAuthRedirect: true, ...(signal ? { signal } : {}) }),
  proof: (day: string, q: ProofQuery) =>
    request<PublicationProof>('GET', `/api/public/digests/${day}/proof`, { query: q as Query, noAuthRedirect: true }),
  verify: (body: VerifyPublicationBody) =>
    request<VerifyPublicationResult>('POST', '/api/public/digests/verify', { body, noAuthRedirect: true }),
};
