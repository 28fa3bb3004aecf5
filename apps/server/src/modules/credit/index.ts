// 信用 (issue 15 §7; docs/credit.md): credit records of decisions per the credit catalogue, their exchange with the
// city's credit platform (connector + local simulator), 信用修复 from the portal, the 专用信用报告.
import type { ServerModule } from '../../platform/server-module.ts';
import { CREDIT_JOB_HANDLERS } from './connector.ts';
import { installCreditHooks } from './credit.hooks.ts';
import { creditRoutes, publicCreditRoutes } from './credit.routes.ts';

export type { CreditTables } from './credit.tables.ts';
/** 复议/诉讼 that change, revoke or confirm a decision illegal take its credit record off publication. */
export { withdrawCreditRecord } from './credit.hooks.ts';
/** Tests and the contract: in-process delivery, the simulator's faults and what it applied. */
export { creditSecret, failNextCreditAnswers, setCreditTransport, CREDIT_SIM_PATH, JOB_CREDIT_SEND } from './connector.ts';
export { simulatorApplied } from './simulator.ts';

export const creditModule: ServerModule = {
  name: 'credit',
  routes: creditRoutes,
  publicRoutes: publicCreditRoutes,
  hooks: installCreditHooks,
  jobs: CREDIT_JOB_HANDLERS,
};
