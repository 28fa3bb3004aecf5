// 诉转案, the way back (issue 13 §5): when a case converted from a ticket is decided, closed, not filed or transferred,
// the ticket's timeline reports the outcome and — when the ticket's channel expects an answer — a reply to the sender is
// queued on the ticket (`outcome_reply_*`, migration 040) and, for a ticket of the 12345 / 城运 exchange, in the
// exchange's outbox. Runs inside the case step's transaction.
import type { CaseAction, CaseSnapshot } from '@chengguan/domain';
import type { Deps } from '../../context.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { enqueueExchangeReply } from './exchange/outbox.ts';
import { insertTicketEvent } from './tickets.repository.ts';

/** Channels whose sender waits for our answer (an officer's own discovery has no one to answer). */
export const REPLY_CHANNELS: ReadonlySet<string> = new Set(['hotline_12345', 'city_ops', 'portal', 'workroom', 'open311']);

const DECISION_ZH: Record<string, string> = {
  penalty: '依法作出行政处罚决定',
  no_penalty_minor: '违法行为轻微并及时改正，依法不予行政处罚',
  no_penalty_facts_not_established: '经调查违法事实不能成立，不予行政处罚',
  transfer_judicial: '涉嫌犯罪，已移送司法机关',
};

/** The outcome sentence of a case step, or null when the step reports nothing to the reporter. */
export function caseOutcomeText(action: CaseAction, next: CaseSnapshot, documentNumber: string | null): string | null {
  switch (action) {
    case 'decide': {
      const outcome = next.decision?.outcome;
      const text = (outcome && DECISION_ZH[outcome]) ?? '已作出处理决定';
      return documentNumber ? `${text}（${documentNumber}）` : text;
    }
    case 'close':
      return '案件已办结';
    case 'rejectFiling':
      return '经审查不予立案';
    case 'transfer':
      return '案件已移送有管辖权的机关处理';
    default:
      return null;
  }
}

async function reportOutcome(deps: Deps, _meta: unknown, w: StepWrite<CaseAction>, action: CaseAction): Promise<void> {
  const text = caseOutcomeText(action, w.next, w.documentNumber);
  if (!text) return;
  const tickets = await w.trx
    .selectFrom('tickets')
    .select(['id', 'number', 'channel', 'state', 'external_no', 'bureau_id'])
    .where('case_id', '=', w.loaded.row.id)
    .execute();
  if (tickets.length === 0) return;
  const now = deps.clock.now();
  const caseNumber = w.loaded.row.case_number;
  for (const t of tickets) {
    const expectsReply = REPLY_CHANNELS.has(t.channel);
    const reply = `您反映的问题（诉件${t.number}）已立案查处${caseNumber ? `（案号${caseNumber}）` : ''}，${text}。感谢您的监督。`;
    await w.trx
      .updateTable('tickets')
      .set({
        case_outcome: text,
        ...(expectsReply ? { outcome_reply_text: reply, outcome_reply_queued_at: now, outcome_reply_sent_at: null } : {}),
        updated_at: now,
      })
      .where('id', '=', t.id)
      .execute();
    const eventId = deps.newId();
    await insertTicketEvent(w.trx, {
      id: eventId,
      ticketId: t.id,
      action: 'caseOutcome',
      from: t.state,
      to: t.state,
      actorId: w.actor.id,
      actorName: null,
      note: text,
      data: { caseId: w.loaded.row.id, caseAction: action, replyQueued: expectsReply },
      at: now,
    });
    // A ticket of the city's exchange gets the outcome back through the exchange's outbox, in this transaction.
    if (expectsReply && t.external_no) {
      await enqueueExchangeReply(w.trx, deps, {
        channel: t.channel,
        ticketId: t.id,
        bureauId: t.bureau_id,
        externalNo: t.external_no,
        kind: 'reply',
        key: eventId,
        text: reply,
      });
    }
  }
}

const OUTCOME_ACTIONS: readonly CaseAction[] = ['decide', 'close', 'rejectFiling', 'transfer'];
const HOOKS = new Map(
  OUTCOME_ACTIONS.map((a) => [a, (deps: Deps, meta: unknown, w: StepWrite<CaseAction>) => reportOutcome(deps, meta, w, a)]),
);

export function installTicketHooks(): void {
  for (const [action, hook] of HOOKS) registerCaseStepHook(action, hook);
}
