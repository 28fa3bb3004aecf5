// The handling clock of a stored ticket, recomputed by the domain (handlingClock) from its facts: receipt, category,
// dispatch level, approved extensions and pauses. Called at intake and after every step that changes one of them.
import {
  handlingClock,
  SHANGHAI_TICKET_CLOCKS,
  type DispatchLevel,
  type HandlingClock,
  type TicketLimitKind,
  type WorkCalendar,
} from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { ticketExtensions, ticketPauses } from './tickets.repository.ts';

/** The Shanghai defaults (I4 [V], I6 [P/CONFIG]); docs/tickets.md lists them. */
export const TICKET_CLOCKS = SHANGHAI_TICKET_CLOCKS;

export async function categoryDefault(db: Executor, code: string): Promise<TicketLimitKind | null> {
  const row = await db.selectFrom('ticket_categories').select('default_limit').where('code', '=', code).executeTakeFirst();
  return (row?.default_limit as TicketLimitKind | undefined) ?? null;
}

export async function storedHandlingClock(
  db: Executor,
  t: { id: string; received_at: Date; category_code: string; dispatch_level: string },
  calendar: WorkCalendar,
  now: Date,
): Promise<HandlingClock> {
  const [extensions, pauses, kind] = await Promise.all([
    ticketExtensions(db, t.id),
    ticketPauses(db, t.id),
    categoryDefault(db, t.category_code),
  ]);
  return handlingClock(
    {
      receivedAt: new Date(t.received_at),
      categoryDefault: kind ?? 'ordinary',
      level: t.dispatch_level as DispatchLevel,
      extensions: extensions.map((e) => ({
        kind: e.kind as 'complex' | 'date',
        ...(e.requested_due ? { requestedDue: e.requested_due } : {}),
        status: e.status as 'pending' | 'approved' | 'rejected',
        ...(e.decided_at ? { decidedAt: new Date(e.decided_at) } : {}),
      })),
      pauses: pauses.map((p) => ({ from: new Date(p.from_at), to: p.to_at ? new Date(p.to_at) : null })),
    },
    calendar,
    now,
    TICKET_CLOCKS,
  );
}

/** The clock of a ticket being taken in: no extension or pause exists yet (what storedHandlingClock reads at intake). */
export function newTicketClock(
  t: { receivedAt: Date; categoryDefault: TicketLimitKind; level: DispatchLevel },
  calendar: WorkCalendar,
  now: Date,
): HandlingClock {
  return handlingClock({ ...t, extensions: [], pauses: [] }, calendar, now, TICKET_CLOCKS);
}

/** Writes the recomputed due date and limit kind on the ticket. */
export async function refreshDue(
  db: Executor,
  t: { id: string; received_at: Date; category_code: string; dispatch_level: string },
  calendar: WorkCalendar,
  now: Date,
): Promise<HandlingClock> {
  const clock = await storedHandlingClock(db, t, calendar, now);
  await db
    .updateTable('tickets')
    .set({ handling_due_on: clock.dueDate, handling_due_at: clock.dueAt, limit_kind: clock.kind, updated_at: now })
    .where('id', '=', t.id)
    .execute();
  return clock;
}
