// All SQL of 诉件处置 (migration 037).
import { degreesOfLatitude } from '@chengguan/domain';
import { sql, type Selectable } from 'kysely';
import type { Actor, Executor } from '../../context.ts';
import { lawRevisionExpression } from '../law/index.ts';
import type { TicketsTable } from './tickets.tables.ts';

export type TicketRow = Selectable<TicketsTable> & {
  org_name: string | null;
  officer_name: string | null;
  category_name: string;
  /** The path jurisdiction is checked against: the squad's, or the bureau's while no squad holds it. */
  scope_path: string;
};

const prefix = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Tickets in the actor's jurisdiction, with the names the list shows. */
export function ticketsQuery(db: Executor, actor: Pick<Actor, 'jurisdictionPath'>) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('orgs as b', 'b.id', 't.bureau_id')
    .leftJoin('orgs as g', 'g.id', 't.org_id')
    .leftJoin('officers as f', 'f.id', 't.officer_id')
    .innerJoin('ticket_categories as c', 'c.code', 't.category_code')
    .where(sql<boolean>`coalesce(g.path, b.path) LIKE ${prefix(actor.jurisdictionPath)}`);
}

export function selectTicket(q: ReturnType<typeof ticketsQuery>) {
  return q
    .selectAll('t')
    .select(['g.name as org_name', 'f.name as officer_name', 'c.name_zh as category_name'])
    .select(sql<string>`coalesce(g.path, b.path)`.as('scope_path'));
}

/**
 * The ticket if the actor's jurisdiction holds it, with the law data's revision (the work calendar is read at it,
 * law-revision.ts); `lock` takes the row for a step.
 */
export async function findTicket(
  db: Executor,
  actor: Pick<Actor, 'jurisdictionPath'>,
  id: string,
  lock = false,
): Promise<(TicketRow & { law_revision: string }) | undefined> {
  let q = selectTicket(ticketsQuery(db, actor)).select(lawRevisionExpression.as('law_revision')).where('t.id', '=', id);
  if (lock) q = q.forUpdate('t');
  return q.executeTakeFirst() as Promise<(TicketRow & { law_revision: string }) | undefined>;
}

/** A ticket of the same bureau and category received within the window around a ticket's (duplicate proposals). */
export type DuplicateCandidateRow = {
  id: string;
  number: string;
  channel: string;
  category_code: string;
  point_lon: number | null;
  point_lat: number | null;
  received_at: Date | string;
  state: string;
  parent_id: string | null;
};

/**
 * `findTicket` and, in the same statement, the ticket's duplicate candidates: the bureau's tickets of its category
 * with a point received within `hours` of it (none when it has no point, at most 500): the ticket page in one round trip.
 */
export async function findTicketWithDuplicateCandidates(
  db: Executor,
  actor: Pick<Actor, 'jurisdictionPath'>,
  id: string,
  rules: { windowHours: number; radiusMetres: number },
): Promise<TicketWithCandidates | undefined> {
  return (await findTicketsWithDuplicateCandidates(db, actor, [id], rules))[0];
}

export type TicketWithCandidates = TicketRow & { law_revision: string; duplicate_candidates: DuplicateCandidateRow[] };

/** `findTicketWithDuplicateCandidates` for several tickets, in one statement (those the actor's jurisdiction holds). */
export async function findTicketsWithDuplicateCandidates(
  db: Executor,
  actor: Pick<Actor, 'jurisdictionPath'>,
  ids: readonly string[],
  rules: { windowHours: number; radiusMetres: number },
): Promise<TicketWithCandidates[]> {
  if (ids.length === 0) return [];
  const span = sql`(${rules.windowHours}::float8 * interval '1 hour')`;
  // The box around the ticket's point that holds the radius (10 % wider than a degree of latitude needs): a burst of
  // tickets of one category in one district no longer sends all of them along for the distance check.
  const dLat = degreesOfLatitude(rules.radiusMetres * 1.1);
  const candidates = sql<DuplicateCandidateRow[]>`(SELECT coalesce(json_agg(d), '[]'::json) FROM (
      SELECT d.id, d.number, d.channel, d.category_code, d.point_lon, d.point_lat, d.received_at, d.state, d.parent_id
      FROM tickets d
      WHERE t.point_lon IS NOT NULL AND d.bureau_id = t.bureau_id AND d.category_code = t.category_code
        AND d.received_at >= t.received_at - ${span} AND d.received_at <= t.received_at + ${span}
        AND d.point_lat BETWEEN t.point_lat - ${dLat}::float8 AND t.point_lat + ${dLat}::float8
        AND d.point_lon BETWEEN t.point_lon - ${dLat}::float8 / cos(radians(t.point_lat))
                            AND t.point_lon + ${dLat}::float8 / cos(radians(t.point_lat))
      LIMIT 500) d)`;
  return selectTicket(ticketsQuery(db, actor))
    .select(lawRevisionExpression.as('law_revision'))
    .select(candidates.as('duplicate_candidates'))
    .where('t.id', 'in', [...ids])
    .execute() as Promise<TicketWithCandidates[]>;
}

