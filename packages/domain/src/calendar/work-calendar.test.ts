import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFromChineseDays } from './chinese-days.ts';
import { addDays, dayOfWeek } from './legal-date.ts';
import {
  addWorkingDays,
  applyCalendarOverrides,
  countWorkingDaysBetween,
  coveredYears,
  createWorkCalendar,
  isWorkingDay,
  missingYearWarning,
  nextWorkingDay,
  subtractWorkingDays,
  workingDayOnOrAfter,
} from './work-calendar.ts';

const CALENDAR = calendarFromChineseDays();

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('chinese-days data (verified against the State Council notices)', () => {
  it('2024 National Day: 10-01..07 off, Sun 09-29 and Sat 10-12 worked', () => {
    for (const d of datesBetween('2024-10-01', '2024-10-07')) expect(isWorkingDay(CALENDAR, d)).toBe(false);
    expect(dayOfWeek('2024-09-29')).toBe(0);
    expect(isWorkingDay(CALENDAR, '2024-09-29')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2024-10-12')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2024-10-13')).toBe(false);
  });

  it('2025 National Day: 10-01..08 off, Sun 09-28 and Sat 10-11 worked', () => {
    for (const d of datesBetween('2025-10-01', '2025-10-08')) expect(isWorkingDay(CALENDAR, d)).toBe(false);
    expect(isWorkingDay(CALENDAR, '2025-09-28')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2025-10-11')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2025-10-09')).toBe(true);
  });

  it('2025 Spring Festival: 01-28..02-04 off, Sun 01-26 and Sat 02-08 worked', () => {
    for (const d of datesBetween('2025-01-28', '2025-02-04')) expect(isWorkingDay(CALENDAR, d)).toBe(false);
    expect(isWorkingDay(CALENDAR, '2025-01-26')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2025-02-08')).toBe(true);
  });

  it('covers 2004 through at least 2026', () => {
    const years = coveredYears(CALENDAR);
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
  });
});

describe('working-day arithmetic (行政处罚法 Art. 85)', () => {
  it('excludes the start day and skips the National Day week, counting the 调休 Saturday', () => {
    // Mon 2024-09-30 + 1 WD → 10-08 (10-01..07 off)
    expect(addWorkingDays(CALENDAR, '2024-09-30', 1)).toBe('2024-10-08');
    // Fri 2024-09-27 + 1 WD → Sun 09-29 (调休 working day)
    expect(addWorkingDays(CALENDAR, '2024-09-27', 1)).toBe('2024-09-29');
    // 10-08,09,10,11,12(Sat 调休) → 5th WD after 09-30 is Sat 10-12
    expect(addWorkingDays(CALENDAR, '2024-09-30', 5)).toBe('2024-10-12');
    expect(countWorkingDaysBetween(CALENDAR, '2024-09-30', '2024-10-12')).toBe(5);
    expect(countWorkingDaysBetween(CALENDAR, '2024-10-12', '2024-09-30')).toBe(-5);
  });

  it('Spring Festival 2025: 5 WD from Fri 01-24 is Fri 02-07', () => {
    // 01-26 (Sun, worked), 01-27, then 02-05, 02-06, 02-07
    expect(addWorkingDays(CALENDAR, '2025-01-24', 5)).toBe('2025-02-07');
  });

  it('next working day and on-or-after', () => {
    expect(nextWorkingDay(CALENDAR, '2025-09-30')).toBe('2025-10-09');
    expect(workingDayOnOrAfter(CALENDAR, '2025-10-11')).toBe('2025-10-11');
    expect(workingDayOnOrAfter(CALENDAR, '2025-10-05')).toBe('2025-10-09');
    expect(subtractWorkingDays(CALENDAR, '2025-10-09', 1)).toBe('2025-09-30');
  });
});

describe('administrator overrides', () => {
  it('turns a day into a holiday or a working day without touching the source calendar', () => {
    const edited = applyCalendarOverrides(CALENDAR, [
      { date: '2025-10-09', kind: 'holiday' },
      { date: '2025-10-12', kind: 'workday' },
    ]);
    expect(isWorkingDay(edited, '2025-10-09')).toBe(false);
    expect(isWorkingDay(edited, '2025-10-12')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2025-10-09')).toBe(true);
    expect(isWorkingDay(CALENDAR, '2025-10-12')).toBe(false);
  });

  it('can undo a declared holiday, and the builder accepts overrides', () => {
    const edited = calendarFromChineseDays([{ date: '2024-10-04', kind: 'workday' }]);
    expect(isWorkingDay(edited, '2024-10-04')).toBe(true);
  });

  it('rejects data with a date that is both a holiday and a working day', () => {
    expect(() => createWorkCalendar({ holidays: ['2025-10-01'], makeUpWorkdays: ['2025-10-01'], coveredYears: [2025] })).toThrow(/both/);
  });
});

describe('missingYearWarning', () => {
  const small = createWorkCalendar({ holidays: ['2025-10-01'], makeUpWorkdays: [], coveredYears: [2025] });
  it('warns when next year has no data, with today as a parameter', () => {
    const warning = missingYearWarning(small, '2025-11-20');
    expect(warning?.year).toBe(2026);
    expect(warning?.messageZh).toContain('2026');
  });
  it('is silent when this year and next year are covered', () => {
    expect(missingYearWarning(CALENDAR, '2025-06-01')).toBeNull();
    expect(missingYearWarning(CALENDAR, '2026-06-01')?.year).toBe(2027);
  });
});

const START = fc.integer({ min: 0, max: 365 * 2 }).map((offset) => addDays('2024-01-01', offset));
const N = fc.integer({ min: 0, max: 40 });

describe('calendar properties (fast-check)', () => {
  it('adding n working days then counting back gives n, and the start when it is a working day', () => {
    fc.assert(
      fc.property(START, N, (start, n) => {
        const end = addWorkingDays(CALENDAR, start, n);
        expect(countWorkingDaysBetween(CALENDAR, start, end)).toBe(n);
        const back = subtractWorkingDays(CALENDAR, end, n);
        if (isWorkingDay(CALENDAR, start) || n === 0) expect(back).toBe(start);
        else expect(back).toBe(subtractWorkingDays(CALENDAR, start, 1));
      }),
    );
  });

  it('a positive working-day count always lands on a working day after the start', () => {
    fc.assert(
      fc.property(START, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const end = addWorkingDays(CALENDAR, start, n);
        expect(isWorkingDay(CALENDAR, end)).toBe(true);
        expect(end > start).toBe(true);
      }),
    );
  });
});
