// 数据治理: duplicate pairs and their merge, the data-quality figures, and squads' service areas (which decide the
// squad of every subject with a point).
import { sql, type SqlBool } from 'kysely';
import type { OrgArea, OrgAreaPreview, PutOrgAreaBody, SubjectDetail, SubjectDuplicates, SubjectQuality } from '@chengguan/contracts';
import { districtAt, duplicateReasonZh, findDuplicateSubjects, type DistrictGeometry, type SubjectKind } from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { areasWritten } from '../../../shared/area-revision.ts';
import { recordAudit } from '../../audit/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { toListItem } from '../subjects.mapper.ts';
import { findSubjectRow, licenceStateSql, subjectRowsByIds } from '../subjects.repository.ts';
import { recordSubjectEvents } from '../subjects.shared.ts';
import { subjectDetail, subjectOrFail } from './read-subjects.ts';

const MAX_PAIRS = 500;

/** Pairs of live records of one bureau that findDuplicateSubjects calls the same subject, for a person to review. */
export async function listDuplicates(deps: Deps, actor: Actor): Promise<SubjectDuplicates> {
  assertPermission(actor, 'subject:read');
  const today = shanghaiDate(deps.clock.now());
  // The candidates are the records sharing a kept key group of subject_twin_keys with n > 1 (035: kept by the writes'
  // triggers, so this reads a few index entries instead of joining 300,000 records with themselves). The other
  // identity keys of findDuplicateSubjects cannot pair two live records: the same credit code of one kind and the same
  // plate are refused by the unique indexes subjects_credit_code_idx and subjects_plate_idx (026).
  const bureau = !isCityWide(actor) && actor.bureauId ? actor.bureauId : null;
  const pairs = (
    await sql<{ a_id: string; b_id: string }>`
      SELECT a.id AS a_id, b.id AS b_id FROM subject_twin_keys k
        JOIN subjects a ON a.bureau_id = k.bureau_id AND a.name_key = k.name_key AND a.address_key = k.address_key
        JOIN subjects b ON b.bureau_id = k.bureau_id AND b.name_key = k.name_key AND b.address_key = k.address_key AND a.id < b.id
      WHERE k.n > 1 AND a.status = 'active' AND b.status = 'active' ${bureau ? sql`AND k.bureau_id = ${bureau}` : sql``}
      ORDER BY a.id, b.id LIMIT ${MAX_PAIRS + 1}`.execute(deps.db)
  ).rows;
  const rows = await subjectRowsByIds(deps.db, [...new Set(pairs.flatMap((p) => [p.a_id, p.b_id]))], today);
  const byId = new Map(rows.filter((r) => r.org_path.startsWith(actor.jurisdictionPath)).map((r) => [r.id, r]));
  const items: SubjectDuplicates['items'] = [];
  for (const p of pairs.slice(0, MAX_PAIRS)) {
    const a = byId.get(p.a_id);
    const b = byId.get(p.b_id);
    if (!a || !b) continue;
    const asCheck = (r: typeof a) => ({
      id: r.id,
      kind: r.kind as SubjectKind,
      name: r.name,
      address: r.address ?? '',
      creditCode: r.credit_code,
      plateNumber: r.plate,
    });
    const found = findDuplicateSubjects(asCheck(a), [asCheck(b)]);
    if (found.length === 0) continue;
    const reasons = found[0]!.reasons;
    items.push({ a: toListItem(a), b: toListItem(b), reasons, reasonsZh: reasons.map(duplicateReasonZh) });
  }
  return { items, truncated: pairs.length > MAX_PAIRS };
}

/**
 * 合并: the record `id` is the same subject as `intoId`. Its licences and timeline move to `intoId` (an event already
 * on `intoId` for the same source record stays where it was), vehicles it owned now belong to `intoId`, it is marked
 * merged, and both timelines say so. Tasks and cases keep their own references (their modules decide).
 */
