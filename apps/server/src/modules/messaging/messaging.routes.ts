import { ErrorBody, MessageItem, MessageListQuery, MessageProviderInfo, Page } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/auth-hook.ts';
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
}
