// 当事人门户: the party's own session, documents, statements, hearing requests and payments.
import type { ServerModule } from '../../platform/server-module.ts';
import { publicPortalRoutes } from './portal.routes.ts';

export const portalModule: ServerModule = { name: 'portal', publicRoutes: publicPortalRoutes };
