import type { AuditEntry, AuditListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { listAudit, type AuditRow } from '../audit.repository.ts';

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    bureauId: r.bureau_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    ip: r.ip,
    hash: r.hash,
  };
}

/**
 * Audit rows the actor may see: those written by users inside his jurisdiction; rows without an
 * actor (system work) only for users whose jurisdiction is the whole tree.
 */
export async function listAuditLog(deps: Deps, actor: Actor, query: AuditListQuery, maxPageSize = 200): Promise<PageOf<AuditEntry>> {
  assertPermission(actor, 'audit:read');
  if (query.from && query.to && query.to < query.from) throw fieldError('to', '结束时间早于开始时间', 'to is before from');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { page: _p, pageSize: _s, ...filters } = query;
  const { items, total } = await listAudit(
    deps.db,
    { ...filters, jurisdictionPath: actor.jurisdictionPath, seesSystemRows: isCityWide(actor) },
    page,
    pageSize,
  );
  return { items: items.map(toEntry), total, page, pageSize };
}

const COLUMNS: XlsxColumn<AuditEntry>[] = [
  { header: '序号', value: (e) => e.seq, width: 8 },
  { header: '时间', value: (e) => e.at, width: 26 },
  { header: '操作人', value: (e) => e.actorName },
  { header: '操作', value: (e) => e.action, width: 22 },
  { header: '对象类型', value: (e) => e.entityType },
  { header: '对象ID', value: (e) => e.entityId, width: 38 },
  { header: 'IP', value: (e) => e.ip },
  { header: '内容', value: (e) => JSON.stringify(e.data), width: 60 },
  { header: 'SM3', value: (e) => e.hash, width: 66 },
];

export async function exportAudit(deps: Deps, actor: Actor, query: AuditListQuery): Promise<Buffer> {
  const page = await listAuditLog(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('审计日志', COLUMNS, page.items);
}
