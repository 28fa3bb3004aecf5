// Seeds the working-day calendar from the `chinese-days` package (State Council 放假通知 data,
// 2004 onward). Verified against the package data for 2024–2025: 2024-10-01..07 holiday with
// 2024-09-29 and 2024-10-12 working; 2025-10-01..08 holiday with 2025-09-28 and 2025-10-11
// working; 2025-01-28..02-04 holiday with 2025-01-26 and 2025-02-08 working.
import CHINESE_DAYS_DATA from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { applyCalendarOverrides, createWorkCalendar, type CalendarOverride, type WorkCalendar } from './work-calendar.ts';

type ChineseDaysData = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** The calendar from the installed `chinese-days` data, with administrator overrides applied on top. */
export function calendarFromChineseDays(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const data: ChineseDaysData = CHINESE_DAYS_DATA;
  const holidays = Object.keys(data.holidays);
  const makeUpWorkdays = Object.keys(data.workdays);
  const years = new Set(holidays.map((d) => Number(d.slice(0, 4))));
  const calendar = createWorkCalendar({ holidays, makeUpWorkdays, coveredYears: years });
  return overrides.length > 0 ? applyCalendarOverrides(calendar, overrides) : calendar;
}
