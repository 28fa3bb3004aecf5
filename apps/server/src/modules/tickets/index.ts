// 诉件处置 (complaints / tickets, REQUIREMENTS.md R12; docs/tickets.md): intake, routing by the squads' service areas,
// the list and the ticket page with its clocks, the steps of the ticket state machine, extensions, the four rates.
import type { ServerModule } from '../../platform/server-module.ts';
import { installTicketHooks } from './tickets.hooks.ts';
import { ticketRoutes } from './tickets.routes.ts';

export type { TicketTables } from './tickets.tables.ts';

// The commander's and leaders' homes show the rates and the centre's to-do.
export { ticketHome } from './use-cases/rates-table.ts';

export const ticketsModule: ServerModule = { name: 'tickets', routes: ticketRoutes, hooks: installTicketHooks };
