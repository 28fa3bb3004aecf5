// The duty log written by the other modules' steps (docs/duty.md §5), inside each step's transaction: case steps
// through the case step hooks, ticket timeline events and submitted inspection visits through the listeners their
// modules export. Each entry is keyed by its source event (source + source_key unique), so a step logs once.
import { randomBytes } from 'node:crypto';
import { autoLogTag, uuidv7, type CaseAction } from '@chengguan/domain';
import type { Deps, Executor } from '../../context.ts';
import { registerCaseStepHook, type StepWrite } from '../cases/index.ts';
import { onVisitSubmitted, type SubmittedVisit } from '../inspections/index.ts';
import { onTicketEvent, type TicketStepEvent } from '../tickets/index.ts';
import { shanghaiDate } from '../../shared/time.ts';

/** The case steps that make an entry of the log, with the sentence it says. */
export const LOGGED_CASE_STEPS: Partial<Record<CaseAction, string>> = {
  register: '登记案件',
  approveFiling: '立案审批通过',
  rejectFiling: '不予立案',
  recordInspection: '现场检查（勘验）',
  recordQuestioning: '询问调查',
  concludeInvestigation: '调查终结',
  issuePriorNotice: '告知当事人',
  decide: '作出处理决定',
  serveDecision: '送达决定书',
  issueSummaryDecision: '当场作出处罚决定',
  close: '结案',
  transfer: '移送',
};

const TICKET_ACTION_ZH: Record<string, string> = {
  intake: '受理诉件',
  accept: '签收诉件',
  dispatch: '派遣诉件',
  startHandling: '开始处置诉件',
  recordContact: '先行联系诉求人',
  reply: '回复处置情况',
  close: '诉件结案',
  recordCallback: '回访',
  returnTicket: '退单',
  transfer: '转派诉件',
  refer: '移送其他部门',
  escalate: '督办',
  merge: '并入主件',
  convert: '诉转案',
};

type NewEntry = {
  bureauId: string;
  orgId: string;
  officerId: string | null;
  at: Date;
  source: 'case' | 'ticket' | 'inspection';
  sourceId: string;
  sourceKey: string;
  action: string;
  tagCode: string;
  summary: string;
};

const newId = (at: Date) => uuidv7(at.getTime(), (n) => new Uint8Array(randomBytes(n)));

async function writeEntries(db: Executor, entries: NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('duty_log_entries')
    .values(
      entries.map((e) => ({
        id: newId(e.at),
        bureau_id: e.bureauId,
        org_id: e.orgId,
        officer_id: e.officerId,
        entry_date: shanghaiDate(e.at),
        at: e.at,
        source: e.source,
        source_id: e.sourceId,
        source_key: e.sourceKey,
        action: e.action,
        tag_code: e.tagCode,
        summary: e.summary.slice(0, 1000),
        created_by: null,
        created_at: e.at,
      })),
    )
    .onConflict((oc) => oc.columns(['source', 'source_key']).doNothing())
    .execute();
}

async function logCaseStep(deps: Deps, _meta: unknown, w: StepWrite<CaseAction>, action: CaseAction): Promise<void> {
  const text = LOGGED_CASE_STEPS[action];
  const row = w.loaded.row;
  if (!text || !row.bureau_id) return;
  const at = deps.clock.now();
  const officers = w.actor.id ? [w.actor.id] : [];
  const label = row.case_number ?? row.id.slice(0, 8);
  await writeEntries(w.trx, [
    {
      bureauId: row.bureau_id,
      orgId: row.org_id,
      officerId: officers[0] ?? null,
      at,
      source: 'case',
      sourceId: row.id,
      sourceKey: w.eventId,
      action,
      tagCode: autoLogTag('case', action),
      summary: `案件${label}：${text}${w.documentNumber ? `（${w.documentNumber}）` : ''}`,
    },
  ]);
}

async function logTicketEvents(db: Executor, events: readonly TicketStepEvent[]): Promise<void> {
  const logged = events.filter((e) => e.orgId);
  if (logged.length === 0) return;
  await writeEntries(
    db,
    logged.map((e) => ({
      bureauId: e.bureauId,
      orgId: e.orgId!,
      officerId: e.actorId ?? e.officerId,
      at: e.at,
      source: 'ticket' as const,
      sourceId: e.ticketId,
      sourceKey: e.id,
      action: e.action,
      tagCode: autoLogTag('ticket', e.action),
      summary: `诉件${e.number}：${TICKET_ACTION_ZH[e.action] ?? e.action}${e.note ? `（${e.note.slice(0, 200)}）` : ''}`,
    })),
  );
}

async function logVisit(db: Executor, v: SubmittedVisit): Promise<void> {
  const origin = v.origins.includes('random') ? 'random' : (v.origins[0] ?? 'other');
  const outcome = v.outcome === 'passed' ? '合格' : '不合格';
  // One entry per inspector: each officer's own log shows the visit.
  await writeEntries(
    db,
    v.inspectorIds.map((officerId) => ({
      bureauId: v.bureauId,
      orgId: v.orgId,
      officerId,
      at: v.visitedAt,
      source: 'inspection' as const,
      sourceId: v.id,
      sourceKey: `${v.id}:${officerId}`,
      action: origin,
      tagCode: autoLogTag('inspection', origin, v.outcome),
      summary: `检查${v.subjectName}：${outcome}`,
    })),
  );
}

// One function per action, made once: registering the same functions again is harmless.
const CASE_HOOKS = new Map(
  (Object.keys(LOGGED_CASE_STEPS) as CaseAction[]).map((action) => [
    action,
    (d: Deps, meta: unknown, w: StepWrite<CaseAction>) => logCaseStep(d, meta, w, action),
  ]),
);

export function installDutyHooks(): void {
  for (const [action, hook] of CASE_HOOKS) registerCaseStepHook(action, hook);
  onTicketEvent(logTicketEvents);
  onVisitSubmitted(logVisit);
}
