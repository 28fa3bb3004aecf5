import type { FastifyInstance } from 'fastify';
import type { Deps } from '../context.ts';
import type { JobHandlers } from '../modules/scheduler/index.ts';

export type RouteRegistrar = (app: FastifyInstance, deps: Deps) => void;

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
