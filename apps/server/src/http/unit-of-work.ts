// Every write request is one unit of work (db/unit-of-work.ts): the handler, the use-cases' transactions inside it,
// and the request's idempotency record commit together, after the answer is known and before it is sent.
//
// Exactly once across crashes: the Idempotency-Key is claimed by inserting its row inside the request's transaction.
// A second copy of the request blocks on that row until the first commits (then it replays the stored answer) or
// rolls back (then it runs). A process that dies before COMMIT leaves nothing — the database rolls its transaction
// back — so a retry runs at once; one that dies after COMMIT left the answer in the same transaction, so the retry
// replays it. Only successful answers are kept: after a 4xx everything rolls back and a corrected retry may reuse the
// key. A different request under the same key is 422.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { canonicalize } from '@chengguan/domain';
import { sm3Hex } from '../shared/sm3.ts';
import type { Deps } from '../context.ts';
import { beginUnitOfWork, type UnitOfWork } from '../db/unit-of-work.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { pgErrorCode } from '../shared/pg-errors.ts';
import { claimKey, completeKey, findKey, releaseKey, takeOverKey, type KeyClaim, type StoredResponse } from './idempotency.repository.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a retry waits for a copy of itself that is still running before it answers 409. */
export const IDEMPOTENCY_CLAIM_WAIT = '15s';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyRequest {
    unitOfWork?: { uow: UnitOfWork; idempotency: { scope: string; key: string } | null };
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * false: the answer carries a secret (a session token) that must not be kept in the clear for a replay; the
     * route's effect is harmless to repeat, so its Idempotency-Key is not honoured (the write is still one unit).
     */
    idempotencyKey?: boolean;
    /**
     * true: the handler writes in a transaction of its own making — several requests' writes together, in one
     * transaction (use-cases that coalesce a burst) — and honours the Idempotency-Key itself (`idempotencyClaimOf`,
     * `settleUnclaimed`, `replay`); no unit of work is begun for the request.
     */
    ownUnitOfWork?: boolean;
  }
}

/** What makes two requests "the same": method, URL and body (JSON canonicalized, uploads by their bytes). */
function requestFingerprint(request: FastifyRequest): string {
  const head = `${request.method} ${request.url}\n`;
  const body = request.body;
  if (Buffer.isBuffer(body)) return sm3Hex(Buffer.concat([Buffer.from(head), body]));
  return sm3Hex(head + canonicalize(body ?? null));
}

/** Keys are per caller: the officer, else the party's portal session, else the citizen's, else the client address. */
function scopeOf(request: FastifyRequest): string {
  if (request.actor) return `officer:${request.actor.id}`;
  const portal = request.cookies?.cg_portal;
  if (portal) return `portal:${sm3Hex(portal)}`;
  const citizen = request.cookies?.cg_citizen;
  if (citizen) return `citizen:${sm3Hex(citizen)}`;
  return `ip:${request.ip}`;
}

function keyOf(request: FastifyRequest): string | null {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw fieldError('Idempotency-Key', '幂等键须为1至200个可见ASCII字符', 'must be 1 to 200 visible ASCII characters');
  }
  return key;
}

/** The request's idempotency claim (its key, scope and fingerprint), or null without a key; a malformed key is 400. */
export function idempotencyClaimOf(request: FastifyRequest): KeyClaim | null {
  const key = keyOf(request);
  if (!key) return null;
  return {
    scope: scopeOf(request),
    key,
    method: request.method,
    path: request.routeOptions.url ?? request.url,
    requestHash: requestFingerprint(request),
  };
}

/**
 * A claim that was not taken: the same request done before (its stored answer, to replay), another request under the
 * same key (422), or a claim an earlier release left pending outside a transaction (taken over: null, go on).
 */
export async function settleUnclaimed(deps: Deps, claim: KeyClaim): Promise<{ status: number; stored: StoredResponse } | null> {
  const prior = await findKey(deps.db, claim.scope, claim.key);
  if (prior && prior.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
  if (prior?.state === 'done' && prior.status_code && prior.response) return { status: prior.status_code, stored: prior.response };
  await takeOverKey(deps.db, claim.scope, claim.key, deps.clock.now());
  return null;
}

function isMutating(route: RouteOptions): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.some((m) => MUTATING.has(m));
}

