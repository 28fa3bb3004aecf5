// Checkpoints of the audit chain: "at `at`, the chain's head was row `seq` with hash `hash`", signed with the
// platform's SM2 audit key and kept outside the audit table (their own table, a file on the server, exports). A
// chain can be rewritten with every later hash recomputed, or cut at the end, without a link breaking; it cannot be
// made to agree with a checkpoint signed before the change without the signing key.
//
// The signed message is the SM3 of the canonical JSON of every field except the signature and the key (the SM2
// signature binds the key itself). A file holds one checkpoint per line (JSON Lines) in the same canonical JSON.
import { canonicalize, type HashFunction } from './chain.ts';
import { sm3Hex } from '../crypto/sm3.ts';
import { CHECKPOINT_REASONS, type CheckpointReason } from './checkpoint-reasons.ts';

export const CHECKPOINT_FORMAT = 'chengguan-audit-checkpoint/1';
export { CHECKPOINT_REASONS, type CheckpointReason } from './checkpoint-reasons.ts';

export type CheckpointContent = {
  id: string;
  seq: number;
  hash: string;
  /** ISO-8601 instant. */
  at: string;
  reason: CheckpointReason;
  /** The process that wrote it (host:pid). */
  writtenBy: string;
};

export type SignedCheckpoint = CheckpointContent & {
  /** SM2 public key, uncompressed (04 + 128 hex digits). */
  publicKey: string;
  keyFingerprint: string;
  signature: string;
};

/** The digest the audit key signs. */
export function checkpointDigest(c: CheckpointContent, hash: HashFunction = sm3Hex): string {
  return hash(
    canonicalize({ format: CHECKPOINT_FORMAT, id: c.id, seq: c.seq, hash: c.hash, at: c.at, reason: c.reason, writtenBy: c.writtenBy }),
  );
}

/** One line of a checkpoint file (without the newline). */
export function checkpointLine(c: SignedCheckpoint): string {
  return canonicalize({
    format: CHECKPOINT_FORMAT,
    id: c.id,
    seq: c.seq,
    hash: c.hash,
    at: c.at,
    reason: c.reason,
    writtenBy: c.writtenBy,
    publicKey: c.publicKey,
    keyFingerprint: c.keyFingerprint,
    signature: c.signature,
  });
}

export type CheckpointFileError = { line: number; message: string };

const HEX64 = /^[0-9a-f]{64}$/;
const PUBLIC_KEY = /^04[0-9a-f]{128}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function checkpointOf(value: unknown): SignedCheckpoint | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format !== CHECKPOINT_FORMAT) return `format is not ${CHECKPOINT_FORMAT}`;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return 'seq must be a positive integer';
  if (typeof v.hash !== 'string' || !HEX64.test(v.hash)) return 'hash must be 64 lowercase hex digits';
  if (typeof v.at !== 'string' || !ISO_INSTANT.test(v.at) || Number.isNaN(Date.parse(v.at))) return 'at must be an ISO-8601 UTC instant';
  if (typeof v.reason !== 'string' || !(CHECKPOINT_REASONS as readonly string[]).includes(v.reason))
    return 'reason is not a checkpoint reason';
  if (typeof v.id !== 'string' || v.id === '') return 'id is missing';
  if (typeof v.writtenBy !== 'string') return 'writtenBy is missing';
  if (typeof v.publicKey !== 'string' || !PUBLIC_KEY.test(v.publicKey)) return 'publicKey must be an uncompressed SM2 key in hex';
  if (typeof v.keyFingerprint !== 'string') return 'keyFingerprint is missing';
  if (typeof v.signature !== 'string' || !/^[0-9a-f]+$/.test(v.signature)) return 'signature must be hex digits';
  return {
    id: v.id,
    seq: v.seq,
    hash: v.hash,
    at: v.at,
    reason: v.reason as CheckpointReason,
    writtenBy: v.writtenBy,
    publicKey: v.publicKey,
    keyFingerprint: v.keyFingerprint,
    signature: v.signature,
  };
}

export type CheckpointFileEntry = { line: number; checkpoint: SignedCheckpoint };

/** Reads a checkpoint file (JSON Lines); blank lines are skipped, a line that is not a checkpoint is reported. */
export function parseCheckpointLines(text: string): { entries: CheckpointFileEntry[]; errors: CheckpointFileError[] } {
  const entries: CheckpointFileEntry[] = [];
  const errors: CheckpointFileError[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, message: 'not JSON' });
      return;
    }
    const c = checkpointOf(parsed);
    if (typeof c === 'string') errors.push({ line: i + 1, message: c });
    else entries.push({ line: i + 1, checkpoint: c });
  });
  return { entries, errors };
}
