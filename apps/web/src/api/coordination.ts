import type {
  CompleteJointActionBody,
  CreateJointActionBody,
  CreateJointOrderBody,
  JointActionDetail,
  JointActionReportBody,
  JointActionSummary,
  JointOrderActionCode,
  JointOrderDetail,
  JointOrderStepBody,
  JointOrderSummary,
  JointOrderTicketBody,
  PageOf,
  PartnerConnectorStatus,
  PartnerSimulatorPlayBody,
  PartnerSimulatorQueued,
  PartnerUnit,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 综合指挥: partner units, joint work orders, coordinated actions.
export const coordinationApi = {
  partners: (signal?: AbortSignal) => api.get<PartnerUnit[]>('/api/v1/partner-units', {}, signal),
  orders: (query: Query, signal?: AbortSignal) => api.get<PageOf<JointOrderSummary>>('/api/v1/joint-orders', query, signal),
  ordersExportPath: '/api/v1/joint-orders/export.xlsx',
  order: (id: string, signal?: AbortSignal) => api.get<JointOrderDetail>(`/api/v1/joint-orders/${id}`, {}, signal),
  photoUrl: (id: string, sm3: string) => `/api/v1/joint-orders/${id}/photos/${sm3}`,
  createOrder: (body: CreateJointOrderBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointOrderDetail>('/api/v1/joint-orders', body, w),
  step: (id: string, action: JointOrderActionCode, body: JointOrderStepBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointOrderDetail>(`/api/v1/joint-orders/${id}/${action}`, body, w),
  /** 联合工单转为诉件 (the command centre). */
  makeTicket: (id: string, body: JointOrderTicketBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointOrderDetail>(`/api/v1/joint-orders/${id}/ticket`, body, w),
  /** The partner connector: its state (and whether it is the local simulator), and the simulator filing an order. */
  connector: (signal?: AbortSignal) => api.get<PartnerConnectorStatus>('/api/v1/partner-connector', {}, signal),
  playPartnerOrder: (body: PartnerSimulatorPlayBody) =>
    api.post<PartnerSimulatorQueued>('/api/v1/partner-connector/simulator/orders', body),
  actions: (query: Query, signal?: AbortSignal) => api.get<PageOf<JointActionSummary>>('/api/v1/joint-actions', query, signal),
  action: (id: string, signal?: AbortSignal) => api.get<JointActionDetail>(`/api/v1/joint-actions/${id}`, {}, signal),
  createAction: (body: CreateJointActionBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointActionDetail>('/api/v1/joint-actions', body, w),
  report: (id: string, taskId: string, body: JointActionReportBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointActionDetail>(`/api/v1/joint-actions/${id}/tasks/${taskId}/report`, body, w),
  complete: (id: string, body: CompleteJointActionBody, w: { idempotencyKey?: string } = {}) =>
    api.post<JointActionDetail>(`/api/v1/joint-actions/${id}/complete`, body, w),
};
