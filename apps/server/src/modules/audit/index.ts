// 审计: the SM3 hash-chained audit log every write ends with, and the signed checkpoints that anchor its head.
import type { ServerModule } from '../../platform/server-module.ts';
import { auditRoutes } from './audit.routes.ts';
import { anchorAuditChainAtShutdown, CHECKPOINT_JOB_HANDLERS, scheduleCheckpointTimer } from './audit-checkpoint-job.ts';

export { recordAudit, recordAudits, type AuditEntry } from './audit.service.ts';
export { verifyAuditChain, type CheckpointFileInput } from './use-cases/verify-audit-chain.ts';
export { writeAuditCheckpoint } from './use-cases/write-checkpoint.ts';
export { checkpointFileText } from './use-cases/checkpoint-queries.ts';
export { checkpointFileOf, readCheckpointFile, syncCheckpointFile } from './checkpoint-file.ts';
export { anchorAuditChainAtShutdown };

export const auditModule: ServerModule = {
  name: 'audit',
  routes: auditRoutes,
  jobs: CHECKPOINT_JOB_HANDLERS,
  schedule: scheduleCheckpointTimer,
};
