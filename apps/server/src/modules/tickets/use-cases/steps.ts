// The steps of the ticket state machine (packages/domain/src/tickets/ticket-machine.ts), each one transaction:
// role check (403) → the ticket in the actor's jurisdiction, locked (404) → the machine's guard (409 / 422) →
// a conditional UPDATE … WHERE state = <from> → the timeline event → the audit row. Steps that change a clock's facts
// (escalation, 退单 and reopening, extension decisions) recompute the due date through the domain.
import type { TicketDetail, TicketExtensionBody, TicketExtensionDecisionBody, TicketStepBody } from '@chengguan/contracts';
import { TICKET_STEP_PATHS } from '@chengguan/contracts';
import {
  callbackNeedsReview,
  checkExtensionRequest,
  shanghaiDateOf,
  transferDue,
  TICKET_MACHINE,
  ticketStep,
  type TicketAction,
  type TicketState,
} from '@chengguan/domain';
import type { Updateable } from 'kysely';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadWorkCalendar } from '../../law/index.ts';
import { findOrg } from '../../org/index.ts';
import { enqueueExchangeReply } from '../exchange/outbox.ts';
import { refreshDue, storedHandlingClock, TICKET_CLOCKS } from '../tickets.clock.ts';
import { findTicket, insertTicketEvent, type TicketRow } from '../tickets.repository.ts';
import { notifyCitizens } from './citizen-notices.ts';
import type { TicketsTable } from '../tickets.tables.ts';
import { getTicket } from './read-tickets.ts';

/** The steps taken through POST /tickets/:id/<path> (contracts' `TICKET_STEP_PATHS`, which the console calls too). */
export const STEP_PATHS = TICKET_STEP_PATHS satisfies Partial<Record<TicketAction, string>>;
export type StepAction = keyof typeof STEP_PATHS;

function refuse(code: 'TICKET_STATE_CONFLICT' | 'TICKET_ROLE_FORBIDDEN' | 'TICKET_REASON_REQUIRED', zh: string, en: string): never {
  if (code === 'TICKET_ROLE_FORBIDDEN') throw new AppError('FORBIDDEN', { message: zh, messageEn: en });
  if (code === 'TICKET_REASON_REQUIRED') throw fieldError('reason', zh, `reason: ${en}`);
  throw new AppError('STATE_CONFLICT', { message: zh, messageEn: en });
}

