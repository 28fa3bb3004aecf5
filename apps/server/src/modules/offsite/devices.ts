// The device register (issue 14 §1): cameras, drones, hangars, IoT sensors and body cameras with the facts A5 reads —
// the legal review of the setting-up, the public announcement of the location, the technical certification and its
// validity, the scenes it was reviewed for — and what is missing today for each scene (A5, E11), shown on the device.
import { randomBytes } from 'node:crypto';
import type {
  CreateOffsiteDeviceBody,
  DeviceFitnessIssue,
  OffsiteDevice,
  OffsiteDeviceListQuery,
  OffsiteScene,
  PageOf,
  UpdateOffsiteDeviceBody,
  UpdateOffsiteSceneBody,
} from '@chengguan/contracts';
import { deviceFitness, pudongSceneListed, type DeviceKind, type DeviceRecord } from '@chengguan/domain';
import type { Selectable } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../context.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../http/xlsx.ts';
import { assertInJurisdiction, assertPermission, isCityWide } from '../../shared/access.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { recordAudit } from '../audit/index.ts';
import { findOrg, getOrgRowOrFail } from '../org/index.ts';
import type { OffsiteDevicesTable, OffsiteScenesTable } from './offsite.tables.ts';

export type DeviceRow = Selectable<OffsiteDevicesTable>;
export type SceneRow = Selectable<OffsiteScenesTable>;

/** 浦东新区's administrative code: E11 applies to devices of its bureau. */
export const PUDONG_REGION = '310115';

