import { describe, expect, it } from 'vitest';
import {
  checkTicketAlertConfig,
  SHANGHAI_TICKET_ALERTS,
  ticketAlertsDue,
  ticketUrgencyAt,
  type TicketAlertFacts,
} from './ticket-alerts.ts';

const base: TicketAlertFacts = {
  open: true,
  paused: false,
  contactable: true,
  firstContactDueAt: new Date('2026-03-03T02:00:00Z'),
  firstContactAt: null,
  handlingDueAt: new Date('2026-03-09T16:00:00Z'),
};

describe('ALERT overdue and 临期 alerts (seed 004 「临期任务双向提醒」, leads U)', () => {
  it('ALERT-1 warns within the lead, alerts once the due instant has passed, per clock', () => {
    expect(ticketAlertsDue(base, new Date('2026-03-02T02:00:00Z'))).toEqual([]);
    // 4 h before the first contact runs out.
    expect(ticketAlertsDue(base, new Date('2026-03-02T22:00:00Z'))).toEqual([
      { clock: 'first_contact', threshold: 'warning', dueAt: base.firstContactDueAt },
    ]);
    expect(ticketAlertsDue(base, new Date('2026-03-03T02:00:00Z'))[0]!.threshold).toBe('expired');
    const late = ticketAlertsDue({ ...base, firstContactAt: new Date('2026-03-03T05:00:00Z') }, new Date('2026-03-08T16:00:00Z'));
    expect(late).toEqual([{ clock: 'handling', threshold: 'warning', dueAt: base.handlingDueAt }]);
    expect(ticketAlertsDue({ ...base, contactable: false }, new Date('2026-03-10T00:00:00Z'))).toEqual([
      { clock: 'handling', threshold: 'expired', dueAt: base.handlingDueAt },
    ]);
  });

  it('ALERT-2 nothing for a closed, replied or paused ticket; the leads are configuration', () => {
    const now = new Date('2026-03-20T00:00:00Z');
    expect(ticketAlertsDue({ ...base, open: false }, now)).toEqual([]);
    expect(ticketAlertsDue({ ...base, paused: true }, now)).toEqual([]);
    const wide = { ...SHANGHAI_TICKET_ALERTS, handlingLeadHours: 72 };
    expect(ticketAlertsDue({ ...base, contactable: false }, new Date('2026-03-06T17:00:00Z'), wide)).toHaveLength(1);
    expect(checkTicketAlertConfig(SHANGHAI_TICKET_ALERTS)).toBeNull();
    expect(checkTicketAlertConfig({ ...SHANGHAI_TICKET_ALERTS, firstContactLeadHours: 30 })).toBe('firstContactLeadHours');
    expect(SHANGHAI_TICKET_ALERTS.verification).toBe('U');
  });

  it('ALERT-3 the queue sorts by the earliest running clock', () => {
    expect(ticketUrgencyAt(base)).toEqual(base.firstContactDueAt);
    expect(ticketUrgencyAt({ ...base, firstContactAt: new Date() })).toEqual(base.handlingDueAt);
    expect(ticketUrgencyAt({ ...base, open: false })).toBeNull();
  });
});
