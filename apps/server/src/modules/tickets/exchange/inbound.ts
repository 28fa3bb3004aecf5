// Inbound tickets from the exchange: POST /api/public/ticket-exchange/:channel/tickets, authenticated by its signature
// (no user token). The ticket is taken in through the same intake as the command centre's (validation, routing by
// point, clocks, repeats); the same ticket number delivered twice is one ticket with the same answer; a ticket that
// cannot be taken in (malformed or out-of-area coordinates, unknown unit or category, an impossible time) is answered
// `rejected` with the reason and returned through the reply channel (kind `reject`), once per ticket number.
import type { ExchangeTicket, ExchangeTicketAnswer } from '@chengguan/contracts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { intakeTicket } from '../use-cases/intake.ts';
import { insertTicketEvent } from '../tickets.repository.ts';
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

async function answerOf(deps: Deps, channel: string, ticketNo: string, duplicate: boolean): Promise<ExchangeTicketAnswer | null> {
  const row = await deps.db
    .selectFrom('ticket_exchange_inbound as i')
    .leftJoin('tickets as t', 't.id', 'i.ticket_id')
    .select(['i.status', 'i.reason_code', 'i.reason', 't.number'])
    .where('i.channel', '=', channel)
    .where('i.external_no', '=', ticketNo)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ticketNo,
    result: row.status as 'accepted' | 'rejected',
    number: row.number ?? null,
    duplicate,
    reasonCode: row.reason_code,
    reason: row.reason,
  };
}

async function reject(deps: Deps, channel: string, t: ExchangeTicket, bureauId: string | null, why: Rejection) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('ticket_exchange_inbound')
      .values({
        channel,
        external_no: t.ticketNo,
        status: 'rejected',
        ticket_id: null,
        bureau_id: bureauId,
        reason_code: why.code,
        reason: why.reason,
        received_at: now,
        last_at: now,
      })
      .onConflict((oc) => oc.columns(['channel', 'external_no']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return;
    await enqueueExchangeReply(trx, deps, {
      channel,
      ticketId: null,
      bureauId,
      externalNo: t.ticketNo,
      kind: 'reject',
      key: 'intake',
      reason: why.reason,
    });
  });
}

export async function receiveExchangeTicket(
  deps: Deps,
  meta: RequestMeta,
  channel: 'hotline_12345' | 'city_ops',
  t: ExchangeTicket,
): Promise<ExchangeTicketAnswer> {
  const adapter = exchangeAdapter(deps.config);
  if (!adapter) throw new AppError('EXCHANGE_NOT_CONFIGURED');
  // The same ticket delivered again: the same answer, counted.
  const seen = await answerOf(deps, channel, t.ticketNo, true);
  if (seen) {
    await deps.db
      .updateTable('ticket_exchange_inbound')
      .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_at: deps.clock.now() }))
      .where('channel', '=', channel)
      .where('external_no', '=', t.ticketNo)
      .execute();
    return seen;
  }
  const bureau = await deps.db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('region_code', '=', t.unitCode)
    .where('kind', '=', 'district_bureau')
    .where('active', '=', true)
    .executeTakeFirst();
  let rejection: Rejection | null = bureau
    ? coordinateIssue(t)
    : { code: 'UNIT_UNKNOWN', reason: `承办单位代码 ${t.unitCode} 不是本平台的区局` };
  if (!rejection) {
    try {
      const r = await intakeTicket(
        deps,
        { id: null, name: adapter.labelZh, bureauId: bureau!.id, orgId: null, jurisdictionPath: bureau!.path },
        meta,
        {
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
        async (trx, ticketId) => {
          const now = deps.clock.now();
          await trx
            .insertInto('ticket_exchange_inbound')
            .values({
              channel,
              external_no: t.ticketNo,
              status: 'accepted',
              ticket_id: ticketId,
              bureau_id: bureau!.id,
              received_at: now,
              last_at: now,
            })
            .execute();
          await insertTicketEvent(trx, {
            id: deps.newId(),
            ticketId,
            action: 'exchangeIntake',
            from: null,
            to: null,
            actorId: null,
            actorName: adapter.labelZh,
            note: `${adapter.labelZh}派来，来件时限 ${t.limitAt ?? '未注明'}`,
            data: { adapter: adapter.name, simulator: adapter.simulator, limitAt: t.limitAt ?? null, crs: t.crs ?? 'gcj02' },
            at: now,
          });
        },
      );
      if (!r.created) {
        // Taken in earlier by hand from the same number: recorded as this delivery's ticket.
        const now = deps.clock.now();
        await deps.db
          .insertInto('ticket_exchange_inbound')
          .values({
            channel,
            external_no: t.ticketNo,
            status: 'accepted',
            ticket_id: r.id,
            bureau_id: bureau!.id,
            received_at: now,
            last_at: now,
          })
          .onConflict((oc) => oc.columns(['channel', 'external_no']).doNothing())
          .execute();
        return (await answerOf(deps, channel, t.ticketNo, true))!;
      }
      return (await answerOf(deps, channel, t.ticketNo, false))!;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 401 || err.status === 403) {
        // A concurrent delivery of the same number won the race: its answer.
        const raced = await answerOf(deps, channel, t.ticketNo, true);
        if (raced) return raced;
        throw err;
      }
      rejection = { code: err.code, reason: err.messageZh };
    }
  }
  await reject(deps, channel, t, bureau?.id ?? null, rejection);
  return (await answerOf(deps, channel, t.ticketNo, false))!;
}
