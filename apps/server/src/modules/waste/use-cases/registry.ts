// The 建筑垃圾 register (docs/waste.md §1): producing sites (工地), disposal sites (消纳场) and yards (停车场) with the
// H3 cells of their area; transport companies and their vehicles; 处置核准 permits tying a producing site, a company's
// vehicles and disposal sites with an approved route, stored with the H3 cells of its corridor. W1 refuses a permit
// that names no disposal site (or no route, vehicles, company, or a period that ends before it starts). Lists filter,
// page on the server and export to Excel; everything is per district bureau, within the user's jurisdiction.
import type {
  CreateWasteCompanyBody,
  CreateWastePermitBody,
  CreateWasteSiteBody,
  CreateWasteVehicleBody,
  PageOf,
  WasteCompany,
  WasteCompanyQuery,
  WastePermit,
  WastePermitQuery,
  WasteSite,
  WasteSiteQuery,
  WasteVehicle,
  WasteVehicleQuery,
} from '@chengguan/contracts';
import { WASTE_SITE_KIND_ZH } from '@chengguan/contracts';
import { checkPermit, corridorCells, siteCells, toWgs84, type LonLat } from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertBureauVisible, bureauOrFail, bureauVisible, dateText, pageOfQuery } from '../waste.shared.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function insertCells(trx: Executor, table: 'waste_site_cells' | 'waste_corridor_cells', rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (table === 'waste_site_cells') {
      await trx
        .insertInto('waste_site_cells')
        .values(chunk as { cell: string; site_id: string; kind: string }[])
        .onConflict((oc) => oc.column('cell').doNothing())
        .execute();
    } else {
      await trx
        .insertInto('waste_corridor_cells')
        .values(chunk as { cell: string; permit_id: string }[])
        .onConflict((oc) => oc.columns(['permit_id', 'cell']).doNothing())
        .execute();
    }
  }
}

// ---- sites -------------------------------------------------------------------------------------------------------

function siteQuery(deps: Deps, actor: Actor, q: WasteSiteQuery) {
  let query = deps.db.selectFrom('waste_sites as s').innerJoin('orgs as o', 'o.id', 's.bureau_id').where(bureauVisible(actor, 'o'));
  if (q.bureauId) query = query.where('s.bureau_id', '=', q.bureauId);
  if (q.kind) query = query.where('s.kind', '=', q.kind);
  if (q.q) query = query.where((eb) => eb.or([eb('s.name', 'like', like(q.q!)), eb('s.address', 'like', like(q.q!))]));
  return query.select([
    's.id',
    's.bureau_id',
    'o.name as bureau_name',
    's.kind',
    's.name',
    's.address',
    's.lon',
    's.lat',
    's.radius_m',
    's.created_at',
    sql<number>`(SELECT COUNT(*) FROM waste_site_cells c WHERE c.site_id = s.id)`.as('cells'),
  ]);
}

type SiteRow = Awaited<ReturnType<ReturnType<typeof siteQuery>['execute']>>[number];
const toSite = (r: SiteRow): WasteSite => ({
  id: r.id,
  bureauId: r.bureau_id,
  bureauName: r.bureau_name,
  kind: r.kind as WasteSite['kind'],
  name: r.name,
  address: r.address,
  lon: r.lon,
  lat: r.lat,
  radiusM: r.radius_m,
  cells: Number(r.cells),
  createdAt: iso(r.created_at),
});

export async function listSites(deps: Deps, actor: Actor, q: WasteSiteQuery): Promise<PageOf<WasteSite>> {
  assertPermission(actor, 'waste:read');
  return pageOfQuery(deps.db, siteQuery(deps, actor, q).orderBy('s.created_at', 'desc').orderBy('s.id', 'desc'), q, toSite);
}

