// Intake (受理): an officer's own discovery, or a ticket the command centre takes in from 12345 / 城运 / a community
// workroom with the sender's number. The point routes it to the squad whose service area holds it (org_areas,
// through the registry's squadOfPoint); the clocks are set by the domain (24-hour first contact, I6 handling limit,
// I4 feedback); repeats are flagged and duplicates proposed on the ticket page. One transaction with its audit row.
//
// The console's intake (`POST /api/v1/tickets`) takes the tickets of a burst together (`createTickets`, under
// http/write-together.ts): one statement reads the facts of every ticket of the batch, one writes the tickets, one
// their timeline events, one the duty log, one the audit rows — each ticket decided exactly as when it comes alone.
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
import { sql, type Insertable } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import type { WrittenItem } from '../../../http/write-together.ts';
import { assertPermission } from '../../../shared/access.ts';
import { sm3Hex } from '../../../shared/sm3.ts';
import { recordAudits, type AuditEntry } from '../../audit/index.ts';
import { heldBy } from '../../files/index.ts';
import { bureauNameOf, cityPointOrFail, placeOf } from '../../geo/index.ts';
import { lawRevisionExpression, loadWorkCalendar } from '../../law/index.ts';
import { findOrg } from '../../org/index.ts';
import { squadOfPoint } from '../../subjects/index.ts';
import { newTicketClock, TICKET_CLOCKS } from '../tickets.clock.ts';
import { insertTicketEvents, type NewTicketEvent, type TicketOfEvent } from '../tickets.repository.ts';
import type { TicketsTable } from '../tickets.tables.ts';
import { getTicket, newTicketDetails, type IntakeEvent } from './read-tickets.ts';

/** The reporter's key for repeat detection: SM3 of the phone's digits (the number itself stays in its own column). */
export function reporterKeyOf(phone: string | undefined | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? sm3Hex(`ticket-reporter\n${digits}`) : null;
}

