import { Type } from '@sinclair/typebox';
import {
  ChangePasswordBody,
  ErrorBody,
  LoginBody,
  LoginResponse,
  Me,
  RoleInfo,
  ROLES,
  TotpEnableBody,
  TotpSetupResponse,
} from '@chengguan/contracts';
import { grantableRoles } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { isCityWide } from '../../shared/access.ts';
import { throttleGate } from '../throttle/index.ts';
import { login, loginThrottleKeys } from './use-cases/login.ts';
import { logout } from './use-cases/logout.ts';
import { authenticate } from './use-cases/authenticate.ts';
import { changePassword } from './use-cases/change-password.ts';
import { disableTotp, enableTotp, setupTotp } from './use-cases/totp.ts';
import { getMe } from './use-cases/get-me.ts';
import { ROLE_LABELS } from './permissions.ts';
import { SESSION_COOKIE } from './session-token.ts';
import { tokenOf } from '../../http/auth-hook.ts';
import type { RouteApp } from '../../platform/server-module.ts';

/** Fixed contract points outside clients rely on: POST /api/auth/login and /api/auth/logout. */
export function publicAuthRoutes(app: RouteApp, deps: Deps): void {
  app.post(
    '/api/auth/login',
    {
      // The answer is a session token, not to be kept in the clear for a replay; a repeated login is harmless.
      config: { idempotencyKey: false },
      // Counted per client address and per account name before the password is looked at (429 past a limit).
      preHandler: throttleGate(deps, (request) => loginThrottleKeys((request.body as LoginBody).username, request.ip)),
      schema: {
        tags: ['auth'],
        summary: '登录 / log in (unknown user, wrong password and locked account answer the same 401)',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await login({
        deps,
        username: body.username,
        password: body.password,
        totp: body.totp,
        meta: { ...metaOf(request), userAgent: request.headers['user-agent'] ?? null },
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.config.cookieSecure,
        expires: result.expiresAt,
      });
      const actor = await authenticate(deps, result.token);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: await getMe(deps, actor) };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出 / log out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (token) {
        const actor = await authenticate(deps, token).catch(() => null);
        if (actor) await logout(deps, actor, metaOf(request));
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}

export function meRoutes(app: RouteApp, deps: Deps): void {
  app.get('/api/v1/me', { schema: { tags: ['auth'], summary: '当前用户 / current user', response: { 200: Me } } }, async (request) =>
    getMe(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/roles',
    {
      schema: {
        tags: ['auth'],
        summary: '角色 / roles, and which of them the current user may grant (R1–R4)',
        response: { 200: Type.Array(RoleInfo) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = isCityWide(actor) ? 'city' : 'bureau';
      const grantable = new Set(grantableRoles({ id: actor.id, roles: actor.roles, scope }, scope));
      return ROLES.map((code) => ({ code, ...ROLE_LABELS[code], grantable: grantable.has(code) }));
    },
  );
  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 / change password',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      await changePassword(deps, actorOf(request), metaOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
  app.post('/api/v1/me/totp/setup', { schema: { tags: ['auth'], response: { 200: TotpSetupResponse } } }, async (request) =>
    setupTotp(deps, actorOf(request), metaOf(request)),
  );
  app.post(
    '/api/v1/me/totp/enable',
    { schema: { tags: ['auth'], body: TotpEnableBody, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await enableTotp(deps, actorOf(request), metaOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/me/totp/disable',
    { schema: { tags: ['auth'], body: TotpEnableBody, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await disableTotp(deps, actorOf(request), metaOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );
}
