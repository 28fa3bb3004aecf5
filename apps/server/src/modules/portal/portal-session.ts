// The portal session: a random token in the httpOnly cookie `cg_portal`, stored as its SM3 only, scoped to one case,
// ending after 30 minutes without a request (and at the latest 4 hours after the login).
import { PORTAL_COOKIE } from '@chengguan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { tokenHash } from '../auth/index.ts';
import { findPortalSession, touchPortalSession } from './portal.repository.ts';

export const PORTAL_IDLE_MS = 30 * 60_000;
export const PORTAL_ABSOLUTE_MS = 4 * 3600_000;

export type PortalSession = { id: string; caseId: string; bureauId: string | null; expiresAt: Date };

export function portalTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[PORTAL_COOKIE];
}

export function setPortalCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: Date): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: '/api/portal',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    expires: expiresAt,
  });
}

export function clearPortalCookie(reply: FastifyReply): void {
  reply.clearCookie(PORTAL_COOKIE, { path: '/api/portal' });
}

/** The session of this request, its idle clock restarted; 401 when absent, revoked or expired. */
export async function authenticatePortal(deps: Deps, token: string | undefined): Promise<PortalSession> {
  if (!token)
    throw new AppError('AUTH_REQUIRED', {
      message: '请先用文号和短信验证码登录',
      messageEn: 'Log in with the document number and the SMS code',
    });
  const row = await findPortalSession(deps.db, tokenHash(token));
  const now = deps.clock.now();
  const expired =
    !row ||
    row.revoked_at !== null ||
    new Date(row.expires_at) <= now ||
    now.getTime() - new Date(row.last_seen_at).getTime() >= PORTAL_IDLE_MS;
  if (expired) {
    throw new AppError('AUTH_SESSION_EXPIRED', {
      message: '登录已过期（30 分钟无操作自动退出），请重新获取验证码登录',
      messageEn: 'The portal session has expired; request a new code',
    });
  }
  await touchPortalSession(deps.db, row.id, now);
  const idleEnd = new Date(now.getTime() + PORTAL_IDLE_MS);
  const absolute = new Date(row.expires_at);
  return { id: row.id, caseId: row.case_id, bureauId: row.bureau_id, expiresAt: idleEnd < absolute ? idleEnd : absolute };
}
