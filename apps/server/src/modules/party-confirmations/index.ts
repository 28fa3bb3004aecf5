// 当事人扫码确认: the party confirms his identity on his own phone from the officer's code.
import type { ServerModule } from '../../platform/server-module.ts';
import { partyConfirmationRoutes, publicPartyConfirmationRoutes } from './party-confirmations.routes.ts';

export const partyConfirmationsModule: ServerModule = {
  name: 'party-confirmations',
  routes: partyConfirmationRoutes,
  publicRoutes: publicPartyConfirmationRoutes,
};
