// 综合指挥 routes (docs/tickets.md §14): the queue (+ Excel), the map. The steps themselves are the ticket routes.
import { CommandMap, CommandQueueItem, CommandQueueQuery, ErrorBody, Page } from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { listWithExportRoutes } from '../../../http/xlsx.ts';
import { actorOf } from '../../../http/auth-hook.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { commandMap, exportCommandQueue, listCommandQueue } from './command-queue.ts';

const TAGS = ['tickets'];

export function commandRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<CommandQueueQuery>(app, {
    path: '/api/v1/command/queue',
    tags: TAGS,
    summary: '综合指挥队列（待签收在前，按最近时限；含预警）/ the command centre queue',
    exportSummary: '导出综合指挥队列（Excel）/ export the queue',
    filename: '综合指挥队列.xlsx',
    querystring: CommandQueueQuery,
    response: { 200: Page(CommandQueueItem), 400: ErrorBody, 403: ErrorBody },
    list: (actor, query) => listCommandQueue(deps, actor, query),
    exportXlsx: (actor, query) => exportCommandQueue(deps, actor, query),
  });
  app.get(
    '/api/v1/command/map',
    {
      schema: {
        tags: TAGS,
        summary: '综合指挥地图（在办诉件点位、中队责任区、疑似重复件）/ the command centre map',
        response: { 200: CommandMap, 403: ErrorBody },
      },
    },
    async (request) => commandMap(deps, actorOf(request)),
  );
}
