// 登记、修改、核实、注销 a subject. Each write is one transaction: the record, its licences, a timeline event (which
// regrades the subject), the audit row.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { CreateSubjectBody, LicenceBody, SubjectDetail, UpdateSubjectBody } from '@chengguan/contracts';
import {
  districtAt,
  findDuplicateSubjects,
  normalizeAddress,
  normalizePlate,
  normalizeSubjectName,
  duplicateReasonZh,
  validateSubject,
  type DistrictGeometry,
  type DuplicateReason,
  type SubjectIssueCode,
  type SubjectKind,
} from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError, type ErrorDetail } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { bureauNameOf, cityPointOrFail, placeOf } from '../../geo/index.ts';
import { findOrg } from '../../org/index.ts';
import { recordSubjectEvents } from '../subjects.shared.ts';
import { findSubjectRow, squadAt } from '../subjects.repository.ts';
import { subjectDetail, liveSubjectOrFail } from './read-subjects.ts';

const ISSUE_EN: Record<SubjectIssueCode, string> = {
  REQUIRED: 'is required',
  CREDIT_CODE_INVALID: 'is not a valid unified social credit code (GB 32100-2015 check)',
  ID_NUMBER_INVALID: 'is not a valid resident ID number',
  PLATE_INVALID: 'is not a valid number plate',
  DATE_INVALID: 'is not a real date',
  LICENCE_EXPIRES_BEFORE_ISSUE: 'ends before the licence was issued',
  LICENCE_ISSUED_IN_FUTURE: 'is after today',
};

