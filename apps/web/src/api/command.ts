import type {
  CommandMap,
  CommandQueueItem,
  CreatedOpen311Key,
  CreateOpen311KeyBody,
  CreateTicketCategoryBody,
  InboxItem,
  InboxPage,
  Open311Key,
  PageOf,
  TicketCategoryAdmin,
  UpdateTicketCategoryBody,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 综合指挥 (queue, map), 站内消息, the category editor and the Open311 partner keys (modules/tickets, modules/messaging).
export const commandApi = {
  queue: (query: Query, signal?: AbortSignal) => api.get<PageOf<CommandQueueItem>>('/api/v1/command/queue', query, signal),
  queueExportPath: '/api/v1/command/queue/export.xlsx',
  map: (signal?: AbortSignal) => api.get<CommandMap>('/api/v1/command/map', undefined, signal),
};

export const inboxApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<InboxPage>('/api/v1/inbox', query, signal),
  exportPath: '/api/v1/inbox/export.xlsx',
  read: (id: string) => api.post<InboxItem>(`/api/v1/inbox/${id}/read`, {}),
};

export const categoryApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<PageOf<TicketCategoryAdmin>>('/api/v1/ticket-categories/manage', query, signal),
  exportPath: '/api/v1/ticket-categories/manage/export.xlsx',
  create: (body: CreateTicketCategoryBody) => api.post<TicketCategoryAdmin>('/api/v1/ticket-categories', body),
  update: (code: string, body: UpdateTicketCategoryBody) => api.patch<TicketCategoryAdmin>(`/api/v1/ticket-categories/${code}`, body),
};

export const open311KeyApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<PageOf<Open311Key>>('/api/v1/open311-keys', query, signal),
  exportPath: '/api/v1/open311-keys/export.xlsx',
  create: (body: CreateOpen311KeyBody) => api.post<CreatedOpen311Key>('/api/v1/open311-keys', body),
  revoke: (id: string) => api.post<Open311Key>(`/api/v1/open311-keys/${id}/revoke`, {}),
};
