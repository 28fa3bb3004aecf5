// 复议 and 诉讼 (issue 15 §5; docs/reviews.md): reviews and lawsuits against cases, their outcomes and causes, the
// monthly 纠错 / 败诉 report.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerScoreSource } from '../supervision/index.ts';
import { reviewRoutes } from './reviews.routes.ts';
import { reviewScoreSource } from './reviews.score-source.ts';

export type { ReviewTables } from './reviews.tables.ts';
/** For 考核 and the officer's file: outcomes decided in a period per officer or per squad. */
export { reviewOutcomesBy, type ReviewCounts } from './reviews.service.ts';

export const reviewsModule: ServerModule = {
  name: 'reviews',
  // 考核 reads this module's numbers through the source supervision declares under this name.
  hooks: () =>
    registerScoreSource('review_outcomes', { nameZh: '复议诉讼纠错败诉数', nameEn: 'Review and lawsuit outcomes', fn: reviewScoreSource }),
  routes: reviewRoutes,
};
