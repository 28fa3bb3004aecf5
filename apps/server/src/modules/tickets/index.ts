// 诉件处置 (complaints / tickets, REQUIREMENTS.md R12; docs/tickets.md): intake, routing by the squads' service areas,
// the list and the ticket page with its clocks, the steps of the ticket state machine, extensions, the four rates.
import type { ServerModule } from '../../platform/server-module.ts';
import { open311KeyRoutes, open311PublicRoutes } from './open311/open311.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';

export type { TicketTables } from './tickets.tables.ts';

export const ticketsModule: ServerModule = {
  name: 'tickets',
  routes: (app, deps) => {
    ticketRoutes(app, deps);
    open311KeyRoutes(app, deps);
  },
  // Open311 GeoReport v2 (docs/tickets.md "Open311"): partners file and follow requests with their api_key.
  publicRoutes: open311PublicRoutes,
};
