// Patrol areas (巡查网格) of a squad, on the map (docs/duty.md §2): polygons inside the squad's service area (D3),
// refused when a vertex or an edge leaves it; assigned to rostered shifts.
import type { PatrolArea, PatrolAreas, SavePatrolAreaBody } from '@chengguan/contracts';
import { firstVertexOutside, type DistrictGeometry } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { squadOrFail } from '../duty.shared.ts';

type Row = {
  id: string;
  org_id: string;
  name: string;
  geometry: unknown;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
};

const toArea = (r: Row): PatrolArea => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  geometry: r.geometry,
  bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
});

export async function listPatrolAreas(deps: Deps, actor: Actor, orgId: string): Promise<PatrolAreas> {
  assertPermission(actor, 'duty:read');
  await squadOrFail(deps.db, actor, orgId);
  const [service, rows] = await Promise.all([
    deps.db.selectFrom('org_areas').select('geometry').where('org_id', '=', orgId).executeTakeFirst(),
    deps.db
      .selectFrom('duty_patrol_areas')
      .select(['id', 'org_id', 'name', 'geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('org_id', '=', orgId)
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
  ]);
  return { serviceArea: service?.geometry ?? null, items: rows.map(toArea) };
}

function ringsOf(g: SavePatrolAreaBody['geometry']): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

export async function savePatrolArea(deps: Deps, actor: Actor, meta: RequestMeta, body: SavePatrolAreaBody): Promise<PatrolArea> {
  assertPermission(actor, 'duty:write');
  const squad = await squadOrFail(deps.db, actor, body.orgId);
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  ringsOf(body.geometry).forEach((ring, i) => {
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw fieldError(
        `geometry.coordinates[${i}]`,
        '边界未闭合：最后一个点须与第一个点相同',
        'is not closed: the last position must repeat the first',
      );
    }
    for (const [lon, lat] of ring as [number, number][]) {
      if (lat < -90 || lat > 90) throw fieldError(`geometry.coordinates[${i}]`, '纬度超出范围', 'has a latitude outside ±90');
      [w, s, e, n] = [Math.min(w, lon), Math.min(s, lat), Math.max(e, lon), Math.max(n, lat)];
    }
  });
  const service = await deps.db.selectFrom('org_areas').select('geometry').where('org_id', '=', squad.id).executeTakeFirst();
  if (!service) {
    throw fieldError(
      'orgId',
      '该中队尚未设定责任区，先在组织机构中划定责任区',
      'the squad has no service area yet; draw it under the org first',
      'RULE_VIOLATION',
    );
  }
  const outside = firstVertexOutside(body.geometry as DistrictGeometry, service.geometry as DistrictGeometry);
  if (outside >= 0) {
    throw new AppError('RULE_VIOLATION', {
      field: 'geometry',
      rule: 'D3 巡查网格须在中队责任区内',
      message: `巡查网格超出中队责任区（第${outside + 1}个点或其边界在责任区外）`,
      messageEn: `The patrol area leaves the squad's service area (at vertex ${outside + 1} or its edge)`,
      details: [{ field: 'geometry', message: '巡查网格须在中队责任区内', messageEn: 'must lie within the squad’s service area' }],
    });
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const values = {
      name: body.name,
      geometry: JSON.stringify(body.geometry),
      min_lon: w,
      min_lat: s,
      max_lon: e,
      max_lat: n,
      updated_at: now,
    };
    let id = body.id;
    if (id) {
      const r = await trx
        .updateTable('duty_patrol_areas')
        .set(values)
        .where('id', '=', id)
        .where('org_id', '=', squad.id)
        .where('active', '=', true)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    } else {
      id = deps.newId();
      await trx
        .insertInto('duty_patrol_areas')
        .values({ id, bureau_id: squad.bureau_id, org_id: squad.id, created_by: actor.id, created_at: now, ...values })
        .execute();
    }
    await recordAudit(trx, deps, actor, meta, {
      action: body.id ? 'duty.patrol_area_update' : 'duty.patrol_area_create',
      entityType: 'duty_patrol_area',
      entityId: id,
      bureauId: squad.bureau_id,
      data: { orgId: squad.id, name: body.name, bbox: [w, s, e, n] },
    });
    const row = await trx
      .selectFrom('duty_patrol_areas')
      .select(['id', 'org_id', 'name', 'geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return toArea(row);
  });
}
