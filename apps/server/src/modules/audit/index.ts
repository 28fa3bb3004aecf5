// 审计: the SM3 hash-chained audit log every write ends with.
import type { ServerModule } from '../../platform/server-module.ts';
import { auditRoutes } from './audit.routes.ts';

export { recordAudit } from './audit.service.ts';
export { verifyAuditChain } from './use-cases/verify-audit-chain.ts';

export const auditModule: ServerModule = { name: 'audit', routes: auditRoutes };
