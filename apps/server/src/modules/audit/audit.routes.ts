import { Type } from '@sinclair/typebox';
import {
  AuditAnchorStatus,
  AuditCheckpointEntry,
  AuditCheckpointListQuery,
  AuditEntry,
  AuditListQuery,
  AuditVerifyResult,
  ErrorBody,
  Page,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes, sendXlsx } from '../../http/xlsx.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { exportAudit, listAuditLog } from './use-cases/list-audit-log.ts';
import { verifyAuditChainAs } from './use-cases/verify-audit-chain-as.ts';
import { downloadCheckpointFile, exportCheckpointsXlsx, getAnchorStatus, listCheckpoints } from './use-cases/checkpoint-queries.ts';
import { writeCheckpointAs } from './use-cases/write-checkpoint-as.ts';

const TAGS = ['audit'];
const ERRORS = { 400: ErrorBody, 403: ErrorBody };

export function auditRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: TAGS,
        summary: '审计日志 / audit log',
        querystring: AuditListQuery,
        response: { 200: Page(AuditEntry), 400: ErrorBody },
      },
    },
    async (request) => listAuditLog(deps, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/audit/export.xlsx',
    { schema: { tags: TAGS, summary: '导出审计日志 / export (Excel)', querystring: AuditListQuery } },
    async (request, reply) => sendXlsx(reply, '审计日志.xlsx', await exportAudit(deps, actorOf(request), request.query)),
  );
  app.post(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: TAGS,
        summary: '校验审计链及全部锚点 / verify the SM3 chain and every checkpoint',
        response: { 200: AuditVerifyResult, 403: ErrorBody },
      },
    },
    async (request) => verifyAuditChainAs(deps, actorOf(request), metaOf(request)),
  );

  app.get(
    '/api/v1/audit/anchor',
    {
      schema: {
        tags: TAGS,
        summary: '审计链锚定状态（市局）/ checkpoint status: signing key, last checkpoint, settings (city bureau)',
        response: { 200: AuditAnchorStatus, 403: ErrorBody },
      },
    },
    async (request) => getAnchorStatus(deps, actorOf(request)),
  );
  listWithExportRoutes<AuditCheckpointListQuery>(app, {
    path: '/api/v1/audit/checkpoints',
    tags: TAGS,
    summary: '审计链锚点（市局）/ signed checkpoints of the chain (city bureau)',
    exportSummary: '导出审计链锚点（Excel）/ export checkpoints (Excel)',
    querystring: AuditCheckpointListQuery,
    response: { 200: Page(AuditCheckpointEntry), ...ERRORS },
    filename: '审计链锚点.xlsx',
    list: (actor, query) => listCheckpoints(deps, actor, query),
    exportXlsx: (actor, query) => exportCheckpointsXlsx(deps, actor, query),
  });
  app.get(
    '/api/v1/audit/checkpoints/export.jsonl',
    {
      schema: {
        tags: TAGS,
        summary: '下载锚点文件（供离线校验：npm run audit:verify -- --checkpoints 文件）/ checkpoint file for offline verification',
      },
    },
    async (request, reply) => {
      const text = await downloadCheckpointFile(deps, actorOf(request));
      const name = `审计链锚点-${shanghaiDate(deps.clock.now())}.jsonl`;
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-checkpoints.jsonl"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(text);
    },
  );
  app.post(
    '/api/v1/audit/checkpoints',
    {
      schema: {
        tags: TAGS,
        summary: '立即锚定审计链（市局）/ write a checkpoint of the head now (city bureau)',
        response: { 200: Type.Object({ checkpoint: Type.Union([AuditCheckpointEntry, Type.Null()]) }), 403: ErrorBody },
      },
    },
    async (request) => writeCheckpointAs(deps, actorOf(request), metaOf(request)),
  );
}
