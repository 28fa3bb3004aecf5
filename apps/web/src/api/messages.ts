import type { MessageItem, MessageListQuery, MessageProviderInfo, PageOf } from '@chengguan/contracts';
import { api, download, type Query } from './client.ts';

// 短信发件箱 (apps/server/src/modules/messaging): administrators only.
export const messagesApi = {
  list: (q: MessageListQuery, signal?: AbortSignal) => api.get<PageOf<MessageItem>>('/api/v1/messages', q as Query, signal),
  provider: (signal?: AbortSignal) => api.get<MessageProviderInfo>('/api/v1/messages/provider', undefined, signal),
  export: (q: MessageListQuery) => download('/api/v1/messages/export.xlsx', q as Query, '短信发件箱.xlsx'),
};
