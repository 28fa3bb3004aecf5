import type { CreateOfficerBody, Officer } from '@chengguan/contracts';
import { roleChangeRefusals, unitScope } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { mapUniqueViolation } from '../../../shared/pg-errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertPasswordPolicy, hashPassword } from '../../auth/index.ts';
import { getOrgRowOrFail } from '../../org/index.ts';
import { insertOfficer } from '../staff.repository.ts';
import { granterOf, recordRoleChange, refuseRoleChange } from '../role-grant-check.ts';
import { auditView } from './officer-audit.ts';
import { toOfficer } from '../staff.mapper.ts';
import { shanghaiDate } from '../../../shared/time.ts';

export const OFFICER_UNIQUE_FIELDS = {
  officers_employee_no_key: { field: 'employeeNo', zh: '工号已被使用', en: 'the employee number is already used' },
  officers_username_key: { field: 'username', zh: '登录名已被使用', en: 'the username is already taken' },
};

/**
 * A new officer in a unit of the administrator's jurisdiction (else 404), with roles he may grant there (R2–R4) that
 * one person may hold together (R5); a refusal is audited and names the field `roles`.
 */
export async function createOfficer(deps: Deps, actor: Actor, meta: RequestMeta, input: CreateOfficerBody): Promise<Officer> {
  assertPermission(actor, 'staff:write');
  if (input.username && !input.password)
    throw fieldError('password', '设置登录名时必须设置初始密码', 'an initial password is required with a username');
  if (input.password && !input.username) throw fieldError('username', '设置密码时必须设置登录名', 'a username is required with a password');
  if (input.username && input.password) assertPasswordPolicy(input.password, { username: input.username, name: input.name }, 'password');
  const org = await getOrgRowOrFail(deps.db, actor, input.orgId);
  const refusals = roleChangeRefusals({
    granter: granterOf(actor),
    granteeId: null,
    granteeScope: unitScope({ path: org.path, bureauId: org.bureau_id }),
    before: [],
    after: input.roles,
  });
  if (refusals.length > 0) {
    await refuseRoleChange(
      deps,
      actor,
      meta,
      { officerId: null, bureauId: org.bureau_id, before: [], after: input.roles, what: 'create' },
      refusals,
      'roles',
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return deps.db.transaction().execute(async (trx) => {
    const id = deps.newId();
    const stored = await insertOfficer(
      trx,
      {
        id,
        org_id: org.id,
        bureau_id: org.bureau_id,
        name: input.name.trim(),
        employee_no: input.employeeNo,
        gender: input.gender ?? null,
        phone: input.phone ?? null,
        title: input.title?.trim() || null,
        legal_qualification: input.legalQualification ?? false,
        username: input.username ?? null,
        password_hash: passwordHash,
        // An administrator-set password is temporary: the officer chooses his own at first login.
        must_change_password: passwordHash !== null,
      },
      input.roles,
    ).catch((e) => mapUniqueViolation(e, OFFICER_UNIQUE_FIELDS));
    // The answer from the stored row: a new officer has no 执法证 yet (status 'missing'), and his roles are those given.
    const now = deps.clock.now();
    const officer = toOfficer(
      { ...stored, org_name: org.name, org_path: org.path, credential_status: 'missing' },
      [...input.roles].sort(),
      [],
      {
        today: shanghaiDate(now),
        now,
        showPhone: actor.permissions.has('staff:write'),
      },
    );
    await recordAudit(trx, deps, actor, meta, {
      action: 'officer.create',
      entityType: 'officer',
      entityId: id,
      bureauId: org.bureau_id,
      data: { after: auditView(officer) },
    });
    await recordRoleChange(trx, deps, actor, meta, { officerId: id, bureauId: org.bureau_id, before: [], after: officer.roles });
    return officer;
  });
}
