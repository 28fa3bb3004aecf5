// 登录与权限: passwords, sessions and API tokens, TOTP, roles → permissions.
import type { ServerModule } from '../../platform/server-module.ts';
import { meRoutes, publicAuthRoutes } from './auth.routes.ts';

export { revokeOfficerSessions } from './auth.repository.ts';
export { ROLE_LABELS, permissionsOf, type Permission } from './permissions.ts';
export { SESSION_COOKIE, tokenHash } from './session-token.ts';
export { authenticate } from './use-cases/authenticate.ts';
export { assertPasswordPolicy, hashPassword } from './use-cases/change-password.ts';

export const authModule: ServerModule = { name: 'auth', routes: meRoutes, publicRoutes: publicAuthRoutes };
