import type { GeoPointBody, LocateQuery, PlaceInfo } from '@chengguan/contracts';
import { districtAt, districtOfBureau, type LonLat, toWgs84, withinBounds } from '@chengguan/domain';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { findOrg, getOrgRowOrFail } from '../../org/index.ts';
import { cityMap } from '../districts-data.ts';

/** Where a WGS-84 point lies, for a bureau (its name says its district; the city bureau's area is every district). */
export function placeOf(point: LonLat, bureauName: string | null): PlaceInfo {
  const { districts, bounds } = cityMap();
  const district = districtAt(point, districts);
  const bureauDistrict = bureauName ? districtOfBureau(bureauName, districts) : null;
  return {
    lon: point[0],
    lat: point[1],
    withinCity: withinBounds(point, bounds),
    district: district?.name ?? null,
    bureauDistrict: bureauDistrict?.name ?? null,
    inBureauArea: district !== null && (bureauDistrict === null || bureauDistrict.name === district.name),
  };
}

/** The name of the bureau (区局) an organisation belongs to. */
export async function bureauNameOf(db: Executor, org: { id: string; bureau_id: string | null }): Promise<string | null> {
  return (await findOrg(db, org.bureau_id ?? org.id))?.name ?? null;
}

/**
 * A captured point in WGS-84, refused (422 naming the field) when it lies outside the city's bounds: a position
 * taken before the receiver had a fix, or a point dragged off the map, is no place of this bureau's cases.
 */
export function cityPointOrFail(body: GeoPointBody, field: string): [number, number] {
  const point = toWgs84([body.lon, body.lat], body.crs);
  const [w, s, e, n] = cityMap().bounds;
  if (!withinBounds(point, cityMap().bounds)) {
    const box = `${w.toFixed(2)}–${e.toFixed(2)}, ${s.toFixed(2)}–${n.toFixed(2)}`;
    throw new AppError('POINT_OUTSIDE_CITY', {
      field,
      rule: 'GEO1',
      message: `地点坐标不在本市范围内（东经 ${w.toFixed(2)}°–${e.toFixed(2)}°，北纬 ${s.toFixed(2)}°–${n.toFixed(2)}°），请重新定位或在地图上选点`,
      messageEn: `${field}: the point lies outside the city's bounds (longitude, latitude ${box}); locate again or pick the place on the map`,
      details: [
        {
          field,
          message: '地点坐标不在本市范围内',
          messageEn: `The point (${body.lon}, ${body.lat}, ${body.crs}) lies outside the city's bounds (${box})`,
        },
      ],
    });
  }
  return point;
}

/** 定位: where a point picked on a form lies, for the squad the form registers for (in the user's jurisdiction). */
export async function locatePoint(deps: Deps, actor: Actor, query: LocateQuery): Promise<PlaceInfo> {
  assertPermission(actor, 'case:read');
  const org = await getOrgRowOrFail(deps.db, actor, query.orgId ?? actor.orgId);
  return placeOf(toWgs84([query.lon, query.lat], query.crs), await bureauNameOf(deps.db, org));
}
