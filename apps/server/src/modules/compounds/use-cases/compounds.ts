// 住宅小区综合监管 (REQUIREMENTS.md R15; docs/compounds.md): the compound (a registry subject) with its property
// company, renovation declarations filed in the portal and judged by the domain's rules (RN1–RN5), property companies'
// reports turned into an inspection task or a case, and 房屋注记 / 解注记 with the housing department (housing/).
import type {
  CompoundListQuery,
  CompoundProfileBody,
  CompoundSummary,
  DisposePropertyReportBody,
  HouseAnnotation,
  HouseAnnotationBody,
  HouseAnnotationListQuery,
  PageOf,
  PropertyReport,
  PropertyReportBody,
  PropertyReportListQuery,
  ReleaseAnnotationBody,
  RenovationDeclaration,
  RenovationDeclarationBody,
  RenovationListQuery,
} from '@chengguan/contracts';
import { assessRenovation, shanghaiDateOf, type RenovationWork } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { pageOfQuery } from '../../../shared/paging.ts';
import { recordAudit } from '../../audit/index.ts';
import { registerCaseIn } from '../../cases/index.ts';
import { cityPointOrFail, placeOf } from '../../geo/index.ts';
import { insertInspectionTasks } from '../../inspections/index.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import { housingConnector } from '../housing/housing-connector.ts';

export type Citizen = { id: string; phone: string };

import { JOB_HOUSING_SEND } from '../housing/housing-job.ts';

type CompoundRow = {
  id: string;
  code: string;
  name: string;
  bureau_id: string;
  org_id: string | null;
  address: string | null;
  point_lon: number | null;
  point_lat: number | null;
  path: string;
};

function compoundQuery(db: Executor) {
  return db
    .selectFrom('subjects as s')
    .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
    .select(['s.id', 's.code', 's.name', 's.bureau_id', 's.org_id', 's.address', 's.point_lon', 's.point_lat', 'o.path'])
    .where('s.kind', '=', 'residential_compound')
    .where('s.status', '=', 'active');
}

/** A compound of the registry; for an officer only inside his jurisdiction (else 404 naming the field). */
export async function compoundOrFail(db: Executor, actor: Actor | null, id: string, field = 'compoundId'): Promise<CompoundRow> {
  const row = (await compoundQuery(db).where('s.id', '=', id).executeTakeFirst()) as CompoundRow | undefined;
  if (!row || (actor && !row.path.startsWith(actor.jurisdictionPath))) {
    throw new AppError('NOT_FOUND', {
      field,
      message: `${field}：不是本市登记的住宅小区，或不在您的管辖范围内`,
      messageEn: `${field}: not a residential compound registered in the city, or outside your jurisdiction`,
    });
  }
  return row;
}

/** A compound outside the city (its registered point, or the point the declarant picked) is refused by name. */
function assertInCity(point: { lon: number; lat: number; crs: 'wgs84' | 'gcj02' } | null | undefined, field: string): void {
  if (!point) return;
  const p = cityPointOrFail(point, field);
  if (!placeOf(p, null).district) {
    throw new AppError('POINT_OUTSIDE_CITY', {
      field,
      message: `${field}：小区不在本市行政区域内，本市城管部门不受理该申报`,
      messageEn: `${field}: the compound lies outside the city; the bureau does not take this declaration`,
      details: [{ field, message: '小区不在本市行政区域内', messageEn: 'The compound lies outside the city' }],
    });
  }
}

