import type {
  PageOf,
  SubjectDetail,
  SubjectListItem,
  SubjectListQuery,
  SubjectMapPage,
  SubjectMapQuery,
  SubjectRiskChange,
  SubjectRiskOverride,
  SubjectTimeline,
} from '@chengguan/contracts';
import { sql, type SqlBool } from 'kysely';
import { licenceState, SUBJECT_KIND_DEFAULTS, type RiskGrading, type SubjectKind } from '@chengguan/domain';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission, isCityWide, isWholeBureau } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { dateText, toListItem } from '../subjects.mapper.ts';
import { findSubjectRow, inOrgs, jurisdictionOrgIds, listSubjectRows, type SubjectRow } from '../subjects.repository.ts';
import { ruleSetVersions, versionInForce } from './grading.ts';

/** A subject in the actor's jurisdiction with `permission`, or 404 (403 when the role may not do it at all). */
export async function subjectOrFail(
  deps: Deps,
  db: Executor,
  actor: Actor,
  id: string,
  permission: 'subject:read' | 'subject:write' = 'subject:read',
): Promise<SubjectRow> {
  assertPermission(actor, permission);
  const row = await findSubjectRow(db, id, shanghaiDate(deps.clock.now()));
  if (!row || !row.org_path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
  return row;
}

/** The same for a change: a closed or merged record is history and takes no more changes. */
export async function liveSubjectOrFail(deps: Deps, db: Executor, actor: Actor, id: string): Promise<SubjectRow> {
  const row = await subjectOrFail(deps, db, actor, id, 'subject:write');
  if (row.status !== 'active')
    throw new AppError('STATE_CONFLICT', { message: '该对象已注销或已合并，不能修改', messageEn: 'The record is closed or merged' });
  return row;
}

export async function listSubjects(deps: Deps, actor: Actor, query: SubjectListQuery, maxPageSize = 200): Promise<PageOf<SubjectListItem>> {
  assertPermission(actor, 'subject:read');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { page: _p, pageSize: _s, ...rest } = query;
  const { items, total, capped } = await listSubjectRows(
    deps.db,
    { ...rest, jurisdictionPath: actor.jurisdictionPath, today: shanghaiDate(deps.clock.now()) },
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: items.map(toListItem), total, page, pageSize, ...(capped ? { totalCapped: true } : {}) };
}

const LICENCE_ZH: Record<SubjectListItem['licenceState'], string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期或失效',
  none: '无',
  not_required: '无需许可',
};

const COLUMNS: XlsxColumn<SubjectListItem>[] = [
  { header: '名称', value: (s) => s.name, width: 30 },
  { header: '一店一码', value: (s) => s.code, width: 20 },
  { header: '类型', value: (s) => (SUBJECT_KIND_DEFAULTS[s.kind as SubjectKind] as { labelZh: string } | undefined)?.labelZh ?? s.kind },
  { header: '统一社会信用代码', value: (s) => s.creditCode, width: 22 },
  { header: '车牌号码', value: (s) => s.plateNumber },
  { header: '地址', value: (s) => s.address, width: 36 },
  { header: '所在区', value: (s) => s.district },
  { header: '责任中队', value: (s) => s.orgName, width: 20 },
  { header: '风险等级', value: (s) => s.riskLevel },
  { header: '许可证', value: (s) => LICENCE_ZH[s.licenceState] ?? '' },
  { header: '已核实', value: (s) => (s.verified ? '是' : '否'), width: 8 },
  { header: '经度', value: (s) => s.lon },
  { header: '纬度', value: (s) => s.lat },
  { header: '上次检查', value: (s) => s.lastInspectedOn },
  { header: '下次检查', value: (s) => s.nextInspectionOn },
  { header: '标签', value: (s) => s.tags.join('、'), width: 20 },
];