/** A ticket's timeline event as listeners (the duty log) see it, inside the step's transaction. */
export type TicketStepEvent = {
  id: string;
  ticketId: string;
  number: string;
  categoryCode: string;
  action: string;
  bureauId: string;
  orgId: string | null;
  officerId: string | null;
  actorId: string | null;
  note: string | null;
  at: Date;
};
/** What the listeners are told of the ticket itself. */
export type TicketOfEvent = { bureau_id: string; org_id: string | null; officer_id: string | null; number: string; category_code: string };
/** Told of the timeline events a statement wrote (one, or a batch of intakes), inside its transaction. */
export type TicketEventListener = (db: Executor, events: readonly TicketStepEvent[]) => Promise<void>;
const TICKET_EVENT_LISTENERS: TicketEventListener[] = [];

/** Told of every timeline event as it is written (registering the same function twice is harmless). */
export function onTicketEvent(listener: TicketEventListener): void {
  if (!TICKET_EVENT_LISTENERS.includes(listener)) TICKET_EVENT_LISTENERS.push(listener);
}

/** The officer's open tickets (处置 by him), the soonest limit first. */
export async function officerOpenTickets(db: Executor, officerId: string, limit = 200) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('ticket_categories as c', 'c.code', 't.category_code')
    .select(['t.id', 't.number', 't.state', 't.address', 't.handling_due_at', 'c.name_zh as category_name'])
    .where('t.officer_id', '=', officerId)
    .where('t.state', 'in', ['dispatched', 'handling'])
    .orderBy('t.handling_due_at')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/** A timeline event to write. */
export type NewTicketEvent = {
  id: string;
  ticketId: string;
  action: string;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorName: string | null;
  note?: string | null;
  data?: unknown;
  at: Date;
};

export async function insertTicketEvent(
  db: Executor,
  row: NewTicketEvent,
  /** The ticket as it stands after the step, when the caller has it in hand (the listeners read it otherwise). */
  ticket?: TicketOfEvent,
): Promise<void> {
  await insertTicketEvents(db, [{ row, ticket }]);
}

/**
 * Writes timeline events in one statement and tells the listeners in one call; each event's ticket as the caller has
 * it in hand, else read for the listeners.
 */
export async function insertTicketEvents(db: Executor, events: readonly { row: NewTicketEvent; ticket?: TicketOfEvent }[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('ticket_events')
    .values(
      events.map(({ row }) => ({
        id: row.id,
        ticket_id: row.ticketId,
        action: row.action,
        from_state: row.from,
        to_state: row.to,
        actor_id: row.actorId,
        actor_name: row.actorName,
        note: row.note ?? null,
        data: JSON.stringify(row.data ?? {}),
        at: row.at,
      })),
    )
    .execute();
  if (TICKET_EVENT_LISTENERS.length === 0) return;
  const told: TicketStepEvent[] = [];
  for (const { row, ticket } of events) {
    const t =
      ticket ??
      (await db
        .selectFrom('tickets')
        .select(['bureau_id', 'org_id', 'officer_id', 'number', 'category_code'])
        .where('id', '=', row.ticketId)
        .executeTakeFirst());
    if (!t) continue;
    told.push({
      id: row.id,
      ticketId: row.ticketId,
      number: t.number,
      categoryCode: t.category_code,
      action: row.action,
      bureauId: t.bureau_id,
      orgId: t.org_id,
      officerId: t.officer_id,
      actorId: row.actorId,
      note: row.note ?? null,
      at: row.at,
    });
  }
  for (const l of TICKET_EVENT_LISTENERS) await l(db, told);
}

export async function ticketEvents(db: Executor, ticketId: string) {
  return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('seq').execute();
}

export async function ticketExtensions(db: Executor, ticketId: string) {
  return db.selectFrom('ticket_extensions').selectAll().where('ticket_id', '=', ticketId).orderBy('requested_at').orderBy('id').execute();
}

export async function ticketPauses(db: Executor, ticketId: string) {
  return db.selectFrom('ticket_pauses').selectAll().where('ticket_id', '=', ticketId).orderBy('from_at').execute();
}

export async function categoryRows(db: Executor) {
  return db.selectFrom('ticket_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

/** Earlier tickets of the bureau at the same address or from the same reporter since `since` (repeat detection). */
export async function repeatCandidates(
  db: Executor,
  bureauId: string,
  addressKey: string | null,
  reporterKey: string | null,
  since: Date,
  until: Date,
) {
  if (!addressKey && !reporterKey) return [];
  return db
    .selectFrom('tickets')
    .select(['id', 'received_at', 'address', 'reporter_key'])
    .where('bureau_id', '=', bureauId)
    .where('received_at', '>=', since)
    .where('received_at', '<=', until)
    .where((eb) =>
      eb.or([...(addressKey ? [eb('address_key', '=', addressKey)] : []), ...(reporterKey ? [eb('reporter_key', '=', reporterKey)] : [])]),
    )
    .orderBy('received_at')
    .limit(200)
    .execute();
}

/** The number a linked case is known by (its 立案 number, else nothing yet). */
export async function caseNumberOf(db: Executor, caseId: string): Promise<string | null> {
  const r = await db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirst();
  return r?.case_number ?? null;
}
