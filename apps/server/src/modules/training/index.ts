// 教育培训 (issue 15 §9; docs/training.md): courses and materials, hours and credits per officer per year, the
// question bank, exams with seeded random papers (timed, auto-graded, retakes), the 执法资格考试 record, and T1 — a
// credential is renewed only with the year's training.
import type { ServerModule } from '../../platform/server-module.ts';
import { registerScoreSource } from '../supervision/index.ts';
import { registerTrainingNumbers } from './training.cockpit.ts';
import { trainingRoutes } from './training.routes.ts';
import { trainingScoreSource } from './training.score-source.ts';

export type { TrainingTables } from './training.tables.ts';
/** For 考核, the officer's file and staff's credential renewal. */
export { assertRenewalTraining, officerTrainingFile, officerTrainingTotals, trainingTotalsByOfficer } from './training.progress.ts';

export const trainingModule: ServerModule = {
  name: 'training',
  // 考核 reads this module's numbers through the source supervision declares under this name.
  hooks: () => {
    registerScoreSource('training', { nameZh: '教育培训学时学分', nameEn: 'Training hours and credits', fn: trainingScoreSource });
    registerTrainingNumbers();
  },
  routes: trainingRoutes,
};
