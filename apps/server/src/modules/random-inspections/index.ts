// 双随机一公开: inspection plans, the frozen pools, the verifiable draw, its public record.
import type { ServerModule } from '../../platform/server-module.ts';
import { publicRandomInspectionRoutes, randomInspectionRoutes } from './random-inspections.routes.ts';

export const randomInspectionsModule: ServerModule = {
  name: 'random-inspections',
  routes: randomInspectionRoutes,
  publicRoutes: publicRandomInspectionRoutes,
};

/** For 勤务 (modules/duty): the plans of a squad in a month. */
export { squadPlans } from './duty-reads.ts';

/** For the daily signed digest (modules/data-sharing): the draws made public in a span of time. */
export { drawsPublishedBetween } from './published-records.ts';
