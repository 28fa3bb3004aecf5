// 执法监督 and 考核 (issue 15; docs/supervision.md): the automated case-file check (B5) in the 案件审核 and 结案 steps,
// 案卷评查 sampling and review, 全过程记录, 两单两书, 重大案件督办, complaints about officers, 考核 (B7), proportionality.
import type { ServerModule } from '../../platform/server-module.ts';
import { installSupervisionHooks } from './supervision.hooks.ts';
import { supervisionRoutes } from './supervision.routes.ts';

/** For other modules (training, 复议/诉讼): the function of a 考核 source declared here without data. */
export { registerScoreSource, type ScoreSourceEntry, type ScoreSourceFn, type SourceQuery } from './score-sources.ts';
/** For the bench and the generator: the check over one case, the draw of a plan. */
export { runCaseFileCheckIn } from './use-cases/case-check.ts';
export { createSamplingPlan, drawSamplingPlan } from './use-cases/sampling-plans.ts';

export const supervisionModule: ServerModule = { name: 'supervision', routes: supervisionRoutes, hooks: installSupervisionHooks };
