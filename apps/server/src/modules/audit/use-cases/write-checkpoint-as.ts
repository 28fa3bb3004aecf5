import type { AuditCheckpointEntry } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { assertCityAuditor } from '../audit-access.ts';
import { recordAuditNow } from '../audit.service.ts';
import { CHECKPOINT_FILE_JOB } from '../audit-checkpoint-job.ts';
import { writeAuditCheckpoint } from './write-checkpoint.ts';

/**
 * 立即锚定: the audit row of the request first, then a checkpoint of the head — that very row — so the chain is anchored
 * up to the last row when the answer comes. Both are in the request's transaction: if it rolls back, so does the
 * checkpoint. The file gets the checkpoint from a job once the request has committed: the file must never hold a
 * checkpoint the database did not keep.
 */
export async function writeCheckpointAs(deps: Deps, actor: Actor, meta: RequestMeta): Promise<{ checkpoint: AuditCheckpointEntry | null }> {
  assertCityAuditor(actor);
  await deps.db.transaction().execute((trx) =>
    recordAuditNow(trx, deps, actor, meta, {
      action: 'audit.checkpoint',
      entityType: 'audit_log',
      entityId: null,
      data: { reason: 'manual' },
    }),
  );
  const c = await writeAuditCheckpoint(deps, 'manual');
  if (c) await enqueueJob(deps.db, { id: deps.newId(), kind: CHECKPOINT_FILE_JOB, runAt: deps.clock.now() });
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
