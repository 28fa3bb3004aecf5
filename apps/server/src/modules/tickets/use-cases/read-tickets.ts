// Reading tickets: the list (filters, server paging, Excel export), the ticket page (clocks, timeline, extensions,
// duplicate proposals, the steps the user may take), the categories and the four rates.
import type {
  PageOf,
  TicketCategory,
  TicketDetail,
  TicketListQuery,
  TicketRates,
  TicketRatesQuery,
  TicketSummary,
} from '@chengguan/contracts';
import {
  allowedTicketActions,
  DEFAULT_DUPLICATE_RULES,
  proposeDuplicates,
  selectableTicketCategories,
  ticketRates,
  type SatisfactionLevel,
  type TicketChannel,
  type TicketFacts,
  type TicketState,
} from '@chengguan/domain';
import { sql } from 'kysely';
import { isExchangeChannel, ticketOutbox } from '../exchange/outbox.ts';
import type { Actor, Deps } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiInstant } from '../../../shared/time.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { toTicketSummary } from '../tickets.mapper.ts';
import {
  caseNumberOf,
  categoryRows,
  findTicketsWithDuplicateCandidates,
  findTicketWithDuplicateCandidates,
  selectTicket,
  ticketEvents,
  ticketExtensions,
  ticketsQuery,
  type TicketRow,
  type TicketWithCandidates,
} from '../tickets.repository.ts';

export const OPEN: TicketState[] = ['received', 'accepted', 'dispatched', 'handling'];

/** The reporter's contact in full for those who must call him: the command centre and the handling squad. */
function seesContact(actor: Actor, t: TicketRow): boolean {
  if (actor.roles.includes('commander')) return true;
  return t.org_id !== null && t.org_id === actor.orgId && (actor.roles.includes('field_officer') || actor.roles.includes('squad_leader'));
}

export async function getTicket(deps: Deps, actor: Actor, id: string): Promise<TicketDetail> {
  assertPermission(actor, 'ticket:read');
  const t = await findTicketWithDuplicateCandidates(deps.db, actor, id, DEFAULT_DUPLICATE_RULES);
  if (!t) throw new AppError('NOT_FOUND');
  const [events, extensions, children, outbox, linkedCase, jointOrders] = await Promise.all([
    ticketEvents(deps.db, id),
    ticketExtensions(deps.db, id),
    deps.db.selectFrom('tickets').select('id').where('parent_id', '=', id).orderBy('received_at').execute(),
    ticketOutbox(deps.db, id),
    t.case_id ? caseNumberOf(deps.db, t.case_id) : Promise.resolve(null),
    jointOrdersOf(deps.db, id),
  ]);
  return ticketDetail(deps, actor, t, {
    events,
    extensions,
    children: children.map((c) => c.id),
    outbox,
    linkedCase,
    jointOrders,
  });
}

/** The joint orders linked to the ticket (the coordination module's table, read by its link column). */
async function jointOrdersOf(db: Deps['db'], ticketId: string): Promise<TicketDetail['jointOrders']> {
  return db
    .selectFrom('joint_orders as j')
    .innerJoin('partner_units as p', 'p.id', 'j.partner_id')
    .select(['j.id', 'j.number', 'p.name as partnerName', 'j.direction', 'j.state'])
    .where('j.ticket_id', '=', ticketId)
    .orderBy('j.created_at')
    .execute();
}

type TicketEventRow = Awaited<ReturnType<typeof ticketEvents>>[number];
export type IntakeEvent = Pick<TicketEventRow, 'id' | 'action' | 'from_state' | 'to_state' | 'actor_name' | 'note' | 'at'>;

/**
 * The pages of tickets this transaction has just taken in (use-cases/intake.ts): the same answer as `getTicket`,
 * without reading what cannot exist yet — each timeline is the intake's one event, and there is no extension, child
 * ticket, outbox message or case; one statement per jurisdiction among the actors (a burst's tickets are taken in by
 * one command centre). Answers in the given order; undefined where the actor cannot see the ticket.
 */
