// Where a case stands in its procedure: the stages of its path with the day each was reached, and the clocks that
// run now (days used against the legal period, counted in working days where the law counts working days, 调休 included).
import { daysBetween, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import { countWorkingDaysBetween } from '../calendar/work-calendar.ts';
import type { CaseContext, CaseSnapshot } from './case-snapshot.ts';
import { decisionFineFen, openSuspension, paidFen } from './case-snapshot.ts';
import { CASE_STATE_LABELS, PROCEDURE_STAGES, TERMINAL_CASE_STATES, type CaseState } from './case-states.ts';
import { decisionReceivedOn, type CaseDeadline, type CaseDeadlineKind } from './case.deadlines.ts';
import { ruleSentence, type StatuteCitation } from './case.needs.ts';

/** 立案 → 调查取证 → 审核 → 事先告知 → 陈述申辩/听证 → 决定 → 送达 → 执行 → 结案 → 归档 (处罚法 Chapter 5). */
export const ORDINARY_STAGES = PROCEDURE_STAGES;
/** 简易程序 (处罚法 Arts. 51–53): the decision is handed over on the spot, then payment, closing, archiving. */
export const SUMMARY_STAGES = ['decision', 'enforcement', 'close', 'archive'] as const;

export type ProcedureStage = (typeof ORDINARY_STAGES)[number];

export const STAGE_LABELS: Record<ProcedureStage, { zh: string; en: string; summaryZh?: string; summaryEn?: string }> = {
  filing: { zh: '立案', en: 'Filing' },
  investigation: { zh: '调查取证', en: 'Investigation' },
  review: { zh: '审核', en: 'Review' },
  notice: { zh: '事先告知', en: 'Prior notice' },
  statement: { zh: '陈述申辩/听证', en: 'Statement / hearing' },
  decision: { zh: '处罚决定', en: 'Decision', summaryZh: '当场处罚决定', summaryEn: 'On-the-spot decision' },
  service: { zh: '送达', en: 'Service' },
  enforcement: { zh: '执行', en: 'Enforcement', summaryZh: '缴纳罚款', summaryEn: 'Payment' },
  close: { zh: '结案', en: 'Closed' },
  archive: { zh: '归档', en: 'Archived' },
};

/** done: reached (on `reachedOn` where known); current: the stage the case works on now; skipped: not needed here. */
export type StageStatus = 'done' | 'current' | 'upcoming' | 'skipped';

export type StageProgress = { stage: ProcedureStage; labelZh: string; labelEn: string; status: StageStatus; reachedOn: LegalDate | null };

export type ClockUnit = 'working_day' | 'calendar_day';

export type CaseClock = {
  kind: CaseDeadlineKind;
  labelZh: string;
  labelEn: string;
  holder: 'agency' | 'party';
  state: CaseDeadline['state'];
  unit: ClockUnit;
  startedOn: LegalDate | null;
  dueDate: LegalDate;
  /** Days (in `unit`) from the start to today; null when the clock has no start of its own (a latest date). */
  elapsed: number | null;
  /** Days (in `unit`) of the whole period; null without a start. */
  total: number | null;
  /** Days (in `unit`) from today to the due date: 0 on the last day, negative once past. */
  remaining: number;
  ruleId: string;
  citation: StatuteCitation | null;
};

export type CaseProgress = {
  path: 'ordinary' | 'summary';
  stages: StageProgress[];
  current: ProcedureStage | null;
  /** The case left its path: 中止 (paused, comes back), 不予立案, 移送 (ended). */
  offPath: { state: CaseState; labelZh: string; labelEn: string; ended: boolean } | null;
  clocks: CaseClock[];
};

/**
 * The unit each period is counted in: 处罚法 Art. 85 (「二日」「三日」「五日」「七日」 are working days) for filing (C2,
 * configured in working days), the statement (D2), the hearing request and notice (D5, D6), service (F1, 七日),
 * 先行登记保存 (C3) and hand-in / deposit (Art. 71); calendar days for the ninety days of Art. 60, the fifteen days of
 * Art. 67 and the court window (行政强制法 Art. 53).
 */
export const CLOCK_UNITS: Record<CaseDeadlineKind, ClockUnit> = {
  filing: 'working_day',
  statement: 'working_day',
  hearing_request: 'working_day',
  hearing_notice: 'working_day',
  decision: 'calendar_day',
  service: 'working_day',
  payment: 'calendar_day',
  court_enforcement: 'calendar_day',
  preservation: 'working_day',
  cash_hand_in: 'working_day',
  bank_deposit: 'working_day',
};

export const CLOCK_LABELS: Record<CaseDeadlineKind, { zh: string; en: string }> = {
  filing: { zh: '立案期限', en: 'Filing period' },
  statement: { zh: '陈述申辩期', en: 'Statement period' },
  hearing_request: { zh: '听证申请期', en: 'Hearing request period' },
  hearing_notice: { zh: '听证通知最迟日', en: 'Latest hearing notice' },
  decision: { zh: '办案期限（立案起九十日）', en: 'Decision period (90 days from filing)' },
  service: { zh: '决定书送达期限', en: 'Service period' },
  payment: { zh: '缴款期限', en: 'Payment period' },
  court_enforcement: { zh: '申请法院强制执行期限', en: 'Court enforcement window' },
  preservation: { zh: '先行登记保存处理期限', en: 'Preservation disposal period' },
  cash_hand_in: { zh: '当场收缴罚款交回期限', en: 'Cash hand-in period' },
  bank_deposit: { zh: '罚款缴存银行期限', en: 'Bank deposit period' },
};

function startOf(s: CaseSnapshot, d: CaseDeadline): LegalDate | null {
  switch (d.kind) {
    case 'filing':
      return s.dates.discoveredOn ?? null;
    case 'statement':
    case 'hearing_request':
      return s.priorNotice?.servedOn ?? null;
    case 'decision':
      return s.dates.filedOn ?? null;
    case 'service':
      return s.decision?.decidedOn ?? null;
    case 'payment':
      return decisionReceivedOn(s) ?? null;
    case 'court_enforcement':
      return d.opensOn ?? null;
    case 'preservation':
      return s.preservations.find((p) => p.disposedOn === undefined)?.preservedOn ?? null;
    case 'cash_hand_in':
      return s.summary?.collectedOn ?? null;
    case 'bank_deposit':
      return s.summary?.cashHandedInOn ?? null;
    case 'hearing_notice':
      return null;
  }
}

function count(unit: ClockUnit, from: LegalDate, to: LegalDate, ctx: CaseContext): number {
  return unit === 'working_day' ? countWorkingDaysBetween(ctx.calendar, from, to) : daysBetween(from, to);
}

/** The clocks still running (or paused, or overdue and not done) among the case's deadlines. */
export function caseClocks(s: CaseSnapshot, deadlines: readonly CaseDeadline[], ctx: CaseContext): CaseClock[] {
  return deadlines
    .filter((d) => d.doneOn === undefined && (d.state === 'running' || d.state === 'paused' || d.state === 'overdue'))
    .map((d) => {
      const unit = CLOCK_UNITS[d.kind];
      const startedOn = startOf(s, d);
      const paused = d.kind === 'decision' ? (d.pausedDays ?? 0) : 0;
      // E4: suspended days do not count (the due date already moved by them).
      const elapsed = startedOn ? count(unit, startedOn, ctx.today, ctx) - paused : null;
      const total = startedOn ? count(unit, startedOn, d.dueDate, ctx) - paused : null;
      const sentence = ruleSentence(d.basis.ruleId);
      return {
        kind: d.kind,
        labelZh: CLOCK_LABELS[d.kind].zh,
        labelEn: CLOCK_LABELS[d.kind].en,
        holder: d.holder,
        state: d.state,
        unit,
        startedOn,
        dueDate: d.dueDate,
        elapsed,
        total,
        remaining: count(unit, ctx.today, d.dueDate, ctx),
        ruleId: d.basis.ruleId,
        citation: sentence.citation,
      };
    });
}

/** The day each stage was reached (null: not reached, or reached without a dated record). */
function reachedDates(s: CaseSnapshot, ctx: CaseContext, deadlines: readonly CaseDeadline[]): Record<ProcedureStage, LegalDate | null> {
  const lastPass = s.legalReviews.filter((r) => r.result === 'pass').at(-1)?.reviewedOn;
  const reviewedOn = [s.dates.caseReviewedOn, lastPass, s.deliberationsOn.at(-1)].filter((d): d is LegalDate => !!d).sort()[0];
  const h = s.hearing;
  const statementPeriod = deadlines.find((d) => d.kind === 'statement');
  // The statement stage is over when the party waived it, a hearing was held or ended, or the period ran out.
  const statementOver =
    s.statementWaivedOn ??
    h?.heldOn ??
    h?.terminatedOn ??
    (statementPeriod && isAfter(ctx.today, statementPeriod.dueDate) && (!h || h.heldOn || h.terminatedOn)
      ? statementPeriod.dueDate
      : undefined);
  const fine = decisionFineFen(s);
  const paidInFull =
    fine > 0 && paidFen(s) >= fine ? [...s.payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn)).at(-1)?.paidOn : undefined;
  return {
    filing: s.procedure === 'summary' ? (s.dates.registeredOn ?? null) : (s.dates.filedOn ?? null),
    investigation: s.dates.investigationConcludedOn ?? null,
    review: reviewedOn ?? null,
    notice: s.priorNotice?.servedOn ?? null,
    statement: statementOver ?? null,
    decision: s.decision?.decidedOn ?? null,
    service: s.procedure === 'summary' ? (s.decision?.decidedOn ?? null) : (s.service?.servedOn ?? null),
    enforcement: s.summary?.collectedOn ?? paidInFull ?? s.enforcement.completedOn ?? s.enforcement.terminatedOn ?? null,
    close: s.dates.closedOn ?? null,
    archive: s.dates.archivedOn ?? null,
  };
}