const numberOf = (prefix: string, id: string, at: Date) =>
  `${prefix}${shanghaiDateOf(at).replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// ---- compounds

export async function listCompounds(deps: Deps, actor: Actor, q: CompoundListQuery): Promise<PageOf<CompoundSummary>> {
  assertPermission(actor, 'subject:read');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  let base = compoundQuery(deps.db).where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.q) base = base.where('s.name', 'like', `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await base
    .leftJoin('compound_profiles as p', 'p.subject_id', 's.id')
    .leftJoin('subjects as pc', 'pc.id', 'p.property_company_id')
    .select([
      'p.property_company_id',
      'pc.name as company_name',
      'p.households',
      sql<number>`(SELECT count(*) FROM renovation_declarations d WHERE d.compound_id = s.id)`.as('declarations'),
      sql<number>`(SELECT count(*) FROM property_reports r WHERE r.compound_id = s.id AND r.state = 'reported')`.as('open_reports'),
      sql<number>`(SELECT count(*) FROM house_annotations a WHERE a.compound_id = s.id AND a.state <> 'released')`.as('annotations'),
    ])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      address: r.address,
      lon: r.point_lon,
      lat: r.point_lat,
      propertyCompanyId: r.property_company_id ?? null,
      propertyCompanyName: r.company_name ?? null,
      households: r.households ?? null,
      declarations: Number(r.declarations),
      openReports: Number(r.open_reports),
      annotations: Number(r.annotations),
    })),
    total,
    page,
    pageSize,
  };
}

export async function exportCompounds(deps: Deps, actor: Actor, q: CompoundListQuery): Promise<Buffer> {
  const { items } = await listCompounds(deps, actor, { ...q, page: 1, pageSize: 200 });
  return toXlsx(
    '住宅小区',
    [
      { header: '编码', value: (r) => r.code },
      { header: '小区', value: (r) => r.name },
      { header: '地址', value: (r) => r.address ?? '' },
      { header: '物业服务企业', value: (r) => r.propertyCompanyName ?? '' },
      { header: '户数', value: (r) => r.households ?? '' },
      { header: '装修申报', value: (r) => r.declarations },
      { header: '待处置报告', value: (r) => r.openReports },
      { header: '房屋注记', value: (r) => r.annotations },
    ],
    items,
  );
}

