// 综合指挥 (issue 13 §3): the command centre's queue and map. The queue is the ticket list's query (same filters, same
// jurisdiction) ordered for dispatch: tickets to accept first, then the open ones by their earliest running clock, with
// the alerts raised on them. The map draws the open tickets' points coloured by clock, the squads' service areas and
// the duplicate proposals (later ticket → earlier one, as the ticket page proposes them).
import type { CommandMap, CommandMapDuplicate, CommandMapTicket, CommandQueueItem, CommandQueueQuery, PageOf } from '@chengguan/contracts';
import {
  DEFAULT_DUPLICATE_RULES,
  proposeDuplicates,
  ticketAlertsDue,
  ticketUrgencyAt,
  type TicketAlertConfig,
  type TicketAlertFacts,
  type TicketChannel,
  type TicketState,
} from '@chengguan/domain';
import { sql } from 'kysely';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { squadAreasIn } from '../../subjects/index.ts';
import { toTicketSummary } from '../tickets.mapper.ts';
import { selectTicket, ticketsQuery, type TicketRow } from '../tickets.repository.ts';
import { EXPORT_COLUMNS, filteredTickets, OPEN } from '../use-cases/read-tickets.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The configured leads (TICKET_ALERT_*; Shanghai defaults in the domain's SHANGHAI_TICKET_ALERTS). */
export function alertConfig(deps: Pick<Deps, 'config'>): TicketAlertConfig {
  return {
    firstContactLeadHours: deps.config.ticketAlerts.firstContactLeadHours,
    handlingLeadHours: deps.config.ticketAlerts.handlingLeadHours,
    source: 'TICKET_ALERT_FIRST_CONTACT_LEAD_HOURS / TICKET_ALERT_HANDLING_LEAD_HOURS',
    verification: 'U',
  };
}

export function alertFacts(t: {
  state: string;
  paused_since: Date | string | null;
  reporter_phone: string | null;
  first_contact_due_at: Date | string;
  first_contact_at: Date | string | null;
  handling_due_at: Date | string;
}): TicketAlertFacts {
  return {
    open: OPEN.includes(t.state as TicketState),
    paused: t.paused_since !== null,
    contactable: t.reporter_phone !== null,
    firstContactDueAt: new Date(t.first_contact_due_at),
    firstContactAt: t.first_contact_at ? new Date(t.first_contact_at) : null,
    handlingDueAt: new Date(t.handling_due_at),
  };
}

// The earliest running clock, in SQL (LEAST skips NULLs): first contact while it runs, else the unpaused handling limit.
const URGENCY = sql`LEAST(
  CASE WHEN t.reporter_phone IS NOT NULL AND t.first_contact_at IS NULL THEN t.first_contact_due_at END,
  CASE WHEN t.paused_since IS NULL THEN t.handling_due_at END)`;

function assertCommand(actor: Actor) {
  assertPermission(actor, 'ticket:command');
}