/** The ticket, locked, if the role may take the action at all (403 first: it says nothing about any record). */
export async function lockedTicket(
  trx: Executor,
  actor: Actor,
  id: string,
  action: TicketAction,
  permission: 'ticket:write' | 'ticket:approve',
): Promise<TicketRow> {
  assertPermission(actor, permission);
  if (!TICKET_MACHINE[action].roles.some((r) => actor.roles.includes(r))) {
    throw new AppError('FORBIDDEN', {
      message: `您的角色不能${TICKET_MACHINE[action].labelZh}`,
      messageEn: `Your role may not take "${action}"`,
    });
  }
  const t = await findTicket(trx, actor, id, true);
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

/** A squad of the ticket's bureau inside the actor's jurisdiction, and optionally one of its active officers. */
async function squadInScope(trx: Executor, actor: Actor, t: TicketRow, orgId: string | undefined, officerId: string | undefined) {
  if (!orgId) throw fieldError('orgId', '请选择承办中队', 'orgId: choose the squad');
  const org = await findOrg(trx, orgId);
  if (!org || !org.path.startsWith(actor.jurisdictionPath) || org.bureau_id !== t.bureau_id || org.kind !== 'squad' || !org.active) {
    throw new AppError('NOT_FOUND', {
      field: 'orgId',
      message: '承办中队不存在或不在您的指挥范围内',
      messageEn: 'orgId: no such squad within your scope',
      details: [{ field: 'orgId', message: '中队不在您的指挥范围内', messageEn: 'The squad lies outside your scope' }],
    });
  }
  if (officerId) {
    const officer = await trx.selectFrom('officers').select(['id', 'org_id', 'active']).where('id', '=', officerId).executeTakeFirst();
    if (!officer || officer.org_id !== org.id || !officer.active) {
      throw fieldError('officerId', '承办队员不是该中队的在岗队员', 'officerId: not an active officer of that squad');
    }
  }
  return org;
}

function stepTime(now: Date, t: TicketRow, at: string | undefined, field = 'at'): Date {
  if (!at) return now;
  const d = new Date(at);
  if (d.getTime() > now.getTime() + 60_000) throw fieldError(field, '时间不能晚于现在', `${field}: in the future`);
  if (d.getTime() < new Date(t.received_at).getTime())
    throw fieldError(field, '时间不能早于受理时间', `${field}: before the ticket was received`);
  return d;
}

export async function takeTicketStep(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  action: StepAction,
  body: TicketStepBody,
): Promise<TicketDetail> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await lockedTicket(trx, actor, id, action, 'ticket:write');
    const from = t.state as TicketState;
    const step = ticketStep(from, action, actor.roles, body.reason);
    if (!step.ok) refuse(step.refusal.code, step.refusal.messageZh, step.refusal.messageEn);
    const to = step.to;
    const set: Updateable<TicketsTable> = { state: to, updated_at: now };
    const data: Record<string, unknown> = {};
    let note: string | null = body.reason ?? null;
    let recompute = false;
    const calendar = await loadWorkCalendar(trx);
    switch (action) {
      case 'accept':
        set.accepted_at = now;
        break;
      case 'dispatch':
      case 'transfer': {
        const org = await squadInScope(trx, actor, t, body.orgId, body.officerId);
        if (action === 'transfer' && org.id === t.org_id) throw fieldError('orgId', '转派的中队与现承办中队相同', 'orgId: the same squad');
        set.org_id = org.id;
        set.officer_id = body.officerId ?? null;
        data.orgId = org.id;
        data.fromOrgId = t.org_id;
        data.officerId = body.officerId ?? null;
        note = action === 'transfer' ? `转派至${org.name}：${body.reason}` : `派遣至${org.name}`;
        break;
      }
      case 'startHandling':
        if (!t.officer_id && actor.roles.includes('field_officer')) set.officer_id = actor.id;
        break;
      case 'recordContact': {
        if (!t.reporter_phone)
          throw new AppError('STATE_CONFLICT', { message: '该诉件没有诉求人联系方式', messageEn: 'The ticket has no reporter contact' });
        const at = stepTime(now, t, body.at);
        if (t.first_contact_at) {
          data.repeatContact = true;
        } else {
          set.first_contact_at = at;
          data.withinHours = at.getTime() <= new Date(t.first_contact_due_at).getTime();
        }
        data.at = at.toISOString();
        break;
      }
      case 'reply': {
        if (!body.replyText) throw fieldError('replyText', '请填写处置情况', 'replyText: describe what was done');
        set.replied_at = now;
        set.reply_text = body.replyText;
        // A reply after the limit is sent and counted late (issue 13, bad input).
        data.late = now.getTime() > new Date(t.handling_due_at).getTime();
        note = body.replyText;
        // One parent keeps every reporter informed: merged tickets carry the parent's reply.
        await trx
          .updateTable('tickets')
          .set({ reply_text: body.replyText, replied_at: now, updated_at: now })
          .where('parent_id', '=', t.id)
          .execute();
        break;
      }
      case 'close':
        set.closed_at = now;
        await trx.updateTable('tickets').set({ closed_at: now, updated_at: now }).where('parent_id', '=', t.id).execute();
        break;
      case 'recordCallback': {
        if (body.resolved === undefined && body.satisfaction === undefined) {
          throw fieldError('satisfaction', '请记录是否解决或满意程度', 'satisfaction: record the answer');
        }
        if (body.resolved !== undefined) set.resolved = body.resolved;
        if (body.satisfaction !== undefined) set.satisfaction = body.satisfaction;
        data.needsReview = callbackNeedsReview(body.resolved ?? null, body.satisfaction ?? null);
        data.resolved = body.resolved ?? null;
        data.satisfaction = body.satisfaction ?? null;
        break;
      }
      case 'returnTicket':
        set.paused_since = now;
        await trx.insertInto('ticket_pauses').values({ ticket_id: t.id, from_at: now, to_at: null }).execute();
        break;
      case 'reopen':
        if (from === 'returned') {
          set.paused_since = null;
          await trx.updateTable('ticket_pauses').set({ to_at: now }).where('ticket_id', '=', t.id).where('to_at', 'is', null).execute();
        } else {
          // 回访复核: an unsatisfied callback sends the replied ticket back on the supervision limit (I6).
          set.dispatch_level = 'callback_review';
          set.replied_at = null;
          set.reply_text = null;
          set.resolved = null;
          set.satisfaction = null;
        }
        recompute = true;
        break;
      case 'refer': {
        // I4: outside the remit, transferred within WD(3) of receipt; a later referral is recorded as late.
        const due = transferDue(new Date(t.received_at), calendar, TICKET_CLOCKS);
        data.transferDueOn = due;
        data.late = shanghaiDateOf(now) > due;
        break;
      }
      case 'escalate':
        if (t.dispatch_level === 'supervision')
          throw new AppError('STATE_CONFLICT', { message: '该诉件已在督办中', messageEn: 'Already escalated' });
        set.dispatch_level = 'supervision';
        recompute = true;
        break;
      case 'merge': {
        if (!body.parentTicketId || body.parentTicketId === t.id)
          throw fieldError('parentTicketId', '请选择要并入的诉件', 'parentTicketId: choose the parent ticket');
        const parent = await findTicket(trx, actor, body.parentTicketId, true);
        if (!parent || parent.bureau_id !== t.bureau_id) throw new AppError('NOT_FOUND', { field: 'parentTicketId' });
        if (['merged', 'returned', 'referred'].includes(parent.state) || parent.parent_id) {
          throw fieldError(
            'parentTicketId',
            '该诉件已合并、退单或移送，不能作为主件',
            'parentTicketId: the parent is merged, returned or referred',
            'STATE_CONFLICT',
          );
        }
        set.parent_id = parent.id;
        data.parentId = parent.id;
        await insertTicketEvent(trx, {
          id: deps.newId(),
          ticketId: parent.id,
          action: 'mergedChild',
          from: parent.state,
          to: parent.state,
          actorId: actor.id,
          actorName: actor.name,
          note: `并入重复件 ${t.number}`,
          data: { childId: t.id },
          at: now,
        });
        break;
      }
    }
    const res = await trx.updateTable('tickets').set(set).where('id', '=', t.id).where('state', '=', from).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STATE_CONFLICT');
    if (recompute) {
      const clock = await refreshDue(
        trx,
        { ...t, dispatch_level: (set.dispatch_level as string | undefined) ?? t.dispatch_level },
        calendar,
        now,
      );
      data.dueOn = clock.dueDate;
    }
    const eventId = deps.newId();
    await insertTicketEvent(trx, {
      id: eventId,
      ticketId: t.id,
      action,
      from,
      to,
      actorId: actor.id,
      actorName: actor.name,
      note,
      data,
      at: now,
    });
    // 签收, 回复 (flagged late after the limit) and 退单 go back to the exchange the ticket came from, in this transaction.
    const replyKind = ({ accept: 'accept', reply: 'reply', returnTicket: 'return' } as const)[action as string];
    if (replyKind && t.external_no) {
      await enqueueExchangeReply(trx, deps, {
        channel: t.channel,
        ticketId: t.id,
        bureauId: t.bureau_id,
        externalNo: t.external_no,
        kind: replyKind,
        key: eventId,
        text: action === 'reply' ? (body.replyText ?? null) : null,
        reason: action === 'returnTicket' ? (body.reason ?? null) : null,
        late: action === 'reply' && data.late === true,
      });
    }
    // The citizen who filed it through the portal (and consented to contact) is told by SMS.
    if (action === 'reply' || action === 'refer' || action === 'close') {
      data.citizensNotified = await notifyCitizens(trx, deps, t.id, action, action === 'reply' ? (body.replyText ?? null) : note);
    }
    await recordAudit(trx, deps, actor, meta, {
      action: `ticket.${action}`,
      entityType: 'ticket',
      entityId: t.id,
      data: { from, to, ...data },
      bureauId: t.bureau_id,
    });
  });
  return getTicket(deps, actor, id);
}

