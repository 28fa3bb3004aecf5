import { checkpointLine } from '@chengguan/domain';
import type { AuditAnchorStatus, AuditCheckpointEntry, AuditCheckpointListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertCityAuditor } from '../audit-access.ts';
import {
  findAuditHead,
  findLastCheckpoint,
  listCheckpointsAfter,
  listSigningKeys,
  pageCheckpoints,
  type CheckpointRow,
} from '../audit.repository.ts';
import { checkpointFileOf, toSignedCheckpoint } from '../checkpoint-file.ts';

export function toCheckpointEntry(r: CheckpointRow): AuditCheckpointEntry {
  const c = toSignedCheckpoint(r);
  return {
    id: c.id,
    seq: c.seq,
    hash: c.hash,
    at: c.at,
    reason: c.reason,
    keyFingerprint: c.keyFingerprint,
    signature: c.signature,
    writtenBy: c.writtenBy,
  };
}

export async function listCheckpoints(
  deps: Deps,
  actor: Actor,
  query: AuditCheckpointListQuery,
  maxPageSize = 200,
): Promise<PageOf<AuditCheckpointEntry>> {
  assertCityAuditor(actor);
  if (query.from && query.to && query.to < query.from) throw fieldError('to', '结束时间早于开始时间', 'to is before from');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { page: _p, pageSize: _s, ...filters } = query;
  const { items, total } = await pageCheckpoints(deps.db, filters, page, pageSize);
  return { items: items.map(toCheckpointEntry), total, page, pageSize };
}

const REASON_ZH: Record<AuditCheckpointEntry['reason'], string> = { interval: '定时', rows: '按条数', shutdown: '停机', manual: '手动' };

const COLUMNS: XlsxColumn<AuditCheckpointEntry>[] = [
  { header: '锚定至序号', value: (e) => e.seq, width: 12 },
  { header: '锚定时间', value: (e) => e.at, width: 26 },
  { header: '触发方式', value: (e) => REASON_ZH[e.reason], width: 10 },
  { header: '该条记录的 SM3', value: (e) => e.hash, width: 66 },
  { header: '签名密钥指纹', value: (e) => e.keyFingerprint, width: 44 },
  { header: 'SM2 签名', value: (e) => e.signature, width: 60 },
  { header: '写入进程', value: (e) => e.writtenBy, width: 20 },
];

export async function exportCheckpointsXlsx(deps: Deps, actor: Actor, query: AuditCheckpointListQuery): Promise<Buffer> {
  const page = await listCheckpoints(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('审计链锚点', COLUMNS, page.items);
}

/** Every checkpoint as a checkpoint file (JSON Lines, with the public keys): what `audit:verify --checkpoints` reads. */
export async function checkpointFileText(deps: Pick<Deps, 'db'>): Promise<string> {
  const lines: string[] = [];
  for (let after = 0; ;) {
    const rows = await listCheckpointsAfter(deps.db, after, 5000);
    if (rows.length === 0) return lines.join('');
    for (const r of rows) lines.push(checkpointLine(toSignedCheckpoint(r)) + '\n');
    after = rows[rows.length - 1]!.seq;
  }
}

export async function downloadCheckpointFile(deps: Deps, actor: Actor): Promise<string> {
  assertCityAuditor(actor);
  return checkpointFileText(deps);
}

export async function getAnchorStatus(deps: Deps, actor: Actor): Promise<AuditAnchorStatus> {
  assertCityAuditor(actor);
  const [keys, head, last] = await Promise.all([listSigningKeys(deps.db), findAuditHead(deps.db), findLastCheckpoint(deps.db)]);
  return {
    keys: keys.map((k) => ({ fingerprint: k.fingerprint, publicKey: k.public_key, createdAt: new Date(k.created_at).toISOString() })),
    headSeq: head?.seq ?? null,
    lastCheckpoint: last ? toCheckpointEntry(last) : null,
    rowsAfterLastCheckpoint: Math.max(0, (head?.seq ?? 0) - (last?.seq ?? 0)),
    intervalMinutes: deps.config.auditCheckpointMinutes,
    intervalRows: deps.config.auditCheckpointRows,
    fileEnabled: checkpointFileOf(deps.config) !== null,
  };
}