function skippedStages(s: CaseSnapshot): Set<ProcedureStage> {
  const skipped = new Set<ProcedureStage>();
  const d = s.decision;
  if (d && d.outcome !== 'penalty') {
    // No penalty (or a transfer to the judiciary): no 事先告知 was needed (处罚法 Art. 44 concerns a penalty), nothing to enforce.
    if (!s.priorNotice) skipped.add('notice').add('statement');
    skipped.add('enforcement');
    if (d.outcome === 'transfer_judicial') skipped.add('service');
  }
  if (d && d.outcome === 'penalty' && decisionFineFen(s) === 0) skipped.add('enforcement');
  return skipped;
}

/** The case's path with dates, the stage it works on, and its running clocks — computed, never stored. */
export function caseProgress(s: CaseSnapshot, deadlines: readonly CaseDeadline[], ctx: CaseContext): CaseProgress {
  const path = s.procedure;
  const keys: readonly ProcedureStage[] = path === 'summary' ? SUMMARY_STAGES : ORDINARY_STAGES;
  const reached = reachedDates(s, ctx, deadlines);
  const skipped = skippedStages(s);
  // A stage counts as reached when it or any later stage is (a stage passed without a dated record of its own).
  let laterReached = false;
  const doneFlags = new Map<ProcedureStage, boolean>();
  for (const k of [...keys].reverse()) {
    if (reached[k] !== null && !skipped.has(k)) laterReached = true;
    doneFlags.set(k, laterReached && !skipped.has(k));
  }
  const ended = s.state === 'not_filed' || s.state === 'transferred';
  let current: ProcedureStage | null = null;
  const stages = keys.map((k): StageProgress => {
    const label = STAGE_LABELS[k];
    const labelZh = path === 'summary' ? (label.summaryZh ?? label.zh) : label.zh;
    const labelEn = path === 'summary' ? (label.summaryEn ?? label.en) : label.en;
    let status: StageStatus;
    if (skipped.has(k)) status = 'skipped';
    else if (doneFlags.get(k)) status = 'done';
    else if (current === null && !ended) {
      status = 'current';
      current = k;
    } else status = 'upcoming';
    return { stage: k, labelZh, labelEn, status, reachedOn: status === 'done' ? reached[k] : null };
  });
  const state = s.state;
  const off =
    state === 'suspended' || (state !== 'unregistered' && TERMINAL_CASE_STATES.includes(state) && state !== 'archived') ? state : null;
  const suspension = openSuspension(s);
  return {
    path,
    stages,
    current,
    offPath: off
      ? {
          state: off,
          labelZh: CASE_STATE_LABELS[off].zh + (off === 'suspended' && suspension ? `（${suspension.from} 起）` : ''),
          labelEn: CASE_STATE_LABELS[off].en + (off === 'suspended' && suspension ? ` (since ${suspension.from})` : ''),
          ended: off !== 'suspended',
        }
      : null,
    clocks: caseClocks(s, deadlines, ctx),
  };
}
