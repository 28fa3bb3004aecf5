// 诉件处置 (complaints / tickets, REQUIREMENTS.md R12; docs/tickets.md): intake, routing by the squads' service areas,
// the list and the ticket page with its clocks, the steps of the ticket state machine, extensions, the four rates.
import type { ServerModule } from '../../platform/server-module.ts';
import { ticketRoutes } from './tickets.routes.ts';

export type { TicketTables } from './tickets.tables.ts';

export const ticketsModule: ServerModule = { name: 'tickets', routes: ticketRoutes };
/** The reporter key and the ticket number as intake writes them (the city generator writes the same). */
export { reporterKeyOf, ticketNumber } from './use-cases/intake.ts';