export async function mergeSubject(deps: Deps, actor: Actor, meta: RequestMeta, id: string, intoId: string): Promise<SubjectDetail> {
  if (!actor.permissions.has('subject:approve') && !actor.permissions.has('subject:admin')) throw new AppError('FORBIDDEN');
  if (id === intoId) throw fieldError('intoId', '不能与自身合并', 'is the record itself');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const from = await subjectOrFail(deps, trx, actor, id);
    const into = await findSubjectRow(trx, intoId, today);
    if (!into || !into.org_path.startsWith(actor.jurisdictionPath)) throw new AppError('NOT_FOUND', { field: 'intoId' });
    if (from.status !== 'active' || into.status !== 'active') {
      throw new AppError('STATE_CONFLICT', { message: '只能合并两条在册的记录', messageEn: 'Only two live records can be merged' });
    }
    if (from.bureau_id !== into.bureau_id) throw fieldError('intoId', '只能合并同一区局的记录', 'belongs to another bureau');
    if (from.kind !== into.kind) throw fieldError('intoId', '对象类型不同，不能合并', 'is of another kind');
    await trx.updateTable('subject_licences').set({ subject_id: intoId }).where('subject_id', '=', id).execute();
    const moved = await trx
      .updateTable('subject_events as e')
      .set({ subject_id: intoId })
      .where('e.subject_id', '=', id)
      .where(
        sql<SqlBool>`NOT (e.ref_id IS NOT NULL AND EXISTS (SELECT 1 FROM subject_events x WHERE x.subject_id = ${intoId}
          AND x.kind = e.kind AND x.ref_type IS NOT DISTINCT FROM e.ref_type AND x.ref_id = e.ref_id))`,
      )
      .executeTakeFirst();
    await trx.updateTable('subjects').set({ owner_subject_id: intoId }).where('owner_subject_id', '=', id).execute();
    await trx
      .updateTable('subjects')
      .set({ status: 'merged', merged_into: intoId, version: from.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('subjects')
      .set({ version: into.version + 1, updated_at: now })
      .where('id', '=', intoId)
      .execute();
    const n = Number(moved.numUpdatedRows);
    await recordSubjectEvents(deps, trx, [
      {
        id: deps.newId(),
        subjectId: id,
        kind: 'merged',
        occurredOn: today,
        refType: 'subject',
        refId: intoId,
        summaryZh: `已并入「${into.name}」（${into.code}）`,
        data: { intoId },
        actorId: actor.id,
      },
      {
        id: deps.newId(),
        subjectId: intoId,
        kind: 'merged',
        occurredOn: today,
        refType: 'subject',
        refId: id,
        summaryZh: `合并重复记录「${from.name}」（${from.code}），转入许可证和${n}条记录`,
        data: { fromId: id, eventsMoved: n },
        actorId: actor.id,
      },
    ]);
    await recordAudit(trx, deps, actor, meta, {
      action: 'subject.merge',
      entityType: 'subject',
      entityId: id,
      bureauId: from.bureau_id,
      data: { intoId, eventsMoved: n },
    });
    return subjectDetail(deps, trx, (await findSubjectRow(trx, intoId, today))!);
  });
}

/** 数据质量: live subjects of the caller's jurisdiction without a location, without a squad, with expired licences, unverified. */
export async function subjectQuality(deps: Deps, actor: Actor): Promise<SubjectQuality> {
  assertPermission(actor, 'subject:read');
  const today = shanghaiDate(deps.clock.now());
  const path = `${actor.jurisdictionPath}%`;
  // The kept counts of the jurisdiction's orgs (subject_quality_counts, 035: exact, written with every write), plus the
  // records not graded yet whose computed licence state is expired (few: subjects_ungraded_idx).
  const [kept, ungraded] = await Promise.all([
    deps.db
      .selectFrom('subject_quality_counts as c')
      .innerJoin('orgs as g', 'g.id', 'c.org_id')
      .select([
        sql<string>`COALESCE(sum(c.total), 0)`.as('total'),
        sql<string>`COALESCE(sum(c.no_point), 0)`.as('no_point'),
        sql<string>`COALESCE(sum(c.no_squad), 0)`.as('no_squad'),
        sql<string>`COALESCE(sum(c.expired), 0)`.as('expired'),
        sql<string>`COALESCE(sum(c.unverified), 0)`.as('unverified'),
      ])
      .where('g.path', 'like', path)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('subjects as s')
      .innerJoin('orgs as g', (j) => j.onRef('g.id', '=', (eb) => eb.fn.coalesce('s.org_id', 's.bureau_id')))
      .select(sql<string>`count(*)`.as('n'))
      .where('s.status', '=', 'active')
      .where('s.licence_state', 'is', null)
      .where('g.path', 'like', path)
      .where(sql<SqlBool>`${licenceStateSql(today)} = 'expired'`)
      .executeTakeFirstOrThrow(),
  ]);
  const r = { ...kept, expired: Number(kept.expired) + Number(ungraded.n), verified: Number(kept.total) - Number(kept.unverified) };
  const total = Number(r.total);
  const ratio = (n: unknown) => (total === 0 ? 0 : Math.round((Number(n) / total) * 10_000) / 10_000);
  return {
    total,
    verifiedRatio: ratio(r.verified),
    items: [
      { key: 'noPoint', labelZh: '未标注位置', count: Number(r.no_point), ratio: ratio(r.no_point), filter: { hasPoint: false } },
      {
        key: 'noSquad',
        labelZh: '有位置但不在任何中队责任区内',
        count: Number(r.no_squad),
        ratio: ratio(r.no_squad),
        filter: { hasPoint: true, hasSquad: false },
      },
      {
        key: 'expiredLicence',
        labelZh: '许可证已过期或失效',
        count: Number(r.expired),
        ratio: ratio(r.expired),
        filter: { licence: 'expired' },
      },
      { key: 'unverified', labelZh: '未核实', count: Number(r.unverified), ratio: ratio(r.unverified), filter: { verified: false } },
    ],
  };
}

