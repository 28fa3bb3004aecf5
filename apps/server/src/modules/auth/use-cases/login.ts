import argon2 from 'argon2';
import { authenticator } from 'otplib';
import { DEFAULT_PASSWORD_POLICY, lockoutState } from '@chengguan/domain';
import type { Role } from '@chengguan/contracts';
import { AppError } from '../../../errors/app-error.ts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { recordAudit } from '../../audit/index.ts';
import { findLoginByUsername, insertSession, recordFailedLogin, resetFailedLogins, rolesOf } from '../auth.repository.ts';
import { newSessionToken, tokenHash } from '../session-token.ts';

export type LoginOptions = {
  deps: Deps;
  username: string;
  password: string;
  totp?: string | undefined;
  meta: RequestMeta & { userAgent: string | null };
};

export type LoginResult = { token: string; expiresAt: Date; officerId: string; roles: Role[] };

// A fixed hash verified when the user does not exist, so the answer takes as long either way.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$5N3LARKNRlR621GtDQevmw$+xk8ZmVaMcxulFfu21noBOiMWd2JpRMTnAn9gSeLwm0';

export function totpAt(now: Date) {
  return authenticator.clone({ window: 1, epoch: now.getTime() });
}

export async function login({ deps, username, password, totp, meta }: LoginOptions): Promise<LoginResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await findLoginByUsername(db, username.trim().toLowerCase());
  if (!user || !user.active || !user.password_hash) {
    await argon2.verify(DUMMY_HASH, password).catch(() => false);
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const actorRef = { id: user.id, bureauId: user.bureau_id };
  if (user.locked_until && new Date(user.locked_until) > now) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, deps, actorRef, meta, {
        action: 'auth.login_refused_locked',
        entityType: 'officer',
        entityId: user.id,
        data: { username },
      }),
    );
    keepWritesOnRefusal();
    throw new AppError('AUTH_LOCKED');
  }

  const passwordOk = await argon2.verify(user.password_hash, password).catch(() => false);
  const totpMissing = passwordOk && user.totp_enabled && !totp;
  const totpOk = !user.totp_enabled || (totp !== undefined && user.totp_secret !== null && totpAt(now).check(totp, user.totp_secret));
  if (totpMissing) throw new AppError('AUTH_TOTP_REQUIRED', { field: 'totp' });

  if (!passwordOk || !totpOk) {
    const failed = user.failed_attempts + 1;
    const state = lockoutState(failed, now, now, DEFAULT_PASSWORD_POLICY);
    await db.transaction().execute(async (trx) => {
      await recordFailedLogin(trx, user.id, failed, now, state.lockedUntil);
      await recordAudit(trx, deps, actorRef, meta, {
        action: 'auth.login_failed',
        entityType: 'officer',
        entityId: user.id,
        data: { username, reason: passwordOk ? 'totp' : 'password', failedAttempts: failed, locked: state.locked },
      });
    });
    keepWritesOnRefusal();
    if (state.locked) throw new AppError('AUTH_LOCKED');
    throw passwordOk ? new AppError('AUTH_TOTP_INVALID', { field: 'totp' }) : new AppError('AUTH_INVALID_CREDENTIALS');
  }

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3600_000);
  const roles = (await rolesOf(db, user.id)) as Role[];
  await db.transaction().execute(async (trx) => {
    await resetFailedLogins(trx, user.id);
    const sessionId = deps.newId();
    await insertSession(trx, {
      id: sessionId,
      tokenHash: tokenHash(token),
      officerId: user.id,
      now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAudit(trx, deps, actorRef, meta, { action: 'auth.login', entityType: 'session', entityId: sessionId, data: { username } });
  });
  return { token, expiresAt, officerId: user.id, roles };
}
