import type { FastifyInstance } from 'fastify';
import { ErrorBody, MessageItem, MessageListQuery, MessageProviderInfo, Page } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { exportOutbox, listOutbox, providerInfo } from './use-cases/list-messages.ts';

const TAGS = ['messages'];

/** 短信发件箱: administrators read what the platform sent (with the local provider: what it would have sent). */
export function messagingRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/v1/messages',
    {
      schema: {
        tags: TAGS,
        summary: '短信发件箱 / outbox of messages',
        querystring: MessageListQuery,
        response: { 200: Page(MessageItem), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => listOutbox(deps, actorOf(request), request.query as MessageListQuery),
  );
  app.get(
    '/api/v1/messages/export.xlsx',
    { schema: { tags: TAGS, summary: '导出发件箱 / export the outbox (Excel)', querystring: MessageListQuery } },
    async (request, reply) =>
      sendXlsx(reply, '短信发件箱.xlsx', await exportOutbox(deps, actorOf(request), request.query as MessageListQuery)),
  );
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
