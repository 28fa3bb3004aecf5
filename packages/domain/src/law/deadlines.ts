// The generic deadline engine: one function for every legal period.
import { addDays, addMonths, addYears, assertLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import { addWorkingDays, isCoveredDate, workingDayOnOrAfter, type WorkCalendar } from '../calendar/work-calendar.ts';
import { LegalInputError } from './errors.ts';
import type { LegalBasis } from './types.ts';

export type PeriodUnit = 'working_day' | 'calendar_day' | 'month' | 'year';

export type Period = { unit: PeriodUnit; n: number };

export type Deadline = {
  /** The last day on which the act is still in time (until 24:00, 民法典 Art. 203). */
  due: LegalDate;
  basis: LegalBasis;
  /** False when the period runs through a year the calendar has no holiday data for. */
  calendarCovered: boolean;
};

export const WD = (n: number): Period => ({ unit: 'working_day', n });
export const CD = (n: number): Period => ({ unit: 'calendar_day', n });
export const MONTHS = (n: number): Period => ({ unit: 'month', n });
export const YEARS = (n: number): Period => ({ unit: 'year', n });

// 行政处罚法 Art. 85: 「本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。」
// 行政强制法 Art. 69: 「本法中十日以内期限的规定是指工作日，不含法定节假日。」
// 行政复议法 Art. 88: 「“三日”、“五日”、“七日”、“十日”的规定是指工作日」
export const WORKING_DAY_ARTICLES: readonly string[] = ['行政处罚法 Art. 85', '行政强制法 Art. 69', '行政复议法 Art. 88'];

// 民法典 Art. 201: 「按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。」
// 民法典 Art. 202: 「按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。」
// 民法典 Art. 203: 「期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。期间的最后一日的截止时间为二十四时」
export const CALENDAR_PERIOD_ARTICLES: readonly string[] = ['民法典 Art. 201', '民法典 Art. 202', '民法典 Art. 203'];

const UNIT_TEXT: Record<PeriodUnit, string> = {
  working_day: '个工作日',
  calendar_day: '日',
  month: '个月',
  year: '年',
};

export function describePeriod(period: Period): string {
  return `${period.n}${UNIT_TEXT[period.unit]}`;
}

function assertPeriod(period: Period): void {
  if (!Number.isInteger(period.n) || period.n < 0) {
    throw new LegalInputError(
      'LEGAL_INPUT_INVALID',
      'period.n',
      'DEADLINE',
      `must be a non-negative integer, got ${period.n}`,
      `期限天数须为不小于零的整数（收到 ${period.n}），请重新填写`,
    );
  }
}

/** The raw end of a calendar period before the holiday shift (Arts. 201–202). */
export function periodEnd(start: LegalDate, period: Period): LegalDate {
  switch (period.unit) {
    case 'calendar_day':
      return addDays(start, period.n);
    case 'month':
      return addMonths(start, period.n);
    case 'year':
      return addYears(start, period.n);
    case 'working_day':
      throw new RangeError('working-day periods need a calendar; use deadline()');
  }
}

/**
 * The due date of `period` counted from `start`.
 * Working days: the start day is excluded and only working days count, so the due day is always one.
 * Calendar periods: start excluded (Art. 201), month-end rule (Art. 202), and a last day that is not a
 * working day — holiday or weekend rest day, not a 调休 working day — moves to the next working day (Art. 203).
 * `basis` lets a named rule put its own rule ID and article in front of the counting rules.
 */
export function deadline(
  start: LegalDate,
  period: Period,
  calendar: WorkCalendar,
  basis?: { ruleId: string; articles: string[]; text: string },
): Deadline {
  assertLegalDate(start, 'start');
  assertPeriod(period);
  const isWorking = period.unit === 'working_day';
  const due = isWorking ? addWorkingDays(calendar, start, period.n) : workingDayOnOrAfter(calendar, periodEnd(start, period));
  const countingArticles = isWorking ? WORKING_DAY_ARTICLES : CALENDAR_PERIOD_ARTICLES;
  const articles = [...(basis?.articles ?? []), ...countingArticles.filter((a) => !basis?.articles.includes(a))];
  const countingText = isWorking
    ? `自 ${start} 次日起算 ${describePeriod(period)}（不含法定节假日，含调休工作日）`
    : `自 ${start} 次日起算 ${describePeriod(period)}，最后一日为休息日的顺延至其后第一个工作日`;
  return {
    due,
    basis: {
      ruleId: basis?.ruleId ?? (isWorking ? 'PERIOD_WD' : 'PERIOD_CD'),
      articles,
      text: basis ? `${basis.text}；${countingText}` : countingText,
    },
    calendarCovered: isCoveredDate(calendar, start) && isCoveredDate(calendar, due),
  };
}
