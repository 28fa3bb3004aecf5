// Inbound tickets from the exchange: POST /api/public/ticket-exchange/:channel/tickets, authenticated by its signature
// (no user token). The ticket is taken in through the same intake as the command centre's (validation, routing by
// point, clocks, repeats); the same ticket number delivered twice is one ticket with the same answer; a ticket that
// cannot be taken in (malformed or out-of-area coordinates, unknown unit or category, an impossible time) is answered
// `rejected` with the reason and returned through the reply channel (kind `reject`), once per ticket number.
//
// The deliveries that arrive while a batch is being written go together in the next (http/write-together.ts): one
// statement reads what was delivered before, one the units' bureaus, one the facts of every ticket, and the tickets,
// their events, the inbound records and the audit rows are written a statement each.
import { sql } from 'kysely';
import type { ExchangeTicket, ExchangeTicketAnswer } from '@chengguan/contracts';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import type { WrittenItem } from '../../../http/write-together.ts';
import { planIntakes, writeIntakes, type IntakeBody, type IntakeBy, type IntakeDecision, type NewIntake } from '../use-cases/intake.ts';
import { insertTicketEvents } from '../tickets.repository.ts';
import { exchangeAdapter } from './exchange.ts';
import { enqueueExchangeReply } from './outbox.ts';

type Rejection = { code: string; reason: string };

function coordinateIssue(t: ExchangeTicket): Rejection | null {
  const has = (v: number | undefined) => v !== undefined && v !== null;
  if (has(t.lon) !== has(t.lat)) return { code: 'COORDINATES_MALFORMED', reason: '坐标不完整：经度和纬度须同时提供' };
  if (!has(t.lon)) return t.address ? null : { code: 'LOCATION_MISSING', reason: '缺少地址和坐标，无法派遣' };
  const [lon, lat] = [t.lon!, t.lat!];
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    return { code: 'COORDINATES_MALFORMED', reason: `坐标格式错误（经度 ${lon}，纬度 ${lat}）` };
  }
  return null;
}

type Channel = 'hotline_12345' | 'city_ops';

/** One delivery of the exchange, with what makes its answer's JSON (the route's serializer). */
export type ExchangeDelivery = {
  meta: RequestMeta;
  channel: Channel;
  ticket: ExchangeTicket;
  serialize: (answer: ExchangeTicketAnswer) => string;
};

/** Two deliveries of the same ticket number are not written in one batch (the second is the first's duplicate). */
export const exchangeConflictKey = (d: Pick<ExchangeDelivery, 'channel' | 'ticket'>): string =>
  `exchange\n${d.channel}\n${d.ticket.ticketNo}`;

const pairKey = (channel: string, ticketNo: string) => `${channel}\n${ticketNo}`;

/** What is recorded of the deliveries of these ticket numbers, with the number of the ticket each became. */
async function inboundRecords(db: Executor, deliveries: readonly { channel: string; ticket: ExchangeTicket }[]) {
  const rows = await sql<{
    channel: string;
    external_no: string;
    status: string;
    reason_code: string | null;
    reason: string | null;
    number: string | null;
  }>`SELECT i.channel, i.external_no, i.status, i.reason_code, i.reason, t.number
    FROM ticket_exchange_inbound i LEFT JOIN tickets t ON t.id = i.ticket_id
    WHERE (i.channel, i.external_no) IN (SELECT * FROM unnest(${deliveries.map((d) => d.channel)}::text[],
      ${deliveries.map((d) => d.ticket.ticketNo)}::text[]))`.execute(db);
  return new Map(rows.rows.map((r) => [pairKey(r.channel, r.external_no), r]));
}

