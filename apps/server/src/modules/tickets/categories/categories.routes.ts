// The category editor's routes (city administrator): list (+ Excel), create, edit / disable.
import { Type } from '@sinclair/typebox';
import {
  Code,
  CreateTicketCategoryBody,
  ErrorBody,
  Page,
  TicketCategoryAdmin,
  TicketCategoryAdminQuery,
  UpdateTicketCategoryBody,
} from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../../http/xlsx.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { createCategory, exportCategoriesAdmin, listCategoriesAdmin, updateCategory } from './categories.ts';

const TAGS = ['tickets'];
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const CodeParams = Type.Object({ code: Code('^[A-Z]{2}([0-9]{2}){0,2}$', 6, 'ticket category code') });

export function categoryRoutes(app: RouteApp, deps: Deps): void {
  listWithExportRoutes<TicketCategoryAdminQuery>(app, {
    path: '/api/v1/ticket-categories/manage',
    tags: TAGS,
    summary: '诉件分类维护列表（市局管理员）/ the categories, for their editor',
    exportSummary: '导出诉件分类（Excel）/ export the categories',
    filename: '诉件分类.xlsx',
    querystring: TicketCategoryAdminQuery,
    response: { 200: Page(TicketCategoryAdmin), 400: ErrorBody, 403: ErrorBody },
    list: (actor, query) => listCategoriesAdmin(deps, actor, query),
    exportXlsx: (actor, query) => exportCategoriesAdmin(deps, actor, query),
  });
  app.post(
    '/api/v1/ticket-categories',
    {
      schema: {
        tags: TAGS,
        summary: '新增诉件分类（市局管理员）/ create a category',
        body: CreateTicketCategoryBody,
        response: { 201: TicketCategoryAdmin, ...ERRORS },
      },
    },
    async (request, reply) => reply.status(201).send(await createCategory(deps, actorOf(request), metaOf(request), request.body)),
  );
  app.patch(
    '/api/v1/ticket-categories/:code',
    {
      schema: {
        tags: TAGS,
        summary: '修改或停用诉件分类（市局管理员）/ edit or disable a category',
        params: CodeParams,
        body: UpdateTicketCategoryBody,
        response: { 200: TicketCategoryAdmin, ...ERRORS },
      },
    },
    async (request) => updateCategory(deps, actorOf(request), metaOf(request), request.params.code, request.body),
  );
}
