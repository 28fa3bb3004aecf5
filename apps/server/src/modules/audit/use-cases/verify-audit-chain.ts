import type { Kysely } from 'kysely';
import {
  chainRowBreak,
  checkpointDigest,
  GENESIS_HASH,
  parseCheckpointLines,
  positionAfter,
  type ChainPosition,
  type SignedCheckpoint,
} from '@chengguan/domain';
import type { AuditProblemKind, AuditVerifyProblem, AuditVerifyResult } from '@chengguan/contracts';
import type { DB } from '../../../db/schema.ts';
import { keyFingerprint, verifyDigest } from '../../../shared/sm2-keys.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { listCheckpointsAfter, listSigningKeys, readAuditBatch } from '../audit.repository.ts';
import { toSignedCheckpoint } from '../checkpoint-file.ts';

export type CheckpointFileInput = { name: string; text: string };

export type VerifyAuditChainOptions = {
  db: Kysely<DB>;
  /** Checkpoint files to check besides the database's checkpoints (the server's own file, an export). */
  files?: readonly CheckpointFileInput[];
  /**
   * Fingerprints of the audit keys to trust. Unset: the keys in the database. Set (an administrator who wrote the
   * fingerprint down), a checkpoint signed by any other key is a problem, even one the database lists.
   */
  trustedFingerprints?: readonly string[];
  batchSize?: number;
  maxProblems?: number;
  onProgress?: (checked: number) => void;
};

type Source = 'database' | 'file';
type Anchor = { checkpoint: SignedCheckpoint; source: Source; line: number | null };

const normalizeFingerprint = (f: string) => f.replace(/\s+/g, '').toUpperCase();

/**
 * Recomputes every row's SM3 hash in seq order and compares the chain with every checkpoint — the database's and
 * those of the files given. Names each problem (up to `maxProblems`): a row edited in place, a broken link, missing
 * rows, a row at a checkpoint's seq whose hash differs (rewritten with every later hash recomputed), a table that
 * ends before a checkpoint (cut from the end), a checkpoint whose signature or key does not hold, a file checkpoint
 * the database no longer has. It goes on past a problem, so every altered row is named.
 */
