import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../context.ts';
import type { JobHandlers } from '../modules/scheduler/index.ts';

/**
 * The instance routes are registered on: TypeBox's type provider infers each handler's `request.params`, `query` and
 * `body` from the route's own schema, so a handler never casts what the validator has already checked.
 */
export type RouteApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type RouteRegistrar = (app: RouteApp, deps: Deps) => void;

/** The same instance with request types inferred from route schemas (for a plugin scope a module registers). */
export function withSchemaTypes(app: FastifyInstance): RouteApp {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/**
 * What one server module (`modules/<feature>/index.ts`) gives the platform. Both processes — the API and the worker —
 * are wired from the same list by `buildModules`, so they can never disagree about hooks or jobs.
 */
export type ServerModule = {
  name: string;
  /** Routes under /api/v1: authenticated, writes in one transaction with their idempotency record. */
  routes?: RouteRegistrar;
  /** Routes under /api/public that carry their own key (a portal session, a provider's signature, a QR code's link). */
  publicRoutes?: RouteRegistrar;
  /** Case-step and message hooks; registering twice is harmless. */
  hooks?: () => void;
  /** Job kinds this module handles. */
  jobs?: JobHandlers;
  /** Recurring jobs the worker (re)schedules when it starts; `firstRunAt` is when the first daily run may happen. */
  schedule?: (deps: Deps, firstRunAt: Date) => Promise<void>;
};
