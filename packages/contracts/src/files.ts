// Stored files that prove themselves: every read recomputes the SM3 of the bytes; a file that no longer hashes to its
// name, or that is gone, is flagged for the administrators (file integrity issues), and a daily scrub reads them all.
import { Type, type Static } from '@sinclair/typebox';
import { Code, IsoDate, IsoDateTime, literals, Nullable, PageQuery, Sm3Hex, Uuid } from './common.ts';

const Instant = IsoDateTime;

export const FILE_ISSUE_KINDS = ['mismatch', 'missing'] as const;
export type FileIssueKind = (typeof FILE_ISSUE_KINDS)[number];
export const FILE_ISSUE_KIND_ZH: Record<FileIssueKind, string> = {
  mismatch: '内容与哈希值不符（已损坏或被篡改）',
  missing: '文件缺失',
};
export const FILE_ISSUE_FOUND_BY = ['read', 'scrub'] as const;
export const FILE_ISSUE_FOUND_BY_ZH: Record<(typeof FILE_ISSUE_FOUND_BY)[number], string> = {
  read: '读取时发现',
  scrub: '每日巡检发现',
};

export const FileIntegrityIssue = Type.Object({
  id: Uuid,
  sm3: Sm3Hex,
  kind: literals(FILE_ISSUE_KINDS),
  foundBy: literals(FILE_ISSUE_FOUND_BY),
  status: literals(['open', 'resolved'] as const),
  /** The file as uploaded: its size, type, owning bureau and upload time. */
  size: Type.Integer(),
  mime: Type.String(),
  bureauId: Nullable(Uuid),
  bureauName: Nullable(Type.String()),
  uploadedAt: Instant,
  /** What a mismatching read found instead. */
  actualSm3: Nullable(Sm3Hex),
  actualSize: Nullable(Type.Integer()),
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  timesSeen: Type.Integer(),
  /** Set when a later check found the bytes intact again (restored from a backup). */
  resolvedAt: Nullable(Instant),
});
export type FileIntegrityIssue = Static<typeof FileIntegrityIssue>;

export const FileIssueListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(['open', 'resolved'] as const)),
  kind: Type.Optional(literals(FILE_ISSUE_KINDS)),
  foundBy: Type.Optional(literals(FILE_ISSUE_FOUND_BY)),
  /** Last seen on or after / on or before (Asia/Shanghai dates). */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  /** The beginning of the SM3. */
  sm3: Type.Optional(Code('^[0-9a-f]{1,64}$', 64, 'the first hex digits of the SM3')),
});
export type FileIssueListQuery = Static<typeof FileIssueListQuery>;

export const FileScrubRun = Type.Object({
  id: Uuid,
  trigger: literals(['job', 'manual'] as const),
  status: literals(['running', 'done'] as const),
  startedAt: Instant,
  finishedAt: Nullable(Instant),
  startedByName: Nullable(Type.String()),
  filesChecked: Type.Integer(),
  bytesChecked: Type.Integer(),
  mismatched: Type.Integer(),
  missing: Type.Integer(),
  /** Files flagged before and found intact again in this run. */
  restored: Type.Integer(),
});
export type FileScrubRun = Static<typeof FileScrubRun>;

export const FileScrubRunListQuery = Type.Object({ ...PageQuery });
export type FileScrubRunListQuery = Static<typeof FileScrubRunListQuery>;

/** The scrub at a glance: its last run, when the next is due, and how many files are flagged now. */
export const FileIntegrityOverview = Type.Object({
  lastRun: Nullable(FileScrubRun),
  nextRunAt: Nullable(Instant),
  openIssues: Type.Integer(),
  storedFiles: Type.Integer(),
});
export type FileIntegrityOverview = Static<typeof FileIntegrityOverview>;
