// Rows to the API's shapes: the clocks read at `now` by the domain's readClock; the reporter's phone masked.
import type { TicketClock, TicketSummary } from '@chengguan/contracts';
import { maskPhone, readClock, shanghaiDateOf, type WorkCalendar } from '@chengguan/domain';
import type { TicketRow } from './tickets.repository.ts';

const FINAL_OR_PAUSED_NO_CLOCK = new Set(['returned', 'referred', 'merged']);

function clockDto(r: ReturnType<typeof readClock>, dueOn: string | null): TicketClock {
  return {
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    dueOn,
    remainingMs: r.remainingMs,
    remainingWorkingDays: r.remainingWorkingDays,
  };
}

/** The handling clock: done at the reply; paused while returned awaiting the sender. */
export function handlingReading(t: TicketRow, now: Date, calendar: WorkCalendar): TicketClock {
  const paused = t.paused_since !== null || FINAL_OR_PAUSED_NO_CLOCK.has(t.state);
  const doneAt = t.replied_at ? new Date(t.replied_at) : null;
  return clockDto(
    readClock({ dueAt: new Date(t.handling_due_at), dueDate: t.handling_due_on }, doneAt, now, paused && !doneAt, calendar),
    t.handling_due_on,
  );
}

/** The 24-hour first contact; null when there is no one to contact. */
export function firstContactReading(t: TicketRow, now: Date, calendar: WorkCalendar): TicketClock | null {
  if (!t.reporter_phone) return null;
  const dueAt = new Date(t.first_contact_due_at);
  const r = readClock({ dueAt }, t.first_contact_at ? new Date(t.first_contact_at) : null, now, false, calendar);
  return clockDto(r, shanghaiDateOf(dueAt));
}

export function toTicketSummary(t: TicketRow, now: Date, calendar: WorkCalendar): TicketSummary {
  return {
    id: t.id,
    number: t.number,
    channel: t.channel as TicketSummary['channel'],
    externalNo: t.external_no,
    categoryCode: t.category_code,
    categoryName: t.category_name,
    dispatchLevel: t.dispatch_level as TicketSummary['dispatchLevel'],
    limitKind: t.limit_kind as TicketSummary['limitKind'],
    state: t.state as TicketSummary['state'],
    content: t.content,
    address: t.address,
    bureauId: t.bureau_id,
    orgId: t.org_id,
    orgName: t.org_name,
    officerId: t.officer_id,
    officerName: t.officer_name,
    reporterPhone: t.reporter_phone ? maskPhone(t.reporter_phone) : null,
    receivedAt: new Date(t.received_at).toISOString(),
    handlingDueOn: t.handling_due_on,
    handling: handlingReading(t, now, calendar),
    firstContact: firstContactReading(t, now, calendar),
    repeated: t.repeated,
    parentId: t.parent_id,
  };
}