export async function scenesOf(db: Executor): Promise<SceneRow[]> {
  return db.selectFrom('offsite_scenes').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export function toScene(s: SceneRow): OffsiteScene {
  return {
    code: s.code,
    name: s.name,
    nameEn: s.name_en,
    offenceCode: s.offence_code,
    pudongListed: s.pudong_listed,
    windowHours: s.window_hours,
    active: s.active,
  };
}

export function deviceRecord(d: DeviceRow): DeviceRecord {
  return {
    kind: d.kind as DeviceKind,
    scenes: d.scenes,
    legalReviewPassedOn: d.legal_review_on,
    techCertifiedOn: d.cert_on,
    techCertifiedUntil: d.cert_until,
    locationPublishedOn: d.published_on,
    retiredOn: d.status === 'retired' ? (d.retired_on ?? '1900-01-01') : d.retired_on,
  };
}

/** Whether E11 (浦东's published list) applies: the device belongs to 浦东's bureau. */
export async function pudongBureaus(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('orgs')
    .select('id')
    .where('region_code', '=', PUDONG_REGION)
    .where('kind', '=', 'district_bureau')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A5 and E11 for evidence of `scene` recorded on `on` by the device; empty when it may found a case. */
export function fitnessIssues(d: DeviceRow, on: string, scene: string, scenes: SceneRow[], pudong: boolean): DeviceFitnessIssue[] {
  const out: DeviceFitnessIssue[] = deviceFitness(deviceRecord(d), on, scene).map((f) => ({
    ruleId: f.ruleId,
    basis: f.basis,
    field: f.field,
    scene,
    message: f.messageZh,
    messageEn: f.messageEn,
  }));
  if (d.status === 'suspended') {
    out.push({
      ruleId: 'A5',
      basis: '行政处罚法 Art. 41',
      field: 'status',
      scene,
      message: '设备已暂停使用',
      messageEn: 'The device is suspended',
    });
  }
  if (pudong) {
    const listed = scenes.filter((s) => s.pudong_listed && s.active).map((s) => s.code);
    const e11 = pudongSceneListed(scene, listed);
    if (e11) out.push({ ruleId: e11.ruleId, basis: e11.basis, field: e11.field, scene, message: e11.messageZh, messageEn: e11.messageEn });
  }
  return out;
}

/** Today's issues over all the device's scenes (a device without scenes misses the scene review). */
function deviceIssues(d: DeviceRow, today: string, scenes: SceneRow[], pudong: boolean): DeviceFitnessIssue[] {
  if (d.scenes.length === 0) {
    return fitnessIssues(d, today, '', scenes, false).map((i) =>
      i.field === 'scene'
        ? { ...i, scene: null, message: '设备未经审核用于任何场景', messageEn: 'The device was not reviewed for any scene' }
        : i,
    );
  }
  const seen = new Set<string>();
  const out: DeviceFitnessIssue[] = [];
  for (const scene of d.scenes) {
    for (const i of fitnessIssues(d, today, scene, scenes, pudong)) {
      // Conditions that do not depend on the scene are named once.
      const key = i.field === 'scene' ? `${i.field}|${scene}` : i.field;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i.field === 'scene' ? i : { ...i, scene: null });
    }
  }
  return out;
}

export function toDevice(d: DeviceRow, orgName: string, today: string, scenes: SceneRow[], pudong: boolean): OffsiteDevice {
  const issues = deviceIssues(d, today, scenes, pudong);
  return {
    id: d.id,
    code: d.code,
    kind: d.kind as OffsiteDevice['kind'],
    name: d.name,
    vendor: d.vendor,
    orgId: d.org_id,
    orgName,
    address: d.address,
    lon: d.point_lon,
    lat: d.point_lat,
    area: (d.area as number[][] | null) ?? null,
    scenes: d.scenes,
    legalReviewOn: d.legal_review_on,
    legalReviewer: d.legal_reviewer,
    legalReviewDoc: d.legal_review_doc,
    publishedOn: d.published_on,
    publishedWhere: d.published_where,
    certBody: d.cert_body,
    certNo: d.cert_no,
    certOn: d.cert_on,
    certUntil: d.cert_until,
    status: d.status as OffsiteDevice['status'],
    retiredOn: d.retired_on,
    ownSecret: d.secret_hex !== null,
    issues,
    usable: issues.length === 0,
  };
}

function checkBody(b: Partial<CreateOffsiteDeviceBody>, scenes: SceneRow[], merged: { kind: string; lon: number | null; area: unknown }) {
  const known = new Set(scenes.map((s) => s.code));
  for (const s of b.scenes ?? []) {
    if (!known.has(s)) throw fieldError('scenes', `未配置的非现场执法场景「${s}」`, `scenes: unknown scene "${s}"`);
  }
  if ((b.lon === undefined) !== (b.lat === undefined) || (b.lon === null) !== (b.lat === null)) {
    throw fieldError('lat', '经度和纬度须同时提供', 'lon and lat go together');
  }
  const mobile = merged.kind === 'drone' || merged.kind === 'hangar';
  if (mobile && !merged.area && merged.kind === 'drone') {
    throw fieldError('area', '无人机须登记飞行区域（设置地点）', 'area: a drone needs its flight area');
  }
  if (!mobile && merged.kind !== 'body_camera' && merged.lon === null) {
    throw fieldError('lon', '固定设备须登记位置坐标', 'lon: a fixed device needs its location');
  }
  if (b.certOn && b.certUntil && b.certUntil < b.certOn) {
    throw fieldError('certUntil', '有效期截止日期早于检定日期', 'certUntil: before certOn');
  }
}

async function orgNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function deviceRowOrFail(db: Executor, actor: Actor, id: string): Promise<DeviceRow> {
  const row = await db.selectFrom('offsite_devices').selectAll().where('id', '=', id).executeTakeFirst();
  assertInJurisdiction(actor, row?.org_path);
  return row!;
}

async function present(deps: Deps, rows: DeviceRow[]): Promise<OffsiteDevice[]> {
  const [names, scenes, pudong] = await Promise.all([
    orgNames(
      deps.db,
      rows.map((r) => r.org_id),
    ),
    scenesOf(deps.db),
    pudongBureaus(deps.db),
  ]);
  const today = shanghaiDate(deps.clock.now());
  return rows.map((r) => toDevice(r, names.get(r.org_id) ?? '', today, scenes, pudong.has(r.bureau_id)));
}

export async function getDevice(deps: Deps, actor: Actor, id: string): Promise<OffsiteDevice> {
  assertPermission(actor, 'offsite:read');
  return (await present(deps, [await deviceRowOrFail(deps.db, actor, id)]))[0]!;
}

export async function listDevices(deps: Deps, actor: Actor, q: OffsiteDeviceListQuery, cap = 200): Promise<PageOf<OffsiteDevice>> {
  assertPermission(actor, 'offsite:read');
  let base = deps.db.selectFrom('offsite_devices').where('org_path', 'like', `${actor.jurisdictionPath}%`);
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    if (!org || !org.path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND', { field: 'orgId' });
    base = base.where('org_path', 'like', `${org.path}%`);
  }
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.scene) base = base.where((eb) => eb(eb.val(q.scene!), '=', eb.fn.any('scenes')));
  if (q.q)
    base = base.where((eb) => eb.or([eb('code', 'like', `%${q.q}%`), eb('name', 'like', `%${q.q}%`), eb('address', 'like', `%${q.q}%`)]));
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  if (q.usable !== undefined) {
    // Usability is computed by the rule, not stored: filter the matching rows (a district has hundreds of devices).
    const all = await present(deps, await base.selectAll().orderBy('code').limit(MAX_EXPORT_ROWS).execute());
    const kept = all.filter((d) => d.usable === q.usable);
    return { items: kept.slice((page - 1) * pageSize, page * pageSize), total: kept.length, page, pageSize };
  }
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: await present(deps, rows), total: Number(n), page, pageSize };
}

