import argon2 from 'argon2';
import { checkPassword, DEFAULT_PASSWORD_POLICY } from '@chengguan/domain';
import { AppError } from '../../../errors/app-error.ts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { getSecrets, revokeOfficerSessions, updateSecrets } from '../auth.repository.ts';

/** Refuses a password that breaks the policy, naming the field and each broken rule. */
export function assertPasswordPolicy(password: string, who: { username: string; name?: string }, field: string): void {
  const violations = checkPassword(password, who, DEFAULT_PASSWORD_POLICY);
  if (violations.length === 0) return;
  throw new AppError('PASSWORD_POLICY', {
    field,
    message: violations.map((v) => v.zh).join('；'),
    messageEn: violations.map((v) => v.en).join('; '),
    details: violations.map((v) => ({ field, message: v.zh, messageEn: v.en })),
  });
}

/** `salt`: random unless given (the city generator's bench password: a salt from its seed, so its rows repeat). */
export async function hashPassword(password: string, salt?: Buffer): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...(salt ? { salt } : {}) });
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const secrets = await getSecrets(deps.db, actor.id);
  const ok = secrets.password_hash ? await argon2.verify(secrets.password_hash, input.currentPassword).catch(() => false) : false;
  if (!ok) throw new AppError('AUTH_WRONG_PASSWORD', { field: 'currentPassword' });
  assertPasswordPolicy(input.newPassword, { username: actor.username, name: actor.name }, 'newPassword');
  const hash = await hashPassword(input.newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateSecrets(trx, actor.id, { password_hash: hash, password_changed_at: now, must_change_password: false });
    await revokeOfficerSessions(trx, actor.id, now, actor.sessionId);
    await recordAudit(trx, deps, actor, meta, { action: 'auth.password_change', entityType: 'officer', entityId: actor.id, data: {} });
  });
}
