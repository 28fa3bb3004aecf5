import type { AuditCheckpointEntry } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { assertCityAuditor } from '../audit-access.ts';
import { recordAudit } from '../audit.service.ts';
import { CHECKPOINT_FILE_JOB } from '../audit-checkpoint-job.ts';
import { writeAuditCheckpoint } from './write-checkpoint.ts';

/**
 * 立即锚定: a checkpoint of the head now, then its audit row (after it, so the checkpoint covers only committed
 * history and rolls back with the request). The file gets it from a job once the request has committed: the file
 * must never hold a checkpoint the database did not keep.
 */
export async function writeCheckpointAs(deps: Deps, actor: Actor, meta: RequestMeta): Promise<{ checkpoint: AuditCheckpointEntry | null }> {
  assertCityAuditor(actor);
  const c = await writeAuditCheckpoint(deps, 'manual');
  if (c) {
    await deps.db.transaction().execute(async (trx) => {
      await recordAudit(trx, deps, actor, meta, {
        action: 'audit.checkpoint',
        entityType: 'audit_log',
        entityId: String(c.seq),
        data: { seq: c.seq, hash: c.hash },
      });
      await enqueueJob(trx, { id: deps.newId(), kind: CHECKPOINT_FILE_JOB, runAt: deps.clock.now() });
    });
  }
  return {
    checkpoint: c && {
      id: c.id,
      seq: c.seq,
      hash: c.hash,
      at: c.at,
      reason: c.reason,
      keyFingerprint: c.keyFingerprint,
      signature: c.signature,
      writtenBy: c.writtenBy,
    },
  };
}
