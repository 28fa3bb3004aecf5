// Every deadline of a case, computed by the legal engine's deadline functions (never re-derived here).
import { addDays, compareDates, daysBetween, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import { deadline, type Deadline } from '../law/deadlines.ts';
import { courtEnforcementWindow, paymentDeadline, surcharge } from '../law/enforcement.ts';
import {
  bankDepositDeadline,
  cashHandInDeadline,
  decisionDeadline,
  filingDeadline,
  hearingNoticeLatestDate,
  hearingRequestDeadline,
  preservationDisposalDeadline,
  serviceDeadline,
  statementPeriodDeadline,
} from '../law/procedure-deadlines.ts';
import type { Fen, LegalBasis, RuleLine } from '../law/types.ts';
import { amountDue, instalmentStatuses, instalmentSurchargeLines, type AmountDue } from '../payments/amount-due.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { DECISION_PENDING_STATES } from './case-states.ts';
import { decisionFineFen, openSuspension, paidFen, type CaseContext, type CaseSnapshot } from './case-snapshot.ts';

export type CaseDeadlineKind =
  | 'filing' // C2
  | 'statement' // D2
  | 'hearing_request' // D5
  | 'hearing_notice' // D6
  | 'decision' // E4
  | 'service' // F1
  | 'payment' // G1 (+ G2 surcharge)
  | 'court_enforcement' // G3
  | 'preservation' // C3
  | 'cash_hand_in' // B4 / Art. 71
  | 'bank_deposit'; // B4 / Art. 71

/**
 * running: still open; paused: the clock stands still (中止); met: done in time, or — for a period the party
 * holds (statement, hearing request) — the period has run; overdue: past the due date and not done, or done late.
 */
export type CaseDeadlineState = 'running' | 'paused' | 'met' | 'overdue';

export type CaseDeadline = {
  kind: CaseDeadlineKind;
  dueDate: LegalDate;
  basis: LegalBasis;
  state: CaseDeadlineState;
  /** Who must act: the agency (a duty) or the party (a right that lapses). */
  holder: 'agency' | 'party';
  doneOn?: LegalDate;
  /** False when the period runs through a year without holiday data. */
  calendarCovered: boolean;
  /** G2: 加处罚款 accrued up to today (or up to full payment). */
  surchargeFen?: Fen;
  /** G3: first day the court application may be filed. */
  opensOn?: LegalDate;
  /** E4: calendar days not counted because the case was suspended. */
  pausedDays?: number;
};

export type DecisionClock = { deadline: Deadline; pausedDays: number; paused: boolean };

/** Calendar days the case spent suspended before the decision (the E4 clock stands still, resuming with the rest). */
export function decisionPausedDays(snapshot: CaseSnapshot, today: LegalDate): number {
  return snapshot.suspensions
    .filter((s) => DECISION_PENDING_STATES.includes(s.resumeTo))
    .reduce((sum, s) => sum + Math.max(0, daysBetween(s.from, s.to ?? today)), 0);
}

/**
 * E4 — 处罚法 Art. 60: 「行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。」
 * Suspended days are not counted (the start moves by them), then each recorded extension with its legal basis
 * runs from the previous due date. While suspended, the due date assumes resumption today.
 */
export function decisionClock(snapshot: CaseSnapshot, ctx: CaseContext): DecisionClock | null {
  const filedOn = snapshot.dates.filedOn;
  if (!filedOn) return null;
  const pausedDays = decisionPausedDays(snapshot, ctx.today);
  const [first, ...rest] = snapshot.extensions;
  let current = decisionDeadline(
    addDays(filedOn, pausedDays),
    ctx.calendar,
    first ? { period: first.period, legalBasis: first.legalBasis } : undefined,
  );
  for (const ext of rest) {
    const next = deadline(current.due, ext.period, ctx.calendar, {
      ruleId: 'E4',
      articles: ['行政处罚法 Art. 60'],
      text: `九十日期限再次延长（依据：${ext.legalBasis}）`,
    });
    current = { ...next, calendarCovered: current.calendarCovered && next.calendarCovered };
  }
  const pauseText = pausedDays > 0 ? `；立案日 ${filedOn}，中止期间 ${pausedDays} 日不计入` : '';
  const open = openSuspension(snapshot);
  const paused = snapshot.state === 'suspended' && open !== undefined && DECISION_PENDING_STATES.includes(open.resumeTo);
  return { deadline: { ...current, basis: { ...current.basis, text: current.basis.text + pauseText } }, pausedDays, paused };
}

/** A duty is overdue once its day has passed undone; a right of the party (a window) simply runs out. */
function stateOf(due: LegalDate, doneOn: LegalDate | undefined, today: LegalDate, window: boolean): CaseDeadlineState {
  if (doneOn !== undefined) return compareDates(doneOn, due) <= 0 ? 'met' : 'overdue';
  if (!isAfter(today, due)) return 'running';
  return window ? 'met' : 'overdue';
}

function entry(
  kind: CaseDeadlineKind,
  d: Deadline,
  holder: 'agency' | 'party',
  doneOn: LegalDate | undefined,
  today: LegalDate,
  window = false,
): CaseDeadline {
  const base: CaseDeadline = {
    kind,
    dueDate: d.due,
    basis: d.basis,
    state: stateOf(d.due, doneOn, today, window),
    holder,
    calendarCovered: d.calendarCovered,
  };
  return doneOn === undefined ? base : { ...base, doneOn };
}

/** The day cumulative payments first covered `amount`. */
function fullyPaidOn(snapshot: CaseSnapshot, amount: Fen): LegalDate | undefined {
  let sum = 0;
  const sorted = [...snapshot.payments].sort((a, b) => compareDates(a.paidOn, b.paidOn));
  for (const p of sorted) {
    sum += p.amountFen;
    if (sum >= amount) return p.paidOn;
  }
  return undefined;
}

/** The day the party received the decision: on the spot for a 当场 decision (Art. 52), else the service date. */
export function decisionReceivedOn(snapshot: CaseSnapshot): LegalDate | undefined {
  return snapshot.procedure === 'summary' ? snapshot.decision?.decidedOn : snapshot.service?.servedOn;
}

export type AccruedSurcharge = { surchargeFen: Fen; overdueDays: number; pausedDays: number; lines: RuleLine[] };

/**
 * G2 accrued by `asOf`, before any 执行协议 reduction (行政强制法 Art. 42): on the whole fine from the day after the G1
 * due date `due`, or — under an approved instalment plan (处罚法 Art. 66) — on each missed instalment from the day after
 * its own due date (instalmentStatuses). Days of a pending 复议 / 诉讼 do not count (Art. 73).
 */
export function accruedSurcharge(s: CaseSnapshot, due: LegalDate, asOf: LegalDate): AccruedSurcharge {
  const e = s.enforcement;
  if (e.instalments && e.instalments.length > 0) {
    const plan = instalmentStatuses(e.instalments, { paidFen: paidFen(s), payments: s.payments }, asOf, e.reviewOrLitigationIntervals);
    const next = plan.find((l) => l.paidFen < l.amountFen);
    return {
      surchargeFen: plan.reduce((sum, l) => sum + l.surchargeFen, 0),
      overdueDays: next?.overdueDays ?? 0,
      pausedDays: next?.pausedDays ?? 0,
      lines: instalmentSurchargeLines(plan),
    };
  }
  if (!isAfter(asOf, due)) return { surchargeFen: 0, overdueDays: 0, pausedDays: 0, lines: [] };
  const g2 = surcharge({ fineFen: decisionFineFen(s), paymentDue: due, asOf, pausedIntervals: e.reviewOrLitigationIntervals });
  return { surchargeFen: g2.surchargeFen, overdueDays: g2.overdueDays, pausedDays: g2.pausedDays, lines: [g2.line] };
}

/**
 * G1 + G2 of the case on `asOf` — fine, surcharge (per instalment under a plan), paid, due now: amountDue fed from the
 * snapshot (approved deferral or plan, dated payments, 复议 / 诉讼 pauses, 执行协议 reduction).
 */
export function caseAmountDue(s: CaseSnapshot, asOf: LegalDate, calendar: WorkCalendar): AmountDue {
  const received = decisionReceivedOn(s);
  const e = s.enforcement;
  return amountDue(
    {
      fineFen: decisionFineFen(s),
      ...(received ? { decisionReceivedOn: received } : {}),
      ...(e.deferredUntil ? { deferredUntil: e.deferredUntil } : {}),
      ...(e.instalments && e.instalments.length > 0 ? { instalments: e.instalments } : {}),
      pausedIntervals: e.reviewOrLitigationIntervals,
      surchargeReducedFen: e.surchargeReducedFen,
      paidFen: paidFen(s),
      payments: s.payments,
      asOf,
    },
    calendar,
  );
}

function paymentDeadlines(s: CaseSnapshot, ctx: CaseContext): CaseDeadline[] {
  const fine = decisionFineFen(s);
  const receivedOn = decisionReceivedOn(s);
  if (fine === 0 || receivedOn === undefined) return [];
  const due = paymentDeadline(receivedOn, ctx.calendar, s.enforcement.deferredUntil);
  const paidOn = s.summary?.collectedOn ?? fullyPaidOn(s, fine);
  const payment = entry('payment', due, 'party', paidOn, ctx.today);
  const asOf = paidOn ?? ctx.today;
  const g2 = accruedSurcharge(s, due.due, asOf);
  if (g2.surchargeFen > 0 || isAfter(asOf, due.due)) payment.surchargeFen = g2.surchargeFen;
  const out = [payment];
  const settled = paidOn !== undefined || s.enforcement.completedOn !== undefined || s.enforcement.terminatedOn !== undefined;
  if (!settled && payment.state === 'overdue') {
    const w = courtEnforcementWindow(
      {
        decisionReceivedOn: receivedOn,
        reviewOrLitigationFiled: s.enforcement.reviewOrLitigationFiled,
        ...(s.enforcement.reminderServedOn ? { reminderServedOn: s.enforcement.reminderServedOn } : {}),
        ...(s.enforcement.deferredUntil ? { deferralEndsOn: s.enforcement.deferredUntil } : {}),
        today: ctx.today,
      },
      ctx.calendar,
    );
    const court = entry('court_enforcement', w.closesOn, 'agency', s.enforcement.courtAppliedOn, ctx.today);
    out.push(w.opensOn ? { ...court, opensOn: w.opensOn } : court);
  }
  return out;
}

/** Every deadline that applies to the case now, with its due date, legal basis and state. */
export function runningDeadlines(s: CaseSnapshot, ctx: CaseContext): CaseDeadline[] {
  const { today, calendar, config } = ctx;
  const out: CaseDeadline[] = [];
  const { discoveredOn, filedOn } = s.dates;
  if (s.procedure === 'ordinary' && discoveredOn && (filedOn || s.state === 'registered' || s.state === 'filing_pending')) {
    out.push(entry('filing', filingDeadline(discoveredOn, calendar, config), 'agency', filedOn, today));
  }
  for (const p of s.preservations) {
    out.push(entry('preservation', preservationDisposalDeadline(p.preservedOn, calendar), 'agency', p.disposedOn, today));
  }
  const notice = s.priorNotice;
  if (notice) {
    const waived = s.statementWaivedOn && !isAfter(notice.servedOn, s.statementWaivedOn) ? s.statementWaivedOn : undefined;
    out.push(entry('statement', statementPeriodDeadline(notice.servedOn, calendar, config), 'party', waived, today, true));
    if (notice.contents.hearingRightStated) {
      const requested = s.hearing && !isAfter(notice.servedOn, s.hearing.requestedOn) ? s.hearing.requestedOn : undefined;
      out.push(entry('hearing_request', hearingRequestDeadline(notice.servedOn, calendar), 'party', requested, today, true));
    }
  }
  if (s.hearing?.hearingOn) {
    out.push(entry('hearing_notice', hearingNoticeLatestDate(s.hearing.hearingOn, calendar), 'agency', s.hearing.noticeServedOn, today));
  }
  const clock = s.procedure === 'ordinary' && !(s.transfer && !s.decision) && s.state !== 'not_filed' ? decisionClock(s, ctx) : null;
  if (clock) {
    const e = entry('decision', clock.deadline, 'agency', s.decision?.decidedOn, today);
    if (clock.paused) e.state = 'paused';
    out.push(clock.pausedDays > 0 ? { ...e, pausedDays: clock.pausedDays } : e);
  }
  if (s.procedure === 'ordinary' && s.decision && s.decision.outcome !== 'transfer_judicial') {
    out.push(entry('service', serviceDeadline(s.decision.decidedOn, calendar), 'agency', s.service?.servedOn, today));
  }
  out.push(...paymentDeadlines(s, ctx));
  if (s.summary?.collectedOn) {
    out.push(entry('cash_hand_in', cashHandInDeadline(s.summary.collectedOn, calendar), 'agency', s.summary.cashHandedInOn, today));
  }
  if (s.summary?.cashHandedInOn) {
    out.push(entry('bank_deposit', bankDepositDeadline(s.summary.cashHandedInOn, calendar), 'agency', s.summary.bankDepositedOn, today));
  }
  return out;
}
