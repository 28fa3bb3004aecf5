import type { Role } from '@chengguan/contracts';
import { AppError } from '../../../errors/app-error.ts';
import type { Actor, Deps } from '../../../context.ts';
import { findSessionActor, touchSession } from '../auth.repository.ts';
import { permissionsOf } from '../permissions.ts';
import { tokenHash } from '../session-token.ts';

const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie or bearer token to the acting user; expired or revoked sessions are refused. */
export async function authenticate(deps: Deps, token: string | undefined): Promise<Actor> {
  if (!token) throw new AppError('AUTH_REQUIRED');
  const now = deps.clock.now();
  const s = await findSessionActor(deps.db, tokenHash(token));
  if (!s || s.revoked_at || !s.active) throw new AppError('AUTH_REQUIRED');
  const idleLimit = new Date(new Date(s.last_seen_at).getTime() + deps.config.sessionIdleMinutes * 60_000);
  if (new Date(s.expires_at) <= now || idleLimit <= now) throw new AppError('AUTH_SESSION_EXPIRED');
  if (s.locked_until && new Date(s.locked_until) > now) throw new AppError('AUTH_LOCKED');
  if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, s.session_id, now);
  const roles = s.roles as Role[];
  return {
    id: s.id,
    username: s.username ?? '',
    name: s.name,
    orgId: s.org_id,
    orgName: s.org_name,
    jurisdictionPath: s.org_path,
    bureauId: s.bureau_id,
    roles,
    permissions: permissionsOf(roles),
    sessionId: s.session_id,
  };
}
