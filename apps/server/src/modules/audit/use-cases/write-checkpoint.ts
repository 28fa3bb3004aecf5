import { hostname } from 'node:os';
import { checkpointDigest, type CheckpointReason, type SignedCheckpoint } from '@chengguan/domain';
import type { Deps } from '../../../context.ts';
import { signDigest } from '../../../shared/sm2-keys.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { findAuditHead, findLastCheckpoint, insertCheckpoint, lockCheckpointWriters } from '../audit.repository.ts';
import { auditSigningKey } from '../audit-signing-key.ts';

/** The process writing: host and pid, stored with each checkpoint. */
export const PROCESS_NAME = `${hostname()}:${process.pid}`;

/**
 * Signs the chain's current head as a checkpoint, unless the last checkpoint already covers it (an idle chain gets
 * no new checkpoints) or the chain is empty; returns the checkpoint written, or null. Its own transaction (a
 * savepoint inside a request's unit of work), serialized with other writers so checkpoints commit in seq order.
 */
export async function writeAuditCheckpoint(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'newId'>,
  reason: CheckpointReason,
  writtenBy: string = PROCESS_NAME,
): Promise<SignedCheckpoint | null> {
  return deps.db.transaction().execute(async (trx) => {
    await lockCheckpointWriters(trx);
    const head = await findAuditHead(trx);
    if (!head) return null;
    const last = await findLastCheckpoint(trx);
    if (last && last.seq >= head.seq) return null;
    const key = await auditSigningKey(trx, deps);
    const content = { id: deps.newId(), seq: head.seq, hash: head.hash, at: deps.clock.now().toISOString(), reason, writtenBy };
    const signature = signDigest(checkpointDigest(content, sm3Hex), key);
    const inserted = await insertCheckpoint(trx, {
      id: content.id,
      seq: content.seq,
      hash: content.hash,
      at: content.at,
      reason,
      key_id: key.id,
      signature,
      written_by: writtenBy,
    });
    return inserted ? { ...content, publicKey: key.publicKey, keyFingerprint: key.fingerprint, signature } : null;
  });
}
