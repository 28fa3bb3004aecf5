// Step 2 of the portal login: the 文号 again and the code. Five wrong codes lock it (a new code is needed); a code is
// valid 5 minutes and once. Every attempt is audited; a failed one is committed although the request fails. The route
// counts every attempt against the client address's limit of failed anonymous attempts; a login gives it back.
import { randomBytes } from 'node:crypto';
import type { PortalLoginBody } from '@chengguan/contracts';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { tokenHash } from '../../auth/index.ts';
import { addressKey, refundAttempt } from '../../throttle/index.ts';
import { PORTAL_ABSOLUTE_MS, PORTAL_IDLE_MS } from '../portal-session.ts';
import {
  type ChallengeRow,
  insertPortalSession,
  lockLatestChallenge,
  markChallengeUsed,
  recordChallengeFailure,
} from '../portal.repository.ts';
import { codeHashOf, lookupHashOf } from './request-code.ts';

export const MAX_CODE_ATTEMPTS = 5;

export type OpenedSession = { token: string; expiresAt: Date; absoluteExpiresAt: Date; caseId: string };

export const invalid = (remaining: number | null) =>
  new AppError('AUTH_INVALID_CREDENTIALS', {
    field: 'code',
    message: remaining === null ? '验证码错误或已失效，请重新获取' : `验证码错误，还可尝试 ${remaining} 次`,
    messageEn: remaining === null ? 'The code is wrong or no longer valid' : `Wrong code; ${remaining} attempts left`,
  });

/**
 * The checks of a code, shared by the party's and the citizen's login: locked, used, expired, wrong (counted; the
 * fifth wrong attempt locks it). Answers the refusal, or null when the code is right (the caller marks it used).
 * A challenge without a case whose purpose is `case` (a number that matched no case) is always wrong.
 */
export async function checkChallenge(
  trx: Executor,
  c: ChallengeRow,
  code: string,
  now: Date,
  audit: (outcome: string, data?: Record<string, unknown>) => Promise<void>,
): Promise<AppError | null> {
  if (c.state === 'locked') {
    await audit('locked');
    return new AppError('RATE_LIMITED', {
      field: 'code',
      message: '验证码错误次数过多，已失效，请重新获取验证码',
      messageEn: 'Too many wrong codes; request a new one',
    });
  }
  if (c.state === 'used') {
    await audit('already_used');
    return invalid(null);
  }
  if (new Date(c.expires_at) <= now) {
    await audit('expired');
    return new AppError('EXPIRED', {
      field: 'code',
      message: '验证码已过期（5 分钟内有效），请重新获取',
      messageEn: 'The code has expired',
    });
  }
  const boundToNothing = c.purpose === 'case' && !c.case_id;
  if (boundToNothing || codeHashOf(c.id, code) !== c.code_hash) {
    const failed = c.failed_attempts + 1;
    const lock = failed >= MAX_CODE_ATTEMPTS;
    await recordChallengeFailure(trx, c.id, failed, lock);
    await audit('wrong_code', { failedAttempts: failed, locked: lock });
    return lock
      ? new AppError('RATE_LIMITED', {
          field: 'code',
          message: '验证码错误次数过多，已失效，请重新获取验证码',
          messageEn: 'Too many wrong codes; request a new one',
        })
      : invalid(MAX_CODE_ATTEMPTS - failed);
  }
  return null;
}

export async function openPortalSession(deps: Deps, meta: RequestMeta, body: PortalLoginBody): Promise<OpenedSession> {
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx): Promise<AppError | OpenedSession> => {
    const c = await lockLatestChallenge(trx, lookupHashOf(body.documentNumber));
    const audit = (outcome: string, data: Record<string, unknown> = {}) =>
      recordAudit(trx, deps, null, meta, {
        action: 'portal.login',
        entityType: 'portal_challenge',
        entityId: c?.id ?? null,
        bureauId: c?.bureau_id ?? null,
        data: { outcome, ...data },
      });
    if (!c) {
      await audit('no_code');
      return invalid(null);
    }
    const refused = await checkChallenge(trx, c, body.code, now, audit);
    if (refused) return refused;
    if (!c.case_id) return invalid(null);
    await markChallengeUsed(trx, c.id, now);
    const token = randomBytes(32).toString('base64url');
    const sessionId = deps.newId();
    await insertPortalSession(trx, {
      id: sessionId,
      token_hash: tokenHash(token),
      case_id: c.case_id,
      bureau_id: c.bureau_id,
      challenge_id: c.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + PORTAL_ABSOLUTE_MS),
      ip: meta.ip,
    });
    await refundAttempt(trx, deps, [addressKey('public_address', meta.ip)]);
    await audit('ok', { sessionId, caseId: c.case_id });
    return {
      token,
      expiresAt: new Date(now.getTime() + PORTAL_IDLE_MS),
      absoluteExpiresAt: new Date(now.getTime() + PORTAL_ABSOLUTE_MS),
      caseId: c.case_id,
    };
  });
  if (result instanceof AppError) {
    keepWritesOnRefusal();
    throw result;
  }
  return result;
}