export async function requestTicketExtension(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: TicketExtensionBody,
): Promise<TicketDetail> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await lockedTicket(trx, actor, id, 'requestExtension', 'ticket:write');
    const step = ticketStep(t.state as TicketState, 'requestExtension', actor.roles, body.reason);
    if (!step.ok) refuse(step.refusal.code, step.refusal.messageZh, step.refusal.messageEn);
    const calendar = await loadWorkCalendar(trx);
    const clock = await storedHandlingClock(trx, t, calendar, now);
    const pending = await trx
      .selectFrom('ticket_extensions')
      .select('id')
      .where('ticket_id', '=', t.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const issue = checkExtensionRequest(body, clock, new Date(t.received_at), pending !== undefined, calendar, TICKET_CLOCKS);
    if (issue)
      throw fieldError(
        issue.field,
        issue.messageZh,
        `${issue.field}: ${issue.messageEn}`,
        issue.field === 'kind' ? 'STATE_CONFLICT' : 'VALIDATION_FAILED',
      );
    const extId = deps.newId();
    await trx
      .insertInto('ticket_extensions')
      .values({
        id: extId,
        ticket_id: t.id,
        kind: body.kind,
        requested_due: body.kind === 'date' ? body.requestedDue! : null,
        reason: body.reason,
        status: 'pending',
        requested_by: actor.id,
        requested_at: now,
      })
      .execute();
    if (t.external_no) {
      await enqueueExchangeReply(trx, deps, {
        channel: t.channel,
        ticketId: t.id,
        bureauId: t.bureau_id,
        externalNo: t.external_no,
        kind: 'extension',
        key: extId,
        reason: body.reason,
        extensionKind: body.kind,
        requestedDue: body.kind === 'date' ? (body.requestedDue ?? null) : null,
      });
    }
    await insertTicketEvent(trx, {
      id: deps.newId(),
      ticketId: t.id,
      action: 'requestExtension',
      from: t.state,
      to: t.state,
      actorId: actor.id,
      actorName: actor.name,
      note: body.reason,
      data: { extensionId: extId, kind: body.kind, requestedDue: body.requestedDue ?? null },
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'ticket.requestExtension',
      entityType: 'ticket',
      entityId: t.id,
      data: { extensionId: extId, kind: body.kind, requestedDue: body.requestedDue ?? null },
      bureauId: t.bureau_id,
    });
  });
  return getTicket(deps, actor, id);
}