export async function verifyAuditChain({
  db,
  files = [],
  trustedFingerprints,
  batchSize = 2000,
  maxProblems = 100,
  onProgress,
}: VerifyAuditChainOptions): Promise<AuditVerifyResult> {
  const problems: AuditVerifyProblem[] = [];
  let problemCount = 0;
  const report = (kind: AuditProblemKind, p: Partial<Omit<AuditVerifyProblem, 'kind'>> & { source: AuditVerifyProblem['source'] }) => {
    problemCount++;
    if (problems.length < maxProblems)
      problems.push({ kind, seq: p.seq ?? null, checkpointSeq: p.checkpointSeq ?? null, source: p.source, line: p.line ?? null });
  };

  // Which keys may sign: the database's audit keys, or exactly the fingerprints the caller trusts.
  const trusted = trustedFingerprints ? new Set(trustedFingerprints.map(normalizeFingerprint)) : null;
  const databaseKeys = new Set((await listSigningKeys(db)).map((k) => k.public_key));
  const keyTrusted = (publicKey: string) =>
    trusted ? trusted.has(normalizeFingerprint(keyFingerprint(publicKey))) : databaseKeys.has(publicKey);

  const anchors = new Map<number, Anchor[]>();
  const fingerprintsUsed = new Set<string>();
  const admit = (a: Anchor): boolean => {
    const c = a.checkpoint;
    if (!verifyDigest(checkpointDigest(c, sm3Hex), c.signature, c.publicKey)) {
      report('checkpoint_signature_invalid', { seq: c.seq, checkpointSeq: c.seq, source: a.source, line: a.line });
      return false;
    }
    if (!keyTrusted(c.publicKey)) {
      report('checkpoint_key_unknown', { seq: c.seq, checkpointSeq: c.seq, source: a.source, line: a.line });
      return false;
    }
    fingerprintsUsed.add(keyFingerprint(c.publicKey));
    const at = anchors.get(c.seq) ?? [];
    at.push(a);
    anchors.set(c.seq, at);
    return true;
  };

  let fromDatabase = 0;
  const inDatabase = new Set<string>();
  let last: SignedCheckpoint | null = null;
  for (let after = 0; ;) {
    const rows = await listCheckpointsAfter(db, after, 5000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const c = toSignedCheckpoint(row);
      fromDatabase++;
      inDatabase.add(`${c.seq}:${c.signature}`);
      if (admit({ checkpoint: c, source: 'database', line: null }) && (!last || c.seq > last.seq)) last = c;
    }
    after = rows[rows.length - 1]!.seq;
  }

  let fromFiles = 0;
  for (const file of files) {
    const { entries, errors } = parseCheckpointLines(file.text);
    for (const e of errors) report('checkpoint_file_unreadable', { source: 'file', line: e.line });
    const seen = new Set<string>();
    for (const { line, checkpoint: c } of entries) {
      const id = `${c.seq}:${c.signature}`;
      if (seen.has(id)) continue; // the same line written twice by two processes
      seen.add(id);
      fromFiles++;
      if (!admit({ checkpoint: c, source: 'file', line })) continue;
      if (!inDatabase.has(id)) report('checkpoint_missing_in_database', { seq: c.seq, checkpointSeq: c.seq, source: 'file', line });
      if (!last || c.seq > last.seq) last = c;
    }
  }

  // The chain, and each checkpoint against the row at its seq.
  let position: ChainPosition = { prevHash: GENESIS_HASH, seq: 0, version: 1 };
  let checked = 0;
  for (;;) {
    const rows = await readAuditBatch(db, position.seq ?? 0, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const reason = chainRowBreak(row, position, sm3Hex);
      if (reason) report(reason, { seq: row.seq, source: 'chain' });
      for (const a of anchors.get(row.seq) ?? []) {
        if (a.checkpoint.hash !== row.hash)
          report('checkpoint_hash_mismatch', { seq: row.seq, checkpointSeq: row.seq, source: a.source, line: a.line });
      }
      position = positionAfter(row, position);
      checked++;
    }
    onProgress?.(checked);
  }
  const headSeq = checked > 0 ? position.seq : null;

  // Checkpoints beyond the end of the table: rows they vouched for were cut (one problem per source).
  for (const source of ['database', 'file'] as const) {
    const beyond = [...anchors.entries()]
      .filter(([seq, list]) => seq > (headSeq ?? 0) && list.some((a) => a.source === source))
      .map(([seq]) => seq);
    if (beyond.length > 0) report('truncated', { seq: (headSeq ?? 0) + 1, checkpointSeq: Math.max(...beyond), source });
  }

  const first = problems.reduce<AuditVerifyProblem | null>(
    (best, p) => (p.seq !== null && (best === null || best.seq === null || p.seq < best.seq) ? p : best),
    problems[0] ?? null,
  );
  const lastCheckpoint = last as SignedCheckpoint | null;
  return {
    ok: problemCount === 0,
    checked,
    firstBrokenSeq: first?.seq ?? null,
    reason: first?.kind ?? null,
    headSeq,
    headHash: headSeq !== null ? position.prevHash : null,
    checkpoints: {
      checked: fromDatabase + fromFiles,
      fromDatabase,
      fromFiles,
      lastSeq: lastCheckpoint?.seq ?? null,
      lastAt: lastCheckpoint?.at ?? null,
      rowsAfterLast: Math.max(0, (headSeq ?? 0) - (lastCheckpoint?.seq ?? 0)),
      keyFingerprints: [...fingerprintsUsed],
    },
    problems,
    problemsTruncated: problemCount > problems.length,
  };
}