export async function exportSites(deps: Deps, actor: Actor, q: WasteSiteQuery): Promise<Buffer> {
  assertPermission(actor, 'waste:read');
  const rows = (
    await siteQuery(deps, actor, q).orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(MAX_EXPORT_ROWS).execute()
  ).map(toSite);
  return toXlsx(
    '建筑垃圾场所',
    [
      { header: '区局', value: (s: WasteSite) => s.bureauName, width: 16 },
      { header: '类别', value: (s: WasteSite) => WASTE_SITE_KIND_ZH[s.kind], width: 10 },
      { header: '名称', value: (s: WasteSite) => s.name, width: 30 },
      { header: '地址', value: (s: WasteSite) => s.address, width: 40 },
      { header: '经度', value: (s: WasteSite) => s.lon },
      { header: '纬度', value: (s: WasteSite) => s.lat },
      { header: '半径（米）', value: (s: WasteSite) => s.radiusM },
    ],
    rows,
  );
}

export async function createSite(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateWasteSiteBody): Promise<WasteSite> {
  assertPermission(actor, 'waste:write');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const [lon, lat] = toWgs84([body.lon, body.lat], body.crs);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('waste_sites')
      .select('id')
      .where('bureau_id', '=', body.bureauId)
      .where('kind', '=', body.kind)
      .where('name', '=', body.name)
      .executeTakeFirst();
    if (dup) throw fieldError('name', '本区局已登记同名同类场所', 'a site of this kind and name is registered', 'DUPLICATE');
    await trx
      .insertInto('waste_sites')
      .values({
        id,
        bureau_id: body.bureauId,
        kind: body.kind,
        name: body.name,
        address: body.address,
        lon,
        lat,
        radius_m: body.radiusM,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await insertCells(
      trx,
      'waste_site_cells',
      siteCells([lon, lat], body.radiusM).map((c) => ({ cell: c.toString(), site_id: id, kind: body.kind })),
    );
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.site_create',
      entityType: 'waste_site',
      entityId: id,
      bureauId: body.bureauId,
      data: { kind: body.kind, name: body.name },
    });
  });
  const page = await listSites(deps, actor, { bureauId: body.bureauId, kind: body.kind, q: body.name, pageSize: 100 });
  return page.items.find((s) => s.id === id)!;
}

// ---- companies ---------------------------------------------------------------------------------------------------

function companyQuery(deps: Deps, actor: Actor, q: WasteCompanyQuery) {
  let query = deps.db.selectFrom('waste_companies as c').innerJoin('orgs as o', 'o.id', 'c.bureau_id').where(bureauVisible(actor, 'o'));
  if (q.bureauId) query = query.where('c.bureau_id', '=', q.bureauId);
  if (q.licenceStatus) query = query.where('c.licence_status', '=', q.licenceStatus);
  if (q.q) query = query.where((eb) => eb.or([eb('c.name', 'like', like(q.q!)), eb('c.credit_code', 'like', like(q.q!))]));
  return query.select([
    'c.id',
    'c.bureau_id',
    'o.name as bureau_name',
    'c.name',
    'c.credit_code',
    'c.licence_no',
    'c.licence_valid_until',
    'c.licence_status',
    'c.created_at',
    sql<number>`(SELECT COUNT(*) FROM waste_vehicles v WHERE v.company_id = c.id)`.as('vehicles'),
  ]);
}
type CompanyRow = Awaited<ReturnType<ReturnType<typeof companyQuery>['execute']>>[number];
const toCompany = (r: CompanyRow): WasteCompany => ({
  id: r.id,
  bureauId: r.bureau_id,
  bureauName: r.bureau_name,
  name: r.name,
  creditCode: r.credit_code,
  licenceNo: r.licence_no,
  licenceValidUntil: dateText(r.licence_valid_until),
  licenceStatus: r.licence_status as WasteCompany['licenceStatus'],
  vehicles: Number(r.vehicles),
  createdAt: iso(r.created_at),
});

export async function listCompanies(deps: Deps, actor: Actor, q: WasteCompanyQuery): Promise<PageOf<WasteCompany>> {
  assertPermission(actor, 'waste:read');
  return pageOfQuery(deps.db, companyQuery(deps, actor, q).orderBy('c.created_at', 'desc').orderBy('c.id', 'desc'), q, toCompany);
}

