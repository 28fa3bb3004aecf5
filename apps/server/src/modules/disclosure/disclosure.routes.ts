import { Type } from '@sinclair/typebox';
import {
  DisclosureAgencies,
  DisclosureItem,
  DisclosureListQuery,
  DisclosureWithdrawalBody,
  ErrorBody,
  Page,
  PublicDisclosure,
  PublicDisclosureQuery,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { exportDisclosures, listDisclosures } from './use-cases/list-disclosures.ts';
import { getPublic, listAgencies, listPublic } from './use-cases/public-disclosures.ts';
import { recordDisclosureWithdrawal } from './use-cases/record-withdrawal.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['disclosure'];

/** 公示管理 (console, /api/v1). */
export function disclosureRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<DisclosureListQuery>(app, {
    path: '/api/v1/disclosures',
    tags: TAGS,
    summary: '公示管理 / disclosure entries (I1, I2)',
    exportSummary: '导出公示管理列表 / export (Excel)',
    querystring: DisclosureListQuery,
    response: { 200: Page(DisclosureItem), 400: ErrorBody, 403: ErrorBody },
    filename: '行政执法公示.xlsx',
    list: (actor, query) => listDisclosures(deps, actor, query),
    exportXlsx: (actor, query) => exportDisclosures(deps, actor, query),
  });
  app.post(
    '/api/v1/disclosures/:id/withdrawal',
    {
      schema: {
        tags: TAGS,
        summary: '登记决定变更/撤销/确认违法/确认无效并撤回公示 / record a change and withdraw (I2)',
        params: Type.Object({ id: Uuid }),
        body: DisclosureWithdrawalBody,
        response: { 200: DisclosureItem, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => recordDisclosureWithdrawal(deps, actorOf(request), metaOf(request), request.params.id, request.body),
  );
}

/** 行政执法公示 public page data: no login. */
export function publicDisclosureRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/public/disclosures',
    {
      schema: {
        tags: TAGS,
        summary: '行政执法公示（公开）/ published decisions (public)',
        security: [],
        querystring: PublicDisclosureQuery,
        response: { 200: Page(PublicDisclosure), 400: ErrorBody },
      },
    },
    async (request) => listPublic(deps, request.query),
  );
  app.get(
    '/api/public/disclosures/agencies',
    { schema: { tags: TAGS, summary: '公示机关列表 / agencies with entries', security: [], response: { 200: DisclosureAgencies } } },
    async () => listAgencies(deps),
  );
  app.get(
    '/api/public/disclosures/:id',
    {
      schema: {
        tags: TAGS,
        summary: '公示详情 / one entry (public)',
        security: [],
        params: Type.Object({ id: Uuid }),
        response: { 200: PublicDisclosure, 404: ErrorBody },
      },
    },
    async (request) => getPublic(deps, request.params.id),
  );
}