export async function decideTicketExtension(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  extensionId: string,
  body: TicketExtensionDecisionBody,
): Promise<TicketDetail> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const t = await lockedTicket(trx, actor, id, 'decideExtension', 'ticket:approve');
    const step = ticketStep(t.state as TicketState, 'decideExtension', actor.roles);
    if (!step.ok) refuse(step.refusal.code, step.refusal.messageZh, step.refusal.messageEn);
    const ext = await trx
      .selectFrom('ticket_extensions')
      .selectAll()
      .where('id', '=', extensionId)
      .where('ticket_id', '=', t.id)
      .executeTakeFirst();
    if (!ext) throw new AppError('NOT_FOUND');
    if (ext.requested_by === actor.id)
      throw new AppError('FORBIDDEN', { message: '不能审批本人提出的延期申请', messageEn: 'You may not decide your own request' });
    const status = body.approve ? 'approved' : 'rejected';
    const res = await trx
      .updateTable('ticket_extensions')
      .set({ status, decided_by: actor.id, decided_at: now, decision_note: body.note ?? null })
      .where('id', '=', ext.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('STATE_CONFLICT', { message: '该延期申请已审批', messageEn: 'The request was decided already' });
    const calendar = await loadWorkCalendar(trx);
    const clock = await refreshDue(trx, t, calendar, now);
    await insertTicketEvent(trx, {
      id: deps.newId(),
      ticketId: t.id,
      action: 'decideExtension',
      from: t.state,
      to: t.state,
      actorId: actor.id,
      actorName: actor.name,
      note: body.note ?? null,
      data: { extensionId: ext.id, approved: body.approve, dueOn: clock.dueDate, limitKind: clock.kind },
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'ticket.decideExtension',
      entityType: 'ticket',
      entityId: t.id,
      data: { extensionId: ext.id, approved: body.approve, dueOn: clock.dueDate },
      bureauId: t.bureau_id,
    });
  });
  return getTicket(deps, actor, id);
}