/** The 一店一码: 16 base-32 letters from 80 random bits — unguessable, and short enough for a printed card. */
export function newSubjectCode(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

type Fields = {
  kind: SubjectKind;
  name: string;
  address: string;
  creditCode: string | null;
  operatorIdNumber: string | null;
  plateNumber: string | null;
  licences: LicenceBody[];
};

function validateOrFail(f: Fields, today: string): void {
  const check = validateSubject(
    {
      id: 'candidate',
      kind: f.kind,
      name: f.name,
      address: f.address,
      creditCode: f.creditCode,
      operatorIdNumber: f.operatorIdNumber,
      plateNumber: f.plateNumber,
      licences: f.licences.map((l) => ({
        kind: l.kind,
        number: l.number,
        issuedOn: l.issuedOn,
        validUntil: l.validUntil,
        revoked: l.revoked ?? false,
      })),
    },
    today,
  );
  if (check.ok) return;
  const details: ErrorDetail[] = check.issues.map((i) => ({
    field: i.field,
    message: i.messageZh,
    messageEn: `${i.field} ${ISSUE_EN[i.code]}`,
  }));
  throw new AppError('SUBJECT_INVALID', {
    field: details[0]!.field,
    message: details.map((d) => d.message).join('；'),
    messageEn: details.map((d) => d.messageEn).join('; '),
    details,
  });
}

const REASON_FIELD: Record<DuplicateReason, string> = {
  same_credit_code: 'creditCode',
  same_plate: 'plateNumber',
  same_address_and_name: 'name',
};
const REASON_EN: Record<DuplicateReason, string> = {
  same_credit_code: 'the same unified social credit code',
  same_plate: 'the same number plate',
  same_address_and_name: 'the same name and address',
};

/** Refuses (409 naming the field and the existing records) when findDuplicateSubjects finds the subject registered. */
async function refuseDuplicates(db: Executor, f: Fields & { id: string; bureauId: string; actor: Actor }): Promise<void> {
  const nameKey = normalizeSubjectName(f.name);
  const addressKey = normalizeAddress(f.address).key;
  const plate = f.plateNumber ? normalizePlate(f.plateNumber) : null;
  const rows = await db
    .selectFrom('subjects as s')
    .innerJoin('orgs as g', (j) => j.onRef('g.id', '=', (eb) => eb.fn.coalesce('s.org_id', 's.bureau_id')))
    .select(['s.id', 's.kind', 's.name', 's.address', 's.credit_code', 's.plate', 's.code', 's.bureau_id', 'g.path'])
    .where('s.status', '<>', 'merged')
    .where('s.id', '<>', f.id)
    .where((eb) =>
      eb.or([
        ...(f.creditCode ? [eb.and([eb('s.kind', '=', f.kind), eb('s.credit_code', '=', f.creditCode.toUpperCase())])] : []),
        ...(plate ? [eb('s.plate', '=', plate)] : []),
        eb.and([eb('s.bureau_id', '=', f.bureauId), eb('s.name_key', '=', nameKey), eb('s.address_key', '=', addressKey)]),
      ]),
    )
    .limit(20)
    .execute();
  if (rows.length === 0) return;
  const found = findDuplicateSubjects(
    { id: f.id, kind: f.kind, name: f.name, address: f.address, creditCode: f.creditCode, plateNumber: f.plateNumber },
    rows.map((r) => ({
      id: r.id,
      kind: r.kind as SubjectKind,
      name: r.name,
      address: r.address ?? '',
      creditCode: r.credit_code,
      plateNumber: r.plate,
    })),
  );
  if (found.length === 0) return;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const first = found[0]!.reasons[0]!;
  const details: ErrorDetail[] = found.flatMap((c) => {
    const r = byId.get(c.id)!;
    const visible = r.path.startsWith(f.actor.jurisdictionPath);
    const who = visible ? `「${r.name}」（一店一码 ${r.code}，编号 ${r.id}）` : '其他单位已登记的对象';
    const whoEn = visible ? `"${r.name}" (code ${r.code}, id ${r.id})` : 'a record of another unit';
    return c.reasons.map((reason) => ({
      field: REASON_FIELD[reason],
      message: `${duplicateReasonZh(reason)}：${who}`,
      messageEn: `${REASON_EN[reason]} as ${whoEn}`,
    }));
  });
  throw new AppError('DUPLICATE', {
    field: REASON_FIELD[first],
    message: `该对象已登记（${details.map((d) => d.message).join('；')}），请勿重复登记`,
    messageEn: `The subject is registered already: ${details.map((d) => d.messageEn).join('; ')}`,
    details,
  });
}

type Located = { lon: number; lat: number; district: string | null; orgId: string | null } | null;

/** The point in WGS-84, refused outside the bureau's district; the squad whose service area holds it. */
async function locate(db: Executor, bureauId: string, point: CreateSubjectBody['point']): Promise<Located> {
  if (!point) return null;
  const p = cityPointOrFail(point, 'point');
  const bureau = (await findOrg(db, bureauId))!;
  const place = placeOf(p, await bureauNameOf(db, bureau));
  if (!place.inBureauArea) {
    throw new AppError('POINT_OUTSIDE_BUREAU', {
      field: 'point',
      message: `地点位于${place.district ?? '本市各区以外'}，不在${bureau.name}的辖区（${place.bureauDistrict ?? '本市'}）内，请核对位置`,
      messageEn: `point: the place lies in ${place.district ?? 'no district'}, outside the area of the bureau (${place.bureauDistrict ?? 'the city'})`,
      details: [{ field: 'point', message: '地点不在本单位辖区内', messageEn: 'The point lies outside the bureau’s area' }],
    });
  }
  const orgId = await squadAt(db, bureauId, p[0], p[1], (g) => districtAt(p, [{ name: 'area', geometry: g as DistrictGeometry }]) !== null);
  return { lon: p[0], lat: p[1], district: place.district, orgId };
}

/** A squad's user may register only inside his jurisdiction: the record would otherwise vanish from his view. */
async function assertLandsInJurisdiction(db: Executor, actor: Actor, orgId: string | null, bureauId: string): Promise<void> {
  const org = await findOrg(db, orgId ?? bureauId);
  if (org && org.path.startsWith(actor.jurisdictionPath)) return;
  throw new AppError('POINT_OUTSIDE_BUREAU', {
    field: 'point',
    message: orgId ? '地点位于其他中队的责任区，请由该中队登记，或核对位置' : '地点不在本中队的责任区内（或未标注地点），请核对位置',
    messageEn: 'point: the record would lie outside your jurisdiction (another squad’s area, or no point at all)',
    details: [{ field: 'point', message: '地点不在本人辖区内', messageEn: 'The point lies outside your jurisdiction' }],
  });
}

async function ownerOrFail(deps: Deps, db: Executor, ownerId: string | null | undefined, bureauId: string): Promise<string | null> {
  if (!ownerId) return null;
  const row = await findSubjectRow(db, ownerId, shanghaiDate(deps.clock.now()));
  if (!row || row.bureau_id !== bureauId || row.status === 'merged') {
    throw fieldError('ownerSubjectId', '所属单位不存在或不属于本区局', 'names no subject of this bureau', 'SUBJECT_INVALID');
  }
  return row.id;
}

function licenceRows(deps: Deps, subjectId: string, licences: readonly LicenceBody[]) {
  return licences.map((l) => ({
    id: deps.newId(),
    subject_id: subjectId,
    kind: l.kind,
    number: l.number.trim(),
    issuer: l.issuer ?? null,
    issued_on: l.issuedOn,
    valid_until: l.validUntil,
    revoked: l.revoked ?? false,
  }));
}

const clean = (s: string | null | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);

export async function createSubject(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateSubjectBody): Promise<SubjectDetail> {
  assertPermission(actor, 'subject:write');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const bureauId = body.bureauId ?? actor.bureauId;
  if (!bureauId) throw fieldError('bureauId', '请选择区局', 'is required for a city-wide user');
  const bureau = await findOrg(deps.db, bureauId);
  if (!bureau || bureau.bureau_id !== bureau.id || !(bureau.id === actor.bureauId || bureau.path.startsWith(actor.jurisdictionPath))) {
    throw new AppError('NOT_FOUND', { field: 'bureauId' });
  }
  const f: Fields = {
    kind: body.kind as SubjectKind,
    name: body.name.trim(),
    address: body.address.trim(),
    creditCode: clean(body.creditCode)?.toUpperCase() ?? null,
    operatorIdNumber: clean(body.operatorIdNumber)?.toUpperCase() ?? null,
    plateNumber: clean(body.plateNumber) ? normalizePlate(body.plateNumber!) : null,
    licences: body.licences ?? [],
  };
  validateOrFail(f, today);
  const id = deps.newId();
  return deps.db.transaction().execute(async (trx) => {
    const where = await locate(trx, bureauId, body.point);
    await assertLandsInJurisdiction(trx, actor, where?.orgId ?? null, bureauId);
    await refuseDuplicates(trx, { ...f, id, bureauId, actor });
    const owner = await ownerOrFail(deps, trx, body.ownerSubjectId, bureauId);
    const address = normalizeAddress(f.address);
    await trx
      .insertInto('subjects')
      .values({
        id,
        code: newSubjectCode(),
        bureau_id: bureauId,
        org_id: where?.orgId ?? null,
        kind: f.kind,
        name: f.name,
        name_key: normalizeSubjectName(f.name),
        credit_code: f.creditCode,
        id_number: f.operatorIdNumber,
        plate: f.plateNumber,
        owner_subject_id: owner,
        address: f.address,
        address_key: address.key,
        district: where?.district ?? address.district,
        point_lon: where?.lon ?? null,
        point_lat: where?.lat ?? null,
        contacts: JSON.stringify(body.contacts ?? []),
        tags: body.tags ?? [],
        flags: JSON.stringify({ abnormalList: body.abnormalList ?? false }),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (f.licences.length)
      await trx
        .insertInto('subject_licences')
        .values(licenceRows(deps, id, f.licences))
        .execute();
    await recordSubjectEvents(deps, trx, [
      { id: deps.newId(), subjectId: id, kind: 'registered', occurredOn: today, summaryZh: `登记：${f.name}`, actorId: actor.id },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.create',
      entityType: 'subject',
      entityId: id,
      bureauId,
      data: { kind: f.kind, name: f.name, creditCode: f.creditCode, orgId: where?.orgId ?? null },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}

const FIELD_ZH: Record<string, string> = {
  name: '名称',
  address: '地址',
  creditCode: '统一社会信用代码',
  operatorIdNumber: '经营者身份证号码',
  plateNumber: '车牌号码',
  point: '位置',
  ownerSubjectId: '所属单位',
  contacts: '联系人',
  tags: '标签',
  licences: '许可证',
  abnormalList: '经营异常名录',
};

function assertVersion(current: number, expected: number): void {
  if (current !== expected) {
    throw new AppError('STATE_CONFLICT', {
      field: 'expectedVersion',
      message: `该对象已被他人修改（当前第${current}版，您看到的是第${expected}版），请刷新后重试`,
      messageEn: `expectedVersion: the record is at version ${current}, you saw ${expected}; reload and retry`,
    });
  }
}

export async function updateSubject(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: UpdateSubjectBody,
): Promise<SubjectDetail> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const row = await liveSubjectOrFail(deps, trx, actor, id);
    assertVersion(row.version, body.expectedVersion);
    const current = await trx.selectFrom('subject_licences').selectAll().where('subject_id', '=', id).execute();
    const has = (k: keyof UpdateSubjectBody) => body[k] !== undefined;
    const f: Fields = {
      kind: row.kind as SubjectKind,
      name: body.name?.trim() ?? row.name,
      address: body.address?.trim() ?? row.address ?? '',
      creditCode: has('creditCode') ? (clean(body.creditCode)?.toUpperCase() ?? null) : row.credit_code,
      operatorIdNumber: has('operatorIdNumber') ? (clean(body.operatorIdNumber)?.toUpperCase() ?? null) : row.id_number,
      plateNumber: has('plateNumber') ? (clean(body.plateNumber) ? normalizePlate(body.plateNumber!) : null) : row.plate,
      licences:
        body.licences ??
        current.map((l) => ({
          kind: l.kind,
          number: l.number,
          issuer: l.issuer,
          issuedOn: String(l.issued_on ?? '1900-01-01').slice(0, 10),
          validUntil: l.valid_until === null ? null : String(l.valid_until).slice(0, 10),
          revoked: l.revoked,
        })),
    };
    // Licences already on file are not re-judged against today's date (an old record may have been issued long ago).
    validateOrFail(f, today);
    await refuseDuplicates(trx, { ...f, id, bureauId: row.bureau_id, actor });
    let where: Located | undefined;
    if (has('point')) {
      where = await locate(trx, row.bureau_id, body.point);
      await assertLandsInJurisdiction(trx, actor, where?.orgId ?? null, row.bureau_id);
    }
    const owner = has('ownerSubjectId') ? await ownerOrFail(deps, trx, body.ownerSubjectId, row.bureau_id) : undefined;
    if (owner === id) throw fieldError('ownerSubjectId', '不能选择对象本身作为所属单位', 'cannot be the subject itself', 'SUBJECT_INVALID');
    const address = normalizeAddress(f.address);
    const flags = has('abnormalList') ? { abnormalList: body.abnormalList } : undefined;
    await trx
      .updateTable('subjects')
      .set({
        name: f.name,
        name_key: normalizeSubjectName(f.name),
        address: f.address,
        address_key: address.key,
        credit_code: f.creditCode,
        id_number: f.operatorIdNumber,
        plate: f.plateNumber,
        ...(where !== undefined
          ? {
              point_lon: where?.lon ?? null,
              point_lat: where?.lat ?? null,
              org_id: where?.orgId ?? null,
              district: where?.district ?? address.district,
            }
          : {}),
        ...(owner !== undefined ? { owner_subject_id: owner } : {}),
        ...(body.contacts ? { contacts: JSON.stringify(body.contacts) } : {}),
        ...(body.tags ? { tags: body.tags } : {}),
        ...(flags ? { flags: sql<string>`flags || ${JSON.stringify(flags)}::jsonb` } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (body.licences) {
      await trx.deleteFrom('subject_licences').where('subject_id', '=', id).execute();
      if (body.licences.length)
        await trx
          .insertInto('subject_licences')
          .values(licenceRows(deps, id, body.licences))
          .execute();
    }
    const changed = Object.keys(body).filter((k) => k !== 'expectedVersion');
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'updated',
        occurredOn: today,
        summaryZh: `修改：${changed.map((k) => FIELD_ZH[k] ?? k).join('、')}`,
        data: { fields: changed },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.update',
      entityType: 'subject',
      entityId: id,
      bureauId: row.bureau_id,
      data: { fields: changed },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}

/** 核实: an officer confirmed the record on site or against the registry (the verified ratio of the quality view). */
export async function verifySubject(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  expectedVersion: number,
): Promise<SubjectDetail> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const row = await liveSubjectOrFail(deps, trx, actor, id);
    assertVersion(row.version, expectedVersion);
    await trx
      .updateTable('subjects')
      .set({ verified: true, verified_at: now, version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'updated',
        occurredOn: today,
        summaryZh: '信息已核实',
        data: { verified: true },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.verify',
      entityType: 'subject',
      entityId: id,
      bureauId: row.bureau_id,
      data: {},
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}

/** 注销: the shop closed, the site finished. The record stays (its history and public page say so). */
export async function closeSubject(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: { expectedVersion: number; reasonZh: string },
): Promise<SubjectDetail> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const row = await liveSubjectOrFail(deps, trx, actor, id);
    assertVersion(row.version, body.expectedVersion);
    await trx
      .updateTable('subjects')
      .set({ status: 'closed', version: row.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'updated',
        occurredOn: today,
        summaryZh: `注销：${body.reasonZh}`,
        data: { closed: true, reasonZh: body.reasonZh },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.close',
      entityType: 'subject',
      entityId: id,
      bureauId: row.bureau_id,
      data: { reasonZh: body.reasonZh },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, id, today))!);
  });
}
