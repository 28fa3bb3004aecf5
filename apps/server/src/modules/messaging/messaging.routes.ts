import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  InboxItem,
  InboxPage,
  InboxQuery,
  MessageItem,
  MessageListQuery,
  MessageProviderInfo,
  Page,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { exportInbox, listInbox, markInboxRead } from './inbox.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { exportOutbox, listOutbox, providerInfo } from './use-cases/list-messages.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['messages'];

/** 短信发件箱: administrators read what the platform sent (with the local provider: what it would have sent). */
export function messagingRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<MessageListQuery>(app, {
    path: '/api/v1/messages',
    tags: TAGS,
    summary: '短信发件箱 / outbox of messages',
    exportSummary: '导出发件箱 / export the outbox (Excel)',
    querystring: MessageListQuery,
    response: { 200: Page(MessageItem), 400: ErrorBody, 403: ErrorBody },
    filename: '短信发件箱.xlsx',
    list: (actor, query) => listOutbox(deps, actor, query),
    exportXlsx: (actor, query) => exportOutbox(deps, actor, query),
  });
  app.get(
    '/api/v1/messages/provider',
    {
      schema: {
        tags: TAGS,
        summary: '当前短信通道 / the configured message provider',
        response: { 200: MessageProviderInfo, 403: ErrorBody },
      },
    },
    async (request) => providerInfo(deps, actorOf(request)),
  );
  // 站内消息: every signed-in officer reads his own in-console messages (alerts of the tickets' clocks …).
  listWithExportRoutes<InboxQuery>(app, {
    path: '/api/v1/inbox',
    tags: TAGS,
    summary: '站内消息（本人）/ my in-console messages',
    exportSummary: '导出站内消息 / export my messages (Excel)',
    querystring: InboxQuery,
    response: { 200: InboxPage, 400: ErrorBody, 403: ErrorBody },
    filename: '站内消息.xlsx',
    list: (actor, query) => listInbox(deps, actor, query),
    exportXlsx: (actor, query) => exportInbox(deps, actor, query),
  });
  app.post(
    '/api/v1/inbox/:id/read',
    {
      schema: {
        tags: TAGS,
        summary: '标记站内消息已读 / mark a message read',
        params: Type.Object({ id: Uuid }),
        response: { 200: InboxItem, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => markInboxRead(deps, actorOf(request), metaOf(request), request.params.id),
  );
}
