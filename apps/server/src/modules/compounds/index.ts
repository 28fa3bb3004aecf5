// 住宅小区综合监管 (REQUIREMENTS.md R15; docs/compounds.md): compounds and property companies (registry subjects),
// renovation declarations with the permit rules, property companies' reports → inspection task or case, and 房屋注记 /
// 解注记 with the housing department through a signed connector (local simulator until a real register is configured).
import type { ServerModule } from '../../platform/server-module.ts';
import { compoundRoutes, publicCompoundRoutes } from './compounds.routes.ts';
import { HOUSING_JOB_HANDLERS } from './housing/housing-job.ts';

export type { CompoundTables } from './compounds.tables.ts';

export const compoundsModule: ServerModule = {
  name: 'compounds',
  routes: compoundRoutes,
  publicRoutes: publicCompoundRoutes,
  jobs: HOUSING_JOB_HANDLERS,
};

/** The housing connector in use (simulator or off), for the start banner and the contract test. */
export { housingConnector, HousingSimulator, type HousingConnector } from './housing/housing-connector.ts';
export { JOB_HOUSING_SEND } from './housing/housing-job.ts';