export async function exportSubjects(deps: Deps, actor: Actor, query: SubjectListQuery): Promise<Buffer> {
  const page = await listSubjects(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('执法对象', COLUMNS, page.items);
}

/**
 * Points in a WGS-84 window. A district's user reads his bureau's rows through subjects_map_idx (bureau, longitude
 * range, latitude checked in the index); the city reads the (lon, lat) index of 026. `limit + 1` rows at most.
 */
export async function subjectsMap(deps: Deps, actor: Actor, q: SubjectMapQuery): Promise<SubjectMapPage> {
  assertPermission(actor, 'subject:read');
  if (q.minLon > q.maxLon) throw fieldError('maxLon', '东边界小于西边界', 'is west of minLon');
  if (q.minLat > q.maxLat) throw fieldError('maxLat', '北边界小于南边界', 'is south of minLat');
  const limit = q.limit ?? 2000;
  let query = deps.db
    .selectFrom('subjects as s')
    .select(['s.id', 's.name', 's.kind', 's.risk_level', 's.point_lon', 's.point_lat'])
    .where('s.status', '=', 'active')
    .where('s.point_lon', 'is not', null)
    .where('s.point_lon', '>=', q.minLon)
    .where('s.point_lon', '<=', q.maxLon)
    .where('s.point_lat', '>=', q.minLat)
    .where('s.point_lat', '<=', q.maxLat);
  if (!isCityWide(actor) && actor.bureauId) query = query.where('s.bureau_id', '=', actor.bureauId);
  // The jurisdiction as the list checks it (the record's org among those under the caller's path): a squad's window is
  // read through subjects_jurisdiction_idx; no lookup of the org's path per row (whose estimated cost also made
  // PostgreSQL compile the query, 60 ms). A district bureau's own people see the whole bureau, which `bureau_id`
  // already says: the list of its orgs would only add a condition the planner answers by AND-ing three bitmaps of
  // 60,000–135,000 entries each before the first point (25 ms on a 300,000-subject city, against 8 ms without).
  if (!isWholeBureau(actor)) query = query.where(inOrgs(await jurisdictionOrgIds(deps.db, actor.jurisdictionPath)));
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  if (q.riskLevel) query = query.where('s.risk_level', '=', q.riskLevel);
  const rows = await query.limit(limit + 1).execute();
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as SubjectListItem['kind'],
      riskLevel: r.risk_level,
      lon: r.point_lon!,
      lat: r.point_lat!,
    })),
    truncated: rows.length > limit,
  };
}

const ref = (r: { id: string; code: string; kind: string; name: string; status: string }) => ({
  id: r.id,
  code: r.code,
  kind: r.kind as SubjectListItem['kind'],
  name: r.name,
  status: r.status,
});