export async function newTicketDetails(
  deps: Deps,
  taken: readonly { actor: Actor; id: string; intake: IntakeEvent }[],
): Promise<(TicketDetail | undefined)[]> {
  for (const { actor } of taken) assertPermission(actor, 'ticket:read');
  const rows = new Map<string, TicketWithCandidates>();
  for (const path of new Set(taken.map((t) => t.actor.jurisdictionPath))) {
    const ids = taken.filter((t) => t.actor.jurisdictionPath === path).map((t) => t.id);
    for (const r of await findTicketsWithDuplicateCandidates(deps.db, { jurisdictionPath: path }, ids, DEFAULT_DUPLICATE_RULES)) {
      rows.set(`${path}\n${r.id}`, r);
    }
  }
  const none = { extensions: [], children: [], outbox: [], linkedCase: null, jointOrders: [] };
  return Promise.all(
    taken.map(({ actor, id, intake }) => {
      const t = rows.get(`${actor.jurisdictionPath}\n${id}`);
      return t ? ticketDetail(deps, actor, t, { ...none, events: [intake] }) : undefined;
    }),
  );
}

async function ticketDetail(
  deps: Deps,
  actor: Actor,
  t: TicketWithCandidates,
  parts: {
    events: IntakeEvent[];
    extensions: Awaited<ReturnType<typeof ticketExtensions>>;
    children: string[];
    outbox: Awaited<ReturnType<typeof ticketOutbox>>;
    linkedCase: string | null;
    jointOrders: TicketDetail['jointOrders'];
  },
): Promise<TicketDetail> {
  const { events, extensions, children, outbox, linkedCase, jointOrders } = parts;
  const now = deps.clock.now();
  const calendar = await loadWorkCalendar(deps.db, t.law_revision);
  let duplicates: TicketDetail['duplicates'] = [];
  if (t.point_lon !== null && t.point_lat !== null && OPEN.includes(t.state as TicketState) && t.parent_id === null) {
    const receivedAt = new Date(t.received_at);
    // Read with the ticket, in its statement.
    const rows = t.duplicate_candidates;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const asMatch = (r: (typeof rows)[number]) => ({
      id: r.id,
      channel: r.channel as TicketChannel,
      categoryCode: r.category_code,
      point: [r.point_lon!, r.point_lat!] as const,
      receivedAt: new Date(r.received_at),
      state: r.state as TicketState,
      parentId: r.parent_id,
    });
    const me = asMatch({ ...t, point_lon: t.point_lon, point_lat: t.point_lat });
    // Only the earlier tickets: the later one is merged into the first.
    const earlier = rows.filter(
      (r) =>
        new Date(r.received_at).getTime() < receivedAt.getTime() ||
        (new Date(r.received_at).getTime() === receivedAt.getTime() && r.id < t.id),
    );
    duplicates = proposeDuplicates(me, earlier.map(asMatch)).map((p) => {
      const r = byId.get(p.candidateId)!;
      return {
        id: r.id,
        number: r.number,
        channel: r.channel as TicketChannel,
        distanceMetres: p.distanceMetres,
        hoursApart: p.hoursApart,
      };
    });
  }
  const visible = seesContact(actor, t);
  const summary = toTicketSummary(t, now, calendar);
  return {
    ...summary,
    reporterPhone: visible ? t.reporter_phone : summary.reporterPhone,
    reporterName: t.reporter_name ? (visible ? t.reporter_name : `${[...t.reporter_name][0]}**`) : null,
    reporterContactVisible: visible,
    point: t.point_lon !== null && t.point_lat !== null ? { lon: t.point_lon, lat: t.point_lat } : null,
    photoSm3s: t.photo_sm3s,
    replyText: t.reply_text,
    repliedAt: t.replied_at ? new Date(t.replied_at).toISOString() : null,
    closedAt: t.closed_at ? new Date(t.closed_at).toISOString() : null,
    resolved: t.resolved,
    satisfaction: t.satisfaction as SatisfactionLevel | null,
    feedbackDueOn: t.feedback_due_on,
    limitBasis: limitBasisText(t.limit_kind),
    caseId: t.case_id,
    caseNumber: linkedCase,
    caseOutcome: t.case_outcome,
    outcomeReplyText: t.outcome_reply_text,
    outcomeReplyQueuedAt: t.outcome_reply_queued_at ? new Date(t.outcome_reply_queued_at).toISOString() : null,
    outcomeReplySentAt: t.outcome_reply_sent_at ? new Date(t.outcome_reply_sent_at).toISOString() : null,
    children,
    jointOrders,
    allowedActions: allowedTicketActions(t.state as TicketState, actor.roles).filter(
      (a) => a !== 'convertToCase' || (t.case_id === null && t.parent_id === null && actor.permissions.has('case:write')),
    ),
    extensions: extensions.map((e) => ({
      id: e.id,
      kind: e.kind as 'complex' | 'date',
      requestedDue: e.requested_due,
      reason: e.reason,
      status: e.status as 'pending' | 'approved' | 'rejected',
      requestedAt: new Date(e.requested_at).toISOString(),
      decidedAt: e.decided_at ? new Date(e.decided_at).toISOString() : null,
      decisionNote: e.decision_note,
    })),
    duplicates,
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      actorName: e.actor_name,
      note: e.note,
      at: new Date(e.at).toISOString(),
    })),
    outbox,
    exchangeSimulated: isExchangeChannel(t.channel) && deps.config.ticketExchange === 'simulator',
  };
}

