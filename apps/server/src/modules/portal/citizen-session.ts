// The citizen's session in the portal: a random token in the httpOnly cookie `cg_citizen` (path /api/portal/citizen),
// stored as its SM3 only, bound to the phone that signed in — never to a case. It ends as the party's does: 30 minutes
// without a request, 4 hours after the login at the latest. The party's case-bound session (`cg_portal`) is separate:
// neither cookie opens the other's routes.
import { CITIZEN_COOKIE } from '@chengguan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { tokenHash } from '../auth/index.ts';
import { PORTAL_IDLE_MS } from './portal-session.ts';
import { findCitizenSession, touchCitizenSession } from './portal.repository.ts';

export const CITIZEN_PATH = '/api/portal/citizen';

export type CitizenSession = { id: string; citizenId: string; phone: string; expiresAt: Date };

export function citizenTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[CITIZEN_COOKIE];
}

export function setCitizenCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: Date): void {
  reply.setCookie(CITIZEN_COOKIE, token, {
    path: CITIZEN_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    expires: expiresAt,
  });
}

export function clearCitizenCookie(reply: FastifyReply): void {
  reply.clearCookie(CITIZEN_COOKIE, { path: CITIZEN_PATH });
}

/** The citizen of this request, the idle clock restarted; 401 when absent, revoked or expired. */
export async function authenticateCitizen(deps: Deps, token: string | undefined): Promise<CitizenSession> {
  if (!token) {
    throw new AppError('AUTH_REQUIRED', {
      message: '请先用手机号和短信验证码登录',
      messageEn: 'Sign in with your mobile number and the SMS code',
    });
  }
  const row = await findCitizenSession(deps.db, tokenHash(token));
  const now = deps.clock.now();
  if (
    !row ||
    row.revoked_at !== null ||
    new Date(row.expires_at) <= now ||
    now.getTime() - new Date(row.last_seen_at).getTime() >= PORTAL_IDLE_MS
  ) {
    throw new AppError('AUTH_SESSION_EXPIRED', {
      message: '登录已过期（30 分钟无操作自动退出），请重新获取验证码登录',
      messageEn: 'The session has expired; request a new code',
    });
  }
  await touchCitizenSession(deps.db, row.id, now);
  const idleEnd = new Date(now.getTime() + PORTAL_IDLE_MS);
  const absolute = new Date(row.expires_at);
  return { id: row.id, citizenId: row.citizen_id, phone: row.phone, expiresAt: idleEnd < absolute ? idleEnd : absolute };
}
