// Public entry of 诉件处置 (REQUIREMENTS.md R12). Pure functions: instants, the calendar and the rules are parameters.
// docs/tickets.md lists every rule with its source.

/** Categories as data (Shanghai starter list), checkTicketCategories, selectableTicketCategories. */
export * from './ticket-categories.ts';
/** Channels, dispatch levels, the clock configuration with the I4/I6 defaults, handlingClock, readClock, extensions. */
export * from './ticket-clocks.ts';
/** The state machine as data: TICKET_MACHINE, ticketStep, allowedTicketActions. */
export * from './ticket-machine.ts';
/** proposeDuplicates (radius, category, window) and repeatedComplaint (address or reporter within a window). */
export * from './ticket-duplicates.ts';
/** 回访: satisfaction levels. */
export * from './ticket-callback.ts';
/** The four numbers: first contact, on time, resolution, satisfaction. */
export * from './ticket-metrics.ts';
/** 临期 / overdue alerts on the first-contact and handling clocks (configurable leads), the queue's urgency. */
export * from './ticket-alerts.ts';