export async function overridesOf(db: Executor, subjectId: string): Promise<SubjectRiskOverride[]> {
  const rows = await db
    .selectFrom('subject_risk_overrides as o')
    .innerJoin('officers as r', 'r.id', 'o.requested_by')
    .leftJoin('officers as d', 'd.id', 'o.decided_by')
    .select([
      'o.id',
      'o.level',
      'o.reason_zh',
      'o.valid_until',
      'o.status',
      'o.requested_by',
      'r.name as requester',
      'o.requested_at',
      'o.decided_by',
      'd.name as decider',
      'o.decided_at',
      'o.decision_note',
    ])
    .where('o.subject_id', '=', subjectId)
    .orderBy('o.requested_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
  return rows.map((o) => ({
    id: o.id,
    level: o.level,
    reasonZh: o.reason_zh,
    validUntil: dateText(o.valid_until),
    status: o.status,
    requestedBy: o.requested_by,
    requestedByName: o.requester,
    requestedAt: new Date(o.requested_at).toISOString(),
    decidedBy: o.decided_by,
    decidedByName: o.decider,
    decidedAt: o.decided_at ? new Date(o.decided_at).toISOString() : null,
    decisionNote: o.decision_note,
  }));
}

export async function getSubject(deps: Deps, actor: Actor, id: string): Promise<SubjectDetail> {
  const row = await subjectOrFail(deps, deps.db, actor, id);
  return subjectDetail(deps, deps.db, row);
}

export async function subjectDetail(deps: Deps, db: Executor, row: SubjectRow): Promise<SubjectDetail> {
  const today = shanghaiDate(deps.clock.now());
  const [extra, licences, related, changes, overrides, versions, bureau] = await Promise.all([
    db
      .selectFrom('subjects')
      .select([
        'contacts',
        'flags',
        'risk_computed',
        'risk_rule_id',
        'risk_rule_version',
        'risk_explanation',
        'risk_graded_at',
        'risk_grading',
        'merged_into',
        'owner_subject_id',
        'created_at',
        'updated_at',
      ])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('subject_licences').selectAll().where('subject_id', '=', row.id).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('subjects')
      .select(['id', 'code', 'kind', 'name', 'status'])
      .where('owner_subject_id', '=', row.id)
      .orderBy('name')
      .limit(200)
      .execute(),
    db
      .selectFrom('subject_risk_changes')
      .selectAll()
      .where('subject_id', '=', row.id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
    overridesOf(db, row.id),
    ruleSetVersions(db, row.bureau_id),
    db.selectFrom('orgs').select('name').where('id', '=', row.bureau_id).executeTakeFirstOrThrow(),
  ]);
  const linked = [extra.owner_subject_id, extra.merged_into].filter((x): x is string => x !== null);
  const linkedRows = linked.length
    ? await db.selectFrom('subjects').select(['id', 'code', 'kind', 'name', 'status']).where('id', 'in', linked).execute()
    : [];
  const byId = new Map(linkedRows.map((r) => [r.id, r]));
  const scale = versionInForce(versions, today).set.scale;
  const levelDef = scale.levels.find((l) => l.code === row.risk_level) ?? null;
  const grading = extra.risk_grading as RiskGrading | null;
  const approved = overrides.find((o) => o.status === 'approved' && (o.validUntil === null || o.validUntil >= today)) ?? null;
  const contacts = (Array.isArray(extra.contacts) ? extra.contacts : []) as {
    contactName?: string;
    phone?: string;
    contactRole?: string;
  }[];
  const flags = (extra.flags ?? {}) as Record<string, unknown>;
  const publicPath = `/s/${row.code}`;
  return {
    ...toListItem(row),
    operatorIdNumber: row.id_number,
    street: row.street,
    bureauName: bureau.name,
    contacts: contacts.map((c) => ({ contactName: c.contactName ?? '', phone: c.phone ?? null, contactRole: c.contactRole ?? null })),
    abnormalList: flags.abnormalList === true,
    verifiedAt: row.verified_at ? new Date(row.verified_at).toISOString() : null,
    mergedInto: extra.merged_into && byId.get(extra.merged_into) ? ref(byId.get(extra.merged_into)!) : null,
    owner: extra.owner_subject_id && byId.get(extra.owner_subject_id) ? ref(byId.get(extra.owner_subject_id)!) : null,
    related: related.map(ref),
    licences: licences.map((l) => {
      const issuedOn = dateText(l.issued_on);
      const validUntil = dateText(l.valid_until);
      return {
        id: l.id,
        kind: l.kind,
        number: l.number,
        issuer: l.issuer,
        issuedOn,
        validUntil,
        revoked: l.revoked,
        state: licenceState({ kind: l.kind, number: l.number, issuedOn: issuedOn ?? '1900-01-01', validUntil, revoked: l.revoked }, today),
      };
    }),
    risk: {
      level: row.risk_level,
      levelLabelZh: levelDef?.labelZh ?? null,
      color: levelDef?.color ?? null,
      computedLevel: extra.risk_computed,
      ruleId: extra.risk_rule_id,
      ruleVersion: extra.risk_rule_version,
      explanationZh: extra.risk_explanation,
      evidence: (grading?.evidence ?? []).map((e) => ({ textZh: e.textZh, eventRefs: e.eventRefs })),
      gradedAt: extra.risk_graded_at ? new Date(extra.risk_graded_at).toISOString() : null,
      inspectionsPerYear: grading?.inspectionsPerYear ?? null,
      levels: scale.levels.map((l) => ({ code: l.code, labelZh: l.labelZh, color: l.color ?? null })),
      activeOverride: approved,
      overrides,
      changes: changes.map((c): SubjectRiskChange => ({
        id: c.id,
        at: new Date(c.at).toISOString(),
        fromLevel: c.from_level,
        toLevel: c.to_level,
        ruleId: c.rule_id,
        ruleVersion: c.rule_version,
        evidence: (Array.isArray(c.evidence) ? c.evidence : []) as SubjectRiskChange['evidence'],
        reasonZh: c.reason_zh,
      })),
    },
    publicPath,
    publicUrl: `${deps.config.publicBaseUrl.replace(/\/$/, '')}${publicPath}`,
    createdAt: new Date(extra.created_at).toISOString(),
    updatedAt: new Date(extra.updated_at).toISOString(),
  };
}

/** The timeline, newest first, by keyset (occurred_on, id). */
export async function subjectTimeline(
  deps: Deps,
  actor: Actor,
  id: string,
  q: { cursor?: string; pageSize?: number },
): Promise<SubjectTimeline> {
  await subjectOrFail(deps, deps.db, actor, id);
  const pageSize = q.pageSize ?? 50;
  let query = deps.db
    .selectFrom('subject_events as e')
    .leftJoin('officers as o', 'o.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.occurred_on', 'e.at', 'e.ref_type', 'e.ref_id', 'e.summary_zh', 'e.data', 'o.name as actor_name'])
    .where('e.subject_id', '=', id);
  if (q.cursor) {
    const decoded = Buffer.from(q.cursor, 'base64url').toString('utf8');
    const m = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/.exec(decoded);
    if (!m) throw fieldError('cursor', '翻页标记无效，请从第一页重新加载', 'is not a cursor this list gave');
    const [, on, after] = m;
    query = query.where(sql<SqlBool>`(e.occurred_on, e.id) < (${on}::date, ${after}::uuid)`);
  }
  const rows = await query
    .orderBy('e.occurred_on', 'desc')
    .orderBy('e.id', 'desc')
    .limit(pageSize + 1)
    .execute();
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: page.map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredOn: dateText(e.occurred_on)!,
      at: new Date(e.at).toISOString(),
      refType: e.ref_type,
      refId: e.ref_id,
      summaryZh: e.summary_zh,
      data: e.data,
      actorName: e.actor_name,
    })),
    nextCursor: rows.length > pageSize && last ? Buffer.from(`${dateText(last.occurred_on)}|${last.id}`).toString('base64url') : null,
  };
}