export async function exportCompanies(deps: Deps, actor: Actor, q: WasteCompanyQuery): Promise<Buffer> {
  assertPermission(actor, 'waste:read');
  const rows = (await companyQuery(deps, actor, q).orderBy('c.created_at', 'desc').limit(MAX_EXPORT_ROWS).execute()).map(toCompany);
  return toXlsx(
    '运输单位',
    [
      { header: '区局', value: (c: WasteCompany) => c.bureauName, width: 16 },
      { header: '名称', value: (c: WasteCompany) => c.name, width: 30 },
      { header: '统一社会信用代码', value: (c: WasteCompany) => c.creditCode, width: 22 },
      { header: '运输许可证号', value: (c: WasteCompany) => c.licenceNo, width: 20 },
      { header: '许可有效期至', value: (c: WasteCompany) => c.licenceValidUntil, width: 12 },
      { header: '许可状态', value: (c: WasteCompany) => (c.licenceStatus === 'valid' ? '有效' : '已吊销'), width: 10 },
      { header: '车辆数', value: (c: WasteCompany) => c.vehicles },
    ],
    rows,
  );
}

export async function createCompany(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateWasteCompanyBody): Promise<WasteCompany> {
  assertPermission(actor, 'waste:write');
  await bureauOrFail(deps.db, actor, body.bureauId);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('waste_companies').select('id').where('credit_code', '=', body.creditCode).executeTakeFirst();
    if (dup) throw fieldError('creditCode', '该统一社会信用代码已登记', 'this credit code is registered', 'DUPLICATE');
    await trx
      .insertInto('waste_companies')
      .values({
        id,
        bureau_id: body.bureauId,
        name: body.name,
        credit_code: body.creditCode,
        licence_no: body.licenceNo,
        licence_valid_until: body.licenceValidUntil,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.company_create',
      entityType: 'waste_company',
      entityId: id,
      bureauId: body.bureauId,
      data: { name: body.name, creditCode: body.creditCode },
    });
  });
  return (await listCompanies(deps, actor, { q: body.creditCode, pageSize: 10 })).items.find((c) => c.id === id)!;
}

// ---- vehicles ----------------------------------------------------------------------------------------------------

function vehicleQuery(deps: Deps, actor: Actor, q: WasteVehicleQuery) {
  let query = deps.db
    .selectFrom('waste_vehicles as v')
    .innerJoin('waste_companies as c', 'c.id', 'v.company_id')
    .innerJoin('orgs as o', 'o.id', 'v.bureau_id')
    .where(bureauVisible(actor, 'o'));
  if (q.bureauId) query = query.where('v.bureau_id', '=', q.bureauId);
  if (q.companyId) query = query.where('v.company_id', '=', q.companyId);
  if (q.status) query = query.where('v.status', '=', q.status);
  if (q.q) query = query.where('v.plate', 'like', like(q.q));
  return query.select([
    'v.id',
    'v.bureau_id',
    'v.plate',
    'v.company_id',
    'c.name as company_name',
    'v.licence_no',
    'v.licence_valid_until',
    'v.status',
    'v.created_at',
  ]);
}
type VehicleRow = Awaited<ReturnType<ReturnType<typeof vehicleQuery>['execute']>>[number];
const toVehicle = (r: VehicleRow): WasteVehicle => ({
  id: r.id,
  bureauId: r.bureau_id,
  plate: r.plate,
  companyId: r.company_id,
  companyName: r.company_name,
  licenceNo: r.licence_no,
  licenceValidUntil: dateText(r.licence_valid_until),
  status: r.status as WasteVehicle['status'],
  createdAt: iso(r.created_at),
});

export async function listVehicles(deps: Deps, actor: Actor, q: WasteVehicleQuery): Promise<PageOf<WasteVehicle>> {
  assertPermission(actor, 'waste:read');
  return pageOfQuery(deps.db, vehicleQuery(deps, actor, q).orderBy('v.created_at', 'desc').orderBy('v.id', 'desc'), q, toVehicle);
}

