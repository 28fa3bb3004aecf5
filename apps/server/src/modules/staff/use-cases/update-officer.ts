import type { Officer, UpdateOfficerBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertPasswordPolicy, hashPassword, revokeOfficerSessions } from '../../auth/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { replaceRoles, updateOfficerRow } from '../staff.repository.ts';
import { auditView } from './officer-audit.ts';
import { getOfficerRowOrFail, loadOfficer } from './get-officer.ts';

export async function updateOfficer(deps: Deps, actor: Actor, meta: RequestMeta, id: string, input: UpdateOfficerBody): Promise<Officer> {
  assertPermission(actor, 'staff:write');
  const self = id === actor.id;
  if (self && input.active === false) throw fieldError('active', '不能停用自己的账户', 'you cannot deactivate your own account');
  if (self && input.roles && !input.roles.includes('admin') && actor.roles.includes('admin'))
    throw fieldError('roles', '不能取消自己的管理员角色', 'you cannot remove your own administrator role');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await getOfficerRowOrFail(trx, actor, id, now);
    const before = await loadOfficer(trx, actor, id, now);
    const set: Parameters<typeof updateOfficerRow>[2] = {};
    if (input.orgId !== undefined && input.orgId !== row.org_id) {
      const org = await getOrgRowOrFail(trx, actor, input.orgId);
      set.org_id = org.id;
      set.bureau_id = org.bureau_id;
    }
    if (input.name !== undefined) set.name = input.name.trim();
    if (input.gender !== undefined) set.gender = input.gender;
    if (input.phone !== undefined) set.phone = input.phone;
    if (input.title !== undefined) set.title = input.title.trim() || null;
    if (input.active !== undefined) set.active = input.active;
    if (input.unlock) {
      set.failed_attempts = 0;
      set.locked_until = null;
    }
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
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.update',
      entityType: 'officer',
      entityId: id,
      bureauId: after.orgId === row.org_id ? row.bureau_id : (set.bureau_id ?? row.bureau_id),
      data: {
        before: auditView(before),
        after: auditView(after),
        ...(input.unlock ? { unlocked: true } : {}),
        ...(input.password !== undefined ? { passwordReset: true } : {}),
      },
    });
    return after;
  });
}
