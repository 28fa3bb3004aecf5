// Routes of 导入执法对象. The upload's body is the file itself (xlsx, csv or octet-stream), parsed as bytes in this
// scope only; the check and the commit run as jobs, and the console polls the batch for their progress.
import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  SubjectImportBatch,
  SubjectImportProblemPage,
  SubjectImportProblemQuery,
  SubjectImportUploadQuery,
} from '@chengguan/contracts';
import type { Deps } from '../../../context.ts';
import { actorOf, metaOf } from '../../../http/auth-hook.ts';
import { sendXlsx } from '../../../http/xlsx.ts';
import type { RouteApp } from '../../../platform/server-module.ts';
import { commitImport, getImport, importReportXlsx, listImportProblems, uploadImport } from './import.use-cases.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** About 246,000 rows of the city's lists as .xlsx are 15–20 MB; as CSV up to 40 MB. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const RAW_TYPES = [XLSX_TYPE, 'text/csv', 'application/octet-stream'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function subjectImportRoutes(app: RouteApp, deps: Deps): void {
  app.register(async (scope) => {
    for (const type of RAW_TYPES) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));
    const r = scope as unknown as RouteApp;
    r.post(
      '/api/v1/subject-imports',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['subjects'],
          summary: '上传执法对象清单 / upload a list of subjects',
          description: `Body: the file as raw bytes (${XLSX_TYPE}, text/csv or application/octet-stream). Opens a batch and checks it (dry run) as a job; poll GET /api/v1/subject-imports/{id}.`,
          querystring: SubjectImportUploadQuery,
          consumes: RAW_TYPES,
          response: { 202: SubjectImportBatch, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : null;
        return reply.status(202).send(await uploadImport(deps, actorOf(request), metaOf(request), body, request.query));
      },
    );
  });
  app.get(
    '/api/v1/subject-imports/:id',
    {
      schema: {
        tags: ['subjects'],
        summary: '导入批次与进度 / an import batch and its progress',
        params: Id,
        response: { 200: SubjectImportBatch, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getImport(deps, actorOf(request), request.params.id),
  );
  app.get(
    '/api/v1/subject-imports/:id/problems',
    {
      schema: {
        tags: ['subjects'],
        summary: '导入检查结果（行、列、问题） / the dry run’s problems by row and column',
        params: Id,
        querystring: SubjectImportProblemQuery,
        response: { 200: SubjectImportProblemPage, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listImportProblems(deps, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/v1/subject-imports/:id/report.xlsx',
    { schema: { tags: ['subjects'], summary: '导出导入检查结果 / the dry-run report as Excel', params: Id } },
    async (request, reply) =>
      sendXlsx(reply, '执法对象导入检查结果.xlsx', await importReportXlsx(deps, actorOf(request), request.params.id)),
  );
  app.post(
    '/api/v1/subject-imports/:id/commit',
    {
      schema: {
        tags: ['subjects'],
        summary: '确认导入 / commit the rows that passed',
        description: 'Queues the commit once; the rows that passed are loaded in one transaction by the job. Poll the batch.',
        params: Id,
        response: { 202: SubjectImportBatch, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => reply.status(202).send(await commitImport(deps, actorOf(request), metaOf(request), request.params.id)),
  );
}