export async function setCompoundProfile(deps: Deps, actor: Actor, meta: RequestMeta, id: string, body: CompoundProfileBody) {
  assertPermission(actor, 'subject:write');
  await deps.db.transaction().execute(async (trx) => {
    const c = await compoundOrFail(trx, actor, id, 'id');
    if (body.propertyCompanyId) {
      const pc = await trx
        .selectFrom('subjects')
        .select('id')
        .where('id', '=', body.propertyCompanyId)
        .where('kind', '=', 'property_company')
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (!pc)
        throw fieldError(
          'propertyCompanyId',
          '不是登记在册的物业服务企业',
          'propertyCompanyId: not a registered property company',
          'NOT_FOUND',
        );
    }
    const values = {
      property_company_id: body.propertyCompanyId ?? null,
      households: body.households ?? null,
      updated_by: actor.id,
      updated_at: deps.clock.now(),
    };
    await trx
      .insertInto('compound_profiles')
      .values({ subject_id: c.id, bureau_id: c.bureau_id, ...values })
      .onConflict((oc) => oc.column('subject_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, deps, actor, meta, { action: 'compound.profile', entityType: 'subject', entityId: c.id, data: body });
  });
  return (await listCompounds(deps, actor, { page: 1, pageSize: 200 })).items.find((c) => c.id === id)!;
}

// ---- renovation declarations (portal)

type DeclarationRow = {
  id: string;
  number: string;
  compound_id: string;
  compound_name: string;
  declarant_kind: string;
  declarant_name: string;
  room: string;
  works: string[];
  start_on: string;
  end_on: string;
  outcome: string;
  rules: unknown;
  created_at: Date;
};

function toDeclaration(r: DeclarationRow): RenovationDeclaration {
  return {
    id: r.id,
    number: r.number,
    compoundId: r.compound_id,
    compoundName: r.compound_name,
    declarantKind: r.declarant_kind as RenovationDeclaration['declarantKind'],
    declarantName: r.declarant_name,
    room: r.room,
    works: r.works as RenovationDeclaration['works'],
    startOn: String(r.start_on).slice(0, 10),
    endOn: String(r.end_on).slice(0, 10),
    outcome: r.outcome as RenovationDeclaration['outcome'],
    rules: (typeof r.rules === 'string' ? JSON.parse(r.rules) : r.rules) as RenovationDeclaration['rules'],
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function declarationQuery(db: Executor) {
  return db
    .selectFrom('renovation_declarations as d')
    .innerJoin('subjects as s', 's.id', 'd.compound_id')
    .select([
      'd.id',
      'd.number',
      'd.compound_id',
      's.name as compound_name',
      'd.declarant_kind',
      'd.declarant_name',
      'd.room',
      'd.works',
      'd.start_on',
      'd.end_on',
      'd.outcome',
      'd.rules',
      'd.created_at',
    ]);
}

/**
 * 装修申报: a resident or the property company declares works in a compound of the city; the answer says, rule by rule
 * with its source, what is only registered, what needs whose approval, and what is prohibited (still recorded: the
 * squad sees it).
 */
export async function fileDeclaration(deps: Deps, citizen: Citizen, meta: RequestMeta, body: RenovationDeclarationBody) {
  if (body.endOn < body.startOn) throw fieldError('endOn', '完工日期不能早于开工日期', 'endOn: before startOn');
  assertInCity(body.point, 'point');
  const now = deps.clock.now();
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const c = await compoundOrFail(trx, null, body.compoundId);
    assertInCity(c.point_lon === null ? null : { lon: c.point_lon, lat: c.point_lat!, crs: 'wgs84' }, 'compoundId');
    const a = assessRenovation(body.works as RenovationWork[]);
    const rules = a.rules.map((r) => ({
      id: r.id,
      work: r.work,
      outcome: r.outcome,
      zh: r.zh,
      en: r.en,
      approverZh: r.approverZh ?? null,
      approverEn: r.approverEn ?? null,
      cite: r.source.cite,
    }));
    await trx
      .insertInto('renovation_declarations')
      .values({
        id,
        number: numberOf('ZX', id, now),
        bureau_id: c.bureau_id,
        compound_id: c.id,
        declarant_kind: body.declarantKind,
        declarant_name: body.declarantName,
        citizen_id: citizen.id,
        room: body.room,
        works: body.works as string[],
        start_on: body.startOn,
        end_on: body.endOn,
        outcome: a.outcome,
        rules: JSON.stringify(rules),
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, { id: null, bureauId: c.bureau_id }, meta, {
      action: 'compound.declaration',
      entityType: 'renovation_declaration',
      entityId: id,
      data: { compoundId: c.id, works: body.works, outcome: a.outcome },
    });
  });
  return toDeclaration((await declarationQuery(deps.db).where('d.id', '=', id).executeTakeFirstOrThrow()) as DeclarationRow);
}

export async function listCitizenDeclarations(deps: Deps, citizen: Citizen): Promise<RenovationDeclaration[]> {
  const rows = await declarationQuery(deps.db).where('d.citizen_id', '=', citizen.id).orderBy('d.created_at', 'desc').limit(100).execute();
  return rows.map((r) => toDeclaration(r as DeclarationRow));
}

export async function listDeclarations(deps: Deps, actor: Actor, q: RenovationListQuery): Promise<PageOf<RenovationDeclaration>> {
  assertPermission(actor, 'subject:read');
  let base = declarationQuery(deps.db)
    .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
    .where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.compoundId) base = base.where('d.compound_id', '=', q.compoundId);
  if (q.outcome) base = base.where('d.outcome', '=', q.outcome);
  return pageOfQuery(deps.db, base.orderBy('d.created_at', 'desc').orderBy('d.id'), q, (r) => toDeclaration(r as DeclarationRow));
}

export async function exportDeclarations(deps: Deps, actor: Actor, q: RenovationListQuery): Promise<Buffer> {
  const { items } = await listDeclarations(deps, actor, { ...q, page: 1, pageSize: 200 });
  const OUT = { registered: '已登记', permit_needed: '须经批准', prohibited: '禁止行为' };
  return toXlsx(
    '装修申报',
    [
      { header: '编号', value: (r) => r.number },
      { header: '小区', value: (r) => r.compoundName },
      { header: '房号', value: (r) => r.room },
      { header: '申报人', value: (r) => r.declarantName },
      { header: '结论', value: (r) => OUT[r.outcome] },
      { header: '依据', value: (r) => r.rules.map((x) => x.cite).join('；') },
      { header: '开工', value: (r) => r.startOn },
      { header: '完工', value: (r) => r.endOn },
    ],
    items,
  );
}

// ---- property reports

type ReportRow = {
  id: string;
  number: string;
  compound_id: string;
  compound_name: string;
  problem: string;
  reporter_name: string;
  room: string | null;
  description: string;
  state: string;
  inspection_task_id: string | null;
  case_id: string | null;
  note: string | null;
  created_at: Date;
  bureau_id: string;
  org_id: string | null;
  path: string;
};

function reportQuery(db: Executor) {
  return db
    .selectFrom('property_reports as r')
    .innerJoin('subjects as s', 's.id', 'r.compound_id')
    .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
    .select([
      'r.id',
      'r.number',
      'r.compound_id',
      's.name as compound_name',
      'r.problem',
      'r.reporter_name',
      'r.room',
      'r.description',
      'r.state',
      'r.inspection_task_id',
      'r.case_id',
      'r.note',
      'r.created_at',
      'r.bureau_id',
      'r.org_id',
      'o.path',
    ]);
}

const toReport = (r: ReportRow): PropertyReport => ({
  id: r.id,
  number: r.number,
  compoundId: r.compound_id,
  compoundName: r.compound_name,
  problem: r.problem as PropertyReport['problem'],
  reporterName: r.reporter_name,
  room: r.room,
  description: r.description,
  state: r.state as PropertyReport['state'],
  inspectionTaskId: r.inspection_task_id,
  caseId: r.case_id,
  note: r.note,
  createdAt: new Date(r.created_at).toISOString(),
});

/** 物业报告: the property company (signed in to the portal) reports 违法搭建, a load-bearing change or another problem. */
export async function fileReport(deps: Deps, citizen: Citizen, meta: RequestMeta, body: PropertyReportBody): Promise<PropertyReport> {
  const now = deps.clock.now();
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const c = await compoundOrFail(trx, null, body.compoundId);
    assertInCity(c.point_lon === null ? null : { lon: c.point_lon, lat: c.point_lat!, crs: 'wgs84' }, 'compoundId');
    const profile = await trx
      .selectFrom('compound_profiles')
      .select('property_company_id')
      .where('subject_id', '=', c.id)
      .executeTakeFirst();
    await trx
      .insertInto('property_reports')
      .values({
        id,
        number: numberOf('WY', id, now),
        bureau_id: c.bureau_id,
        org_id: c.org_id,
        compound_id: c.id,
        company_id: profile?.property_company_id ?? null,
        reporter_name: body.reporterName,
        citizen_id: citizen.id,
        problem: body.problem,
        room: body.room ?? null,
        description: body.description,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, deps, { id: null, bureauId: c.bureau_id }, meta, {
      action: 'compound.report',
      entityType: 'property_report',
      entityId: id,
      data: { compoundId: c.id, problem: body.problem },
    });
  });
  return toReport((await reportQuery(deps.db).where('r.id', '=', id).executeTakeFirstOrThrow()) as ReportRow);
}

export async function listReports(deps: Deps, actor: Actor, q: PropertyReportListQuery): Promise<PageOf<PropertyReport>> {
  assertPermission(actor, 'subject:read');
  let base = reportQuery(deps.db).where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.compoundId) base = base.where('r.compound_id', '=', q.compoundId);
  if (q.state) base = base.where('r.state', '=', q.state);
  if (q.problem) base = base.where('r.problem', '=', q.problem);
  if (q.q) {
    const text = q.q;
    base = base.where(
      sql<boolean>`(position(${text} in r.number) > 0 or position(${text} in s.name) > 0 or position(${text} in coalesce(r.room, '')) > 0)`,
    );
  }
  return pageOfQuery(deps.db, base.orderBy('r.created_at', 'desc').orderBy('r.id'), q, (r) => toReport(r as ReportRow));
}

