// Where a case stands in enforcement (执行): the payment period (G1), the surcharge (G2, paused during 复议 / 诉讼),
// the 催告 (行政强制法 Arts. 35, 54) and the court window (G3). Pure: computed from the snapshot and today.
import { addDays, compareDates, daysBetween, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import { courtEnforcementWindow, paymentDeadline, reminderWaitDeadline } from '../law/enforcement.ts';
import type { DateInterval, Fen, RuleLine } from '../law/types.ts';
import { decisionFineFen, paidFen, type CaseContext, type CaseSnapshot } from './case-snapshot.ts';
import { accruedSurcharge, decisionReceivedOn } from './case.deadlines.ts';
import type { EnforcementStatus } from './case-states.ts';

export type EnforcementView = {
  status: EnforcementStatus;
  fineFen: Fen;
  paidFen: Fen;
  decisionReceivedOn: LegalDate | null;
  paymentDue: LegalDate | null;
  /** G2 as of today (or as of full payment), with the days not counted during 复议 / 诉讼. */
  surchargeFen: Fen;
  overdueDays: number;
  pausedDays: number;
  surchargeLine: RuleLine | null;
  reminderServedOn: LegalDate | null;
  /** Art. 54: the last of the 10 working days after the 催告书 was served. */
  reminderWaitEnds: LegalDate | null;
  /** G3: first and last day to apply to the court (null before a 催告书 / a decision was served). */
  courtOpensOn: LegalDate | null;
  courtClosesOn: LegalDate | null;
  courtLines: readonly RuleLine[];
  courtAppliedOn: LegalDate | null;
  reviewOrLitigationFiled: boolean;
  reviewOrLitigationIntervals: readonly DateInterval[];
};

/** Days before the G3 last day from which a case counts as 临近申请期限. */
export const COURT_DEADLINE_NEAR_DAYS = 15;

/** The day cumulative payments first covered `amount`. */
function paidInFullOn(s: CaseSnapshot, amount: Fen): LegalDate | undefined {
  let sum = 0;
  for (const p of [...s.payments].sort((a, b) => compareDates(a.paidOn, b.paidOn))) {
    sum += p.amountFen;
    if (sum >= amount) return p.paidOn;
  }
  return undefined;
}

/** Several G2 lines (one per late instalment) as one. */
function joinLines(lines: readonly RuleLine[]): RuleLine {
  return {
    ruleId: 'G2',
    article: [...new Set(lines.map((l) => l.article))].join('; '),
    textZh: lines.map((l) => l.textZh).join('；'),
    textEn: lines.map((l) => l.textEn).join('; '),
  };
}

export function enforcementView(s: CaseSnapshot, ctx: CaseContext, nearDays = COURT_DEADLINE_NEAR_DAYS): EnforcementView {
  const fine = decisionFineFen(s);
  const received = decisionReceivedOn(s) ?? null;
  const e = s.enforcement;
  const base: EnforcementView = {
    status: 'none',
    fineFen: fine,
    paidFen: paidFen(s),
    decisionReceivedOn: received,
    paymentDue: null,
    surchargeFen: 0,
    overdueDays: 0,
    pausedDays: 0,
    surchargeLine: null,
    reminderServedOn: e.reminderServedOn ?? null,
    reminderWaitEnds: null,
    courtOpensOn: null,
    courtClosesOn: null,
    courtLines: [],
    courtAppliedOn: e.courtAppliedOn ?? null,
    reviewOrLitigationFiled: e.reviewOrLitigationFiled,
    reviewOrLitigationIntervals: e.reviewOrLitigationIntervals,
  };
  if (fine === 0 || !received) return base;
  const due = paymentDeadline(received, ctx.calendar, e.deferredUntil).due;
  const paidOn = s.summary?.collectedOn ?? paidInFullOn(s, fine);
  const asOf = paidOn ?? ctx.today;
  const g2 = accruedSurcharge(s, due, asOf);
  const view: EnforcementView = {
    ...base,
    paymentDue: due,
    surchargeFen: g2.surchargeFen,
    overdueDays: g2.overdueDays,
    pausedDays: g2.pausedDays,
    surchargeLine: g2.lines.length === 0 ? null : g2.lines.length === 1 ? g2.lines[0]! : joinLines(g2.lines),
  };
  const w = courtEnforcementWindow(
    {
      decisionReceivedOn: received,
      reviewOrLitigationFiled: e.reviewOrLitigationFiled,
      ...(e.reminderServedOn ? { reminderServedOn: e.reminderServedOn } : {}),
      ...(e.deferredUntil ? { deferralEndsOn: e.deferredUntil } : {}),
      today: ctx.today,
    },
    ctx.calendar,
  );
  view.reminderWaitEnds = w.reminderWaitEnds?.due ?? null;
  view.courtOpensOn = w.opensOn;
  view.courtClosesOn = w.closesOn.due;
  view.courtLines = w.lines;
  const settled = paidOn !== undefined || e.completedOn !== undefined || e.terminatedOn !== undefined;
  if (settled) return view;
  if (!isAfter(ctx.today, due)) return { ...view, status: 'paying' };
  if (e.reviewOrLitigationIntervals.some((i) => i.to === undefined)) return { ...view, status: 'review_pending' };
  if (e.courtAppliedOn) return { ...view, status: 'court_applied' };
  if (!e.reminderServedOn) return { ...view, status: 'awaiting_reminder' };
  if (isAfter(ctx.today, w.closesOn.due)) return { ...view, status: 'court_deadline_passed' };
  if (!w.canApplyToday) return { ...view, status: 'reminded' };
  const near = daysBetween(ctx.today, w.closesOn.due) <= nearDays;
  return { ...view, status: near ? 'court_deadline_near' : 'court_window_open' };
}

/** Statuses in which nothing but a step changes the status: the party or the agency must act next. */
const STATUS_HELD_UNTIL_A_STEP: ReadonlySet<EnforcementStatus> = new Set(['awaiting_reminder', 'court_deadline_passed', 'court_applied']);

/**
 * The first day after `today` on which `enforcementView` of the same snapshot, under the same calendar, may differ
 * from `view` (today's) in what the enforcement list keeps: status, surcharge, dates. Null when only a step (or a
 * change of the calendar) can change it. It is what the daily check must look at again; a day too early only costs a
 * needless look, so it errs early:
 * - settled, never received (`none`) or under 复议 / 诉讼 (`review_pending`, G2 pauses the surcharge): a step;
 * - under an instalment plan (处罚法 Art. 66): each instalment has its own due day and surcharge, so the next day;
 * - paying (G1): the day after the payment is due, when it becomes overdue;
 * - overdue, surcharge below the fine (G2, 处罚法 Art. 72; 行政强制法 Art. 45 caps it at the fine): the next day;
 * - overdue and capped: a step when the status waits for one (催告, the court's application, or the G3 window has
 *   passed); else the next day, for the G3 window (行政强制法 Art. 53: it opens, nears its last day, passes).
 */
export function enforcementRecheckOn(view: EnforcementView, s: CaseSnapshot, today: LegalDate): LegalDate | null {
  if (view.status === 'none' || view.status === 'review_pending') return null;
  const tomorrow = addDays(today, 1);
  if (s.enforcement.instalments && s.enforcement.instalments.length > 0) return tomorrow;
  if (view.status === 'paying') return view.paymentDue ? addDays(view.paymentDue, 1) : tomorrow;
  if (view.surchargeFen < view.fineFen) return tomorrow;
  return STATUS_HELD_UNTIL_A_STEP.has(view.status) ? null : tomorrow;
}

/**
 * 行政强制法 Art. 35 (一) 履行义务的期限: the 催告书 gives the party 10 days from its service (Art. 54; 十日 = working days,
 * Art. 69). Shown on the document as the period and, for the day it is issued, the day it would end.
 */
export function reminderPerformanceDeadline(servedOn: LegalDate, ctx: Pick<CaseContext, 'calendar'>): LegalDate {
  return reminderWaitDeadline(servedOn, ctx.calendar).due;
}
