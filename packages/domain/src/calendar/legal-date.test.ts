import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  addDays,
  addMonths,
  addYears,
  ageOn,
  assertLegalDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isValidLegalDate,
  parseLegalDateOrFail,
} from './legal-date.ts';

/** Days of the month by the platform's Date, with years below 100 set explicitly (Date.UTC maps 0–99 to 1900–1999). */
function dateUtcDays(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

describe('LegalDate parsing', () => {
  it('accepts existing dates and rejects ones that do not exist', () => {
    expect(isValidLegalDate('2024-02-29')).toBe(true);
    expect(isValidLegalDate('2025-02-29')).toBe(false);
    expect(isValidLegalDate('2025-04-31')).toBe(false);
    expect(isValidLegalDate('2025-13-01')).toBe(false);
    expect(isValidLegalDate('2025-1-01')).toBe(false);
    expect(isValidLegalDate('20250101')).toBe(false);
  });

  it('reads exactly four, two and two ASCII digits with dashes, nothing around them', () => {
    for (const bad of [
      '2025-01-01 ',
      ' 2025-01-01',
      '2025-01-01\n',
      '２０２５-01-01',
      '2025/01/01',
      '+025-01-01',
      '2025-0a-01',
      '0000-01-01',
      '',
    ]) {
      expect(isValidLegalDate(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isValidLegalDate('0001-01-01')).toBe(true);
    expect(isValidLegalDate('9999-12-31')).toBe(true);
  });

  it('knows the days of every month as the UTC calendar does (leap years by the Gregorian rule)', () => {
    for (const year of [1, 4, 99, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month), `${year}-${month}`).toBe(dateUtcDays(year, month));
      }
    }
  });

  it('throws a typed error naming the field', () => {
    expect(() => parseLegalDateOrFail('2025-02-29', 'actDate')).toThrow(InvalidDateError);
    expect(() => assertLegalDate('2025-02-30', 'decisionDate')).toThrow(/decisionDate/);
  });
});

describe('LegalDate arithmetic', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2024-10-01', '2024-10-08')).toBe(7);
  });

  it('applies the month-end rule of 民法典 Art. 202', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('compares and knows weekdays', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-02')).toBe(0);
    expect(dayOfWeek('2024-09-29')).toBe(0); // Sunday
    expect(dayOfWeek('2024-10-12')).toBe(6); // Saturday
  });

  it('counts 周岁 from the day after the birthday by default', () => {
    expect(ageOn('2010-05-10', '2024-05-10')).toBe(13);
    expect(ageOn('2010-05-10', '2024-05-11')).toBe(14);
    expect(ageOn('2010-05-10', '2024-05-10', false)).toBe(14);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
