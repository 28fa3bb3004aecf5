// The map's shapes below an org: the squads' service areas (街镇) inside it, WGS-84 GeoJSON as the bureau entered them.
import type { CockpitAreas } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { areasUnder } from '../cockpit.repository.ts';

export async function getAreas(deps: Deps, actor: Actor, orgId: string | undefined): Promise<CockpitAreas> {
  assertPermission(actor, 'cockpit:read');
  const org = await getOrgRowOrFail(deps.db, actor, orgId ?? actor.orgId);
  const rows = await areasUnder(deps.db, org.path);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', properties: { name: r.street_name, orgId: r.org_id }, geometry: r.geometry })),
  };
}