// ---- squads' service areas ----

type Geometry = PutOrgAreaBody['geometry'];

function ringsOf(g: Geometry): { rings: number[][][]; path: (i: number) => string } {
  if (g.type === 'Polygon') return { rings: g.coordinates, path: (i) => `geometry.coordinates[${i}]` };
  const rings: number[][][] = [];
  const paths: string[] = [];
  g.coordinates.forEach((poly, i) =>
    poly.forEach((ring, j) => {
      rings.push(ring);
      paths.push(`geometry.coordinates[${i}][${j}]`);
    }),
  );
  return { rings, path: (i) => paths[i]! };
}

/** Rings closed, latitudes within ±90; the box of all vertices. */
function checkGeometry(g: Geometry): [number, number, number, number] {
  const { rings, path } = ringsOf(g);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  rings.forEach((ring, i) => {
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw fieldError(path(i), '边界未闭合：最后一个点须与第一个点相同', 'is not closed: the last position must repeat the first');
    }
    for (const [lon, lat] of ring as [number, number][]) {
      if (lat < -90 || lat > 90) throw fieldError(path(i), '纬度超出范围', 'has a latitude outside ±90');
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  });
  return [w, s, e, n];
}

const toArea = (r: {
  org_id: string;
  street_name: string;
  geometry: unknown;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  updated_at: Date;
}): OrgArea => ({
  orgId: r.org_id,
  streetName: r.street_name,
  geometry: r.geometry,
  bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function getOrgArea(deps: Deps, actor: Actor, orgId: string): Promise<OrgArea> {
  assertPermission(actor, 'org:read');
  await getOrgRowOrFail(deps.db, actor, orgId);
  const row = await deps.db.selectFrom('org_areas').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { message: '该中队尚未设定责任区', messageEn: 'The squad has no service area yet' });
  return toArea(row);
}

/** Re-derives the squad of the bureau's live subjects in `box` or now assigned to `orgId`; returns how many changed. */
export async function rederiveSquads(trx: Executor, bureauId: string, box: readonly number[] | null, orgId: string): Promise<number> {
  const areas = await trx
    .selectFrom('org_areas as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .select(['a.org_id', 'a.geometry', 'a.min_lon', 'a.min_lat', 'a.max_lon', 'a.max_lat'])
    .where('o.bureau_id', '=', bureauId)
    .where('o.active', '=', true)
    .orderBy('a.org_id')
    .execute();
  let q = trx
    .selectFrom('subjects')
    .select(['id', 'org_id', 'point_lon', 'point_lat'])
    .where('bureau_id', '=', bureauId)
    .where('status', '=', 'active')
    .where('point_lon', 'is not', null);
  q = q.where((eb) =>
    eb.or([
      eb('org_id', '=', orgId),
      ...(box
        ? [
            eb.and([
              eb('point_lon', '>=', box[0]!),
              eb('point_lon', '<=', box[2]!),
              eb('point_lat', '>=', box[1]!),
              eb('point_lat', '<=', box[3]!),
            ]),
          ]
        : []),
    ]),
  );
  const subjects = await q.execute();
  const moves: { id: string; org_id: string | null }[] = [];
  for (const s of subjects) {
    const p: [number, number] = [s.point_lon!, s.point_lat!];
    const area = areas.find(
      (a) =>
        p[0] >= a.min_lon &&
        p[0] <= a.max_lon &&
        p[1] >= a.min_lat &&
        p[1] <= a.max_lat &&
        districtAt(p, [{ name: '', geometry: a.geometry as DistrictGeometry }]) !== null,
    );
    const next = area?.org_id ?? null;
    if (next !== s.org_id) moves.push({ id: s.id, org_id: next });
  }
  if (moves.length > 0) {
    await sql`UPDATE subjects s SET org_id = v.org_id FROM jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) AS v(id uuid, org_id uuid) WHERE s.id = v.id`.execute(
      trx,
    );
  }
  return moves.length;
}

/** A squad's area, checked as saving checks it, and what it would hold: nothing is written. */
export async function previewOrgArea(deps: Deps, actor: Actor, orgId: string, body: PutOrgAreaBody): Promise<OrgAreaPreview> {
  assertPermission(actor, 'org:write');
  const org = await getOrgRowOrFail(deps.db, actor, orgId);
  if (org.kind !== 'squad' || !org.bureau_id) {
    throw new AppError('SUBJECT_INVALID', { message: '只能为中队设定责任区', messageEn: 'Only a squad has a service area' });
  }
  const [w, s, e, n] = checkGeometry(body.geometry);
  const subjects = await deps.db
    .selectFrom('subjects')
    .select(['org_id', 'point_lon', 'point_lat'])
    .where('bureau_id', '=', org.bureau_id)
    .where('status', '=', 'active')
    .where('point_lon', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('org_id', '=', orgId),
        eb.and([eb('point_lon', '>=', w), eb('point_lon', '<=', e), eb('point_lat', '>=', s), eb('point_lat', '<=', n)]),
      ]),
    )
    .execute();
  const area = [{ name: '', geometry: body.geometry as DistrictGeometry }];
  let inside = 0;
  let joining = 0;
  let leaving = 0;
  for (const x of subjects) {
    const p: [number, number] = [x.point_lon!, x.point_lat!];
    const isIn = p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n && districtAt(p, area) !== null;
    if (isIn) {
      inside++;
      if (x.org_id !== orgId) joining++;
    } else if (x.org_id === orgId) {
      leaving++;
    }
  }
  return { bbox: [w, s, e, n], inside, joining, leaving };
}

