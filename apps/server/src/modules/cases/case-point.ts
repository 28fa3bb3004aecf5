// The case's place on the map: checked and converted to WGS-84 on the way in, answered with its district and whether
// it lies in the case's bureau's area.
import type { CasePoint, GeoPointBody } from '@chengguan/contracts';
import type { Executor } from '../../context.ts';
import { bureauNameOf, cityPointOrFail, placeOf } from '../geo/index.ts';
import type { CaseRow } from './cases.repository.ts';

export function casePointOf(body: GeoPointBody | undefined): { lon: number; lat: number; crs: GeoPointBody['crs'] } | null {
  if (!body) return null;
  const [lon, lat] = cityPointOrFail(body, 'point');
  return { lon, lat, crs: body.crs };
}

export async function casePointView(
  db: Executor,
  row: Pick<CaseRow, 'point_lon' | 'point_lat' | 'point_crs' | 'bureau_id' | 'org_id'>,
): Promise<CasePoint | null> {
  if (row.point_lon === null || row.point_lat === null) return null;
  const bureauName = await bureauNameOf(db, { id: row.bureau_id ?? row.org_id, bureau_id: row.bureau_id });
  return { ...placeOf([row.point_lon, row.point_lat], bureauName), capturedCrs: row.point_crs === 'gcj02' ? 'gcj02' : 'wgs84' };
}
