// The checkpoints' copy outside the database: one JSON line per checkpoint appended to AUDIT_CHECKPOINT_FILE
// (default DATA_DIR/audit/checkpoints.jsonl). Written only from committed rows, after the checkpoint's transaction,
// so the file never holds a checkpoint the database rolled back. Each write appends every checkpoint the database
// has beyond the file's last one, so a process also copies the checkpoints other processes wrote, and a write that
// failed is made good by the next one. Two processes appending at once may write a line twice; the verifier reads
// a duplicate as the same checkpoint.
import fs from 'node:fs';
import path from 'node:path';
import { checkpointLine, parseCheckpointLines, type SignedCheckpoint } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { listCheckpointsAfter, type CheckpointRow } from './audit.repository.ts';

/** The file of this installation's process, or null (an in-memory database has none unless one is set). */
export function checkpointFileOf(config: Deps['config']): string | null {
  if (config.auditCheckpointFile) return config.auditCheckpointFile;
  if (config.dataDir.startsWith('memory://')) return null;
  return path.join(config.dataDir, 'audit', 'checkpoints.jsonl');
}

export function toSignedCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    id: row.id,
    seq: row.seq,
    hash: row.hash,
    at: new Date(row.at).toISOString(),
    reason: row.reason,
    writtenBy: row.written_by,
    publicKey: row.public_key,
    keyFingerprint: row.fingerprint,
    signature: row.signature,
  };
}

const TAIL_BYTES = 64 * 1024;

/** The highest seq in the file (0 when there is none); reads the tail, or the whole file if the tail has no line. */
function lastSeqInFile(file: string): number {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  if (size === 0) return 0;
  const fd = fs.openSync(file, 'r');
  try {
    const length = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const seqs = parseCheckpointLines(tail.toString('utf8')).entries.map((e) => e.checkpoint.seq);
    if (seqs.length > 0) return Math.max(...seqs);
  } finally {
    fs.closeSync(fd);
  }
  const all = parseCheckpointLines(fs.readFileSync(file, 'utf8')).entries.map((e) => e.checkpoint.seq);
  return all.reduce((a, b) => Math.max(a, b), 0);
}

/** Appends to the file every committed checkpoint it does not have yet; returns how many lines were written. */
export async function syncCheckpointFile(deps: Pick<Deps, 'db' | 'config'>): Promise<number> {
  const file = checkpointFileOf(deps.config);
  if (!file) return 0;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 });
  let after = lastSeqInFile(file);
  let written = 0;
  for (;;) {
    const rows = await listCheckpointsAfter(deps.db, after, 1000);
    if (rows.length === 0) return written;
    fs.appendFileSync(file, rows.map((r) => checkpointLine(toSignedCheckpoint(r)) + '\n').join(''), { mode: 0o640 });
    written += rows.length;
    after = rows[rows.length - 1]!.seq;
  }
}

/** The text of a checkpoint file, or null when it does not exist. */
export function readCheckpointFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
