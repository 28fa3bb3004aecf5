import type { Officer, Role, UpdateOfficerBody } from '@chengguan/contracts';
import { accountAdministrationRefusal, roleChangeRefusals, unitScope, type GrantScope } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertPasswordPolicy, hashPassword, revokeOfficerSessions } from '../../auth/index.ts';
import { getOrgRowOrFail, type OrgRow } from '../../org/index.ts';
import { replaceRoles, updateOfficerRow, type OfficerRow } from '../staff.repository.ts';
import { granterOf, recordRoleChange, refuseRoleChange } from '../role-grant-check.ts';
import { auditView } from './officer-audit.ts';
import { getOfficerRowOrFail, loadOfficer } from './get-officer.ts';

/** City when the officer is, or is being moved to, one of the city bureau's own units. */
function scopeOf(row: OfficerRow, target: OrgRow | null): GrantScope {
  const now = unitScope({ path: row.org_path, bureauId: row.bureau_id });
  const next = target ? unitScope({ path: target.path, bureauId: target.bureau_id }) : now;
  return now === 'city' || next === 'city' ? 'city' : 'bureau';
}

/**
 * Edits an officer of the administrator's jurisdiction (else 404). Changed roles must be his to grant (R1–R4) and
 * compatible (R5); a password reset or a deactivation is refused where one of the officer's roles is not his to grant
 * (it would hand that role to whoever sets the password). Every refusal is audited and names its field.
 */
export async function updateOfficer(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: UpdateOfficerBody): Promise<Officer> {
  assertPermission(actor, 'staff:write');
  const self = id === actor.id;
  if (self && input.active === false) throw fieldError('active', '不能停用自己的账户', 'you cannot deactivate your own account');
  const now = deps.clock.now();
  const row = await getOfficerRowOrFail(deps.db, actor, id, now);
  const before = await loadOfficer(deps.db, actor, id, now);
  const target = input.orgId !== undefined && input.orgId !== row.org_id ? await getOrgRowOrFail(deps.db, actor, input.orgId) : null;
  const scope = scopeOf(row, target);
  const granter = granterOf(actor);
  const refused = (refusals: Parameters<typeof refuseRoleChange>[4], field: string, what: string, after: readonly Role[] | null) =>
    refuseRoleChange(deps, actor, meta, { officerId: id, bureauId: row.bureau_id, before: before.roles, after, what }, refusals, field);
  if (input.roles) {
    const refusals = roleChangeRefusals({ granter, granteeId: id, granteeScope: scope, before: before.roles, after: input.roles });
    if (refusals.length > 0) await refused(refusals, 'roles', 'roles', input.roles);
  }
  for (const field of ['password', 'active'] as const) {
    const administers = field === 'password' ? input.password !== undefined : input.active === false;
    const refusal = administers ? accountAdministrationRefusal(granter, { id, roles: before.roles, scope }) : null;
    if (refusal) await refused([refusal], field, field === 'password' ? 'password_reset' : 'deactivate', null);
  }

  return deps.db.transaction().execute(async (trx) => {
    const set: Parameters<typeof updateOfficerRow>[2] = {};
    if (target) {
      set.org_id = target.id;
      set.bureau_id = target.bureau_id;
    }
    if (input.name !== undefined) set.name = input.name.trim();
    if (input.gender !== undefined) set.gender = input.gender;
    if (input.phone !== undefined) set.phone = input.phone;
    if (input.title !== undefined) set.title = input.title.trim() || null;
    if (input.legalQualification !== undefined) set.legal_qualification = input.legalQualification;
    if (input.active !== undefined) set.active = input.active;
    if (input.password !== undefined) {
      if (!row.username) throw fieldError('password', '该人员没有登录名，不能设置密码', 'this officer has no username');
      assertPasswordPolicy(input.password, { username: row.username, name: row.name }, 'password');
      set.password_hash = await hashPassword(input.password);
      set.password_changed_at = now;
      set.must_change_password = true;
    }
    await updateOfficerRow(trx, id, set, now);
    if (input.roles) await replaceRoles(trx, id, input.roles);
    // A reset password or a deactivated account ends the officer's open sessions.
    if (input.password !== undefined || input.active === false) await revokeOfficerSessions(trx, id, now);
    const after = await loadOfficer(trx, actor, id, now);
    const bureauId = set.bureau_id !== undefined ? set.bureau_id : row.bureau_id;
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.update',
      entityType: 'officer',
      entityId: id,
      bureauId,
      data: {
        before: auditView(before),
        after: auditView(after),
        ...(input.password !== undefined ? { passwordReset: true } : {}),
      },
    });
    await recordRoleChange(trx, deps, actor, meta, { officerId: id, bureauId, before: before.roles, after: after.roles });
    return after;
  });
}