/** T + the Shanghai date + 8 hex digits of the id's random tail: readable, unique (the column is UNIQUE). */
export function ticketNumber(id: string, receivedAt: Date): string {
  return `T${shanghaiDateOf(receivedAt).replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

/** The bureau as intake reads it with the other facts: enough to place a point in its area. */
type IntakeBureau = { id: string; bureau_id: string | null; name: string };

async function locate(db: Executor, bureau: IntakeBureau, point: CreateTicketBody['point']) {
  if (!point) return null;
  const p = cityPointOrFail(point, 'point');
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
  return { lon: p[0], lat: p[1], orgId: await squadOfPoint(db, bureau.id, p) };
}

/**
 * Who may take this ticket in, by its channel: an officer files his own discovery, and a resident's complaint made at
 * the community workroom he staffs (城管执法社区工作室, one per 居村, staffed by the squads' officers: seed 001); only
 * the command centre takes in the 12345 / 城运 tickets (and a workroom's register it forwards). Refuses otherwise.
 */
export function intakeByOf(actor: Actor, body: CreateTicketBody): IntakeBy {
  const byOfficer = body.channel === 'officer' || (body.channel === 'workroom' && !actor.roles.includes('commander'));
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
  return { id: actor.id, name: actor.name, bureauId: actor.bureauId, orgId: actor.orgId, jurisdictionPath: actor.jurisdictionPath };
}

/** Who takes the ticket in: an officer (own discovery or the command centre), or the exchange's connector (no id). */
export type IntakeBy = { id: string | null; name: string; bureauId: string; orgId: string | null; jurisdictionPath: string };

/** What intake takes: the console's body, or a citizen's complaint through the portal (channel `portal`). */
export type IntakeBody = Omit<CreateTicketBody, 'channel'> & { channel: CreateTicketBody['channel'] | 'portal' | 'joint_order' };

/** Where the photos must have been uploaded: by the bureau (default) or by the citizen filing in the portal. */
export type IntakeOptions = { photosHeldBy?: { kind: 'citizen'; id: string } };

/** Channels whose tickets carry the sender's own number (the same number twice is one ticket). */
const NUMBERED_CHANNELS: ReadonlySet<string> = new Set(['hotline_12345', 'city_ops', 'joint_order']);

/** The checks of the body alone, before anything is read; answers when the ticket was received. */
function receivedAtOf(body: IntakeBody, now: Date): Date {
  const own = body.channel === 'officer';
  if (NUMBERED_CHANNELS.has(body.channel) && !body.externalNo)
    throw fieldError('externalNo', '请填写来件单位的工单编号', 'externalNo: the sender’s ticket number is required');
  if ((own || body.channel === 'portal') && body.externalNo)
    throw fieldError('externalNo', '自行发现或门户投诉的诉件没有外部工单编号', 'externalNo: this channel has no external number');
  if (!body.point && !body.address) throw fieldError('address', '请填写地址或在地图上选点', 'address: give an address or a point');
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw fieldError('receivedAt', '受理时间不能晚于现在', 'receivedAt: in the future');
  if (receivedAt.getTime() < now.getTime() - 30 * 86_400_000) {
    throw fieldError('receivedAt', '受理时间不能早于三十日前', 'receivedAt: more than 30 days ago');
  }
  return receivedAt;
}

/** One ticket to take in. */
type IntakeInput = { by: IntakeBy; meta: RequestMeta; body: IntakeBody; receivedAt: Date; options?: IntakeOptions };

/** What intake reads of one ticket before deciding: the sender's number taken before, the category, the bureau, repeats. */
type IntakeFacts = {
  existing: { id: string; bureau_id: string } | null;
  category_active: boolean | null;
  category_limit: string | null;
  category_has_child: boolean;
  bureau: IntakeBureau | null;
  repeats: { id: string; received_at: string; address: string | null; reporter_key: string | null }[];
  law_revision: string;
};

/**
 * The facts of every ticket of a batch in one statement, in the batch's order: the ticket already taken in under the
 * sender's number, the category (whether it has children), the bureau, the earlier tickets at the same address or
 * from the same reporter within the repeat window (at most 200, oldest first), and the law data's revision.
 */
async function readIntakeFacts(db: Executor, inputs: readonly IntakeInput[]): Promise<IntakeFacts[]> {
  const col = <T>(f: (i: IntakeInput) => T) => inputs.map(f);
  const windowMs = DEFAULT_REPEAT_RULES.windowDays * 86_400_000;
  const r = await sql<IntakeFacts & { n: number }>`SELECT i.n,
      (SELECT json_build_object('id', x.id, 'bureau_id', x.bureau_id) FROM tickets x
        WHERE i.external_no IS NOT NULL AND x.channel = i.channel AND x.external_no = i.external_no LIMIT 1) AS existing,
      c.active AS category_active, c.default_limit AS category_limit,
      EXISTS (SELECT 1 FROM ticket_categories k WHERE k.parent_code = i.category_code) AS category_has_child,
      (SELECT json_build_object('id', o.id, 'bureau_id', o.bureau_id, 'name', o.name) FROM orgs o WHERE o.id = i.bureau_id) AS bureau,
      (SELECT coalesce(json_agg(e ORDER BY e.received_at), '[]'::json) FROM (
        SELECT e.id, e.received_at, e.address, e.reporter_key FROM tickets e
        WHERE e.bureau_id = i.bureau_id AND e.received_at >= i.since AND e.received_at <= i.until
          AND (e.address_key = i.address_key OR e.reporter_key = i.reporter_key)
        ORDER BY e.received_at LIMIT 200) e) AS repeats,
      ${lawRevisionExpression} AS law_revision
    FROM unnest(${inputs.map((_, k) => k)}::int[], ${col((i) => i.body.channel)}::text[],
      ${col((i) => i.body.externalNo ?? null)}::text[], ${col((i) => i.body.categoryCode)}::text[],
      ${col((i) => i.by.bureauId)}::uuid[], ${col((i) => ticketAddressKey(i.body.address ?? null))}::text[],
      ${col((i) => reporterKeyOf(i.body.reporterPhone))}::text[],
      ${col((i) => new Date(i.receivedAt.getTime() - windowMs).toISOString())}::timestamptz[],
      ${col((i) => i.receivedAt.toISOString())}::timestamptz[])
      AS i (n, channel, external_no, category_code, bureau_id, address_key, reporter_key, since, until)
    LEFT JOIN ticket_categories c ON c.code = i.category_code
    ORDER BY i.n`.execute(db);
  return r.rows;
}

/** A ticket decided and ready to write, or the one taken in before under the same sender's number. */
type PlannedIntake =
  | { kind: 'existing'; id: string }
  | {
      kind: 'new';
      id: string;
      ticket: Insertable<TicketsTable>;
      event: NewTicketEvent;
      ticketOfEvent: TicketOfEvent;
      audit: AuditEntry;
      intakeEvent: IntakeEvent;
    };

/**
 * Decides one ticket from its facts: the sender's number (idempotent), category, point and routing, clocks, repeats.
 * Refuses with the field's error. Reads only on the rare paths (a squad named instead of a point, photos, a bureau
 * that is not a district's).
 */
async function planIntake(deps: Deps, db: Executor, input: IntakeInput, facts: IntakeFacts, now: Date): Promise<PlannedIntake> {
  const { by, meta, body, receivedAt } = input;
  const own = body.channel === 'officer';
  const bureauId = by.bureauId;
  if (facts.existing) {
    // The same ticket delivered twice is one ticket (idempotent by the sender's number).
    if (facts.existing.bureau_id !== bureauId)
      throw fieldError('externalNo', '该工单编号已由其他单位受理', 'externalNo: taken in by another bureau', 'DUPLICATE');
    return { kind: 'existing', id: facts.existing.id };
  }
  if (!facts.category_active || facts.category_has_child) {
    throw fieldError('categoryCode', '诉件分类不存在、已停用或不是末级分类', 'categoryCode: unknown, retired or not a leaf category');
  }
  if (!facts.bureau) throw new AppError('FORBIDDEN', { message: '诉件由区局受理', messageEn: 'Tickets are taken in by a district bureau' });
  const located = await locate(db, facts.bureau, body.point);
  let orgId = located?.orgId ?? null;
  if (!orgId && body.orgId) {
    const org = await findOrg(db, body.orgId);
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
    const org = orgId ? await findOrg(db, orgId) : undefined;
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
  const holder = input.options?.photosHeldBy ?? { kind: 'bureau' as const, id: bureauId };
  const held = await heldBy(db, photos, holder.kind, holder.id);
  const missing = photos.findIndex((p) => !held.has(p));
  if (missing >= 0) throw fieldError(`photoSm3s[${missing}]`, '照片未上传', `photoSm3s[${missing}]: no such uploaded photo`);

  const id = deps.newId();
  const addressKey = ticketAddressKey(body.address ?? null);
  const reporterKey = reporterKeyOf(body.reporterPhone);
  const repeat = repeatedComplaint(
    { id, receivedAt, address: body.address ?? null, reporterKey },
    facts.repeats.map((e) => ({ id: e.id, receivedAt: new Date(e.received_at), address: e.address, reporterKey: e.reporter_key })),
  );
  const calendar = await loadWorkCalendar(db, facts.law_revision);
  const channel = body.channel as TicketChannel;
  const state = own ? 'dispatched' : 'received';
  const level = body.dispatchLevel ?? 'ordinary';
  const clock = newTicketClock(
    { receivedAt, categoryDefault: facts.category_limit as TicketLimitKind, level: level as DispatchLevel },
    calendar,
    now,
  );
  const number = ticketNumber(id, receivedAt);
  const officerId = own ? by.id : null;
  const note = own
    ? '执法队员自行发现'
    : body.channel === 'portal'
      ? '市民通过门户投诉'
      : body.channel === 'joint_order'
        ? `由联合工单 ${body.externalNo} 生成`
        : body.externalNo
          ? `来件编号 ${body.externalNo}`
          : '社区工作室登记';
  const intakeEvent: IntakeEvent = {
    id: deps.newId(),
    action: 'intake',
    from_state: null,
    to_state: state,
    actor_name: by.name,
    note,
    at: now,
  };
  return {
    kind: 'new',
    id,
    ticket: {
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
    },
    event: {
      id: intakeEvent.id,
      ticketId: id,
      action: intakeEvent.action,
      from: null,
      to: state,
      actorId: by.id,
      actorName: by.name,
      note,
      data: { channel, orgId, routedByPoint: located?.orgId != null, repeated: repeat, dueOn: clock.dueDate },
      at: now,
    },
    // The row just written: the listeners (the duty log) need not read it back.
    ticketOfEvent: { bureau_id: bureauId, org_id: orgId, officer_id: officerId, number, category_code: body.categoryCode },
    audit: {
      actor: { id: by.id, bureauId },
      meta,
      event: {
        action: 'ticket.create',
        entityType: 'ticket',
        entityId: id,
        data: { channel, externalNo: body.externalNo ?? null, categoryCode: body.categoryCode, orgId, dueOn: clock.dueDate },
        bureauId,
      },
    },
    intakeEvent,
  };
}

/** Writes the planned tickets, their timeline events (and what listens to them) and audit rows: a statement each. */
export async function writeIntakes(deps: Deps, db: Executor, planned: readonly Extract<PlannedIntake, { kind: 'new' }>[]): Promise<void> {
  if (planned.length === 0) return;
  await db
    .insertInto('tickets')
    .values(planned.map((p) => p.ticket))
    .execute();
  await insertTicketEvents(
    db,
    planned.map((p) => ({ row: p.event, ticket: p.ticketOfEvent })),
  );
  await recordAudits(
    db,
    deps,
    planned.map((p) => p.audit),
  );
}

/** A new ticket decided and ready to write (`writeIntakes`). */
export type NewIntake = Extract<PlannedIntake, { kind: 'new' }>;

/** What intake decides for one request: a new ticket, the ticket taken in before under the number, or a refusal. */
export type IntakeDecision = NewIntake | { kind: 'existing'; id: string } | { kind: 'refused'; error: AppError };

/**
 * Decides a batch of intakes (one statement reads the facts of all): each a new ticket to write, the one taken in
 * before under the sender's number, or refused with its own error. An error that is no refusal is thrown.
 */
export async function planIntakes(
  deps: Deps,
  requests: readonly { by: IntakeBy; meta: RequestMeta; body: IntakeBody; options?: IntakeOptions }[],
): Promise<IntakeDecision[]> {
  const now = deps.clock.now();
  const out: IntakeDecision[] = new Array<IntakeDecision>(requests.length);
  const refuse = (k: number, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    out[k] = { kind: 'refused', error: e };
  };
  const inputs: { k: number; input: IntakeInput }[] = [];
  requests.forEach((r, k) => {
    try {
      inputs.push({ k, input: { ...r, receivedAt: receivedAtOf(r.body, now) } });
    } catch (e) {
      refuse(k, e);
    }
  });
  if (inputs.length === 0) return out;
  const facts = await readIntakeFacts(
    deps.db,
    inputs.map((i) => i.input),
  );
  // The batch's own new tickets count as earlier ones for those after them, as if each had come alone in this order.
  const taken: NewIntake[] = [];
  for (const [j, { k, input }] of inputs.entries()) {
    const f = facts[j]!;
    const mates = taken
      .filter((t) => t.ticket.bureau_id === input.by.bureauId)
      .map((t) => ({
        id: t.id,
        received_at: new Date(t.ticket.received_at as Date).toISOString(),
        address: t.ticket.address ?? null,
        reporter_key: t.ticket.reporter_key ?? null,
      }));
    try {
      const plan = await planIntake(deps, deps.db, input, mates.length > 0 ? { ...f, repeats: [...f.repeats, ...mates] } : f, now);
      if (plan.kind === 'new') taken.push(plan);
      out[k] = plan;
    } catch (e) {
      refuse(k, e);
    }
  }
  return out;
}

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
  return deps.db.transaction().execute(async (trx) => {
    const [plan] = await planIntakes({ ...deps, db: trx }, [{ by, meta, body, options }]);
    if (plan!.kind === 'refused') throw plan!.error;
    if (plan!.kind === 'existing') return { id: plan!.id, created: false };
    await writeIntakes(deps, trx, [plan!]);
    if (onCreated) await onCreated(trx, plan!.id);
    return { id: plan!.id, created: true, intakeEvent: onCreated ? undefined : plan!.intakeEvent };
  });
}

/** One request of the console's intake, with what makes its answer's JSON (the route's serializer for the status). */
export type CreateTicketRequest = {
  actor: Actor;
  meta: RequestMeta;
  body: CreateTicketBody;
  serialize: (status: number, detail: TicketDetail) => string;
};

/** Two requests for the same sender's number are not taken in the same batch (the second sees the first's ticket). */
export function intakeConflictKey(r: Pick<CreateTicketRequest, 'body'>): string | null {
  return r.body.externalNo ? `ticket\n${r.body.channel}\n${r.body.externalNo}` : null;
}

/**
 * The console's intake of a batch of requests, inside the caller's unit of work (http/write-together.ts): each
 * refused with its own error, or answered 201 with its new ticket's page (200 with the ticket taken in before under the
 * same sender's number). An error that is no single request's refusal is thrown: the batch fails as a whole.
 */
export async function createTickets(deps: Deps, requests: readonly CreateTicketRequest[]): Promise<WrittenItem[]> {
  const results: WrittenItem[] = new Array<WrittenItem>(requests.length);
  const byOf = requests.map((r, k) => {
    try {
      return intakeByOf(r.actor, r.body);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results[k] = { ok: false, error: e };
      return null;
    }
  });
  const asked = requests.flatMap((r, k) => (byOf[k] ? [{ k, by: byOf[k], meta: r.meta, body: r.body }] : []));
  const decided = await planIntakes(deps, asked);
  const created: { k: number; plan: NewIntake }[] = [];
  for (const [j, { k }] of asked.entries()) {
    const d = decided[j]!;
    const r = requests[k]!;
    if (d.kind === 'refused') results[k] = { ok: false, error: d.error };
    else if (d.kind === 'new') created.push({ k, plan: d });
    else {
      try {
        results[k] = { ok: true, status: 200, text: r.serialize(200, await getTicket(deps, r.actor, d.id)) };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results[k] = { ok: false, error: e };
      }
    }
  }
  await writeIntakes(
    deps,
    deps.db,
    created.map((c) => c.plan),
  );
  const details = await newTicketDetails(
    deps,
    created.map(({ k, plan }) => ({ actor: requests[k]!.actor, id: plan.id, intake: plan.intakeEvent })),
  );
  created.forEach(({ k }, j) => {
    const detail = details[j];
    // Written but not visible to the officer who took it in: the whole batch fails, and this request alone is refused.
    if (!detail) throw new AppError('NOT_FOUND');
    results[k] = { ok: true, status: 201, text: requests[k]!.serialize(201, detail) };
  });
  return results;
}
