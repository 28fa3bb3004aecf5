// 临期 and overdue alerts on a ticket's clocks (issue 13 §4; seed 004: 「增加临期任务双向提醒」). A clock warns once its due
// instant is within the lead and alerts again once it has passed. Which clocks run is the clocks' own reading: the
// 24-hour first contact until the reporter is contacted (a ticket with no one to contact has none), the handling limit
// until the reply, neither while the handling clock is paused (退单). The leads are configuration (U, ours).
import type { Verification } from './ticket-clocks.ts';

export const TICKET_ALERT_CLOCKS = ['first_contact', 'handling'] as const;
export type TicketAlertClock = (typeof TICKET_ALERT_CLOCKS)[number];
export const TICKET_ALERT_THRESHOLDS = ['warning', 'expired'] as const;
export type TicketAlertThreshold = (typeof TICKET_ALERT_THRESHOLDS)[number];

export type TicketAlertConfig = {
  /** Warn this many hours before the 24-hour first contact runs out. */
  firstContactLeadHours: number;
  /** Warn this many hours before the handling due instant (24:00 of the due day, Asia/Shanghai). */
  handlingLeadHours: number;
  source: string;
  verification: Verification;
};

/**
 * The Shanghai defaults: 4 hours before the first contact runs out (a sixth of the 24 hours), 24 hours before the
 * handling limit (the morning of the due day's eve). U: seed 004 names the two-way 临期 reminder, not its lead.
 */
export const SHANGHAI_TICKET_ALERTS: TicketAlertConfig = {
  firstContactLeadHours: 4,
  handlingLeadHours: 24,
  source: 'seed 004（浦东 2022）：「增加临期任务双向提醒」；提前量为本地默认值，可配置',
  verification: 'U',
};

export function checkTicketAlertConfig(c: TicketAlertConfig): string | null {
  if (!Number.isFinite(c.firstContactLeadHours) || c.firstContactLeadHours < 0 || c.firstContactLeadHours >= 24)
    return 'firstContactLeadHours';
  if (!Number.isFinite(c.handlingLeadHours) || c.handlingLeadHours < 0 || c.handlingLeadHours > 24 * 15) return 'handlingLeadHours';
  return null;
}

/** What the alert rule reads of a ticket. */
export type TicketAlertFacts = {
  open: boolean;
  paused: boolean;
  contactable: boolean;
  firstContactDueAt: Date;
  firstContactAt: Date | null;
  handlingDueAt: Date;
};

export type TicketAlertDue = { clock: TicketAlertClock; threshold: TicketAlertThreshold; dueAt: Date };

/** The thresholds a ticket has reached at `now` (each to be raised once per due instant). */
export function ticketAlertsDue(t: TicketAlertFacts, now: Date, config: TicketAlertConfig = SHANGHAI_TICKET_ALERTS): TicketAlertDue[] {
  if (!t.open || t.paused) return [];
  const out: TicketAlertDue[] = [];
  const check = (clock: TicketAlertClock, dueAt: Date, leadHours: number) => {
    const ms = dueAt.getTime() - now.getTime();
    if (ms <= 0) out.push({ clock, threshold: 'expired', dueAt });
    else if (ms <= leadHours * 3_600_000) out.push({ clock, threshold: 'warning', dueAt });
  };
  if (t.contactable && t.firstContactAt === null) check('first_contact', t.firstContactDueAt, config.firstContactLeadHours);
  check('handling', t.handlingDueAt, config.handlingLeadHours);
  return out;
}

/**
 * The earliest instant that still matters for the queue's order: the first contact while it runs, else the handling
 * due instant (a paused ticket sorts last among the open ones: its clock is stopped).
 */
export function ticketUrgencyAt(t: TicketAlertFacts): Date | null {
  if (!t.open) return null;
  const dues: number[] = [];
  if (t.contactable && t.firstContactAt === null) dues.push(t.firstContactDueAt.getTime());
  if (!t.paused) dues.push(t.handlingDueAt.getTime());
  return dues.length ? new Date(Math.min(...dues)) : null;
}
