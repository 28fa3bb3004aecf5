import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Deps, RequestMeta } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { authenticate, SESSION_COOKIE } from '../modules/auth/index.ts';
import { assertCredentialForSync } from '../modules/staff/index.ts';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    actor?: Actor;
  }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

/** Every route registered in this scope requires a logged-in user. */
export function installAuthHook(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRequest', async (request) => {
    request.actor = await authenticate(deps, tokenOf(request));
    // A write the field app kept offline and sends now: the officer's 执法证 must be valid today (docs/field-app.md).
    const queuedAt = request.headers['x-field-queued-at'];
    if (request.method !== 'GET' && request.method !== 'HEAD' && typeof queuedAt === 'string' && queuedAt !== '') {
      await assertCredentialForSync(deps, request.actor, queuedAt);
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('AUTH_REQUIRED');
  return request.actor;
}

export function metaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null, correlationId: String(request.id) };
}
