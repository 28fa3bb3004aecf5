// 诉件处置 (complaints / tickets, REQUIREMENTS.md R12; docs/tickets.md): intake, routing by the squads' service areas,
// the list and the ticket page with its clocks, the steps of the ticket state machine, extensions, the four rates.
import type { ServerModule } from '../../platform/server-module.ts';
import type { RouteApp } from '../../platform/server-module.ts';
import type { Deps } from '../../context.ts';
import { exchangeRoutes, publicExchangeRoutes } from './exchange/exchange.routes.ts';
import { EXCHANGE_JOB_HANDLERS } from './exchange/outbox.ts';
import { SIMULATOR_JOB_HANDLERS } from './exchange/simulator.ts';
import { exchangeAdapter } from './exchange/exchange.ts';
import { installTicketHooks } from './tickets.hooks.ts';
import { open311KeyRoutes, open311PublicRoutes } from './open311/open311.routes.ts';
import { ticketRoutes } from './tickets.routes.ts';
import { TICKET_ALERT_SCAN } from './command/alerts.ts';
import { commandRoutes } from './command/command.routes.ts';
import { categoryRoutes } from './categories/categories.routes.ts';

export type { TicketTables } from './tickets.tables.ts';

export const ticketsModule: ServerModule = {
  name: 'tickets',
  routes: (app: RouteApp, deps: Deps) => {
    ticketRoutes(app, deps);
    exchangeRoutes(app, deps);
    open311KeyRoutes(app, deps);
    commandRoutes(app, deps);
    categoryRoutes(app, deps);
  },
  // The exchange's signed inbound endpoint; Open311 GeoReport v2 (docs/tickets.md §13): partners file and follow
  // requests with their api_key.
  publicRoutes: (app, deps) => {
    publicExchangeRoutes(app, deps);
    open311PublicRoutes(app, deps);
  },
  jobs: { ...EXCHANGE_JOB_HANDLERS, ...SIMULATOR_JOB_HANDLERS, ...TICKET_ALERT_SCAN.jobs },
  // Overdue alerts: the first scan one period after the worker starts, then every TICKET_ALERT_SCAN_MINUTES.
  schedule: TICKET_ALERT_SCAN.schedule,
  hooks: installTicketHooks,
};

/** The start banner's line about the 12345 / 城运 ticket exchange. */
export function exchangeBannerLine(config: Deps['config']): string {
  const a = exchangeAdapter(config);
  if (!a) return '工单交换（12345 / 城运）：未启用 / ticket exchange: off';
  return a.simulator
    ? '工单交换：模拟 12345 平台（本地模拟，不与真实热线联通）/ ticket exchange: local simulator (not the real hotline)'
    : `工单交换：${a.labelZh} / ticket exchange: ${a.labelEn}`;
}

// The commander's and leaders' homes show the rates and the centre's to-do.
export { ticketHome } from './use-cases/rates-table.ts';
/** The reporter key and the ticket number as intake writes them (the city generator writes the same). */
export { reporterKeyOf, ticketNumber } from './use-cases/intake.ts';
export { caseSourceRef } from './use-cases/convert.ts';
/** Intake itself, for the channels other modules receive (a community workroom's register: modules/workrooms). */
export { intakeTicket, type IntakeBody, type IntakeBy } from './use-cases/intake.ts';
/** A ticket as the actor's jurisdiction sees it (undefined when he may not), for links from other modules. */
export { findTicket as findVisibleTicket } from './tickets.repository.ts';
/** The citizen's complaints through the portal (the portal module authenticates him and calls these). */
export {
  citizenOptions,
  fileCitizenComplaint,
  getCitizenTicket,
  getCitizenTicketPhoto,
  listCitizenTickets,
  rateCitizenTicket,
  type Citizen,
} from './use-cases/citizen-tickets.ts';
/** For 勤务 (modules/duty): the officer's open tickets, and every timeline event as it is written (the duty log). */
export { officerOpenTickets, onTicketEvent, type TicketEventListener, type TicketStepEvent } from './tickets.repository.ts';
/** Overdue alerts (docs/tickets.md §14): one scan at an instant; tests and the worker's job call it. */
export { scanTicketAlerts, JOB_TICKET_ALERTS } from './command/alerts.ts';