const KIND_ZH: Record<OffsiteDevice['kind'], string> = {
  camera: '摄像头',
  drone: '无人机',
  hangar: '无人机机库',
  iot_sensor: '物联感知设备',
  body_camera: '执法记录仪',
};
const STATUS_ZH: Record<OffsiteDevice['status'], string> = { active: '在用', suspended: '暂停', retired: '停用' };
const EXPORT_COLUMNS: XlsxColumn<OffsiteDevice>[] = [
  { header: '设备编号', value: (d) => d.code, width: 18 },
  { header: '类型', value: (d) => KIND_ZH[d.kind] },
  { header: '名称', value: (d) => d.name, width: 24 },
  { header: '所属单位', value: (d) => d.orgName, width: 20 },
  { header: '位置', value: (d) => d.address, width: 30 },
  { header: '场景', value: (d) => d.scenes.join('、'), width: 20 },
  { header: '法制审核日期', value: (d) => d.legalReviewOn },
  { header: '社会公布日期', value: (d) => d.publishedOn },
  { header: '检定/检测有效期至', value: (d) => d.certUntil },
  { header: '状态', value: (d) => STATUS_ZH[d.status] },
  { header: '可作为证据', value: (d) => (d.usable ? '是' : '否') },
  { header: '缺少（规则 A5/E11）', value: (d) => d.issues.map((i) => i.message).join('；'), width: 50 },
];

export async function exportDevices(deps: Deps, actor: Actor, q: OffsiteDeviceListQuery): Promise<Buffer> {
  const page = await listDevices(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('非现场执法设备', EXPORT_COLUMNS, page.items);
}

function columnsOf(b: Partial<CreateOffsiteDeviceBody>) {
  const set = <K extends keyof CreateOffsiteDeviceBody>(k: K) => b[k] !== undefined;
  return {
    ...(set('code') ? { code: b.code! } : {}),
    ...(set('kind') ? { kind: b.kind! } : {}),
    ...(set('name') ? { name: b.name! } : {}),
    ...(set('vendor') ? { vendor: b.vendor ?? null } : {}),
    ...(set('address') ? { address: b.address ?? null } : {}),
    ...(set('lon') ? { point_lon: b.lon ?? null } : {}),
    ...(set('lat') ? { point_lat: b.lat ?? null } : {}),
    ...(set('area') ? { area: b.area ? JSON.stringify(b.area) : null } : {}),
    ...(set('scenes') ? { scenes: b.scenes! } : {}),
    ...(set('legalReviewOn') ? { legal_review_on: b.legalReviewOn ?? null } : {}),
    ...(set('legalReviewer') ? { legal_reviewer: b.legalReviewer ?? null } : {}),
    ...(set('legalReviewDoc') ? { legal_review_doc: b.legalReviewDoc ?? null } : {}),
    ...(set('publishedOn') ? { published_on: b.publishedOn ?? null } : {}),
    ...(set('publishedWhere') ? { published_where: b.publishedWhere ?? null } : {}),
    ...(set('certBody') ? { cert_body: b.certBody ?? null } : {}),
    ...(set('certNo') ? { cert_no: b.certNo ?? null } : {}),
    ...(set('certOn') ? { cert_on: b.certOn ?? null } : {}),
    ...(set('certUntil') ? { cert_until: b.certUntil ?? null } : {}),
    ...(set('status') ? { status: b.status! } : {}),
    ...(set('retiredOn') ? { retired_on: b.retiredOn ?? null } : {}),
  };
}

export async function createDevice(deps: Deps, actor: Actor, meta: RequestMeta, b: CreateOffsiteDeviceBody): Promise<OffsiteDevice> {
  assertPermission(actor, 'offsite:device');
  const id = deps.newId();
  const secret = b.ownSecret ? randomBytes(32).toString('hex') : null;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const org = await getOrgRowOrFail(trx, actor, b.orgId);
    checkBody(b, await scenesOf(trx), { kind: b.kind, lon: b.lon ?? null, area: b.area ?? null });
    const taken = await trx.selectFrom('offsite_devices').select('id').where('code', '=', b.code).executeTakeFirst();
    if (taken)
      throw new AppError('DUPLICATE', { field: 'code', message: `设备编号 ${b.code} 已登记`, messageEn: `code: ${b.code} is registered` });
    await trx
      .insertInto('offsite_devices')
      .values({
        id,
        bureau_id: org.bureau_id ?? org.id,
        org_id: org.id,
        org_path: org.path,
        ...columnsOf(b),
        code: b.code,
        kind: b.kind,
        name: b.name,
        scenes: b.scenes,
        secret_hex: secret,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'offsite.device.create',
      entityType: 'offsite_device',
      entityId: id,
      bureauId: org.bureau_id ?? org.id,
      data: { code: b.code, kind: b.kind, scenes: b.scenes, ownSecret: secret !== null },
    });
  });
  const d = await getDevice(deps, actor, id);
  return secret ? { ...d, secretHex: secret } : d;
}

