import type {
  ConfirmOffsiteBody,
  CreateOffsiteDeviceBody,
  DismissOffsiteBody,
  OffsiteConnector,
  OffsiteDelivery,
  OffsiteDevice,
  OffsiteReviewDetail,
  OffsiteReviewSummary,
  OffsiteScene,
  OffsiteSimulatorBody,
  OffsiteSimulatorResult,
  PageOf,
  UpdateOffsiteDeviceBody,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 非现场执法: the device register, the scenes, the review queue (二审合一), the device simulator.
export const offsiteApi = {
  scenes: (signal?: AbortSignal) => api.get<OffsiteScene[]>('/api/v1/offsite/scenes', {}, signal),
  devices: (query: Query, signal?: AbortSignal) => api.get<PageOf<OffsiteDevice>>('/api/v1/offsite/devices', query, signal),
  devicesExportPath: '/api/v1/offsite/devices/export.xlsx',
  createDevice: (body: CreateOffsiteDeviceBody, w: { idempotencyKey?: string } = {}) =>
    api.post<OffsiteDevice>('/api/v1/offsite/devices', body, w),
  updateDevice: (id: string, body: UpdateOffsiteDeviceBody, w: { idempotencyKey?: string } = {}) =>
    api.patch<OffsiteDevice>(`/api/v1/offsite/devices/${id}`, body, w),
  connector: (signal?: AbortSignal) => api.get<OffsiteConnector>('/api/v1/offsite/connector', {}, signal),
  deliveries: (query: Query, signal?: AbortSignal) => api.get<PageOf<OffsiteDelivery>>('/api/v1/offsite/deliveries', query, signal),
  play: (body: OffsiteSimulatorBody, w: { idempotencyKey?: string } = {}) =>
    api.post<OffsiteSimulatorResult>('/api/v1/offsite/simulator/play', body, w),
  reviews: (query: Query, signal?: AbortSignal) => api.get<PageOf<OffsiteReviewSummary>>('/api/v1/offsite/reviews', query, signal),
  reviewsExportPath: '/api/v1/offsite/reviews/export.xlsx',
  review: (id: string, signal?: AbortSignal) => api.get<OffsiteReviewDetail>(`/api/v1/offsite/reviews/${id}`, {}, signal),
  mediaUrl: (id: string, sm3: string) => `/api/v1/offsite/reviews/${id}/media/${sm3}`,
  confirm: (id: string, body: ConfirmOffsiteBody, w: { idempotencyKey?: string } = {}) =>
    api.post<OffsiteReviewDetail>(`/api/v1/offsite/reviews/${id}/confirm`, body, w),
  dismiss: (id: string, body: DismissOffsiteBody, w: { idempotencyKey?: string } = {}) =>
    api.post<OffsiteReviewDetail>(`/api/v1/offsite/reviews/${id}/dismiss`, body, w),
};
