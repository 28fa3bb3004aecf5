// 当事人门户: the party's own session, documents, statements, hearing requests and payments; and, for the officers of
// his case, what he handed in.
import type { ServerModule } from '../../platform/server-module.ts';
import { portalCaseRoutes } from './portal-case.routes.ts';
import { publicPortalRoutes } from './portal.routes.ts';

/** The party's session for routes of other modules under /api/portal (his case only). */
export { authenticatePortal, portalTokenOf, type PortalSession } from './portal-session.ts';

export const portalModule: ServerModule = { name: 'portal', routes: portalCaseRoutes, publicRoutes: publicPortalRoutes };

/** The citizen's portal session (phone + SMS code), for other modules' citizen routes (renovation declarations, the stall map). */
export { authenticateCitizen, citizenTokenOf, type CitizenSession } from './citizen-session.ts';
