// Payment, 加处罚款 and court enforcement (G1–G3).
import { addDays, compareDates, daysBetween, isAfter, maxDate, minDate, type LegalDate } from '../calendar/legal-date.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { CD, MONTHS, WD, deadline, type Deadline } from './deadlines.ts';
import { assertFen } from './errors.ts';
import type { DateInterval, Fen, RuleLine } from './types.ts';
import { yuanText } from '../money.ts';

/**
 * G1 — 处罚法 Art. 67: 「当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款」.
 * Art. 66: 「确有经济困难…经当事人申请和行政机关批准，可以暂缓或者分期缴纳」 — an approved deferral
 * moves the due date to the end of the deferral when that is later.
 */
export function paymentDeadline(decisionReceivedOn: LegalDate, calendar: WorkCalendar, deferredUntil?: LegalDate): Deadline {
  const base = deadline(decisionReceivedOn, CD(15), calendar, {
    ruleId: 'G1',
    articles: ['行政处罚法 Art. 67'],
    text: '自收到行政处罚决定书之日起十五日内缴纳罚款',
  });
  if (!deferredUntil || !isAfter(deferredUntil, base.due)) return base;
  return {
    due: deferredUntil,
    basis: {
      ruleId: 'G1',
      articles: ['行政处罚法 Art. 66', ...base.basis.articles],
      text: `经批准暂缓缴纳至 ${deferredUntil}`,
    },
    calendarCovered: base.calendarCovered,
  };
}

// 处罚法 Art. 72: 「每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额」
const SURCHARGE_PERCENT_PER_DAY = 3;

export type SurchargeInput = {
  fineFen: Fen;
  /** G1 payment due date; overdue days start the day after. */
  paymentDue: LegalDate;
  /** The day the surcharge is computed for (inclusive). */
  asOf: LegalDate;
  /** Pending 复议 / 诉讼 intervals, inclusive; 「加处罚款的数额在行政复议或者行政诉讼期间不予计算」 (Art. 73). */
  pausedIntervals?: readonly DateInterval[];
};

export type Surcharge = {
  overdueDays: number;
  pausedDays: number;
  surchargeFen: Fen;
  capped: boolean;
  line: RuleLine;
};

/** The days of [from, to] (inclusive) that lie in at least one of the intervals (inclusive; an open end runs on). */
function coveredDays(from: LegalDate, to: LegalDate, intervals: readonly DateInterval[]): number {
  const clipped = intervals
    .map((p) => ({ start: maxDate(p.from, from), end: p.to === undefined ? to : minDate(p.to, to) }))
    .filter((p) => compareDates(p.start, p.end) <= 0)
    .sort((a, b) => compareDates(a.start, b.start));
  let covered = 0;
  let reach: LegalDate | null = null;
  for (const p of clipped) {
    const start: LegalDate = reach !== null && compareDates(p.start, reach) <= 0 ? addDays(reach, 1) : p.start;
    if (compareDates(start, p.end) <= 0) covered += daysBetween(start, p.end) + 1;
    if (reach === null || compareDates(p.end, reach) > 0) reach = p.end;
  }
  return covered;
}

/**
 * G2 — surcharge = min(fine × 3% × overdue days, fine), rounded down to whole fen (in the party's favour).
 * Overdue days run from the day after `paymentDue` to `asOf`, minus days inside paused intervals.
 * 3% × 33 = 99%, so the cap is first reached on the 34th overdue day.
 */
export function surcharge(input: SurchargeInput): Surcharge {
  assertFen(input.fineFen, 'fineFen', 'G2');
  // Counted by intervals, not day by day (a decision unpaid for years is judged on every read of its case): the days
  // from the first overdue day to asOf, and of them the days covered by the union of the paused intervals.
  const firstDay = addDays(input.paymentDue, 1);
  const span = daysBetween(firstDay, input.asOf) + 1;
  const pausedDays = span <= 0 ? 0 : coveredDays(firstDay, input.asOf, input.pausedIntervals ?? []);
  const overdueDays = Math.max(0, span) - pausedDays;
  const uncapped = Math.floor((input.fineFen * SURCHARGE_PERCENT_PER_DAY * overdueDays) / 100);
  const surchargeFen = Math.min(uncapped, input.fineFen);
  return {
    overdueDays,
    pausedDays,
    surchargeFen,
    capped: uncapped >= input.fineFen && input.fineFen > 0,
    line: {
      ruleId: 'G2',
      article: '行政处罚法 Art. 72, Art. 73; 行政强制法 Art. 45',
      textZh: `逾期${overdueDays}日（复议、诉讼期间${pausedDays}日不计），每日按罚款数额的百分之三加处罚款，不得超出罚款数额：${yuanText(surchargeFen, { decimals: 'whole-as-integer' })} 元`,
      textEn: `${overdueDays} overdue days (${pausedDays} paused for review/litigation) at 3% a day, capped at the fine: ${yuanText(surchargeFen, { decimals: 'whole-as-integer' })} yuan`,
    },
  };
}

