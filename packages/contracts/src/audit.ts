import { Type, type Static } from '@sinclair/typebox';
import { CHECKPOINT_REASONS, type CheckpointReason } from '@chengguan/domain/vocabulary';
import { PageQuery, Text, Uuid } from './common.ts';

export const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Uuid, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  bureauId: Type.Union([Uuid, Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditListQuery = Type.Object({
  ...PageQuery,
  actorId: Type.Optional(Uuid),
  action: Type.Optional(Text(64)),
  entityType: Type.Optional(Text(64)),
  entityId: Type.Optional(Text(64)),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AUDIT_CHECKPOINT_REASONS = CHECKPOINT_REASONS;
export type AuditCheckpointReason = CheckpointReason;

/** A signed statement that at `at` the audit chain's head was row `seq` with hash `hash`. */
export const AuditCheckpointEntry = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  hash: Type.String(),
  at: Type.String({ format: 'date-time' }),
  reason: Type.Union(AUDIT_CHECKPOINT_REASONS.map((r) => Type.Literal(r))),
  keyFingerprint: Type.String(),
  signature: Type.String(),
  writtenBy: Type.String(),
});
export type AuditCheckpointEntry = Static<typeof AuditCheckpointEntry>;

export const AuditCheckpointListQuery = Type.Object({
  ...PageQuery,
  reason: Type.Optional(Type.Union(AUDIT_CHECKPOINT_REASONS.map((r) => Type.Literal(r)))),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AuditCheckpointListQuery = Static<typeof AuditCheckpointListQuery>;

export const AuditSigningKeyInfo = Type.Object({
  fingerprint: Type.String(),
  publicKey: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AuditSigningKeyInfo = Static<typeof AuditSigningKeyInfo>;

/** The checkpoint page's header: the signing key(s), the settings and how much of the chain is anchored. */
export const AuditAnchorStatus = Type.Object({
  keys: Type.Array(AuditSigningKeyInfo),
  headSeq: Type.Union([Type.Integer(), Type.Null()]),
  lastCheckpoint: Type.Union([AuditCheckpointEntry, Type.Null()]),
  /** Rows appended after the last checkpoint: not yet anchored. */
  rowsAfterLastCheckpoint: Type.Integer(),
  intervalMinutes: Type.Integer(),
  intervalRows: Type.Integer(),
  /** Whether checkpoints are also appended to a file on the server (AUDIT_CHECKPOINT_FILE). */
  fileEnabled: Type.Boolean(),
});
export type AuditAnchorStatus = Static<typeof AuditAnchorStatus>;

export const AUDIT_PROBLEM_KINDS = [
  /** A row's content no longer gives its stored hash (edited in place). */
  'hash_mismatch',
  /** A row does not link to the hash of the row before it (a row before it was rewritten, or rows were reordered). */
  'prev_hash_broken',
  /** Rows are missing inside the chain. */
  'seq_gap',
  /** A row claims an older canonical form than a row before it. */
  'version_downgrade',
  /** A row claims a canonical form this platform does not know. */
  'unknown_hash_version',
  /** The table ends before a checkpoint's row: rows it vouched for were deleted from the end. */
  'truncated',
  /** The row at a checkpoint's seq has a different hash: rewritten, with every later hash recomputed. */
  'checkpoint_hash_mismatch',
  /** A checkpoint's signature does not verify with its key: the checkpoint itself was altered or forged. */
  'checkpoint_signature_invalid',
  /** A checkpoint is signed by a key that is not this installation's audit key (or not the expected one). */
  'checkpoint_key_unknown',
  /** A checkpoint in a file is missing from the database's checkpoints (deleted there). */
  'checkpoint_missing_in_database',
  /** A line of a checkpoint file cannot be read as a checkpoint. */
  'checkpoint_file_unreadable',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

export const AuditVerifyProblem = Type.Object({
  kind: Type.Union(AUDIT_PROBLEM_KINDS.map((k) => Type.Literal(k))),
  /** The audit row concerned (for `truncated`: the first missing row). */
  seq: Type.Union([Type.Integer(), Type.Null()]),
  /** The checkpoint concerned, for the checkpoint kinds. */
  checkpointSeq: Type.Union([Type.Integer(), Type.Null()]),
  /** Where the checkpoint came from: the database table or a file (the server's file or one given to the CLI). */
  source: Type.Union([Type.Literal('chain'), Type.Literal('database'), Type.Literal('file')]),
  /** The file's line, for the file kinds. */
  line: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditVerifyProblem = Static<typeof AuditVerifyProblem>;

export const AuditVerifyResult = Type.Object({
  /** True when the chain is intact and every checkpoint agrees with it. */
  ok: Type.Boolean(),
  /** Rows read. */
  checked: Type.Integer(),
  /** The first problem's row, and its kind (kept for the console and scripts of the first release). */
  firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  headSeq: Type.Union([Type.Integer(), Type.Null()]),
  headHash: Type.Union([Type.String(), Type.Null()]),
  checkpoints: Type.Object({
    /** Checkpoints compared with the chain (the database's and every file's). */
    checked: Type.Integer(),
    fromDatabase: Type.Integer(),
    fromFiles: Type.Integer(),
    lastSeq: Type.Union([Type.Integer(), Type.Null()]),
    lastAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    /** Rows after the last checkpoint: these could be cut from the end without a checkpoint noticing. */
    rowsAfterLast: Type.Integer(),
    keyFingerprints: Type.Array(Type.String()),
  }),
  problems: Type.Array(AuditVerifyProblem),
  /** More problems were found than listed. */
  problemsTruncated: Type.Boolean(),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
