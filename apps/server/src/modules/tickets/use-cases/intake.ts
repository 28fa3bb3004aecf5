// Intake (受理): an officer's own discovery, or a ticket the command centre takes in from 12345 / 城运 / a community
// workroom with the sender's number. The point routes it to the squad whose service area holds it (org_areas,
// through the registry's squadOfPoint); the clocks are set by the domain (24-hour first contact, I6 handling limit,
// I4 feedback); repeats are flagged and duplicates proposed on the ticket page. One transaction with its audit row.
import type { CreateTicketBody, TicketDetail } from '@chengguan/contracts';
import {
  DEFAULT_REPEAT_RULES,
  feedbackDue,
  firstContactDue,
  repeatedComplaint,
  shanghaiDateOf,
  ticketAddressKey,
  type DispatchLevel,
  type TicketChannel,
  type TicketLimitKind,
} from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { recordAuditAtCommit } from '../../audit/index.ts';
import { heldBy } from '../../files/index.ts';
import { bureauNameOf, cityPointOrFail, placeOf } from '../../geo/index.ts';
import { lawRevisionExpression, loadWorkCalendar } from '../../law/index.ts';
import { findOrg } from '../../org/index.ts';
import { squadOfPoint } from '../../subjects/index.ts';
import { newTicketClock, TICKET_CLOCKS } from '../tickets.clock.ts';
import { findByExternalNo, insertTicketEvent, repeatCandidates } from '../tickets.repository.ts';
import { getTicket, newTicketDetail, type IntakeEvent } from './read-tickets.ts';

/** The reporter's key for repeat detection: SM3 of the phone's digits (the number itself stays in its own column). */
export function reporterKeyOf(phone: string | undefined | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? sm3Hex(`ticket-reporter\n${digits}`) : null;
}