export async function exportReports(deps: Deps, actor: Actor, q: PropertyReportListQuery): Promise<Buffer> {
  const { items } = await listReports(deps, actor, { ...q, page: 1, pageSize: 200 });
  const PROBLEM = { illegal_construction: '违法搭建', load_bearing: '损坏承重结构', other: '其他' };
  const STATE = { reported: '待处置', inspection: '已派检查', case: '已立案', closed: '已办结' };
  return toXlsx(
    '物业报告',
    [
      { header: '编号', value: (r) => r.number },
      { header: '小区', value: (r) => r.compoundName },
      { header: '问题', value: (r) => PROBLEM[r.problem] },
      { header: '房号', value: (r) => r.room ?? '' },
      { header: '报告人', value: (r) => r.reporterName },
      { header: '状态', value: (r) => STATE[r.state] },
      { header: '报告时间', value: (r) => r.createdAt },
    ],
    items,
  );
}

/**
 * 处置物业报告: an inspection task of the compound (检查事项 WY-WJ, two inspectors, A1), a case registered by the cases
 * module with the report's number as its source, or closed with a note. Only a report still 待处置; one transaction.
 */
export async function disposeReport(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: DisposePropertyReportBody,
): Promise<PropertyReport> {
  assertPermission(actor, 'subject:write');
  await deps.db.transaction().execute(async (trx) => {
    const r = (await reportQuery(trx).where('r.id', '=', id).executeTakeFirst()) as ReportRow | undefined;
    if (!r || !r.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
    if (r.state !== 'reported') {
      throw new AppError('STATE_CONFLICT', { message: '该报告已处置', messageEn: 'The report has already been disposed of' });
    }
    const now = deps.clock.now();
    let inspectionTaskId: string | null = null;
    let caseId: string | null = null;
    if (body.disposal === 'inspection') {
      if (!body.inspectorIds || body.inspectorIds.length < 2) {
        throw fieldError('inspectorIds', '检查须由两名执法人员进行', 'inspectorIds: an inspection needs two officers (A1)');
      }
      if (!body.dueOn) throw fieldError('dueOn', '请填写检查期限', 'dueOn: give the due date');
      const matter = await trx.selectFrom('inspection_matters').select('code').where('code', '=', 'WY-WJ').executeTakeFirst();
      if (!matter) throw fieldError('disposal', '检查事项清单中没有住宅小区检查事项（WY-WJ）', 'disposal: the WY-WJ matter is missing');
      const officers = await trx
        .selectFrom('officers as f')
        .innerJoin('orgs as o', 'o.id', 'f.org_id')
        .select('f.id')
        .where('f.id', 'in', body.inspectorIds)
        .where('o.path', 'like', `${actor.jurisdictionPath}%`)
        .execute();
      const missing = body.inspectorIds.findIndex((x) => !officers.some((o) => o.id === x));
      if (missing >= 0) {
        throw fieldError(
          `inspectorIds[${missing}]`,
          '人员不存在或不在您的管辖范围内',
          `inspectorIds[${missing}]: no such officer in your jurisdiction`,
          'NOT_FOUND',
        );
      }
      inspectionTaskId = deps.newId();
      await insertInspectionTasks(trx, [
        {
          id: inspectionTaskId,
          bureauId: r.bureau_id,
          orgId: r.org_id ?? actor.orgId,
          subjectId: r.compound_id,
          origin: 'special',
          inspectorIds: body.inspectorIds,
          matterCodes: ['WY-WJ'],
          dueOn: body.dueOn,
          createdBy: actor.id,
        },
      ]);
    } else if (body.disposal === 'case') {
      if (!body.registration) throw fieldError('registration', '请填写立案信息', 'registration: the case registration is required');
      caseId = (await registerCaseIn(trx, deps, actor, meta, { ...body.registration, sourceRef: `物业报告 ${r.number}` })).row.id;
    }
    const state = body.disposal;
    const res = await trx
      .updateTable('property_reports')
      .set({
        state,
        inspection_task_id: inspectionTaskId,
        case_id: caseId,
        disposed_by: actor.id,
        disposed_at: now,
        note: body.note ?? null,
      })
      .where('id', '=', id)
      .where('state', '=', 'reported')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: 'compound.report.dispose',
      entityType: 'property_report',
      entityId: id,
      data: { disposal: body.disposal, inspectionTaskId, caseId },
    });
  });
  return toReport((await reportQuery(deps.db).where('r.id', '=', id).executeTakeFirstOrThrow()) as ReportRow);
}

