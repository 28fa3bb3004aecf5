// 行政执法公示: redacted publication of decisions (I1) and their withdrawal (I2).
import type { ServerModule } from '../../platform/server-module.ts';
import { installDisclosureHooks } from './disclosure.hooks.ts';
import { DISCLOSURE_JOB_HANDLERS } from './disclosure.jobs.ts';
import { disclosureRoutes, publicDisclosureRoutes } from './disclosure.routes.ts';

export { penaltyText } from './penalty-text.ts';

export const disclosureModule: ServerModule = {
  name: 'disclosure',
  routes: disclosureRoutes,
  publicRoutes: publicDisclosureRoutes,
  hooks: installDisclosureHooks,
  jobs: DISCLOSURE_JOB_HANDLERS,
};

/** For the daily signed digest (modules/data-sharing): the decisions published on a day. */
export { disclosuresPublishedOn } from './published-records.ts';
