// The citizen's complaints (issue 13 §1c, §4): filed through the portal by a citizen signed in with his phone, they
// enter the same intake as every channel (channel `portal`: routing by the point to the squad, the 24-hour first
// contact, the I6 limit and the I4 WD(5) feedback clock, repeats and duplicate proposals); he reads only his own
// tickets, with the clocks the officers read (`toTicketSummary`), the answers the bureau gave him, and rates a closed
// ticket — the same columns the hotline callback (回访) writes, so the rating counts in the satisfaction rate.
import type {
  CitizenComplaintBody,
  CitizenOptions,
  CitizenRatingBody,
  CitizenTicketDetail,
  CitizenTicketListQuery,
  CitizenTicketSummary,
  PageOf,
} from '@chengguan/contracts';
import {
  callbackNeedsReview,
  districtAt,
  districtOfBureau,
  selectableTicketCategories,
  SATISFACTION_LABELS,
  type SatisfactionLevel,
} from '@chengguan/domain';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { addHolder, fileNameFor, findFile, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { cityMap, cityPointOrFail, getPublicMapData } from '../../geo/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { toTicketSummary } from '../tickets.mapper.ts';
import { categoryRows, insertTicketEvent, selectTicket, ticketEvents, ticketsQuery, type TicketRow } from '../tickets.repository.ts';
import { intakeTicket } from './intake.ts';

export type Citizen = { id: string; phone: string };

/** Every ticket, whatever the jurisdiction: the citizen's own are picked by `citizen_id`. */
const EVERYWHERE = { jurisdictionPath: '' };

/** The district bureaus with the district each one's name says (the shipped boundaries). */
async function districtBureaus(db: Executor): Promise<{ id: string; name: string; district: string; path: string }[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'path'])
    .where('kind', '=', 'district_bureau')
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const { districts } = cityMap();
  return rows.flatMap((r) => {
    const d = districtOfBureau(r.name, districts);
    return d ? [{ id: r.id, name: r.name, district: d.name, path: r.path }] : [];
  });
}

export async function citizenOptions(deps: Deps): Promise<CitizenOptions> {
  const rows = await categoryRows(deps.db);
  const domain = rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    parent: r.parent_code,
    defaultLimit: r.default_limit as 'consultation' | 'ordinary',
    active: r.active,
  }));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const categories = selectableTicketCategories(domain).map((c) => {
    const group = c.parent ? byCode.get(c.parent) : undefined;
    return { code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, groupZh: group?.name_zh ?? '', groupEn: group?.name_en ?? '' };
  });
  const bureaus = (await districtBureaus(deps.db)).map(({ id, name, district }) => ({ id, name, district }));
  return { categories, bureaus, map: getPublicMapData(deps) };
}

/** The district bureau of the place: the point's district, else the one the citizen chose for a typed address. */
async function bureauOf(db: Executor, body: CitizenComplaintBody) {
  const bureaus = await districtBureaus(db);
  if (body.point) {
    const p = cityPointOrFail(body.point, 'point');
    const district = districtAt(p, cityMap().districts);
    const bureau = district ? bureaus.find((b) => b.district === district.name) : undefined;
    if (!bureau) {
      throw new AppError('POINT_OUTSIDE_BUREAU', {
        field: 'point',
        message: '所选地点不在本市任何区的城管执法辖区内，请在地图上重新选点或填写地址',
        messageEn: 'point: the place lies in no district of the city’s enforcement bureaus; pick it again or type the address',
        details: [{ field: 'point', message: '地点不在本市各区辖区内', messageEn: 'The point lies in no district' }],
      });
    }
    if (body.bureauId && body.bureauId !== bureau.id) {
      throw fieldError('bureauId', `所选地点位于${bureau.district}，与所选区不一致`, `bureauId: the point lies in ${bureau.district}`);
    }
    return bureau;
  }
  if (!body.address) throw fieldError('point', '请在地图上选点或填写地址', 'point: pick the place on the map or type the address');
  if (!body.bureauId) throw fieldError('bureauId', '只填写地址时，请选择所在区', 'bureauId: choose the district of the address');
  const bureau = bureaus.find((b) => b.id === body.bureauId);
  if (!bureau) throw fieldError('bureauId', '所选区不存在', 'bureauId: no such district bureau');
  return bureau;
}