// ---- 房屋注记 / 解注记

type AnnotationRow = {
  id: string;
  compound_id: string;
  compound_name: string;
  room: string;
  reason: string;
  report_id: string | null;
  state: string;
  housing_ref: string | null;
  release_reason: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  annotated_at: Date | null;
  released_at: Date | null;
  path: string;
};

function annotationQuery(db: Executor) {
  return db
    .selectFrom('house_annotations as a')
    .innerJoin('subjects as s', 's.id', 'a.compound_id')
    .innerJoin('orgs as o', (j) => j.on(sql`o.id`, '=', sql`coalesce(s.org_id, s.bureau_id)`))
    .select([
      'a.id',
      'a.compound_id',
      's.name as compound_name',
      'a.room',
      'a.reason',
      'a.report_id',
      'a.state',
      'a.housing_ref',
      'a.release_reason',
      'a.attempts',
      'a.last_error',
      'a.created_at',
      'a.annotated_at',
      'a.released_at',
      'o.path',
    ]);
}

const toAnnotation = (deps: Deps, r: AnnotationRow): HouseAnnotation => ({
  id: r.id,
  compoundId: r.compound_id,
  compoundName: r.compound_name,
  room: r.room,
  reason: r.reason,
  reportId: r.report_id,
  state: r.state as HouseAnnotation['state'],
  housingRef: r.housing_ref,
  releaseReason: r.release_reason,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  simulator: housingConnector(deps)?.simulator ?? false,
  createdAt: new Date(r.created_at).toISOString(),
  annotatedAt: iso(r.annotated_at),
  releasedAt: iso(r.released_at),
});

