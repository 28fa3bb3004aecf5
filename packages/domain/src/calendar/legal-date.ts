// Legal dates are plain `YYYY-MM-DD` strings in Asia/Shanghai (ARCHITECTURE.md "Data").
// All arithmetic goes through UTC day numbers, so results never depend on the host time zone.

/** A calendar date as `YYYY-MM-DD`. Validate external input with `assertLegalDate`. */
export type LegalDate = string;

export type DateParts = { year: number; month: number; day: number };

export class InvalidDateError extends Error {
  readonly code = 'INVALID_DATE';
  constructor(
    readonly value: string,
    readonly field: string,
  ) {
    super(`${field}: "${value}" is not an existing date in YYYY-MM-DD form`);
    this.name = 'InvalidDateError';
  }
}

const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in the month (1–12) of the proleptic Gregorian year; other months roll over as Date.UTC does. */
export function daysInMonth(year: number, month: number): number {
  if (Number.isInteger(year) && year >= 1 && Number.isInteger(month) && month >= 1 && month <= 12) {
    if (month !== 2) return MONTH_DAYS[month - 1]!;
    return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The value of `length` ASCII digits of `value` from `at`, or −1 when one of them is not a digit. */
function digitsAt(value: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Parts of a date, or null when the text is malformed or the day does not exist (e.g. 2025-02-29). The form is
 * exactly `DDDD-DD-DD` in ASCII digits (the pattern `^\d{4}-\d{2}-\d{2}$`), read character by character: dates are parsed in
 * hot loops (a draw's inspectors, the generator's millions of events).
 */
export function parseLegalDate(value: string): DateParts | null {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isValidLegalDate(value: string): boolean {
  return parseLegalDate(value) !== null;
}

export function parseLegalDateOrFail(value: string, field = 'date'): DateParts {
  const parts = parseLegalDate(value);
  if (!parts) throw new InvalidDateError(value, field);
  return parts;
}

export function assertLegalDate(value: string, field = 'date'): asserts value is LegalDate {
  parseLegalDateOrFail(value, field);
}

export function formatLegalDate(parts: DateParts): LegalDate {
  const y = String(parts.year).padStart(4, '0');
  const m = String(parts.month).padStart(2, '0');
  const d = String(parts.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function toDayNumber(date: LegalDate): number {
  const { year, month, day } = parseLegalDateOrFail(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): LegalDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatLegalDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: LegalDate, n: number): LegalDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LegalDate, to: LegalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * 民法典 Art. 202: 「按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。」
 * So 2024-01-31 + 1 month = 2024-02-29, 2025-01-31 + 1 month = 2025-02-28.
 */
export function addMonths(date: LegalDate, n: number): LegalDate {
  const { year, month, day } = parseLegalDateOrFail(date);
  const index = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatLegalDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

export function addYears(date: LegalDate, n: number): LegalDate {
  return addMonths(date, 12 * n);
}

export function compareDates(a: LegalDate, b: LegalDate): -1 | 0 | 1 {
  const diff = toDayNumber(a) - toDayNumber(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function isBefore(a: LegalDate, b: LegalDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: LegalDate, b: LegalDate): boolean {
  return compareDates(a, b) > 0;
}

export function maxDate(first: LegalDate, ...rest: LegalDate[]): LegalDate {
  return rest.reduce((acc, d) => (isAfter(d, acc) ? d : acc), first);
}

export function minDate(first: LegalDate, ...rest: LegalDate[]): LegalDate {
  return rest.reduce((acc, d) => (isBefore(d, acc) ? d : acc), first);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LegalDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: LegalDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function yearOf(date: LegalDate): number {
  return parseLegalDateOrFail(date).year;
}

/**
 * Completed years of age on `onDate` (周岁). By default a birthday year is completed only from the
 * day after the birthday anniversary — the rule of 最高法《关于审理未成年人刑事案件具体应用法律若干问题的解释》
 * Art. 2, applied by convention in administrative cases (U: not in LEGAL-RULES.md; configurable).
 * A 29 Feb birthday has its anniversary on 28 Feb in other years (民法典 Art. 202 month-end rule).
 */
export function ageOn(birthDate: LegalDate, onDate: LegalDate, countFromDayAfterBirthday = true): number {
  const birth = parseLegalDateOrFail(birthDate, 'birthDate');
  const on = parseLegalDateOrFail(onDate, 'onDate');
  let age = on.year - birth.year;
  const anniversary = addYears(birthDate, age);
  const reached = countFromDayAfterBirthday ? isAfter(onDate, anniversary) : !isBefore(onDate, anniversary);
  if (!reached) age -= 1;
  return Math.max(age, 0);
}