/** T + the Shanghai date + 8 hex digits of the id's random tail: readable, unique (the column is UNIQUE). */
export function ticketNumber(id: string, receivedAt: Date): string {
  return `T${shanghaiDateOf(receivedAt).replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

async function locate(db: Executor, bureauId: string, point: CreateTicketBody['point']) {
  if (!point) return null;
  const p = cityPointOrFail(point, 'point');
  const bureau = (await findOrg(db, bureauId))!;
  // A district bureau is its own bureau: its name is at hand.
  const bureauName = bureau.bureau_id === null || bureau.bureau_id === bureau.id ? bureau.name : await bureauNameOf(db, bureau);
  const place = placeOf(p, bureauName);
  if (!place.inBureauArea) {
    throw new AppError('POINT_OUTSIDE_BUREAU', {
      field: 'point',
      message: `地点位于${place.district ?? '本市各区以外'}，不在${bureau.name}的辖区（${place.bureauDistrict ?? '本市'}）内，请核对位置或移送所在区`,
      messageEn: `point: the place lies in ${place.district ?? 'no district'}, outside the area of the bureau (${place.bureauDistrict ?? 'the city'})`,
      details: [{ field: 'point', message: '地点不在本单位辖区内', messageEn: 'The point lies outside the bureau’s area' }],
    });
  }
  return { lon: p[0], lat: p[1], orgId: await squadOfPoint(db, bureauId, p) };
}

export async function createTicket(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: CreateTicketBody,
): Promise<{ created: boolean; ticket: TicketDetail }> {
  const own = body.channel === 'officer';
  // An officer files his own discovery, and a resident's complaint made at the community workroom he staffs
  // (城管执法社区工作室, one per 居村, staffed by the squads' officers: seed 001); only the command centre takes in
  // the 12345 / 城运 tickets (and a workroom's register it forwards).
  const byOfficer = own || (body.channel === 'workroom' && !actor.roles.includes('commander'));
  if (byOfficer) assertPermission(actor, 'ticket:write');
  else assertPermission(actor, 'ticket:dispatch');
  if (!byOfficer && !actor.roles.includes('commander')) {
    throw new AppError('FORBIDDEN', {
      message: '只有指挥中心可以受理热线、城运转来的诉件',
      messageEn: 'Only the command centre takes in tickets of other channels',
    });
  }
  if (!actor.bureauId)
    throw new AppError('FORBIDDEN', { message: '诉件由区局受理', messageEn: 'Tickets are taken in by a district bureau' });
  const r = await intakeTicket(
    deps,
    { id: actor.id, name: actor.name, bureauId: actor.bureauId, orgId: actor.orgId, jurisdictionPath: actor.jurisdictionPath },
    meta,
    body,
  );
  // A ticket just taken in is answered from what this transaction wrote; one taken in before, from the database.
  const ticket = r.intakeEvent ? await newTicketDetail(deps, actor, r.id, r.intakeEvent) : await getTicket(deps, actor, r.id);
  return { created: r.created, ticket };
}

/** Who takes the ticket in: an officer (own discovery or the command centre), or the exchange's connector (no id). */
export type IntakeBy = { id: string | null; name: string; bureauId: string; orgId: string | null; jurisdictionPath: string };

/** What intake takes: the console's body, or a citizen's complaint through the portal (channel `portal`). */
export type IntakeBody = Omit<CreateTicketBody, 'channel'> & { channel: CreateTicketBody['channel'] | 'portal' | 'joint_order' };

/** Where the photos must have been uploaded: by the bureau (default) or by the citizen filing in the portal. */
export type IntakeOptions = { photosHeldBy?: { kind: 'citizen'; id: string } };

/** Channels whose tickets carry the sender's own number (the same number twice is one ticket). */
const NUMBERED_CHANNELS: ReadonlySet<string> = new Set(['hotline_12345', 'city_ops', 'joint_order']);

/**
 * The intake itself, after the caller's access checks: validation, the sender's number (idempotent), category, point
 * and routing, clocks, repeats; one transaction with its timeline event and audit row. `onCreated` runs inside it.
 */
export async function intakeTicket(
  deps: Deps,
  by: IntakeBy,
  meta: RequestMeta,
  body: IntakeBody,
  onCreated?: (trx: Executor, ticketId: string) => Promise<void>,
  options: IntakeOptions = {},
): Promise<{ created: boolean; id: string; intakeEvent?: IntakeEvent }> {
  const own = body.channel === 'officer';
  const bureauId = by.bureauId;
  if (NUMBERED_CHANNELS.has(body.channel) && !body.externalNo)
    throw fieldError('externalNo', '请填写来件单位的工单编号', 'externalNo: the sender’s ticket number is required');
  if ((own || body.channel === 'portal') && body.externalNo)
    throw fieldError('externalNo', '自行发现或门户投诉的诉件没有外部工单编号', 'externalNo: this channel has no external number');
  if (!body.point && !body.address) throw fieldError('address', '请填写地址或在地图上选点', 'address: give an address or a point');
  const now = deps.clock.now();
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw fieldError('receivedAt', '受理时间不能晚于现在', 'receivedAt: in the future');
  if (receivedAt.getTime() < now.getTime() - 30 * 86_400_000) {
    throw fieldError('receivedAt', '受理时间不能早于三十日前', 'receivedAt: more than 30 days ago');
  }

  const id = deps.newId();
  const created = await deps.db.transaction().execute(async (trx) => {
    if (body.externalNo) {
      // The same ticket delivered twice is one ticket (idempotent by the sender's number).
      const existing = await findByExternalNo(trx, body.channel, body.externalNo);
      if (existing) {
        if (existing.bureau_id !== bureauId)
          throw fieldError('externalNo', '该工单编号已由其他单位受理', 'externalNo: taken in by another bureau', 'DUPLICATE');
        return { id: existing.id, created: false };
      }
    }
    // The category, whether it has children, and the law data's revision (the calendar read at it) in one statement.
    const category = await trx
      .selectFrom('ticket_categories as c')
      .selectAll('c')
      .select((eb) => [
        eb.exists(eb.selectFrom('ticket_categories as k').select('k.code').where('k.parent_code', '=', body.categoryCode)).as('has_child'),
        lawRevisionExpression.as('law_revision'),
      ])
      .where('c.code', '=', body.categoryCode)
      .executeTakeFirst();
    if (!category || !category.active || category.has_child) {
      throw fieldError('categoryCode', '诉件分类不存在、已停用或不是末级分类', 'categoryCode: unknown, retired or not a leaf category');
    }
    const located = await locate(trx, bureauId, body.point);
    let orgId = located?.orgId ?? null;
    if (!orgId && body.orgId) {
      const org = await findOrg(trx, body.orgId);
      if (!org || !org.path.startsWith(by.jurisdictionPath) || org.bureau_id !== bureauId || org.kind !== 'squad') {
        throw new AppError('NOT_FOUND', {
          field: 'orgId',
          message: '中队不存在或不在您的管辖范围内',
          messageEn: 'orgId: no such squad in your jurisdiction',
        });
      }
      orgId = org.id;
    }
    if (own) {
      orgId ??= by.orgId;
      const org = orgId ? await findOrg(trx, orgId) : undefined;
      if (!org || !org.path.startsWith(by.jurisdictionPath)) {
        throw new AppError('POINT_OUTSIDE_BUREAU', {
          field: 'point',
          message: '地点位于其他中队的责任区，请由该中队登记，或核对位置',
          messageEn: 'point: the place lies in another squad’s area',
          details: [{ field: 'point', message: '地点不在本人辖区内', messageEn: 'The point lies outside your jurisdiction' }],
        });
      }
    }
    const photos = body.photoSm3s ?? [];
    const holder = options.photosHeldBy ?? { kind: 'bureau' as const, id: bureauId };
    const held = await heldBy(trx, photos, holder.kind, holder.id);
    const missing = photos.findIndex((p) => !held.has(p));
    if (missing >= 0) throw fieldError(`photoSm3s[${missing}]`, '照片未上传', `photoSm3s[${missing}]: no such uploaded photo`);

    const addressKey = ticketAddressKey(body.address ?? null);
    const reporterKey = reporterKeyOf(body.reporterPhone);
    const earlier = await repeatCandidates(
      trx,
      bureauId,
      addressKey,
      reporterKey,
      new Date(receivedAt.getTime() - DEFAULT_REPEAT_RULES.windowDays * 86_400_000),
      receivedAt,
    );
    const repeat = repeatedComplaint(
      { id, receivedAt, address: body.address ?? null, reporterKey },
      earlier.map((e) => ({ id: e.id, receivedAt: new Date(e.received_at), address: e.address, reporterKey: e.reporter_key })),
    );
    const calendar = await loadWorkCalendar(trx, category.law_revision);
    const channel = body.channel as TicketChannel;
    const state = own ? 'dispatched' : 'received';
    const level = body.dispatchLevel ?? 'ordinary';
    const clock = newTicketClock(
      { receivedAt, categoryDefault: category.default_limit as TicketLimitKind, level: level as DispatchLevel },
      calendar,
      now,
    );
    const number = ticketNumber(id, receivedAt);
    const officerId = own ? by.id : null;
    await trx
      .insertInto('tickets')
      .values({
        id,
        number,
        channel,
        external_no: body.externalNo ?? null,
        bureau_id: bureauId,
        org_id: orgId,
        officer_id: officerId,
        category_code: body.categoryCode,
        dispatch_level: level,
        limit_kind: clock.kind,
        state,
        content: body.content,
        address: body.address ?? null,
        address_key: addressKey,
        point_lon: located?.lon ?? null,
        point_lat: located?.lat ?? null,
        reporter_name: body.reporterName ?? null,
        reporter_phone: body.reporterPhone ?? null,
        reporter_key: reporterKey,
        photo_sm3s: photos,
        received_at: receivedAt,
        first_contact_due_at: firstContactDue(receivedAt, TICKET_CLOCKS),
        handling_due_on: clock.dueDate,
        handling_due_at: clock.dueAt,
        feedback_due_on: feedbackDue(channel, receivedAt, calendar, TICKET_CLOCKS),
        accepted_at: own ? now : null,
        repeated: repeat.repeated,
        created_by: by.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const intakeEvent: IntakeEvent = {
      id: deps.newId(),
      action: 'intake',
      from_state: null,
      to_state: state,
      actor_name: by.name,
      note: own
        ? '执法队员自行发现'
        : body.channel === 'portal'
          ? '市民通过门户投诉'
          : body.channel === 'joint_order'
            ? `由联合工单 ${body.externalNo} 生成`
            : body.externalNo
              ? `来件编号 ${body.externalNo}`
              : '社区工作室登记',
      at: now,
    };
    await insertTicketEvent(
      trx,
      {
        id: intakeEvent.id,
        ticketId: id,
        action: intakeEvent.action,
        from: null,
        to: state,
        actorId: by.id,
        actorName: by.name,
        note: intakeEvent.note,
        data: { channel, orgId, routedByPoint: located?.orgId != null, repeated: repeat, dueOn: clock.dueDate },
        at: now,
      },
      // The row just written: the listeners (the duty log) need not read it back.
      { bureau_id: bureauId, org_id: orgId, officer_id: officerId, number, category_code: body.categoryCode },
    );
    await recordAuditAtCommit(trx, deps, { id: by.id, bureauId }, meta, {
      action: 'ticket.create',
      entityType: 'ticket',
      entityId: id,
      data: { channel, externalNo: body.externalNo ?? null, categoryCode: body.categoryCode, orgId, dueOn: clock.dueDate },
      bureauId,
    });
    if (onCreated) await onCreated(trx, id);
    return { id, created: true, intakeEvent: onCreated ? undefined : intakeEvent };
  });
  return created;
}