export async function exportVehicles(deps: Deps, actor: Actor, q: WasteVehicleQuery): Promise<Buffer> {
  assertPermission(actor, 'waste:read');
  const rows = (await vehicleQuery(deps, actor, q).orderBy('v.created_at', 'desc').limit(MAX_EXPORT_ROWS).execute()).map(toVehicle);
  return toXlsx(
    '运输车辆',
    [
      { header: '车牌号', value: (v: WasteVehicle) => v.plate, width: 14 },
      { header: '运输单位', value: (v: WasteVehicle) => v.companyName, width: 30 },
      { header: '准运证号', value: (v: WasteVehicle) => v.licenceNo, width: 20 },
      { header: '准运证有效期至', value: (v: WasteVehicle) => v.licenceValidUntil, width: 14 },
      { header: '状态', value: (v: WasteVehicle) => (v.status === 'active' ? '正常' : '扣押中'), width: 10 },
    ],
    rows,
  );
}

export async function createVehicle(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateWasteVehicleBody): Promise<WasteVehicle> {
  assertPermission(actor, 'waste:write');
  const company = await deps.db
    .selectFrom('waste_companies')
    .select(['id', 'bureau_id'])
    .where('id', '=', body.companyId)
    .executeTakeFirst();
  if (!company) throw fieldError('companyId', '运输单位不存在', 'no such company', 'NOT_FOUND');
  await assertBureauVisible(deps.db, actor, company.bureau_id);
  const id = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('waste_vehicles').select('id').where('plate', '=', body.plate).executeTakeFirst();
    if (dup) throw fieldError('plate', '该车牌已登记', 'this plate is registered', 'DUPLICATE');
    await trx
      .insertInto('waste_vehicles')
      .values({
        id,
        bureau_id: company.bureau_id,
        plate: body.plate,
        company_id: company.id,
        licence_no: body.licenceNo,
        licence_valid_until: body.licenceValidUntil,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.vehicle_create',
      entityType: 'waste_vehicle',
      entityId: id,
      bureauId: company.bureau_id,
      data: { plate: body.plate, companyId: company.id },
    });
  });
  return (await listVehicles(deps, actor, { q: body.plate, pageSize: 10 })).items.find((v) => v.id === id)!;
}

// ---- permits -----------------------------------------------------------------------------------------------------

function permitQuery(deps: Deps, actor: Actor, q: WastePermitQuery) {
  let query = deps.db
    .selectFrom('waste_permits as p')
    .innerJoin('waste_sites as s', 's.id', 'p.producing_site_id')
    .innerJoin('waste_companies as c', 'c.id', 'p.company_id')
    .innerJoin('orgs as o', 'o.id', 'p.bureau_id')
    .where(bureauVisible(actor, 'o'));
  if (q.bureauId) query = query.where('p.bureau_id', '=', q.bureauId);
  if (q.companyId) query = query.where('p.company_id', '=', q.companyId);
  if (q.validOn) query = query.where('p.valid_from', '<=', q.validOn).where('p.valid_until', '>=', q.validOn);
  if (q.q) query = query.where((eb) => eb.or([eb('p.number', 'like', like(q.q!)), eb('s.name', 'like', like(q.q!))]));
  return query.select([
    'p.id',
    'p.bureau_id',
    'p.number',
    'p.producing_site_id',
    's.name as site_name',
    'p.company_id',
    'c.name as company_name',
    'p.route',
    'p.corridor_m',
    'p.valid_from',
    'p.valid_until',
    'p.status',
    'p.created_at',
    sql<number>`(SELECT COUNT(*) FROM waste_corridor_cells k WHERE k.permit_id = p.id)`.as('cells'),
  ]);
}

