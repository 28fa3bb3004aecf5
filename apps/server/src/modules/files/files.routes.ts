import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  Sm3Hex,
  FileIntegrityIssue,
  FileIntegrityOverview,
  FileIssueListQuery,
  FileScrubRun,
  FileScrubRunListQuery,
  Page,
  StoredFile,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { AppError } from '../../errors/app-error.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { ALLOWED_FILE_TYPES } from './file-types.ts';
import {
  exportFileIssues,
  fileIntegrityOverview,
  listFileIssues,
  listScrubRuns,
  startManualScrub,
} from './use-cases/file-integrity-queries.ts';
import { MAX_FILE_BYTES, uploadFile } from './use-cases/upload-file.ts';
import { type RouteApp, withSchemaTypes } from '../../platform/server-module.ts';

const TAGS = ['files'];

/**
 * Uploads (content-addressed; the body is the file itself, its content type the file's) and the administrators' view
 * of the stored files' integrity. A stored file is never served by its hash: it is read through the object that
 * refers to it (the evidence of a case, a document, a service record …), in the module that owns that object.
 */
export function filesRoutes(app: RouteApp, deps: Deps): void {
  void app.register(async (instance) => {
    const scope = withSchemaTypes(instance);
    // Every declared type reaches the handler, so that an active type (SVG, HTML, script) is refused by name.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/v1/files',
      {
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          tags: TAGS,
          summary: '上传文件（内容寻址，返回上传时计算的 SM3）/ upload a file (raw body, ≤ 20 MB; images, video, audio, PDF only)',
          description:
            'The declared Content-Type must be one of the listed types (or application/octet-stream) and the bytes must carry ' +
            'that type’s magic number. With X-Content-SM3 (the hash computed on the phone at capture) the bytes must hash to it, ' +
            'else 422 FILE_HASH_MISMATCH and nothing is stored. SVG, HTML, XML, scripts and anything else are refused with 415 ' +
            'naming the field.',
          consumes: [...ALLOWED_FILE_TYPES, 'application/octet-stream'],
          headers: Type.Object({ 'x-content-sm3': Type.Optional(Sm3Hex) }),
          response: { 201: StoredFile, 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) {
          throw new AppError('VALIDATION_FAILED', {
            field: 'body',
            message: 'body：请以文件内容作为请求体上传（Content-Type 为文件类型）',
            messageEn: 'body: send the file bytes as the request body with the file content type',
          });
        }
        const declared = request.headers['content-type'] ?? 'application/octet-stream';
        const captured = request.headers['x-content-sm3'];
        return reply
          .status(201)
          .send(
            await uploadFile(deps, actorOf(request), metaOf(request), body, declared, typeof captured === 'string' ? captured : undefined),
          );
      },
    );
  });

  app.get(
    '/api/v1/file-integrity',
    {
      schema: {
        tags: TAGS,
        summary: '文件完整性概况：上次巡检、下次巡检、待处理问题 / integrity overview',
        response: { 200: FileIntegrityOverview, 403: ErrorBody },
      },
    },
    async (request) => fileIntegrityOverview(deps, actorOf(request)),
  );
  listWithExportRoutes<FileIssueListQuery>(app, {
    path: '/api/v1/file-integrity/issues',
    tags: TAGS,
    summary: '完整性问题文件（哈希不符、缺失）/ flagged files',
    exportSummary: '导出完整性问题文件 / export (Excel)',
    querystring: FileIssueListQuery,
    response: { 200: Page(FileIntegrityIssue), 403: ErrorBody },
    filename: '文件完整性问题.xlsx',
    list: (actor, query) => listFileIssues(deps, actor, query),
    exportXlsx: (actor, query) => exportFileIssues(deps, actor, query),
  });
  app.get(
    '/api/v1/file-integrity/scrub-runs',
    {
      schema: {
        tags: TAGS,
        summary: '文件巡检记录 / scrub runs',
        querystring: FileScrubRunListQuery,
        response: { 200: Page(FileScrubRun), 403: ErrorBody },
      },
    },
    async (request) => listScrubRuns(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/file-integrity/scrub-runs',
    {
      schema: {
        tags: TAGS,
        summary: '立即巡检（后台分批校验全部文件）/ start a scrub now (batches run in the worker)',
        response: { 201: FileScrubRun, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await startManualScrub(deps, actorOf(request), metaOf(request))),
  );
}
