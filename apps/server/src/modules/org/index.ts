// 组织: 市局 → 区局 → 大队/中队, with materialized paths for jurisdiction.
import type { ServerModule } from '../../platform/server-module.ts';
import { orgRoutes } from './org.routes.ts';

// countOrgs and insertOrg also load the demo and generated organisations.
export { countOrgs, findOrg, insertOrg, ORG_COLUMNS, type OrgRow } from './org.repository.ts';
export { getOrgRowOrFail } from './use-cases/get-org.ts';

export const orgModule: ServerModule = { name: 'org', routes: orgRoutes };
