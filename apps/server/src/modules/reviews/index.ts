// 复议 and 诉讼 (issue 15 §5; docs/reviews.md): reviews and lawsuits against cases, their outcomes and causes, the
// monthly 纠错 / 败诉 report.
import type { ServerModule } from '../../platform/server-module.ts';
import { reviewRoutes } from './reviews.routes.ts';

export type { ReviewTables } from './reviews.tables.ts';
/** For 考核 and the officer's file: outcomes decided in a period per officer or per squad. */
export { reviewOutcomesBy, type ReviewCounts } from './reviews.service.ts';

export const reviewsModule: ServerModule = { name: 'reviews', routes: reviewRoutes };
