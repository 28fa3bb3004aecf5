import type { Org, UpdateOrgBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { mapUniqueViolation } from '../../../shared/pg-errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { countActiveChildren, countActiveOfficersUnder, findOrg, updateOrg as updateOrgRow } from '../org.repository.ts';
import { toOrg } from '../org.mapper.ts';
import { getOrgRowOrFail } from './get-org.ts';
import { ORG_UNIQUE_FIELDS } from './create-org.ts';

export async function updateOrg(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: UpdateOrgBody): Promise<Org> {
  assertPermission(actor, 'org:write');
  return deps.db.transaction().execute(async (trx) => {
    const before = await getOrgRowOrFail(trx, actor, id);
    if (input.active === false && before.active) {
      if (before.path === actor.jurisdictionPath)
        throw fieldError('active', '不能停用自己所在的机构', 'you cannot deactivate your own unit');
      if ((await countActiveChildren(trx, before.path, id)) > 0)
        throw fieldError('active', '该机构下仍有启用的下级机构', 'the unit still has active sub-units');
      if ((await countActiveOfficersUnder(trx, before.path)) > 0)
        throw fieldError('active', '该机构下仍有在岗人员，请先调整人员', 'the unit still has active officers; move them first');
    }
    await updateOrgRow(
      trx,
      id,
      {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.shortName !== undefined ? { short_name: input.shortName.trim() || null } : {}),
        ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}),
        ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      },
      deps.clock.now(),
    ).catch((e) => mapUniqueViolation(e, ORG_UNIQUE_FIELDS));
    const after = (await findOrg(trx, id))!;
    await recordAudit(trx, deps, actor, meta, {
      action: 'org.update',
      entityType: 'org',
      entityId: id,
      bureauId: after.bureau_id,
      data: { before: toOrg(before), after: toOrg(after) },
    });
    return toOrg(after);
  });
}