/** Files a complaint: the same intake as every channel, his photos checked to be his own uploads. */
export async function fileCitizenComplaint(
  deps: Deps,
  citizen: Citizen,
  meta: RequestMeta,
  body: CitizenComplaintBody,
): Promise<CitizenTicketDetail> {
  const bureau = await bureauOf(deps.db, body);
  const photos = body.photoSm3s ?? [];
  const { id } = await intakeTicket(
    deps,
    { id: null, name: '市民（门户投诉）', bureauId: bureau.id, orgId: null, jurisdictionPath: bureau.path },
    meta,
    {
      channel: 'portal',
      categoryCode: body.categoryCode,
      content: body.content,
      ...(body.address ? { address: body.address } : {}),
      ...(body.point ? { point: body.point } : {}),
      ...(body.reporterName ? { reporterName: body.reporterName } : {}),
      // Without his consent the officers get no number to call: no first contact clock, no callback.
      ...(body.contactConsent ? { reporterPhone: citizen.phone } : {}),
      photoSm3s: photos,
    },
    async (trx, ticketId) => {
      await trx.updateTable('tickets').set({ citizen_id: citizen.id }).where('id', '=', ticketId).execute();
      // The officers of the bureau open the photos as any of their ticket's files.
      for (const sm3 of photos) await addHolder(trx, sm3, 'bureau', bureau.id);
    },
    { photosHeldBy: { kind: 'citizen', id: citizen.id } },
  );
  return getCitizenTicket(deps, citizen, id);
}

function citizenQuery(deps: Deps, citizenId: string) {
  return ticketsQuery(deps.db, EVERYWHERE).where('t.citizen_id', '=', citizenId);
}

function summaryOf(t: TicketRow, now: Date, calendar: Awaited<ReturnType<typeof loadWorkCalendar>>): CitizenTicketSummary {
  const s = toTicketSummary(t, now, calendar);
  return {
    id: s.id,
    number: s.number,
    categoryName: s.categoryName,
    state: s.state,
    address: s.address,
    content: s.content,
    receivedAt: s.receivedAt,
    handling: s.handling,
    firstContact: s.firstContact,
  };
}

