import type { FastifyInstance } from 'fastify';
import { AuditEntry, AuditListQuery, AuditVerifyResult, ErrorBody, Page } from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { sendXlsx } from '../../http/xlsx.ts';
import { exportAudit, listAuditLog } from './use-cases/list-audit-log.ts';
import { verifyAuditChainAs } from './use-cases/verify-audit-chain-as.ts';

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 / audit log',
        querystring: AuditListQuery,
        response: { 200: Page(AuditEntry), 400: ErrorBody },
      },
    },
    async (request) => listAuditLog(deps, actorOf(request), request.query as AuditListQuery),
  );
  app.get(
    '/api/v1/audit/export.xlsx',
    { schema: { tags: ['audit'], summary: '导出审计日志 / export (Excel)', querystring: AuditListQuery } },
    async (request, reply) => sendXlsx(reply, '审计日志.xlsx', await exportAudit(deps, actorOf(request), request.query as AuditListQuery)),
  );
  app.post(
    '/api/v1/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计链 / verify the SM3 chain', response: { 200: AuditVerifyResult } } },
    async (request) => verifyAuditChainAs(deps, actorOf(request), metaOf(request)),
  );
}
