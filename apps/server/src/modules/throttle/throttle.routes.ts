import { ErrorBody, Page, ThrottleCounter, ThrottleCounterListQuery } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { exportThrottleCounters, listThrottleCounters } from './use-cases/list-counters.ts';
import type { RouteApp } from '../../platform/server-module.ts';

export function throttleRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<ThrottleCounterListQuery>(app, {
    path: '/api/v1/throttle-counters',
    tags: ['auth'],
    summary: '访问频率限制记录 / abuse-limit counters',
    exportSummary: '导出访问频率限制记录 / export abuse-limit counters (Excel)',
    querystring: ThrottleCounterListQuery,
    response: { 200: Page(ThrottleCounter), 400: ErrorBody, 403: ErrorBody },
    filename: '访问频率限制.xlsx',
    list: (actor, query) => listThrottleCounters(deps, actor, query),
    exportXlsx: (actor, query) => exportThrottleCounters(deps, actor, query),
  });
}
