import type { CreatedSharingKey, CreateSharingKeyBody, DataAsset, PageOf, SharingKey, UpdateDataAssetBody } from '@chengguan/contracts';
import { api, type Query } from './client.ts';

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
