import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canonicalize, sm3Hex } from '@chengguan/domain';
import type { Deps } from '../context.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency.repository.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A claim older than this is taken to belong to a request that died before it answered. */
const STALE_CLAIM_MS = 5 * 60_000;

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

/** What makes two requests "the same": method, URL and body (JSON canonicalized, uploads by their bytes). */
function requestFingerprint(request: FastifyRequest): string {
  const head = `${request.method} ${request.url}\n`;
  const body = request.body;
  if (Buffer.isBuffer(body)) return sm3Hex(Buffer.concat([Buffer.from(head), body]));
  return sm3Hex(head + canonicalize(body ?? null));
}

function scopeOf(request: FastifyRequest): string {
  return request.actor ? `officer:${request.actor.id}` : `ip:${request.ip}`;
}

/**
 * A retried request with the same Idempotency-Key gets the first answer back and writes nothing twice.
 * The key is claimed before the handler runs, so two copies arriving together cannot both write.
 * Only successful answers are remembered: after a 4xx the client may correct and retry with the same key.
 */
export function installIdempotency(app: FastifyInstance, deps: Deps): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!MUTATING.has(request.method)) return;
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
      throw fieldError('Idempotency-Key', '幂等键须为1至200个可见ASCII字符', 'must be 1 to 200 visible ASCII characters');
    }
    const scope = scopeOf(request);
    const path = request.routeOptions.url ?? request.url;
    const requestHash = requestFingerprint(request);
    const now = deps.clock.now();
    if (await claimKey(deps.db, { scope, key, method: request.method, path, requestHash })) {
      request.idempotency = { scope, key };
      return;
    }
    const prior = await findKey(deps.db, scope, key);
    if (!prior) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    if (prior.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
    if (prior.state === 'pending') {
      if (now.getTime() - new Date(prior.created_at).getTime() < STALE_CLAIM_MS) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      request.idempotency = { scope, key };
      return;
    }
    reply.header('idempotent-replayed', 'true');
    return reply.status(prior.status_code ?? 200).send(prior.response ?? undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const idem = request.idempotency;
    if (!idem) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const text = typeof payload === 'string' ? payload : null;
      await completeKey(deps.db, idem.scope, idem.key, reply.statusCode, text && text.length > 0 ? text : 'null');
    } else {
      await releaseKey(deps.db, idem.scope, idem.key);
    }
    return payload;
  });
}
