// What the administrators see of the stored files' integrity: the flagged files (filters, pages, Excel) in their
// jurisdiction, the scrub's runs and when the next is due; and 「立即巡检」.
import type {
  FileIntegrityIssue,
  FileIntegrityOverview,
  FileIssueListQuery,
  FileScrubRun,
  FileScrubRunListQuery,
  PageOf,
} from '@chengguan/contracts';
import { FILE_ISSUE_FOUND_BY_ZH, FILE_ISSUE_KIND_ZH } from '@chengguan/contracts';
import { addDays } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate, shanghaiInstant, shanghaiTime } from '../../../shared/time.ts';
import * as repo from '../files.repository.ts';
import { JOB_SCRUB_DAILY, startScrubRun } from './scrub-files.ts';

const paging = (q: { page?: number; pageSize?: number }, max = 200) => {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, max);
  return { page, pageSize, offset: (page - 1) * pageSize };
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toIssue(r: repo.FileIssueRow): FileIntegrityIssue {
  return {
    id: r.id,
    sm3: r.sm3,
    kind: r.kind,
    foundBy: r.found_by,
    status: r.status,
    size: Number(r.size),
    mime: r.mime,
    bureauId: r.bureau_id,
    bureauName: r.bureau_name,
    uploadedAt: iso(r.uploaded_at)!,
    actualSm3: r.actual_sm3,
    actualSize: r.actual_size === null ? null : Number(r.actual_size),
    firstSeenAt: iso(r.first_seen_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    timesSeen: r.times_seen,
    resolvedAt: iso(r.resolved_at),
  };
}

function toRun(r: repo.ScrubRunRow): FileScrubRun {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    startedByName: r.started_by_name,
    filesChecked: r.files_checked,
    bytesChecked: Number(r.bytes_checked),
    mismatched: r.mismatched,
    missing: r.missing,
    restored: r.restored,
  };
}

export async function listFileIssues(deps: Deps, actor: Actor, q: FileIssueListQuery, max = 200): Promise<PageOf<FileIntegrityIssue>> {
  assertPermission(actor, 'file:integrity');
  const { page, pageSize, offset } = paging(q, max);
  const { items, total } = await repo.listIssues(
    deps.db,
    {
      jurisdictionPath: actor.jurisdictionPath,
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.foundBy ? { foundBy: q.foundBy } : {}),
      ...(q.from ? { from: shanghaiInstant(q.from) } : {}),
      ...(q.to ? { to: shanghaiInstant(addDays(q.to, 1)) } : {}),
      ...(q.sm3 ? { sm3Prefix: q.sm3 } : {}),
    },
    pageSize,
    offset,
  );
  return { items: items.map(toIssue), total, page, pageSize };
}

/** An instant as the Shanghai date and time an officer reads: '2026-03-02 10:00'. */
const shanghai = (s: string | null) => (s ? `${shanghaiDate(new Date(s))} ${shanghaiTime(new Date(s))}` : null);

const ISSUE_COLUMNS: XlsxColumn<FileIntegrityIssue>[] = [
  { header: 'SM3', value: (i) => i.sm3, width: 68 },
  { header: '问题', value: (i) => FILE_ISSUE_KIND_ZH[i.kind], width: 28 },
  { header: '发现方式', value: (i) => FILE_ISSUE_FOUND_BY_ZH[i.foundBy], width: 14 },
  { header: '状态', value: (i) => (i.status === 'open' ? '待处理' : '已恢复'), width: 10 },
  { header: '所属单位', value: (i) => i.bureauName, width: 28 },
  { header: '文件类型', value: (i) => i.mime, width: 16 },
  { header: '原始大小（字节）', value: (i) => i.size, width: 16 },
  { header: '读到的大小（字节）', value: (i) => i.actualSize, width: 16 },
  { header: '读到内容的 SM3', value: (i) => i.actualSm3, width: 68 },
  { header: '上传时间', value: (i) => shanghai(i.uploadedAt), width: 20 },
  { header: '首次发现', value: (i) => shanghai(i.firstSeenAt), width: 20 },
  { header: '最近发现', value: (i) => shanghai(i.lastSeenAt), width: 20 },
  { header: '发现次数', value: (i) => i.timesSeen, width: 10 },
  { header: '恢复时间', value: (i) => shanghai(i.resolvedAt), width: 20 },
];

export async function exportFileIssues(deps: Deps, actor: Actor, q: FileIssueListQuery): Promise<Buffer> {
  const page = await listFileIssues(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('文件完整性问题', ISSUE_COLUMNS, page.items);
}

export async function listScrubRuns(deps: Deps, actor: Actor, q: FileScrubRunListQuery): Promise<PageOf<FileScrubRun>> {
  assertPermission(actor, 'file:integrity');
  const { page, pageSize, offset } = paging(q);
  const { items, total } = await repo.listScrubRuns(deps.db, pageSize, offset);
  return { items: items.map(toRun), total, page, pageSize };
}

export async function fileIntegrityOverview(deps: Deps, actor: Actor): Promise<FileIntegrityOverview> {
  assertPermission(actor, 'file:integrity');
  const [runs, nextRunAt, open, storedFiles] = await Promise.all([
    repo.listScrubRuns(deps.db, 1, 0),
    repo.nextJobRunAt(deps.db, JOB_SCRUB_DAILY),
    repo.listIssues(deps.db, { jurisdictionPath: actor.jurisdictionPath, status: 'open' }, 1, 0),
    repo.countFiles(deps.db),
  ]);
  const last = runs.items[0];
  return { lastRun: last ? toRun(last) : null, nextRunAt: iso(nextRunAt), openIssues: open.total, storedFiles };
}

export async function startManualScrub(deps: Deps, actor: Actor, meta: RequestMeta): Promise<FileScrubRun> {
  assertPermission(actor, 'file:integrity');
  return toRun(await startScrubRun(deps, 'manual', actor, meta));
}