export async function listCommandQueue(deps: Deps, actor: Actor, q: CommandQueueQuery, cap = 200): Promise<PageOf<CommandQueueItem>> {
  assertCommand(actor);
  if (q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo) {
    throw fieldError('receivedTo', '截止日期早于起始日期', 'receivedTo: before receivedFrom');
  }
  let query = filteredTickets(deps, actor, q);
  if (q.alerted) {
    // A raised alert on a clock still running at its current due instant.
    query = query.where('t.state', 'in', OPEN).where(({ exists, selectFrom }) =>
      exists(
        selectFrom('ticket_alerts as a')
          .select('a.ticket_id')
          .whereRef('a.ticket_id', '=', 't.id')
          .where(
            sql<boolean>`((a.clock = 'handling' AND a.due_at = t.handling_due_at AND t.paused_since IS NULL)
              OR (a.clock = 'first_contact' AND a.due_at = t.first_contact_due_at AND t.first_contact_at IS NULL))`,
          ),
      ),
    );
  }
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await selectTicket(query)
    .orderBy(sql`CASE WHEN t.state = 'received' THEN 0 WHEN t.state IN ('accepted', 'dispatched', 'handling') THEN 1 ELSE 2 END`)
    .orderBy(sql`${URGENCY} NULLS LAST`)
    .orderBy('t.received_at')
    .orderBy('t.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as TicketRow[];
  const now = deps.clock.now();
  const calendar = await loadWorkCalendar(deps.db);
  const alerts = rows.length
    ? await deps.db
        .selectFrom('ticket_alerts')
        .selectAll()
        .where(
          'ticket_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('raised_at')
        .execute()
    : [];
  const items = rows.map((r): CommandQueueItem => {
    const facts = alertFacts(r);
    const urgency = ticketUrgencyAt(facts);
    const current = (a: (typeof alerts)[number]) =>
      a.ticket_id === r.id &&
      ((a.clock === 'handling' && iso(a.due_at) === iso(r.handling_due_at)) ||
        (a.clock === 'first_contact' && iso(a.due_at) === iso(r.first_contact_due_at)));
    return {
      ...toTicketSummary(r, now, calendar),
      point: r.point_lon !== null && r.point_lat !== null ? { lon: r.point_lon, lat: r.point_lat } : null,
      urgencyAt: urgency ? urgency.toISOString() : null,
      alerts: facts.open
        ? alerts.filter(current).map((a) => ({
            clock: a.clock as 'first_contact' | 'handling',
            threshold: a.threshold as 'warning' | 'expired',
            dueAt: iso(a.due_at),
            raisedAt: iso(a.raised_at),
          }))
        : [],
    };
  });
  return { items, total: Number(total.n), page, pageSize };
}

const ALERT_ZH = { first_contact: '先行联系', handling: '办结' } as const;
const THRESHOLD_ZH = { warning: '临期', expired: '超期' } as const;
const QUEUE_COLUMNS: XlsxColumn<CommandQueueItem>[] = [
  ...(EXPORT_COLUMNS as unknown as XlsxColumn<CommandQueueItem>[]),
  { header: '最近时限', value: (t) => (t.urgencyAt ? new Date(t.urgencyAt) : null), width: 18 },
  {
    header: '预警',
    value: (t) => t.alerts.map((a) => `${ALERT_ZH[a.clock]}${THRESHOLD_ZH[a.threshold]}`).join('、'),
    width: 20,
  },
];

export async function exportCommandQueue(deps: Deps, actor: Actor, q: CommandQueueQuery): Promise<Buffer> {
  const page = await listCommandQueue(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('综合指挥队列', QUEUE_COLUMNS, page.items);
}

/** How many open tickets the map draws at most (the most urgent first). */
export const MAP_TICKET_CAP = 2000;

export async function commandMap(deps: Deps, actor: Actor): Promise<CommandMap> {
  assertCommand(actor);
  const now = deps.clock.now();
  const config = alertConfig(deps);
  const rows = await ticketsQuery(deps.db, actor)
    .where('t.state', 'in', OPEN)
    .where('t.point_lon', 'is not', null)
    .select([
      't.id',
      't.number',
      't.state',
      't.org_id',
      't.bureau_id',
      't.channel',
      't.category_code',
      't.point_lon',
      't.point_lat',
      't.received_at',
      't.paused_since',
      't.parent_id',
      't.reporter_phone',
      't.first_contact_due_at',
      't.first_contact_at',
      't.handling_due_at',
      'c.name_zh as category_name',
    ])
    .orderBy(sql`${URGENCY} NULLS LAST`)
    .orderBy('t.id')
    .limit(MAP_TICKET_CAP + 1)
    .execute();
  const truncated = rows.length > MAP_TICKET_CAP;
  const shown = rows.slice(0, MAP_TICKET_CAP);
  const tickets: CommandMapTicket[] = shown.map((r) => {
    const facts = alertFacts(r);
    const due = ticketAlertsDue(facts, now, config);
    const clock: CommandMapTicket['clock'] = facts.paused
      ? 'paused'
      : due.some((d) => d.threshold === 'expired')
        ? 'overdue'
        : r.state === 'received'
          ? 'received'
          : due.length
            ? 'warning'
            : 'running';
    return {
      id: r.id,
      number: r.number,
      categoryName: r.category_name,
      state: r.state,
      orgId: r.org_id,
      lon: r.point_lon!,
      lat: r.point_lat!,
      clock,
    };
  });
  // Duplicate proposals: each mergeable ticket (待签收 / 待派遣, no parent) against the earlier ones of its bureau and
  // category within the window — the same rule (proposeDuplicates) and the same direction as the ticket page.
  const mergeable = shown.filter((r) => (r.state === 'received' || r.state === 'accepted') && r.parent_id === null);
  const duplicates: CommandMapDuplicate[] = [];
  if (mergeable.length) {
    const span = DEFAULT_DUPLICATE_RULES.windowHours * 3_600_000;
    const times = mergeable.map((r) => new Date(r.received_at).getTime());
    // Only tickets in the commander's scope: a proposal names the parent, which he must be able to open and merge into.
    const candidates = await ticketsQuery(deps.db, actor)
      .select([
        't.id',
        't.number',
        't.channel',
        't.bureau_id',
        't.category_code',
        't.point_lon',
        't.point_lat',
        't.received_at',
        't.state',
        't.parent_id',
      ])
      .where('t.bureau_id', 'in', [...new Set(mergeable.map((r) => r.bureau_id))])
      .where('t.category_code', 'in', [...new Set(mergeable.map((r) => r.category_code))])
      .where('t.received_at', '>=', new Date(Math.min(...times) - span))
      .where('t.received_at', '<=', new Date(Math.max(...times)))
      .where('t.point_lon', 'is not', null)
      .limit(10_000)
      .execute();
    const asMatch = (r: (typeof candidates)[number] | (typeof mergeable)[number]) => ({
      id: r.id,
      channel: r.channel as TicketChannel,
      categoryCode: r.category_code,
      point: [r.point_lon!, r.point_lat!] as const,
      receivedAt: new Date(r.received_at),
      state: r.state as TicketState,
      parentId: r.parent_id,
    });
    const byId = new Map(candidates.map((c) => [c.id, c]));
    for (const m of mergeable) {
      const at = new Date(m.received_at).getTime();
      const earlier = candidates.filter(
        (c) =>
          c.bureau_id === m.bureau_id &&
          c.category_code === m.category_code &&
          c.id !== m.id &&
          (new Date(c.received_at).getTime() < at || (new Date(c.received_at).getTime() === at && c.id < m.id)),
      );
      for (const p of proposeDuplicates(asMatch(m), earlier.map(asMatch))) {
        const parent = byId.get(p.candidateId)!;
        duplicates.push({
          ticketId: m.id,
          ticketNumber: m.number,
          parentId: parent.id,
          parentNumber: parent.number,
          distanceMetres: p.distanceMetres,
          hoursApart: p.hoursApart,
          from: [m.point_lon!, m.point_lat!],
          to: [parent.point_lon!, parent.point_lat!],
        });
      }
    }
  }
  const areas = (await squadAreasIn(deps.db, actor.jurisdictionPath)).map((a) => ({
    orgId: a.org_id,
    orgName: a.org_name,
    geometry: typeof a.geometry === 'string' ? (JSON.parse(a.geometry) as unknown) : a.geometry,
  }));
  return { tickets, truncated, areas, duplicates };
}
