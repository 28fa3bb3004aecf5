// The working-day calendar: State Council holidays plus 调休 make-up working days, as data.
// 行政处罚法 Art. 85: 「本法中“二日”“三日”“五日”“七日”的规定是指工作日，不含法定节假日。」
// A day is a working day when it is a declared make-up working day, or it is Monday–Friday and
// not a declared holiday (LEGAL-RULES.md §10 conventions: weekends are rest days unless 调休).
import { addDays, assertLegalDate, compareDates, isWeekend, yearOf, type LegalDate } from './legal-date.ts';

export type WorkCalendar = {
  /** Declared statutory holidays (the whole holiday block, weekend days included). */
  readonly holidays: ReadonlySet<LegalDate>;
  /** 调休: Saturdays or Sundays declared working days. */
  readonly makeUpWorkdays: ReadonlySet<LegalDate>;
  /** Years for which the State Council notice is loaded; other years fall back to Mon–Fri. */
  readonly coveredYears: ReadonlySet<number>;
};

export type WorkCalendarData = {
  holidays: Iterable<LegalDate>;
  makeUpWorkdays: Iterable<LegalDate>;
  coveredYears: Iterable<number>;
};

export type DayKind = 'workday' | 'holiday';

/** An administrator's correction to the loaded data (e.g. a notice published after the package release). */
export type CalendarOverride = { date: LegalDate; kind: DayKind };

// A far-off bound keeps a corrupted calendar (no working day at all) from looping forever.
const MAX_SCAN_DAYS = 3_660;

export class CalendarDataError extends Error {
  readonly code = 'CALENDAR_DATA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

export function createWorkCalendar(data: WorkCalendarData): WorkCalendar {
  const holidays = new Set<LegalDate>();
  const makeUpWorkdays = new Set<LegalDate>();
  for (const date of data.holidays) {
    assertLegalDate(date, 'holidays');
    holidays.add(date);
  }
  for (const date of data.makeUpWorkdays) {
    assertLegalDate(date, 'makeUpWorkdays');
    if (holidays.has(date)) throw new CalendarDataError(`${date} is both a holiday and a make-up working day`);
    makeUpWorkdays.add(date);
  }
  return { holidays, makeUpWorkdays, coveredYears: new Set(data.coveredYears) };
}

/** A new calendar with the overrides applied on top; the last override of a date wins. */
export function applyCalendarOverrides(calendar: WorkCalendar, overrides: readonly CalendarOverride[]): WorkCalendar {
  const holidays = new Set(calendar.holidays);
  const makeUpWorkdays = new Set(calendar.makeUpWorkdays);
  for (const { date, kind } of overrides) {
    assertLegalDate(date, 'override.date');
    holidays.delete(date);
    makeUpWorkdays.delete(date);
    if (kind === 'holiday') holidays.add(date);
    else if (isWeekend(date)) makeUpWorkdays.add(date);
  }
  return { holidays, makeUpWorkdays, coveredYears: calendar.coveredYears };
}

export function isWorkingDay(calendar: WorkCalendar, date: LegalDate): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

export function isCoveredDate(calendar: WorkCalendar, date: LegalDate): boolean {
  return calendar.coveredYears.has(yearOf(date));
}

function scanFailure(from: LegalDate): never {
  throw new CalendarDataError(`no working day within ${MAX_SCAN_DAYS} days of ${from}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: WorkCalendar, date: LegalDate): LegalDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i += 1) {
    d = addDays(d, 1);
    if (isWorkingDay(calendar, d)) return d;
  }
  return scanFailure(date);
}

/** `date` itself when it is a working day, else the next working day (民法典 Art. 203). */
export function workingDayOnOrAfter(calendar: WorkCalendar, date: LegalDate): LegalDate {
  return isWorkingDay(calendar, date) ? date : nextWorkingDay(calendar, date);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(calendar: WorkCalendar, date: LegalDate): LegalDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i += 1) {
    d = addDays(d, -1);
    if (isWorkingDay(calendar, d)) return d;
  }
  return scanFailure(date);
}

/**
 * The n-th working day after `start`; the start day is never counted (民法典 Art. 201:
 * 「开始的当日不计入，自下一日开始计算」). n = 0 returns `start`. Negative n counts back.
 */
export function addWorkingDays(calendar: WorkCalendar, start: LegalDate, n: number): LegalDate {
  if (!Number.isInteger(n)) throw new RangeError(`working-day count must be an integer, got ${n}`);
  assertLegalDate(start, 'start');
  let d = start;
  const step = n < 0 ? previousWorkingDay : nextWorkingDay;
  for (let i = 0; i < Math.abs(n); i += 1) d = step(calendar, d);
  return d;
}

/** The n-th working day before `date` (the date itself excluded). */
export function subtractWorkingDays(calendar: WorkCalendar, date: LegalDate, n: number): LegalDate {
  return addWorkingDays(calendar, date, -n);
}

/** Working days d with from < d ≤ to; negative when `to` is before `from`. */
export function countWorkingDaysBetween(calendar: WorkCalendar, from: LegalDate, to: LegalDate): number {
  const order = compareDates(from, to);
  if (order === 0) return 0;
  if (order > 0) return -countWorkingDaysBetween(calendar, to, from);
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
    if (isWorkingDay(calendar, d)) count += 1;
  }
  return count;
}

export function coveredYears(calendar: WorkCalendar): number[] {
  return [...calendar.coveredYears].sort((a, b) => a - b);
}

export type MissingYearWarning = { year: number; messageZh: string; messageEn: string };

/**
 * A warning for the console when the year of `today` or the next year has no holiday data:
 * working-day deadlines running into it would silently ignore holidays and 调休.
 */
export function missingYearWarning(calendar: WorkCalendar, today: LegalDate): MissingYearWarning | null {
  const year = yearOf(today);
  for (const y of [year, year + 1]) {
    if (!calendar.coveredYears.has(y)) {
      return {
        year: y,
        messageZh: `工作日历还没有 ${y} 年的法定节假日和调休安排。国务院办公厅公布该年放假通知后，请在“工作日历”页逐日录入放假和调休日期，或请系统管理员升级本系统的内置日历。`,
        messageEn: `The working-day calendar has no holiday or make-up working-day data for ${y}; update chinese-days or enter the State Council notice by hand.`,
      };
    }
  }
  return null;
}
