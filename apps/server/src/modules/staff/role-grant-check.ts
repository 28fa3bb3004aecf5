// The server side of who may grant what (packages/domain/src/staff/role-grants.ts, R1–R5): the acting
// administrator as a granter, the refusal as one coded error naming the field, and the refused attempt kept in the
// audit log (an attempted escalation is what a 督察 looks for).
import type { Role } from '@chengguan/contracts';
import type { Granter, RoleGrantRefusal } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import { keepWritesOnRefusal } from '../../db/unit-of-work.ts';
import { AppError } from '../../errors/app-error.ts';
import { isCityWide } from '../../shared/access.ts';
import { recordAudit } from '../audit/index.ts';

export function granterOf(actor: Actor): Granter {
  return { id: actor.id, roles: actor.roles, scope: isCityWide(actor) ? 'city' : 'bureau' };
}

/** 403 when the user may not grant (R1–R4), 422 when only the combination is refused (R5); every reason listed. */
function refusalError(refusals: readonly RoleGrantRefusal[], field: string): AppError {
  const authority = refusals.some((r) => r.rule !== 'R5');
  return new AppError(authority ? 'ROLE_NOT_GRANTABLE' : 'RULE_VIOLATION', {
    field,
    rule: [...new Set(refusals.map((r) => r.rule))].join(' '),
    message: refusals.map((r) => r.zh).join('；'),
    messageEn: refusals.map((r) => r.en).join('; '),
    details: refusals.map((r) => ({ field, message: r.zh, messageEn: r.en })),
  });
}

/** Records the refused change (committed although the request fails) and throws the refusal. */
export async function refuseRoleChange(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  target: { officerId: string | null; bureauId: string | null; before: readonly Role[]; after: readonly Role[] | null; what: string },
  refusals: readonly RoleGrantRefusal[],
  field: string,
): Promise<never> {
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, actor, meta, {
      action: 'officer.roles_refused',
      entityType: 'officer',
      entityId: target.officerId,
      bureauId: target.bureauId,
      data: {
        what: target.what,
        before: target.before,
        ...(target.after ? { after: target.after } : {}),
        refusals: refusals.map((r) => ({ rule: r.rule, roles: r.roles })),
      },
    }),
  );
  keepWritesOnRefusal();
  throw refusalError(refusals, field);
}

/** One audit row per change of roles: who (the actor), whom (the officer), what before and after. */
export async function recordRoleChange(
  trx: Parameters<typeof recordAudit>[0],
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  c: { officerId: string; bureauId: string | null; before: readonly Role[]; after: readonly Role[] },
): Promise<void> {
  const granted = c.after.filter((r) => !c.before.includes(r));
  const revoked = c.before.filter((r) => !c.after.includes(r));
  if (granted.length === 0 && revoked.length === 0) return;
  await recordAudit(trx, deps, actor, meta, {
    action: 'officer.roles_change',
    entityType: 'officer',
    entityId: c.officerId,
    bureauId: c.bureauId,
    data: { before: [...c.before].sort(), after: [...c.after].sort(), granted, revoked },
  });
}