async function toPermits(deps: Deps, rows: Awaited<ReturnType<ReturnType<typeof permitQuery>['execute']>>): Promise<WastePermit[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [disposals, vehicles] = await Promise.all([
    deps.db
      .selectFrom('waste_permit_disposals as d')
      .innerJoin('waste_sites as s', 's.id', 'd.site_id')
      .select(['d.permit_id', 's.id', 's.name'])
      .where('d.permit_id', 'in', ids)
      .orderBy('s.name')
      .execute(),
    deps.db.selectFrom('waste_permit_vehicles').select(['permit_id', 'plate']).where('permit_id', 'in', ids).orderBy('plate').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    bureauId: r.bureau_id,
    number: r.number,
    producingSiteId: r.producing_site_id,
    producingSiteName: r.site_name,
    disposalSites: disposals.filter((d) => d.permit_id === r.id).map((d) => ({ id: d.id, name: d.name })),
    companyId: r.company_id,
    companyName: r.company_name,
    plates: vehicles.filter((v) => v.permit_id === r.id).map((v) => v.plate),
    route: r.route as number[][],
    corridorM: r.corridor_m,
    corridorCells: Number(r.cells),
    validFrom: dateText(r.valid_from),
    validUntil: dateText(r.valid_until),
    status: r.status as WastePermit['status'],
    createdAt: iso(r.created_at),
  }));
}

export async function listPermits(deps: Deps, actor: Actor, q: WastePermitQuery): Promise<PageOf<WastePermit>> {
  assertPermission(actor, 'waste:read');
  const rows = await pageOfQuery(deps.db, permitQuery(deps, actor, q).orderBy('p.created_at', 'desc').orderBy('p.id', 'desc'), q, (r) => r);
  return { ...rows, items: await toPermits(deps, rows.items) };
}

export async function exportPermits(deps: Deps, actor: Actor, q: WastePermitQuery): Promise<Buffer> {
  assertPermission(actor, 'waste:read');
  const rows = await toPermits(deps, await permitQuery(deps, actor, q).orderBy('p.created_at', 'desc').limit(MAX_EXPORT_ROWS).execute());
  return toXlsx(
    '处置核准',
    [
      { header: '核准编号', value: (p: WastePermit) => p.number, width: 20 },
      { header: '工地', value: (p: WastePermit) => p.producingSiteName, width: 30 },
      { header: '消纳场', value: (p: WastePermit) => p.disposalSites.map((d) => d.name).join('、'), width: 30 },
      { header: '运输单位', value: (p: WastePermit) => p.companyName, width: 30 },
      { header: '车辆', value: (p: WastePermit) => p.plates.join('、'), width: 40 },
      { header: '有效期自', value: (p: WastePermit) => p.validFrom, width: 12 },
      { header: '有效期至', value: (p: WastePermit) => p.validUntil, width: 12 },
    ],
    rows,
  );
}

function w1Refusal(problems: ReturnType<typeof checkPermit>): AppError {
  const first = problems[0]!;
  return new AppError('RULE_VIOLATION', {
    field: first.field,
    rule: `W1 ${first.basis}`,
    message: `W1（${first.basis}）：${problems.map((p) => p.messageZh).join('；')}`,
    messageEn: `W1 (${first.basis}): ${problems.map((p) => p.messageEn).join('; ')}`,
    details: problems.map((p) => ({ field: p.field, message: `W1：${p.messageZh}`, messageEn: `W1: ${p.messageEn}` })),
  });
}