const LIMIT_TEXT: Record<string, string> = {
  consultation: '一般的咨询、意见建议事项，1 个工作日内办结（上海12345热线街镇办理时限，本地默认值，可配置）',
  ordinary: '一般的求助、投诉事项，5 个工作日内办结（上海12345热线街镇办理时限，本地默认值，可配置）',
  supervision: '热线督办以及回访复核事项，3 个工作日内办结（上海12345热线街镇办理时限，本地默认值，可配置）',
  complex: '复杂事项经申请批准，15 个工作日内办结（上海12345热线街镇办理时限，本地默认值，可配置）',
};
function limitBasisText(kind: string): string {
  return LIMIT_TEXT[kind] ?? kind;
}

/** The list's filters over the jurisdiction's tickets (the list, its export and the command centre's queue). */
export function filteredTickets(deps: Deps, actor: Actor, q: TicketListQuery) {
  let query = ticketsQuery(deps.db, actor);
  const now = deps.clock.now();
  if (q.state) query = query.where('t.state', '=', q.state);
  if (q.open) query = query.where('t.state', 'in', OPEN);
  if (q.channel) query = query.where('t.channel', '=', q.channel);
  if (q.categoryCode) query = query.where('t.category_code', 'like', `${q.categoryCode}%`);
  if (q.orgId) query = query.where('t.org_id', '=', q.orgId);
  if (q.mine) query = query.where('t.officer_id', '=', actor.id);
  if (q.caseId) query = query.where('t.case_id', '=', q.caseId);
  if (q.repeated !== undefined) query = query.where('t.repeated', '=', q.repeated);
  if (q.overdue === true)
    query = query.where('t.state', 'in', OPEN).where('t.paused_since', 'is', null).where('t.handling_due_at', '<', now);
  if (q.overdue === false) query = query.where((eb) => eb.or([eb('t.state', 'not in', OPEN), eb('t.handling_due_at', '>=', now)]));
  if (q.receivedFrom) query = query.where('t.received_at', '>=', shanghaiInstant(q.receivedFrom));
  if (q.receivedTo) query = query.where('t.received_at', '<', new Date(shanghaiInstant(q.receivedTo).getTime() + 86_400_000));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('t.number', 'like', like),
        eb('t.external_no', 'like', like),
        eb('t.address', 'like', like),
        eb('t.content', 'like', like),
      ]),
    );
  }
  return query;
}