async function annotationOrFail(db: Executor, actor: Actor, id: string): Promise<AnnotationRow> {
  const r = (await annotationQuery(db).where('a.id', '=', id).executeTakeFirst()) as AnnotationRow | undefined;
  if (!r || !r.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getAnnotation(deps: Deps, actor: Actor, id: string): Promise<HouseAnnotation> {
  assertPermission(actor, 'subject:read');
  return toAnnotation(deps, await annotationOrFail(deps.db, actor, id));
}

export async function listAnnotations(deps: Deps, actor: Actor, q: HouseAnnotationListQuery): Promise<PageOf<HouseAnnotation>> {
  assertPermission(actor, 'subject:read');
  let base = annotationQuery(deps.db).where('o.path', 'like', `${actor.jurisdictionPath}%`);
  if (q.compoundId) base = base.where('a.compound_id', '=', q.compoundId);
  if (q.state) base = base.where('a.state', '=', q.state);
  if (q.q) {
    const text = q.q;
    base = base.where(sql<boolean>`(position(${text} in s.name) > 0 or position(${text} in a.room) > 0)`);
  }
  return pageOfQuery(deps.db, base.orderBy('a.created_at', 'desc').orderBy('a.id'), q, (r) => toAnnotation(deps, r as AnnotationRow));
}

export async function exportAnnotations(deps: Deps, actor: Actor, q: HouseAnnotationListQuery): Promise<Buffer> {
  const { items } = await listAnnotations(deps, actor, { ...q, page: 1, pageSize: 200 });
  const STATE = { annotating: '注记中', annotated: '已注记', releasing: '解注记中', released: '已解注记' };
  const simulator = housingConnector(deps)?.simulator ?? false;
  return toXlsx(
    simulator ? '房屋注记（房屋管理部门为本地模拟）' : '房屋注记',
    [
      { header: '小区', value: (a) => a.compoundName },
      { header: '房号', value: (a) => a.room },
      { header: '注记原因', value: (a) => a.reason },
      { header: '状态', value: (a) => STATE[a.state] },
      { header: '房管编号', value: (a) => a.housingRef ?? '' },
      { header: '解注记原因', value: (a) => a.releaseReason ?? '' },
      { header: '注记时间', value: (a) => a.annotatedAt ?? '' },
      { header: '解注记时间', value: (a) => a.releasedAt ?? '' },
    ],
    items,
  );
}

/** 房屋注记: recorded as 注记中 and the signed message queued for the housing department (retried until it answers). */
export async function requestAnnotation(deps: Deps, actor: Actor, meta: RequestMeta, body: HouseAnnotationBody): Promise<HouseAnnotation> {
  assertPermission(actor, 'subject:write');
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const c = await compoundOrFail(trx, actor, body.compoundId);
    if (body.reportId) {
      const rep = await trx.selectFrom('property_reports').select('compound_id').where('id', '=', body.reportId).executeTakeFirst();
      if (!rep || rep.compound_id !== c.id)
        throw fieldError('reportId', '该小区没有这份物业报告', 'reportId: no such report of this compound', 'NOT_FOUND');
    }
    const open = await trx
      .selectFrom('house_annotations')
      .select('id')
      .where('compound_id', '=', c.id)
      .where('room', '=', body.room)
      .where('state', '<>', 'released')
      .executeTakeFirst();
    if (open) throw fieldError('room', '该房屋已有注记，解注记后才能再次注记', 'room: the house is already annotated', 'DUPLICATE');
    const now = deps.clock.now();
    await trx
      .insertInto('house_annotations')
      .values({
        id,
        bureau_id: c.bureau_id,
        compound_id: c.id,
        room: body.room,
        reason: body.reason,
        report_id: body.reportId ?? null,
        state: 'annotating',
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await enqueueHousingSend(trx, deps, id, 'annotate', c.bureau_id);
    await recordAudit(trx, deps, actor, meta, { action: 'compound.annotate', entityType: 'house_annotation', entityId: id, data: body });
  });
  return getAnnotation(deps, actor, id);
}

/** 解注记: only an annotation the housing department holds; the release goes the same signed way. */
export async function releaseAnnotation(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: ReleaseAnnotationBody,
): Promise<HouseAnnotation> {
  assertPermission(actor, 'subject:write');
  await deps.db.transaction().execute(async (trx) => {
    const a = await annotationOrFail(trx, actor, id);
    if (a.state !== 'annotated') {
      throw new AppError('STATE_CONFLICT', {
        message: '只有已注记的房屋可以解注记（注记尚未被房屋管理部门确认，或已解注记）',
        messageEn: 'Only an annotation the housing department holds can be released',
      });
    }
    const res = await trx
      .updateTable('house_annotations')
      .set({ state: 'releasing', release_reason: body.releaseReason, attempts: 0, last_error: null, updated_at: deps.clock.now() })
      .where('id', '=', id)
      .where('state', '=', 'annotated')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    const bureau = await trx.selectFrom('house_annotations').select('bureau_id').where('id', '=', id).executeTakeFirstOrThrow();
    await enqueueHousingSend(trx, deps, id, 'release', bureau.bureau_id);
    await recordAudit(trx, deps, actor, meta, { action: 'compound.release', entityType: 'house_annotation', entityId: id, data: body });
  });
  return getAnnotation(deps, actor, id);
}

async function enqueueHousingSend(trx: Executor, deps: Deps, id: string, action: 'annotate' | 'release', bureauId: string) {
  await enqueueJob(trx, {
    id: deps.newId(),
    kind: JOB_HOUSING_SEND,
    runAt: deps.clock.now(),
    payload: { annotationId: id, action },
    dedupeKey: `housing:${id}:${action}`,
    bureauId,
    maxAttempts: 8,
  });
}