export async function createPermit(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateWastePermitBody): Promise<WastePermit> {
  assertPermission(actor, 'waste:write');
  const route: LonLat[] = body.route.map((p) => toWgs84([p[0], p[1]], body.crs));
  const problems = checkPermit({
    producingSiteId: body.producingSiteId,
    disposalSiteIds: body.disposalSiteIds,
    carrierId: body.companyId,
    vehiclePlates: body.vehicleIds,
    route,
    validFrom: body.validFrom,
    validUntil: body.validUntil,
  });
  if (problems.length > 0) throw w1Refusal(problems);
  const site = await deps.db
    .selectFrom('waste_sites')
    .select(['id', 'bureau_id', 'kind'])
    .where('id', '=', body.producingSiteId)
    .executeTakeFirst();
  if (!site) throw fieldError('producingSiteId', '工地不存在', 'no such site', 'NOT_FOUND');
  await assertBureauVisible(deps.db, actor, site.bureau_id);
  if (site.kind !== 'producing') throw fieldError('producingSiteId', '须为登记的工地（产生建筑垃圾的场所）', 'must be a producing site');
  const disposals = await deps.db.selectFrom('waste_sites').select(['id', 'kind']).where('id', 'in', body.disposalSiteIds).execute();
  if (disposals.length !== body.disposalSiteIds.length || disposals.some((d) => d.kind !== 'disposal')) {
    throw w1Refusal([
      {
        field: 'disposalSiteIds',
        ruleId: 'W1',
        basis: checkPermit({ ...emptyDraft, disposalSiteIds: [] })[0]!.basis,
        messageZh: '路线终点须为登记的消纳场所',
        messageEn: 'the route must end at a registered disposal site',
      },
    ]);
  }
  const company = await deps.db
    .selectFrom('waste_companies')
    .select(['id', 'licence_status'])
    .where('id', '=', body.companyId)
    .executeTakeFirst();
  if (!company) throw fieldError('companyId', '运输单位不存在', 'no such company', 'NOT_FOUND');
  if (company.licence_status !== 'valid')
    throw fieldError('companyId', '运输单位的许可已被吊销', 'the company’s licence is revoked', 'RULE_VIOLATION');
  const vehicles = await deps.db
    .selectFrom('waste_vehicles')
    .select(['id', 'plate', 'company_id'])
    .where('id', 'in', body.vehicleIds)
    .execute();
  if (vehicles.length !== body.vehicleIds.length || vehicles.some((v) => v.company_id !== body.companyId)) {
    throw fieldError('vehicleIds', '车辆须为该运输单位登记的车辆', 'the vehicles must be registered to the company');
  }
  const id = deps.newId();
  const cells = corridorCells(route, body.corridorM);
  await deps.db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('waste_permits').select('id').where('number', '=', body.number).executeTakeFirst();
    if (dup) throw fieldError('number', '核准编号已存在', 'this permit number exists', 'DUPLICATE');
    await trx
      .insertInto('waste_permits')
      .values({
        id,
        bureau_id: site.bureau_id,
        number: body.number,
        producing_site_id: site.id,
        company_id: company.id,
        route: JSON.stringify(route),
        corridor_m: body.corridorM,
        valid_from: body.validFrom,
        valid_until: body.validUntil,
        created_by: actor.id,
        created_at: deps.clock.now(),
      })
      .execute();
    await trx
      .insertInto('waste_permit_disposals')
      .values(body.disposalSiteIds.map((s) => ({ permit_id: id, site_id: s })))
      .execute();
    await trx
      .insertInto('waste_permit_vehicles')
      .values(vehicles.map((v) => ({ permit_id: id, vehicle_id: v.id, plate: v.plate })))
      .execute();
    await insertCells(
      trx,
      'waste_corridor_cells',
      cells.map((c) => ({ permit_id: id, cell: c.toString() })),
    );
    await recordAudit(trx, deps, actor, meta, {
      action: 'waste.permit_create',
      entityType: 'waste_permit',
      entityId: id,
      bureauId: site.bureau_id,
      data: { number: body.number, disposalSiteIds: body.disposalSiteIds, vehicles: vehicles.length, corridorCells: cells.length },
    });
  });
  return (await toPermits(deps, await permitQuery(deps, actor, {}).where('p.id', '=', id).execute()))[0]!;
}

const emptyDraft = {
  producingSiteId: 'x',
  disposalSiteIds: [] as string[],
  carrierId: 'x',
  vehiclePlates: ['x'],
  route: [
    [0, 0],
    [1, 1],
  ] as LonLat[],
  validFrom: '2000-01-01',
  validUntil: '2000-01-01',
};
