import type { FileIntegrityIssue, FileIntegrityOverview, FileIssueListQuery, FileScrubRun, PageOf } from '@chengguan/contracts';
import { api, download, type Query } from './client.ts';

// 文件完整性 (apps/server/src/modules/files): the flagged files, the daily scrub and 「立即巡检」; administrators only.
export const fileIntegrityApi = {
  overview: (signal?: AbortSignal) => api.get<FileIntegrityOverview>('/api/v1/file-integrity', undefined, signal),
  issues: (q: FileIssueListQuery, signal?: AbortSignal) =>
    api.get<PageOf<FileIntegrityIssue>>('/api/v1/file-integrity/issues', q as Query, signal),
  exportIssues: (q: FileIssueListQuery, filename: string) => download('/api/v1/file-integrity/issues/export.xlsx', q as Query, filename),
  runs: (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<FileScrubRun>>('/api/v1/file-integrity/scrub-runs', q, signal),
  scrubNow: () => api.post<FileScrubRun>('/api/v1/file-integrity/scrub-runs', undefined),
};