export type CourtEnforcementInput = {
  /** The day the party received (knew of) the decision: review and litigation periods run from it. */
  decisionReceivedOn: LegalDate;
  /** A 复议 or lawsuit was filed within the periods. */
  reviewOrLitigationFiled: boolean;
  /** The day the 催告书 was served, if it was. */
  reminderServedOn?: LegalDate;
  /** End of an approved 暂缓/分期 (处罚法 Art. 72 para. 2). */
  deferralEndsOn?: LegalDate;
  today: LegalDate;
};

export type CourtEnforcementWindow = {
  reviewDeadline: Deadline;
  litigationDeadline: Deadline;
  reminderWaitEnds: Deadline | null;
  /** First day an application may be filed, or null when no 催告书 was served yet. */
  opensOn: LegalDate | null;
  /** Last day the court accepts the application. */
  closesOn: Deadline;
  canApplyToday: boolean;
  lines: RuleLine[];
};

/**
 * G3 — 强制法 Art. 54: 「催告书送达十日后当事人仍未履行义务的，行政机关可以…申请人民法院强制执行」; 十日 are working days
 * (Art. 69). The party's period to perform after the 催告书 (Art. 35 (一)) ends the same day.
 */
export function reminderWaitDeadline(servedOn: LegalDate, calendar: WorkCalendar): Deadline {
  return deadline(servedOn, WD(10), calendar, {
    ruleId: 'G3',
    articles: ['行政强制法 Art. 54'],
    text: '催告书送达十日后当事人仍未履行义务的，可以申请人民法院强制执行',
  });
}

/**
 * G3 — applying to the court for enforcement:
 * 复议法 Art. 20: 「…自知道或者应当知道该行政行为之日起六十日内提出行政复议申请」;
 * 行政诉讼法 Art. 46: 「…应当自知道或者应当知道作出行政行为之日起六个月内提出」;
 * 强制法 Art. 54: 「催告书送达十日后当事人仍未履行义务的，行政机关可以…申请人民法院强制执行」 (10 = working days, Art. 69);
 * 强制法 Art. 53: 「…可以自期限届满之日起三个月内…申请人民法院强制执行」; 行诉法解释 Art. 156:
 * 「自被执行人的法定起诉期限届满之日起三个月内」; 处罚法 Art. 72: with a deferral, 「自暂缓或者分期缴纳罚款期限结束之日起计算」.
 */
export function courtEnforcementWindow(input: CourtEnforcementInput, calendar: WorkCalendar): CourtEnforcementWindow {
  const reviewDeadline = deadline(input.decisionReceivedOn, CD(60), calendar, {
    ruleId: 'G3',
    articles: ['行政复议法 Art. 20'],
    text: '自知道该行政行为之日起六十日内申请行政复议',
  });
  const litigationDeadline = deadline(input.decisionReceivedOn, MONTHS(6), calendar, {
    ruleId: 'G3',
    articles: ['行政诉讼法 Art. 46'],
    text: '自知道作出行政行为之日起六个月内提起诉讼',
  });
  const reminderWaitEnds = input.reminderServedOn ? reminderWaitDeadline(input.reminderServedOn, calendar) : null;
  const windowStart = input.deferralEndsOn ? maxDate(litigationDeadline.due, input.deferralEndsOn) : litigationDeadline.due;
  const closesOn = deadline(windowStart, MONTHS(3), calendar, {
    ruleId: 'G3',
    articles: ['行政强制法 Art. 53', '最高法行诉法解释 Art. 156', ...(input.deferralEndsOn ? ['行政处罚法 Art. 72'] : [])],
    text: '自起诉期限届满之日（或暂缓、分期缴纳期限结束之日）起三个月内申请人民法院强制执行',
  });
  const opensOn = reminderWaitEnds ? addDays(maxDate(reviewDeadline.due, litigationDeadline.due, reminderWaitEnds.due), 1) : null;
  const lines: RuleLine[] = [];
  if (input.reviewOrLitigationFiled) {
    lines.push(
      line(
        '行政强制法 Art. 53',
        '当事人已申请复议或提起诉讼，不得依本条申请强制执行',
        'A review or lawsuit was filed; no application under Art. 53',
      ),
    );
  }
  if (!reminderWaitEnds) {
    lines.push(line('行政强制法 Art. 54', '尚未送达催告书', 'No 催告书 has been served yet'));
  }
  if (opensOn && isAfter(opensOn, input.today)) {
    lines.push(line('行政强制法 Art. 53, 54', `${opensOn} 起方可申请`, `An application is possible from ${opensOn}`));
  }
  if (isAfter(input.today, closesOn.due)) {
    lines.push(line('最高法行诉法解释 Art. 156', `申请期限已于 ${closesOn.due} 届满`, `The application period ended on ${closesOn.due}`));
  }
  const canApplyToday =
    !input.reviewOrLitigationFiled &&
    opensOn !== null &&
    compareDates(opensOn, input.today) <= 0 &&
    compareDates(input.today, closesOn.due) <= 0;
  return { reviewDeadline, litigationDeadline, reminderWaitEnds, opensOn, closesOn, canApplyToday, lines };
}

function line(article: string, textZh: string, textEn: string): RuleLine {
  return { ruleId: 'G3', article, textZh, textEn };
}
