// 执法日志 (docs/duty.md §5): the entries the steps wrote and the officers' own, by squad, officer, date, source and
// "3级18类" tag (a level-1 or level-2 tag covers its children); paged on the server and exported to Excel.
import type { CreateDutyLogBody, DutyLogEntry, DutyLogQuery, DutyLogTag, PageOf } from '@chengguan/contracts';
import { addDays } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { findOrg } from '../../org/index.ts';
import { dateText } from './roster.ts';

/** Roles that read the squad's or the jurisdiction's log; everyone else reads only his own entries. */
const READS_ALL = ['squad_leader', 'commander', 'supervisor', 'bureau_leader'];

async function tagRows(deps: Deps) {
  return deps.db
    .selectFrom('duty_log_tags')
    .select(['code', 'level', 'parent_code', 'name_zh', 'name_en', 'active'])
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export async function listDutyLogTags(deps: Deps, actor: Actor): Promise<DutyLogTag[]> {
  assertPermission(actor, 'duty:read');
  return (await tagRows(deps))
    .filter((t) => t.active)
    .map((t) => ({ code: t.code, level: t.level, parentCode: t.parent_code, nameZh: t.name_zh, nameEn: t.name_en }));
}

async function filtered(deps: Deps, actor: Actor, q: DutyLogQuery) {
  assertPermission(actor, 'duty:read');
  if (q.from && q.to && q.to < q.from) throw fieldError('to', '截止日期早于起始日期', 'is before from');
  let prefix = actor.jurisdictionPath;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    assertInJurisdiction(actor, org?.path);
    prefix = org!.path;
  }
  let query = deps.db
    .selectFrom('duty_log_entries as e')
    .innerJoin('orgs as g', 'g.id', 'e.org_id')
    .leftJoin('officers as o', 'o.id', 'e.officer_id')
    .where('g.path', 'like', `${prefix}%`);
  if (!actor.roles.some((r) => READS_ALL.includes(r))) query = query.where('e.officer_id', '=', actor.id);
  if (q.officerId) query = query.where('e.officer_id', '=', q.officerId);
  if (q.from) query = query.where('e.entry_date', '>=', q.from);
  if (q.to) query = query.where('e.entry_date', '<=', q.to);
  if (q.source) query = query.where('e.source', '=', q.source);
  if (q.tag) {
    const tag = q.tag;
    query = query.where(
      sql<boolean>`e.tag_code IN (SELECT t.code FROM duty_log_tags t LEFT JOIN duty_log_tags p ON p.code = t.parent_code
                                  WHERE t.code = ${tag} OR t.parent_code = ${tag} OR p.parent_code = ${tag})`,
    );
  }
  return query;
}

type Row = {
  id: string;
  org_id: string;
  org_name: string;
  officer_id: string | null;
  officer_name: string | null;
  entry_date: string;
  at: Date;
  source: string;
  source_id: string | null;
  action: string;
  tag_code: string;
  summary: string;
};

function toEntry(r: Row, paths: Map<string, string>): DutyLogEntry {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    officerId: r.officer_id,
    officerName: r.officer_name,
    entryDate: dateText(r.entry_date),
    at: new Date(r.at).toISOString(),
    source: r.source as DutyLogEntry['source'],
    sourceId: r.source_id,
    action: r.action,
    tagCode: r.tag_code,
    tagPath: paths.get(r.tag_code) ?? r.tag_code,
    summary: r.summary,
  };
}

async function tagPaths(deps: Deps): Promise<Map<string, string>> {
  const rows = await tagRows(deps);
  const byCode = new Map(rows.map((t) => [t.code, t]));
  const path = (code: string): string => {
    const t = byCode.get(code);
    if (!t) return code;
    return t.parent_code ? `${path(t.parent_code)} / ${t.name_zh}` : t.name_zh;
  };
  return new Map(rows.map((t) => [t.code, path(t.code)]));
}

const COLUMNS = [
  'e.id',
  'e.org_id',
  'g.name as org_name',
  'e.officer_id',
  'o.name as officer_name',
  'e.entry_date',
  'e.at',
  'e.source',
  'e.source_id',
  'e.action',
  'e.tag_code',
  'e.summary',
] as const;

export async function listDutyLog(deps: Deps, actor: Actor, q: DutyLogQuery): Promise<PageOf<DutyLogEntry>> {
  const query = await filtered(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [total, rows, paths] = await Promise.all([
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    query
      .select(COLUMNS)
      .orderBy('e.entry_date', 'desc')
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    tagPaths(deps),
  ]);
  return { items: (rows as Row[]).map((r) => toEntry(r, paths)), total: Number(total.n), page, pageSize };
}

const SOURCE_ZH: Record<DutyLogEntry['source'], string> = { case: '案件', ticket: '诉件', inspection: '检查', manual: '手工记录' };

export async function exportDutyLog(deps: Deps, actor: Actor, q: DutyLogQuery): Promise<Buffer> {
  const query = await filtered(deps, actor, q);
  const [rows, paths] = await Promise.all([
    query.select(COLUMNS).orderBy('e.entry_date', 'desc').orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(MAX_EXPORT_ROWS).execute(),
    tagPaths(deps),
  ]);
  const columns: XlsxColumn<DutyLogEntry>[] = [
    { header: '日期', value: (e) => e.entryDate, width: 12 },
    { header: '时间', value: (e) => new Date(e.at), width: 18 },
    { header: '中队', value: (e) => e.orgName, width: 20 },
    { header: '队员', value: (e) => e.officerName ?? '' },
    { header: '来源', value: (e) => SOURCE_ZH[e.source], width: 10 },
    { header: '标签（3级18类）', value: (e) => e.tagPath, width: 32 },
    { header: '内容', value: (e) => e.summary, width: 60 },
  ];
  return toXlsx(
    '执法日志',
    columns,
    (rows as Row[]).map((r) => toEntry(r, paths)),
  );
}

/** An officer's own entry for his day (today or up to 7 days back). */
export async function createDutyLogEntry(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateDutyLogBody): Promise<DutyLogEntry> {
  assertPermission(actor, 'duty:report');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  if (body.entryDate > today) throw fieldError('entryDate', '不能晚于今天', 'cannot be after today');
  if (body.entryDate < addDays(today, -7)) throw fieldError('entryDate', '只能补记7天内的日志', 'may be at most 7 days back');
  const tag = await deps.db
    .selectFrom('duty_log_tags')
    .select(['code', 'level', 'active'])
    .where('code', '=', body.tagCode)
    .executeTakeFirst();
  if (!tag || !tag.active || tag.level < 2) {
    throw fieldError('tagCode', '须为启用的二级或三级标签（3级18类）', 'must be an active level-2 or level-3 tag of the scheme');
  }
  if (!actor.bureauId)
    throw fieldError('entryDate', '只有区局及以下单位的队员记执法日志', 'only officers of a district bureau keep a duty log');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('duty_log_entries')
      .values({
        id,
        bureau_id: actor.bureauId!,
        org_id: actor.orgId,
        officer_id: actor.id,
        entry_date: body.entryDate,
        at: now,
        source: 'manual',
        source_id: null,
        source_key: null,
        action: 'manual',
        tag_code: body.tagCode,
        summary: body.summary,
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'duty.log_entry',
      entityType: 'duty_log_entry',
      entityId: id,
      data: { entryDate: body.entryDate, tagCode: body.tagCode },
    });
  });
  const page = await listDutyLog(deps, actor, { officerId: actor.id, from: body.entryDate, to: body.entryDate, pageSize: 200 });
  return page.items.find((e) => e.id === id)!;
}