/** The exchange's deliveries of a batch, inside the caller's unit of work: each answered accepted or rejected. */
export async function receiveExchangeTickets(deps: Deps, deliveries: readonly ExchangeDelivery[]): Promise<WrittenItem[]> {
  const adapter = exchangeAdapter(deps.config);
  if (!adapter) throw new AppError('EXCHANGE_NOT_CONFIGURED');
  const now = deps.clock.now();
  // The same ticket delivered again: the same answer, counted.
  const before = await inboundRecords(deps.db, deliveries);
  const again = deliveries.filter((d) => before.has(pairKey(d.channel, d.ticket.ticketNo)));
  if (again.length > 0) {
    await sql`UPDATE ticket_exchange_inbound SET deliveries = deliveries + 1, last_at = ${now}
      WHERE (channel, external_no) IN (SELECT * FROM unnest(${again.map((d) => d.channel)}::text[],
        ${again.map((d) => d.ticket.ticketNo)}::text[]))`.execute(deps.db);
  }
  const fresh = deliveries.flatMap((d, k) => (before.has(pairKey(d.channel, d.ticket.ticketNo)) ? [] : [k]));
  const units = [...new Set(fresh.map((k) => deliveries[k]!.ticket.unitCode))];
  const bureaus = new Map(
    units.length === 0
      ? []
      : (
          await deps.db
            .selectFrom('orgs')
            .select(['id', 'path', 'region_code'])
            .where('region_code', 'in', units)
            .where('kind', '=', 'district_bureau')
            .where('active', '=', true)
            .execute()
        ).map((b) => [b.region_code, b]),
  );

  const rejections = new Map<number, Rejection>();
  const asked: { k: number; by: IntakeBy; meta: RequestMeta; body: IntakeBody }[] = [];
  for (const k of fresh) {
    const { channel, ticket: t, meta } = deliveries[k]!;
    const bureau = bureaus.get(t.unitCode);
    const rejection = bureau ? coordinateIssue(t) : { code: 'UNIT_UNKNOWN', reason: `承办单位代码 ${t.unitCode} 不是本平台的区局` };
    if (rejection) rejections.set(k, rejection);
    if (rejection || !bureau) continue;
    asked.push({
      k,
      by: { id: null, name: adapter.labelZh, bureauId: bureau.id, orgId: null, jurisdictionPath: bureau.path },
      meta,
      body: {
        channel,
        externalNo: t.ticketNo,
        categoryCode: t.categoryCode,
        content: t.content,
        ...(t.address ? { address: t.address } : {}),
        ...(t.lon !== undefined && t.lat !== undefined ? { point: { lon: t.lon, lat: t.lat, crs: t.crs ?? 'gcj02' } } : {}),
        receivedAt: t.receivedAt,
        ...(t.dispatchLevel ? { dispatchLevel: t.dispatchLevel } : {}),
        ...(t.reporterName ? { reporterName: t.reporterName } : {}),
        ...(t.reporterPhone ? { reporterPhone: t.reporterPhone } : {}),
      },
    });
  }
  const decided: IntakeDecision[] = await planIntakes(deps, asked);
  const created: { k: number; plan: NewIntake }[] = [];
  const takenBefore = new Map<number, string>();
  for (const [j, { k }] of asked.entries()) {
    const d = decided[j]!;
    if (d.kind === 'new') created.push({ k, plan: d });
    else if (d.kind === 'existing') takenBefore.set(k, d.id);
    // Refused by intake: answered `rejected` with the reason. A refusal that is no fault of the ticket is the batch's.
    else if (d.error.status >= 500 || d.error.status === 401 || d.error.status === 403) throw d.error;
    else rejections.set(k, { code: d.error.code, reason: d.error.messageZh });
  }
  await writeIntakes(
    deps,
    deps.db,
    created.map((c) => c.plan),
  );

  // The inbound records: accepted (the new tickets; one taken in earlier by hand from the same number), rejected.
  const record = (k: number, status: 'accepted' | 'rejected', ticketId: string | null, why: Rejection | null) => {
    const { channel, ticket } = deliveries[k]!;
    const bureau = bureaus.get(ticket.unitCode);
    return {
      channel,
      external_no: ticket.ticketNo,
      status,
      ticket_id: ticketId,
      bureau_id: bureau?.id ?? null,
      reason_code: why?.code ?? null,
      reason: why?.reason ?? null,
      received_at: now,
      last_at: now,
    };
  };
  const records = [
    ...created.map(({ k, plan }) => record(k, 'accepted', plan.id, null)),
    ...[...takenBefore].map(([k, id]) => record(k, 'accepted', id, null)),
    ...[...rejections].map(([k, why]) => record(k, 'rejected', null, why)),
  ];
  const inserted =
    records.length === 0
      ? new Set<string>()
      : new Set(
          (
            await deps.db
              .insertInto('ticket_exchange_inbound')
              .values(records)
              .onConflict((oc) => oc.columns(['channel', 'external_no']).doNothing())
              .returning(['channel', 'external_no'])
              .execute()
          ).map((r) => pairKey(r.channel, r.external_no)),
        );
  await insertTicketEvents(
    deps.db,
    created.map(({ k, plan }) => {
      const t = deliveries[k]!.ticket;
      return {
        row: {
          id: deps.newId(),
          ticketId: plan.id,
          action: 'exchangeIntake',
          from: null,
          to: null,
          actorId: null,
          actorName: adapter.labelZh,
          note: `${adapter.labelZh}派来，来件时限 ${t.limitAt ?? '未注明'}`,
          data: { adapter: adapter.name, simulator: adapter.simulator, limitAt: t.limitAt ?? null, crs: t.crs ?? 'gcj02' },
          at: now,
        },
        ticket: plan.ticketOfEvent,
      };
    }),
  );
  // A rejection goes back through the reply channel once per ticket number.
  for (const [k, why] of rejections) {
    const { channel, ticket } = deliveries[k]!;
    if (!inserted.has(pairKey(channel, ticket.ticketNo))) continue;
    await enqueueExchangeReply(deps.db, deps, {
      channel,
      ticketId: null,
      bureauId: bureaus.get(ticket.unitCode)?.id ?? null,
      externalNo: ticket.ticketNo,
      kind: 'reject',
      key: 'intake',
      reason: why.reason,
    });
  }

  const after = await inboundRecords(deps.db, deliveries);
  return deliveries.map((d, k) => {
    const row = after.get(pairKey(d.channel, d.ticket.ticketNo));
    if (!row) throw new Error(`no inbound record of ${d.channel} ${d.ticket.ticketNo}`);
    const answer: ExchangeTicketAnswer = {
      ticketNo: d.ticket.ticketNo,
      result: row.status as 'accepted' | 'rejected',
      number: row.number ?? null,
      // Delivered before, or taken in earlier by hand from the same number.
      duplicate: before.has(pairKey(d.channel, d.ticket.ticketNo)) || takenBefore.has(k),
      reasonCode: row.reason_code,
      reason: row.reason,
    };
    return { ok: true, status: 200, text: d.serialize(answer) };
  });
}