export async function listCitizenTickets(deps: Deps, citizen: Citizen, q: CitizenTicketListQuery): Promise<PageOf<CitizenTicketSummary>> {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, 50);
  const total = await citizenQuery(deps, citizen.id)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = (await selectTicket(citizenQuery(deps, citizen.id))
    .orderBy('t.received_at', 'desc')
    .orderBy('t.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as TicketRow[];
  const now = deps.clock.now();
  const calendar = await loadWorkCalendar(deps.db);
  return { items: rows.map((r) => summaryOf(r, now, calendar)), total: Number(total.n), page, pageSize };
}

async function ownTicketOrFail(db: Executor, citizen: Citizen, id: string, lock = false): Promise<TicketRow> {
  let q = selectTicket(ticketsQuery(db, EVERYWHERE).where('t.citizen_id', '=', citizen.id)).where('t.id', '=', id);
  if (lock) q = q.forUpdate('t');
  const row = (await q.executeTakeFirst()) as TicketRow | undefined;
  // Another citizen's ticket is answered as an unknown one.
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The steps he is told about, in plain words: no officer's name, no internal note. */
const PROGRESS: Record<string, [string, string]> = {
  intake: ['已受理您的投诉', 'Your complaint was received'],
  accept: ['指挥中心已签收', 'The command centre accepted it'],
  dispatch: ['已派遣至承办中队', 'Sent to the squad in charge'],
  transfer: ['已转派至承办中队', 'Transferred to the squad in charge'],
  recordContact: ['执法队员已与您联系', 'An officer contacted you'],
  startHandling: ['执法队员正在处置', 'Officers are handling it'],
  escalate: ['已列入督办', 'Placed under supervision'],
  reply: ['已答复处置情况', 'The bureau replied'],
  close: ['已办结', 'Closed'],
  recordCallback: ['已回访', 'Callback recorded'],
  refer: ['不属城管执法职责，已移送有关部门', 'Outside the bureau’s remit: referred to the competent department'],
  merge: ['与相同问题的投诉合并处理', 'Handled together with an earlier complaint about the same problem'],
  returnTicket: ['暂停处理，等待重新受理', 'Paused, waiting to be taken in again'],
  reopen: ['重新处理', 'Taken up again'],
  caseOutcome: ['已转为执法案件办理', 'Handled as an enforcement case'],
};

export async function getCitizenTicket(deps: Deps, citizen: Citizen, id: string): Promise<CitizenTicketDetail> {
  const t = await ownTicketOrFail(deps.db, citizen, id);
  const now = deps.clock.now();
  const calendar = await loadWorkCalendar(deps.db);
  const events = await ticketEvents(deps.db, id);
  const agency = await deps.db
    .selectFrom('orgs')
    .select('name')
    .where('id', 'in', [t.bureau_id, ...(t.org_id ? [t.org_id] : [])])
    .orderBy('depth')
    .execute();
  const replies: CitizenTicketDetail['replies'] = [];
  if (t.reply_text && t.replied_at) replies.push({ kind: 'reply', text: t.reply_text, at: new Date(t.replied_at).toISOString() });
  if (t.state === 'referred') {
    const referral = [...events].reverse().find((e) => e.action === 'refer');
    if (referral) replies.push({ kind: 'referral', text: referral.note ?? PROGRESS.refer![0], at: new Date(referral.at).toISOString() });
  }
  if (t.outcome_reply_text && t.outcome_reply_queued_at) {
    replies.push({ kind: 'caseOutcome', text: t.outcome_reply_text, at: new Date(t.outcome_reply_queued_at).toISOString() });
  }
  return {
    ...summaryOf(t, now, calendar),
    handlingDueOn: t.handling_due_on,
    feedbackDueOn: t.feedback_due_on,
    agency: agency.map((a) => a.name).join(' '),
    point: t.point_lon !== null && t.point_lat !== null ? { lon: t.point_lon, lat: t.point_lat } : null,
    photoCount: t.photo_sm3s.length,
    photoSm3s: t.photo_sm3s,
    contactConsent: t.reporter_phone !== null,
    progress: events.flatMap((e) => {
      const text = PROGRESS[e.action];
      return text ? [{ kind: e.action, textZh: text[0], textEn: text[1], at: new Date(e.at).toISOString() }] : [];
    }),
    replies,
    satisfaction: t.satisfaction as SatisfactionLevel | null,
    resolved: t.resolved,
    canRate: t.state === 'closed' && t.satisfaction === null,
  };
}

/**
 * 回访 by the citizen himself: once, after the ticket is closed. It writes the ticket's `satisfaction` (and `resolved`
 * when he answers it) as the command centre's callback step does, with a `recordCallback` timeline event marked
 * `via: 'portal'`, so the satisfaction and resolution rates count it alike; an unsatisfied answer is flagged for
 * 回访复核 (`needsReview`) as the callback step flags it.
 */
export async function rateCitizenTicket(
  deps: Deps,
  citizen: Citizen,
  meta: RequestMeta,
  id: string,
  body: CitizenRatingBody,
): Promise<CitizenTicketDetail> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await ownTicketOrFail(trx, citizen, id, true);
    if (t.state !== 'closed') {
      throw new AppError('STATE_CONFLICT', {
        message: '诉件办结后才能评价',
        messageEn: 'The ticket can be rated once it is closed',
      });
    }
    if (t.satisfaction !== null) {
      throw new AppError('STATE_CONFLICT', { message: '该诉件已回访评价，不能重复评价', messageEn: 'The ticket has been rated already' });
    }
    const resolved = body.resolved ?? null;
    const needsReview = callbackNeedsReview(resolved, body.satisfaction);
    await trx
      .updateTable('tickets')
      .set({ satisfaction: body.satisfaction, ...(resolved !== null ? { resolved } : {}), updated_at: now })
      .where('id', '=', t.id)
      .execute();
    await insertTicketEvent(trx, {
      id: deps.newId(),
      ticketId: t.id,
      action: 'recordCallback',
      from: t.state,
      to: t.state,
      actorId: null,
      actorName: '诉求人（门户评价）',
      note: `${SATISFACTION_LABELS[body.satisfaction]}${body.comment ? `：${body.comment}` : ''}`,
      data: { via: 'portal', satisfaction: body.satisfaction, resolved, comment: body.comment ?? null, needsReview },
      at: now,
    });
    await recordAudit(trx, deps, null, meta, {
      action: 'ticket.citizen_rating',
      entityType: 'ticket',
      entityId: t.id,
      bureauId: t.bureau_id,
      data: { satisfaction: body.satisfaction, resolved, needsReview },
    });
  });
  return getCitizenTicket(deps, citizen, id);
}

/** One photo of his own complaint, read through the ticket and checked against its SM3 (404 for any other file). */
export async function getCitizenTicketPhoto(deps: Deps, citizen: Citizen, meta: RequestMeta, id: string, sm3: string): Promise<ServedFile> {
  const t = await ownTicketOrFail(deps.db, citizen, id);
  if (!t.photo_sm3s.includes(sm3)) throw new AppError('NOT_FOUND');
  const file = await findFile(deps.db, sm3);
  if (!file) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor: null, meta, objectType: 'ticket', objectId: t.id, channel: 'portal' });
  return { bytes, mime: file.mime, sm3, filename: fileNameFor(`投诉照片-${t.number}`, file.mime) };
}