export async function updateDevice(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  b: UpdateOffsiteDeviceBody,
): Promise<OffsiteDevice> {
  assertPermission(actor, 'offsite:device');
  b = b ?? {};
  let secret: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const row = await deviceRowOrFail(trx, actor, id);
    const org = b.orgId ? await getOrgRowOrFail(trx, actor, b.orgId) : null;
    if (org && (org.bureau_id ?? org.id) !== row.bureau_id) {
      throw fieldError('orgId', '设备只能在本区局内调整所属单位', 'orgId: another bureau');
    }
    checkBody(b, await scenesOf(trx), {
      kind: b.kind ?? row.kind,
      lon: b.lon === undefined ? row.point_lon : b.lon,
      area: b.area === undefined ? row.area : b.area,
    });
    if (b.code && b.code !== row.code) {
      const taken = await trx.selectFrom('offsite_devices').select('id').where('code', '=', b.code).executeTakeFirst();
      if (taken)
        throw new AppError('DUPLICATE', {
          field: 'code',
          message: `设备编号 ${b.code} 已登记`,
          messageEn: `code: ${b.code} is registered`,
        });
    }
    if (b.ownSecret === true) secret = randomBytes(32).toString('hex');
    await trx
      .updateTable('offsite_devices')
      .set({
        ...columnsOf(b),
        ...(org ? { org_id: org.id, org_path: org.path } : {}),
        ...(b.ownSecret === true ? { secret_hex: secret } : b.ownSecret === false ? { secret_hex: null } : {}),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'offsite.device.update',
      entityType: 'offsite_device',
      entityId: id,
      bureauId: row.bureau_id,
      data: { fields: Object.keys(b).filter((k) => k !== 'ownSecret'), newSecret: secret !== null },
    });
  });
  const d = await getDevice(deps, actor, id);
  return secret ? { ...d, secretHex: secret } : d;
}

export async function listScenes(deps: Deps, actor: Actor): Promise<OffsiteScene[]> {
  assertPermission(actor, 'offsite:read');
  return (await scenesOf(deps.db)).map(toScene);
}

/** The scenes are the city's list: only a city-wide administrator changes them (the law matter, E11 listing, window). */
export async function updateScene(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  code: string,
  b: UpdateOffsiteSceneBody,
): Promise<OffsiteScene> {
  assertPermission(actor, 'offsite:device');
  if (!isCityWide(actor)) throw new AppError('FORBIDDEN');
  b = b ?? {};
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('offsite_scenes').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (b.offenceCode) {
      const o = await trx.selectFrom('law_offences').select('code').where('code', '=', b.offenceCode).executeTakeFirst();
      if (!o) throw fieldError('offenceCode', `违法行为代码 ${b.offenceCode} 不存在`, `offenceCode: ${b.offenceCode} does not exist`);
    }
    const changed = Object.values(b).some((v) => v !== undefined);
    if (!changed) return toScene(row);
    await trx
      .updateTable('offsite_scenes')
      .set({
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.offenceCode !== undefined ? { offence_code: b.offenceCode } : {}),
        ...(b.pudongListed !== undefined ? { pudong_listed: b.pudongListed } : {}),
        ...(b.windowHours !== undefined ? { window_hours: b.windowHours } : {}),
        ...(b.active !== undefined ? { active: b.active } : {}),
      })
      .where('code', '=', code)
      .execute();
    await recordAudit(trx, deps, actor, meta, {
      action: 'offsite.scene.update',
      entityType: 'offsite_scene',
      entityId: code,
      bureauId: null,
      data: b,
    });
    return toScene(await trx.selectFrom('offsite_scenes').selectAll().where('code', '=', code).executeTakeFirstOrThrow());
  });
}
