// The working-day calendar of the platform: the chinese-days data (State Council 放假通知, loaded once per
// process) with the administrator's overrides from the database applied per request. Overrides are a
// handful of rows, so reading them on every request keeps all API processes consistent without a cache
// that would need cross-process invalidation.
import { applyCalendarOverrides, calendarFromChineseDays, type CalendarOverride, type WorkCalendar } from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { listCalendarOverrides } from './law-settings.repository.ts';

let base: WorkCalendar | null = null;

/** The package data without overrides. */
export function packageCalendar(): WorkCalendar {
  base ??= calendarFromChineseDays();
  return base;
}

export async function loadWorkCalendar(db: Executor): Promise<WorkCalendar> {
  const overrides: CalendarOverride[] = (await listCalendarOverrides(db)).map((o) => ({
    date: o.date,
    kind: o.kind as CalendarOverride['kind'],
  }));
  return overrides.length > 0 ? applyCalendarOverrides(packageCalendar(), overrides) : packageCalendar();
}