export async function putOrgArea(deps: Deps, actor: Actor, meta: RequestMeta, orgId: string, body: PutOrgAreaBody): Promise<OrgArea> {
  assertPermission(actor, 'org:write');
  const org = await getOrgRowOrFail(deps.db, actor, orgId);
  if (org.kind !== 'squad' || !org.bureau_id) {
    throw new AppError('SUBJECT_INVALID', { message: '只能为中队设定责任区', messageEn: 'Only a squad has a service area' });
  }
  const [w, s, e, n] = checkGeometry(body.geometry);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('org_areas')
      .select(['min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    const values = {
      street_name: body.streetName,
      geometry: JSON.stringify(body.geometry),
      min_lon: w,
      min_lat: s,
      max_lon: e,
      max_lat: n,
      updated_at: now,
    };
    areasWritten();
    await trx
      .insertInto('org_areas')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
    // Subjects in the new box may join the squad; those it held may leave it.
    const moved = await rederiveSquads(trx, org.bureau_id!, [w, s, e, n], orgId);
    await recordAudit(trx, deps, actor, meta, {
      action: 'org.area',
      entityType: 'org',
      entityId: orgId,
      bureauId: org.bureau_id,
      data: {
        streetName: body.streetName,
        bbox: [w, s, e, n],
        previousBbox: old ? [old.min_lon, old.min_lat, old.max_lon, old.max_lat] : null,
        subjectsMoved: moved,
      },
    });
    const row = await trx.selectFrom('org_areas').selectAll().where('org_id', '=', orgId).executeTakeFirstOrThrow();
    return { ...toArea(row), subjectsMoved: moved };
  });
}
