import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody, Sm3Hex, StoredFile } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { AppError } from '../../errors/app-error.ts';
import { assertPermission } from '../../shared/access.ts';
import { fileStorageOf } from './file-storage.ts';
import { findFile } from './files.repository.ts';
import { MAX_FILE_BYTES, uploadFile } from './use-cases/upload-file.ts';

/** Raw uploads: the body is the file itself (no multipart package needed), its content type the file's. */
const RAW_TYPES = /^(application\/(octet-stream|pdf)|image\/|video\/|audio\/)/;

export function filesRoutes(app: FastifyInstance, deps: Deps): void {
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
  app.post(
    '/api/v1/files',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: ['files'],
        summary: '上传文件（内容寻址，返回上传时计算的 SM3）/ upload a file (raw body, ≤ 20 MB)',
        consumes: ['application/octet-stream', 'image/jpeg', 'image/png', 'video/mp4', 'audio/mpeg', 'application/pdf'],
        response: { 201: StoredFile, 400: ErrorBody, 413: ErrorBody },
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
      const mime = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
      return reply.status(201).send(await uploadFile(deps, actorOf(request), metaOf(request), body, mime));
    },
  );
  app.get(
    '/api/v1/files/:sm3',
    {
      schema: {
        tags: ['files'],
        summary: '下载文件 / download a file',
        params: Type.Object({ sm3: Sm3Hex }),
      },
    },
    async (request, reply) => {
      assertPermission(actorOf(request), 'case:read');
      const { sm3 } = request.params as { sm3: string };
      const row = await findFile(deps.db, sm3);
      const bytes = row ? await fileStorageOf(deps).get(sm3) : null;
      if (!row || !bytes) throw new AppError('NOT_FOUND');
      return reply.header('content-type', row.mime).header('x-content-sm3', sm3).send(bytes);
    },
  );
}
