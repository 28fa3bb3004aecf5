// The working-day calendar of the platform: the chinese-days data (State Council 放假通知, loaded once per
// process) with the administrator's overrides from the database. A caller that read the law revision (with the
// case row) gets the calendar this process read at that revision; any override changed by any process gives a new
// revision (migration 016), so all API processes stay consistent without messages between them.
import { applyCalendarOverrides, calendarFromChineseDays, type CalendarOverride, type WorkCalendar } from '@chengguan/domain';
import type { Executor } from '../../context.ts';
import { listCalendarOverrides } from './law-settings.repository.ts';
import { atRevision } from './law-revision.ts';

let base: WorkCalendar | null = null;

/** The package data without overrides. */
export function packageCalendar(): WorkCalendar {
  base ??= calendarFromChineseDays();
  return base;
}

export async function loadWorkCalendar(db: Executor, lawRevision?: string): Promise<WorkCalendar> {
  const read = async () => {
    const overrides: CalendarOverride[] = (await listCalendarOverrides(db)).map((o) => ({
      date: o.date,
      kind: o.kind as CalendarOverride['kind'],
    }));
    return overrides.length > 0 ? applyCalendarOverrides(packageCalendar(), overrides) : packageCalendar();
  };
  // With the revision of the law data the caller read (law-revision.ts), what this process read at it.
  return lawRevision === undefined ? read() : atRevision(lawRevision, 'calendar', read);
}