function toStored(reply: FastifyReply, payload: unknown): StoredResponse {
  const type = String(reply.getHeader('content-type') ?? '');
  if (typeof payload === 'string') {
    if (type.startsWith('application/json')) return payload.length > 0 ? { json: JSON.parse(payload) as unknown } : { json: null };
    return { text: payload, type };
  }
  if (Buffer.isBuffer(payload)) return { base64: payload.toString('base64'), type };
  if (payload === null || payload === undefined) return { json: null };
  // A stream cannot be kept; its replay says so (no route streams a write's answer today).
  return { unavailable: true, type };
}

export function replay(reply: FastifyReply, status: number, stored: StoredResponse): FastifyReply {
  reply.header('idempotent-replayed', 'true').status(status);
  if ('json' in stored) return reply.type('application/json; charset=utf-8').send(JSON.stringify(stored.json));
  if ('text' in stored) return reply.type(stored.type).send(stored.text);
  if ('base64' in stored) return reply.type(stored.type).send(Buffer.from(stored.base64, 'base64'));
  return reply.send();
}

export function installUnitOfWork(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRoute', (route) => {
    if (!isMutating(route) || route.config?.ownUnitOfWork) return;
    const handler = route.handler;
    const honoursKey = route.config?.idempotencyKey !== false;
    route.handler = async function unitOfWorkHandler(this: FastifyInstance, request, reply) {
      // A malformed key is refused even where keys are not honoured: the client meant one and must learn it is wrong.
      if (!honoursKey) keyOf(request);
      const claim = honoursKey ? idempotencyClaimOf(request) : null;
      const uow = await beginUnitOfWork(deps.db);
      request.unitOfWork = { uow, idempotency: null };
      return uow.run(async () => {
        if (claim) {
          if (!(await claimKey(deps.db, claim, IDEMPOTENCY_CLAIM_WAIT))) {
            const prior = await settleUnclaimed(deps, claim);
            if (prior) {
              await uow.rollback();
              return replay(reply, prior.status, prior.stored);
            }
          }
          request.unitOfWork = { uow, idempotency: { scope: claim.scope, key: claim.key } };
        }
        return handler.call(this, request, reply);
      });
    };
  });

  /** The writes deferred until the unit's end (`afterUnitOfWork`), each in its own transaction; a failure is logged. */
  const runDeferred = async (request: FastifyRequest) => {
    const unit = request.unitOfWork;
    if (!unit || unit.uow.isOpen) return;
    for (const fn of unit.uow.takeDeferred()) {
      await fn().catch((err: unknown) => request.log.error({ err, correlationId: String(request.id) }, 'deferred write failed'));
    }
  };

  app.addHook('onSend', async (request, reply, payload) => {
    const unit = request.unitOfWork;
    if (!unit || !unit.uow.isOpen) return payload;
    try {
      return await decide(request, reply, payload, unit);
    } finally {
      await runDeferred(request);
    }
  });

  async function decide(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    unit: NonNullable<FastifyRequest['unitOfWork']>,
  ): Promise<unknown> {
    if (reply.statusCode < 200 || reply.statusCode >= 300) {
      if (reply.statusCode < 500 && unit.uow.keepOnRefusal) {
        // The refusal's own record (a counted attempt, an audit row) stays; the key does not, so a corrected retry
        // may use it.
        const idem = unit.idempotency;
        if (idem) await unit.uow.run(() => releaseKey(deps.db, idem.scope, idem.key));
        await unit.uow.commit();
      } else await unit.uow.rollback();
      return payload;
    }
    try {
      const idem = unit.idempotency;
      if (idem) await unit.uow.run(() => completeKey(deps.db, idem.scope, idem.key, reply.statusCode, toStored(reply, payload)));
      await unit.uow.commit();
      return payload;
    } catch (err) {
      await unit.uow.rollback().catch(() => undefined);
      // Nothing was stored: the client must not take the prepared answer for a committed one.
      request.log.error({ err, correlationId: String(request.id) }, 'commit failed');
      const failed = new AppError(pgErrorCode(err) === '40001' ? 'STATE_CONFLICT' : 'NOT_SAVED');
      reply.status(failed.status).type('application/json; charset=utf-8');
      reply.removeHeader('idempotent-replayed');
      return JSON.stringify(failed.toBody(String(request.id)));
    }
  }

  // After the answer went out: a unit still open never passed onSend's decision, so nothing of it is kept.
  app.addHook('onResponse', async (request) => {
    const unit = request.unitOfWork;
    if (unit?.uow.isOpen) await unit.uow.rollback().catch((err: unknown) => request.log.error({ err }, 'rollback failed'));
    await runDeferred(request);
  });
}
