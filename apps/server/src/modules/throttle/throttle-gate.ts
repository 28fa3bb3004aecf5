import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../context.ts';
import { metaOf } from '../../http/auth-hook.ts';
import type { ThrottleKey } from './throttle-keys.ts';
import { countAttempt } from './use-cases/count-attempt.ts';

/**
 * A route's preHandler that counts the request against its limits before the handler's unit of work opens (Fastify
 * runs preHandler hooks before the handler): refused with 429 and Retry-After past a limit, the count committed
 * either way. The keys come from the request (its client address, the account name typed).
 */
export function throttleGate(deps: Deps, keysOf: (request: FastifyRequest) => ThrottleKey[]) {
  return async (request: FastifyRequest): Promise<void> => countAttempt(deps, metaOf(request), keysOf(request));
}