export async function listTickets(deps: Deps, actor: Actor, q: TicketListQuery, cap = 200): Promise<PageOf<TicketSummary>> {
  assertPermission(actor, 'ticket:read');
  if (q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo) {
    throw fieldError('receivedTo', '截止日期早于起始日期', 'receivedTo: before receivedFrom');
  }
  const query = filteredTickets(deps, actor, q);
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await selectTicket(query)
    .orderBy(sql`CASE WHEN t.state IN ('received', 'accepted', 'dispatched', 'handling') THEN 0 ELSE 1 END`)
    .orderBy('t.handling_due_at')
    .orderBy('t.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as TicketRow[];
  const now = deps.clock.now();
  const calendar = await loadWorkCalendar(deps.db);
  return { items: rows.map((r) => toTicketSummary(r, now, calendar)), total: Number(total.n), page, pageSize };
}

const CHANNEL_ZH: Record<TicketSummary['channel'], string> = {
  hotline_12345: '12345热线',
  city_ops: '城运平台',
  portal: '门户',
  officer: '自行发现',
  workroom: '社区工作室',
  open311: '开放接口',
  joint_order: '联合工单',
};
const STATE_ZH: Record<TicketSummary['state'], string> = {
  received: '待签收',
  accepted: '待派遣',
  dispatched: '待处置',
  handling: '处置中',
  replied: '已回复',
  closed: '已结案',
  returned: '已退单',
  referred: '已移送',
  merged: '已合并',
};
const CLOCK_ZH: Record<TicketSummary['handling']['status'], string> = {
  running: '办理中',
  paused: '暂停',
  met: '按期',
  late: '超期办结',
  overdue: '已超期',
};

export const EXPORT_COLUMNS: XlsxColumn<TicketSummary>[] = [
  { header: '诉件编号', value: (t) => t.number, width: 20 },
  { header: '来源', value: (t) => CHANNEL_ZH[t.channel] },
  { header: '来件编号', value: (t) => t.externalNo, width: 18 },
  { header: '分类', value: (t) => t.categoryName, width: 18 },
  { header: '地址', value: (t) => t.address, width: 30 },
  { header: '中队', value: (t) => t.orgName, width: 18 },
  { header: '受理时间', value: (t) => new Date(t.receivedAt), width: 18 },
  { header: '办结期限', value: (t) => t.handlingDueOn, width: 12 },
  { header: '时限状态', value: (t) => CLOCK_ZH[t.handling.status] },
  { header: '状态', value: (t) => STATE_ZH[t.state] },
  { header: '重复投诉', value: (t) => (t.repeated ? '是' : '') },
];

export async function exportTickets(deps: Deps, actor: Actor, q: TicketListQuery): Promise<Buffer> {
  const page = await listTickets(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('诉件', EXPORT_COLUMNS, page.items);
}

export async function listTicketCategories(deps: Deps, actor: Actor): Promise<TicketCategory[]> {
  assertPermission(actor, 'ticket:read');
  const rows = await categoryRows(deps.db);
  const domain = rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    parent: r.parent_code,
    defaultLimit: r.default_limit as 'consultation' | 'ordinary',
    active: r.active,
  }));
  const selectable = new Set(selectableTicketCategories(domain).map((c) => c.code));
  return domain.map((c, i) => ({
    code: c.code,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    parentCode: c.parent,
    defaultLimit: c.defaultLimit,
    active: c.active,
    selectable: selectable.has(c.code),
    offenceCode: rows[i]!.offence_code,
  }));
}

/** The columns the four rates are computed from, and the facts `ticketRates` takes from such a row. */
export const RATE_FACT_COLUMNS = [
  't.state',
  't.received_at',
  't.reporter_phone',
  't.first_contact_due_at',
  't.first_contact_at',
  't.handling_due_at',
  't.replied_at',
  't.resolved',
  't.satisfaction',
  't.case_id',
] as const;

const EXCLUDED_FROM_RATES: ReadonlySet<string> = new Set(['returned', 'referred', 'merged']);

export function rateFacts(r: {
  state: string;
  received_at: Date | string;
  reporter_phone: string | null;
  first_contact_due_at: Date | string;
  first_contact_at: Date | string | null;
  handling_due_at: Date | string;
  replied_at: Date | string | null;
  resolved: boolean | null;
  satisfaction: string | null;
  case_id: string | null;
}): TicketFacts {
  return {
    receivedAt: new Date(r.received_at),
    contactable: r.reporter_phone !== null,
    firstContactDueAt: new Date(r.first_contact_due_at),
    firstContactAt: r.first_contact_at ? new Date(r.first_contact_at) : null,
    handlingDueAt: new Date(r.handling_due_at),
    repliedAt: r.replied_at ? new Date(r.replied_at) : null,
    excluded: EXCLUDED_FROM_RATES.has(r.state),
    resolved: r.resolved,
    satisfaction: r.satisfaction as SatisfactionLevel | null,
    convertedToCase: r.case_id !== null,
  };
}

/** The four numbers over the tickets received from `from` to `to` (Shanghai days) in the jurisdiction, or one squad. */
export async function getTicketRates(deps: Deps, actor: Actor, q: TicketRatesQuery): Promise<TicketRates> {
  assertPermission(actor, 'ticket:read');
  if (q.from > q.to) throw fieldError('to', '截止日期早于起始日期', 'to: before from');
  let query = ticketsQuery(deps.db, actor)
    .where('t.received_at', '>=', shanghaiInstant(q.from))
    .where('t.received_at', '<', new Date(shanghaiInstant(q.to).getTime() + 86_400_000));
  if (q.orgId) query = query.where('t.org_id', '=', q.orgId);
  const rows = await query.select(RATE_FACT_COLUMNS).execute();
  const rates = ticketRates(rows.map(rateFacts), deps.clock.now());
  return { from: q.from, to: q.to, ...rates };
}
