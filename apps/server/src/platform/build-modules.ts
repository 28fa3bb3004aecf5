// One list of the server's modules, wired the same way in every process (API and worker): their routes, their
// case-step and message hooks, their job handlers and their recurring jobs.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../context.ts';
import { auditModule } from '../modules/audit/index.ts';
import { authModule } from '../modules/auth/index.ts';
import { casesModule } from '../modules/cases/index.ts';
import { cockpitModule } from '../modules/cockpit/index.ts';
import { coordinationModule } from '../modules/coordination/index.ts';
import { disclosureModule } from '../modules/disclosure/index.ts';
import { documentsModule } from '../modules/documents/index.ts';
import { dutyModule } from '../modules/duty/index.ts';
import { compoundsModule } from '../modules/compounds/index.ts';
import { stallsModule } from '../modules/stalls/index.ts';
import { workroomsModule } from '../modules/workrooms/index.ts';
import { creditModule } from '../modules/credit/index.ts';
import { reviewsModule } from '../modules/reviews/index.ts';
import { trainingModule } from '../modules/training/index.ts';
import { squadsModule } from '../modules/squads/index.ts';
import { campaignsModule } from '../modules/campaigns/index.ts';
import { dataSharingModule } from '../modules/data-sharing/index.ts';
import { offsiteModule } from '../modules/offsite/index.ts';
import { enforcementModule } from '../modules/enforcement/index.ts';
import { filesModule } from '../modules/files/index.ts';
import { geoModule } from '../modules/geo/index.ts';
import { homeModule } from '../modules/home/index.ts';
import { inspectionsModule } from '../modules/inspections/index.ts';
import { lawModule } from '../modules/law/index.ts';
import { messagingModule } from '../modules/messaging/index.ts';
import { orgModule } from '../modules/org/index.ts';
import { partyConfirmationsModule } from '../modules/party-confirmations/index.ts';
import { paymentsModule } from '../modules/payments/index.ts';
import { portalModule } from '../modules/portal/index.ts';
import { randomInspectionsModule } from '../modules/random-inspections/index.ts';
import { schedulerModule, type JobHandlers } from '../modules/scheduler/index.ts';
import { serviceModule } from '../modules/service/index.ts';
import { staffModule } from '../modules/staff/index.ts';
import { subjectImportModule, subjectsModule } from '../modules/subjects/index.ts';
import { supervisionModule } from '../modules/supervision/index.ts';
import { throttleModule } from '../modules/throttle/index.ts';
import { ticketsModule } from '../modules/tickets/index.ts';
import { wasteModule } from '../modules/waste/index.ts';
import { type ServerModule, withSchemaTypes } from './server-module.ts';

/**
 * The order is the order of hooks on the same step: the enforcement row is refreshed before the payment order of a
 * decision is made, and a publication is scheduled last.
 */
export const SERVER_MODULES: readonly ServerModule[] = [
  schedulerModule,
  authModule,
  throttleModule,
  orgModule,
  staffModule,
  auditModule,
  lawModule,
  filesModule,
  geoModule,
  casesModule,
  subjectsModule,
  partyConfirmationsModule,
  messagingModule,
  serviceModule,
  enforcementModule,
  paymentsModule,
  disclosureModule,
  documentsModule,
  portalModule,
  inspectionsModule,
  homeModule,
  randomInspectionsModule,
  subjectImportModule,
  ticketsModule,
  coordinationModule,
  dutyModule,
  supervisionModule,
  compoundsModule,
  stallsModule,
  workroomsModule,
  creditModule,
  reviewsModule,
  trainingModule,
  squadsModule,
  campaignsModule,
  dataSharingModule,
  cockpitModule,
  offsiteModule,
  wasteModule,
];

export type Modules = {
  list: readonly ServerModule[];
  jobHandlers: JobHandlers;
  /** Registers every module's authenticated routes on the /api/v1 scope. */
  registerRoutes(app: FastifyInstance): void;
  /** Registers every module's public routes (their own keys) on the root scope. */
  registerPublicRoutes(app: FastifyInstance): void;
  /** The recurring jobs, scheduled once per day by dedupe key (several processes may call it). */
  scheduleJobs(firstRunAt: Date): Promise<void>;
};

export function buildModules(deps: Deps, list: readonly ServerModule[] = SERVER_MODULES): Modules {
  const jobHandlers: JobHandlers = {};
  for (const m of list) {
    m.hooks?.();
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) {
      if (jobHandlers[kind]) throw new Error(`job kind ${kind} is handled by two modules (${m.name})`);
      jobHandlers[kind] = handler;
    }
  }
  return {
    list,
    jobHandlers,
    registerRoutes: (app) => {
      const typed = withSchemaTypes(app);
      for (const m of list) m.routes?.(typed, deps);
    },
    registerPublicRoutes: (app) => {
      const typed = withSchemaTypes(app);
      for (const m of list) m.publicRoutes?.(typed, deps);
    },
    scheduleJobs: async (firstRunAt) => {
      for (const m of list) await m.schedule?.(deps, firstRunAt);
    },
  };
}
