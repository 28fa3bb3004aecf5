// Password login. One answer for an unknown name, a wrong password and a locked account (401 用户名或密码错误), in the
// same time (one argon2 verification each), so a guesser learns neither which names exist nor that he locked one;
// the officer hears of the lock by SMS and from his administrator. Failures are counted by the database
// (countFailedLogin), so parallel guesses each get their own number and the fifth locks the account whatever the
// interleaving; a success clears the count only if no concurrent failure locked the account meanwhile. The route
// counts every attempt against the per-address and per-account limits before this runs (modules/throttle); a success
// gives its attempt back.
import argon2 from 'argon2';
import { authenticator } from 'otplib';
import { DEFAULT_PASSWORD_POLICY, lockoutState } from '@chengguan/domain';
import type { Role } from '@chengguan/contracts';
import { AppError } from '../../../errors/app-error.ts';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { shanghaiTime } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { channelOf, sendMessage } from '../../messaging/index.ts';
import { accountKey, addressKey, refundAttempt } from '../../throttle/index.ts';
import {
  clearExpiredLock,
  countFailedLogin,
  findLoginByUsername,
  insertSession,
  lockAccount,
  resetFailedLoginsUnlessLocked,
  rolesOf,
} from '../auth.repository.ts';
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

/** The limits a login attempt counts against (the route's preHandler adds it, a success takes it back). */
export const loginThrottleKeys = (username: string, ip: string | null) => [addressKey('login_address', ip), accountKey(username)];

type LoginUser = NonNullable<Awaited<ReturnType<typeof findLoginByUsername>>>;

async function notifyLocked(trx: Executor, deps: Deps, user: LoginUser, until: Date): Promise<void> {
  if (!user.phone || channelOf(user.phone) !== 'sms') return;
  await sendMessage(trx, deps, {
    to: user.phone,
    purpose: 'notice',
    text: `【城管执法】您的账户 ${user.username} 因连续 ${DEFAULT_PASSWORD_POLICY.maxFailedAttempts} 次登录失败已被临时锁定，${shanghaiTime(until)} 后自动解除。如非本人操作，请立即联系本单位管理员。`,
  });
}

export async function login({ deps, username, password, totp, meta }: LoginOptions): Promise<LoginResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await findLoginByUsername(db, username.trim().toLowerCase());
  const usable = user && user.active && user.password_hash ? user : null;
  const passwordOk = (await argon2.verify(usable?.password_hash ?? DUMMY_HASH, password).catch(() => false)) && usable !== null;
  if (!usable) throw new AppError('AUTH_INVALID_CREDENTIALS');
  const actorRef = { id: usable.id, bureauId: usable.bureau_id };

  const refuseLocked = async (): Promise<never> => {
    await db.transaction().execute((trx) =>
      recordAudit(trx, deps, actorRef, meta, {
        action: 'auth.login_refused_locked',
        entityType: 'officer',
        entityId: usable.id,
        data: { username, passwordOk },
      }),
    );
    keepWritesOnRefusal();
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  };
  if (usable.locked_until && new Date(usable.locked_until) > now) return refuseLocked();

  if (passwordOk && usable.totp_enabled && !totp) throw new AppError('AUTH_TOTP_REQUIRED', { field: 'totp' });
  const totpOk = !usable.totp_enabled || (totp !== undefined && usable.totp_secret !== null && totpAt(now).check(totp, usable.totp_secret));

  if (!passwordOk || !totpOk) {
    await db.transaction().execute(async (trx) => {
      await clearExpiredLock(trx, usable.id, now);
      const failed = await countFailedLogin(trx, usable.id, now);
      const state = lockoutState(failed, now, now, DEFAULT_PASSWORD_POLICY);
      const lockedNow = state.lockedUntil !== null && (await lockAccount(trx, usable.id, state.lockedUntil, now));
      if (lockedNow) await notifyLocked(trx, deps, usable, state.lockedUntil!);
      await recordAudit(trx, deps, actorRef, meta, {
        action: 'auth.login_failed',
        entityType: 'officer',
        entityId: usable.id,
        data: { username, reason: passwordOk ? 'totp' : 'password', failedAttempts: failed, locked: state.locked },
      });
    });
    keepWritesOnRefusal();
    throw passwordOk ? new AppError('AUTH_TOTP_INVALID', { field: 'totp' }) : new AppError('AUTH_INVALID_CREDENTIALS');
  }

  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3600_000);
  const roles = (await rolesOf(db, usable.id)) as Role[];
  const opened = await db.transaction().execute(async (trx) => {
    if (!(await resetFailedLoginsUnlessLocked(trx, usable.id, now))) return false;
    const sessionId = deps.newId();
    await insertSession(trx, {
      id: sessionId,
      tokenHash: tokenHash(token),
      officerId: usable.id,
      now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await refundAttempt(trx, deps, loginThrottleKeys(username, meta.ip));
    await recordAudit(trx, deps, actorRef, meta, { action: 'auth.login', entityType: 'session', entityId: sessionId, data: { username } });
    return true;
  });
  // A concurrent failure locked the account between the read and this commit: refused like any locked login.
  if (!opened) return refuseLocked();
  return { token, expiresAt, officerId: usable.id, roles };
}
