import { BUREAU_KINDS, canContain, ORG_KIND_LABELS } from '@chengguan/domain';
import type { CreateOrgBody, Org, OrgKind } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { mapUniqueViolation } from '../../../shared/pg-errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { insertOrg, type OrgRow } from '../org.repository.ts';
import { toOrg } from '../org.mapper.ts';
import { getOrgRowOrFail } from './get-org.ts';

export const ORG_UNIQUE_FIELDS = {
  orgs_code_key: { field: 'code', zh: '机构代码已被使用', en: 'the org code is already used' },
  orgs_parent_id_name_key: { field: 'name', zh: '同一上级下已有同名机构', en: 'a unit with this name exists under the same parent' },
};

export async function createOrg(deps: Deps, actor: Actor, meta: RequestMeta, input: CreateOrgBody): Promise<Org> {
  assertPermission(actor, 'org:write');
  return deps.db.transaction().execute(async (trx) => {
    const parent = await getOrgRowOrFail(trx, actor, input.parentId);
    const parentKind = parent.kind as OrgKind;
    if (!canContain(parentKind, input.kind)) {
      const p = ORG_KIND_LABELS[parentKind];
      const c = ORG_KIND_LABELS[input.kind];
      throw fieldError('kind', `${p.zh}下不能设立${c.zh}`, `a ${c.en} cannot sit under a ${p.en}`);
    }
    const id = deps.newId();
    const row: OrgRow = {
      id,
      parent_id: parent.id,
      bureau_id: BUREAU_KINDS.has(input.kind) ? id : parent.bureau_id,
      kind: input.kind,
      name: input.name.trim(),
      short_name: input.shortName?.trim() || null,
      code: input.code,
      region_code: input.regionCode ?? null,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      sort_order: input.sortOrder ?? 0,
      active: true,
    };
    await insertOrg(trx, row).catch((e) => mapUniqueViolation(e, ORG_UNIQUE_FIELDS));
    await recordAudit(trx, deps, actor, meta, {
      action: 'org.create',
      entityType: 'org',
      entityId: id,
      bureauId: row.bureau_id,
      data: { after: toOrg(row) },
    });
    return toOrg(row);
  });
}
