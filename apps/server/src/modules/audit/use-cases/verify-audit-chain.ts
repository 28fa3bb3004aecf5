import type { Kysely } from 'kysely';
import { GENESIS_HASH, verifyChain } from '@chengguan/domain';
import type { AuditVerifyResult } from '@chengguan/contracts';
import type { DB } from '../../../db/schema.ts';
import { readAuditBatch } from '../audit.repository.ts';

export type VerifyAuditChainOptions = {
  db: Kysely<DB>;
  batchSize?: number;
  onProgress?: (checked: number) => void;
};

/** Recomputes every row's SM3 hash in seq order; names the first row whose content or link is broken. */
export async function verifyAuditChain({ db, batchSize = 2000, onProgress }: VerifyAuditChainOptions): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await readAuditBatch(db, lastSeq, batchSize);
    if (rows.length === 0) break;
    if (rows[0]!.seq !== lastSeq + 1) {
      return { ok: false, checked, firstBrokenSeq: lastSeq + 1, reason: 'seq gap: a row is missing', headHash: null };
    }
    const result = verifyChain(rows, prevHash);
    if (!result.ok) {
      return { ok: false, checked: checked + result.checked, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason, headHash: null };
    }
    checked += rows.length;
    const last = rows[rows.length - 1]!;
    prevHash = last.hash;
    lastSeq = last.seq;
    onProgress?.(checked);
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null, headHash: checked > 0 ? prevHash : null };
}
