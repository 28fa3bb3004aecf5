import { Type, type TSchema } from '@sinclair/typebox';
import {
  DiscretionStandard,
  DiscretionStandardBody,
  DiscretionStandardListQuery,
  ErrorBody,
  ExemptionItem,
  ExemptionItemBody,
  ExemptionItemListQuery,
  Guidance,
  GuidanceBody,
  GuidanceListQuery,
  GuidingCase,
  GuidingCaseBody,
  GuidingCaseListQuery,
  ImportQuery,
  ImportReport,
  LAW_KINDS,
  LawKindSchema,
  LawSearchQuery,
  LawSearchResult,
  Offence,
  OffenceBody,
  OffenceListQuery,
  Page,
  Provision,
  ProvisionBody,
  ProvisionListQuery,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import type { LibraryKind } from './library/kind-spec.ts';
import { DISCRETION_STANDARDS, EXEMPTION_ITEMS, GUIDANCE, GUIDING_CASES, LIBRARY_KINDS, OFFENCES, PROVISIONS } from './library/kinds.ts';
import { IMPORT_BODY_LIMIT, installUploadParsers, toUpload, XLSX_TYPE } from './library/upload.ts';
import { createLibraryEntry } from './use-cases/create-library-entry.ts';
import { deleteLibraryEntry } from './use-cases/delete-library-entry.ts';
import { exportLibraryEntries } from './use-cases/export-library-entries.ts';
import { getLibraryEntry } from './use-cases/get-library-entry.ts';
import { importLibraryFile } from './use-cases/import-library-file.ts';
import { listLibraryEntries } from './use-cases/list-library-entries.ts';
import { searchLibrary } from './use-cases/search-library.ts';
import { updateLibraryEntry } from './use-cases/update-library-entry.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const IdParams = Type.Object({ id: Uuid });

type Schemas = { item: TSchema; body: TSchema; query: TSchema; zh: string; en: string };

/** List (paged, filtered), export, read, create, change and delete for one kind of library entry. */
// The schemas of a library kind are values of the kind's spec, so their types are the spec's type parameters (casts).
function crud<D extends { id: string }, B, S, F>(app: RouteApp, deps: Deps, spec: LibraryKind<D, B, S, F>, s: Schemas): void {
  const base = `/api/v1/law/${spec.kind}`;
  const tags = ['law'];
  app.get(
    base,
    { schema: { tags, summary: `${s.zh}列表 / ${s.en}`, querystring: s.query, response: { 200: Page(s.item), 400: ErrorBody } } },
    async (request) => listLibraryEntries(deps, actorOf(request), spec, request.query as F & { page?: number; pageSize?: number }),
  );
  app.get(
    `${base}/export.xlsx`,
    { schema: { tags, summary: `导出${s.zh} / export ${s.en} (Excel, import layout)`, querystring: s.query } },
    async (request, reply) =>
      sendXlsx(reply, `${spec.sheetName}.xlsx`, await exportLibraryEntries(deps, actorOf(request), spec, request.query as F)),
  );
  app.get(`${base}/:id`, { schema: { tags, params: IdParams, response: { 200: s.item, 404: ErrorBody } } }, async (request) =>
    getLibraryEntry(deps, actorOf(request), spec, request.params.id),
  );
  app.post(
    base,
    { schema: { tags, summary: `新增${s.zh} / create ${s.en}`, body: s.body, response: { 201: s.item, 400: ErrorBody, 403: ErrorBody } } },
    async (request, reply) =>
      reply.status(201).send(await createLibraryEntry(deps, actorOf(request), metaOf(request), spec, request.body as B)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `修改${s.zh} / update ${s.en}`,
        params: IdParams,
        body: Type.Partial(s.body),
        response: { 200: s.item, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => updateLibraryEntry(deps, actorOf(request), metaOf(request), spec, request.params.id, request.body as Partial<B>),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `删除${s.zh} / delete ${s.en}`,
        params: IdParams,
        response: { 204: Type.Null(), 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      await deleteLibraryEntry(deps, actorOf(request), metaOf(request), spec, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export function lawLibraryRoutes(app: RouteApp, deps: Deps): void {
  crud(app, deps, PROVISIONS, { item: Provision, body: ProvisionBody, query: ProvisionListQuery, zh: '法条', en: 'provisions' });
  crud(app, deps, OFFENCES, { item: Offence, body: OffenceBody, query: OffenceListQuery, zh: '案由', en: 'offences' });
  crud(app, deps, DISCRETION_STANDARDS, {
    item: DiscretionStandard,
    body: DiscretionStandardBody,
    query: DiscretionStandardListQuery,
    zh: '裁量基准',
    en: 'discretion standards',
  });
  crud(app, deps, EXEMPTION_ITEMS, {
    item: ExemptionItem,
    body: ExemptionItemBody,
    query: ExemptionItemListQuery,
    zh: '免罚清单',
    en: 'exemption items',
  });
  crud(app, deps, GUIDANCE, { item: Guidance, body: GuidanceBody, query: GuidanceListQuery, zh: '执法指引', en: 'guidance' });
  crud(app, deps, GUIDING_CASES, {
    item: GuidingCase,
    body: GuidingCaseBody,
    query: GuidingCaseListQuery,
    zh: '指导案例',
    en: 'guiding cases',
  });

  // The whole of one kind in the import layout: export → edit → import round-trips.
  for (const kind of LAW_KINDS) {
    const spec = LIBRARY_KINDS[kind];
    app.get(
      `/api/v1/law/export/${kind}.xlsx`,
      { schema: { tags: ['law'], summary: `导出导入模板格式 / export ${kind} in the import layout` } },
      async (request, reply) => sendXlsx(reply, `${spec.sheetName}.xlsx`, await exportLibraryEntries(deps, actorOf(request), spec, {})),
    );
  }

  app.get(
    '/api/v1/law/search',
    {
      schema: {
        tags: ['law'],
        summary: '法规检索 / search the library',
        querystring: LawSearchQuery,
        response: { 200: LawSearchResult, 400: ErrorBody },
      },
    },
    async (request) => searchLibrary(deps, actorOf(request), request.query),
  );
}

/** The import route, in a scope of its own so its body parsers (xlsx, csv, multipart) stay local to it. */
export function lawImportRoutes(app: RouteApp, deps: Deps): void {
  installUploadParsers(app);
  app.post(
    '/api/v1/law/import/:kind',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['law'],
        summary: '导入 Excel/CSV / import a spreadsheet',
        description: `Body: the file as raw bytes (content-type ${XLSX_TYPE}, text/csv or application/octet-stream) or multipart/form-data. dryRun (default true) only validates.`,
        params: Type.Object({ kind: LawKindSchema }),
        querystring: ImportQuery,
        response: { 200: ImportReport, 400: ErrorBody, 403: ErrorBody, 422: ImportReport },
      },
    },
    async (request, reply) => {
      const upload = toUpload(request.body);
      if (!upload) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'body',
          message: 'body：请上传 .xlsx 或 .csv 文件',
          messageEn: 'body: upload an .xlsx or .csv file',
        });
      }
      const kind = request.params.kind;
      const dryRun = request.query.dryRun ?? true;
      const report = await importLibraryFile(deps, actorOf(request), metaOf(request), LIBRARY_KINDS[kind], upload, dryRun);
      return reply.status(report.ok || dryRun ? 200 : 422).send(report);
    },
  );
}
