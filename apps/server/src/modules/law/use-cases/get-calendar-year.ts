import type { CalendarDay, CalendarYear } from '@chengguan/contracts';
import { addDays, applyCalendarOverrides, dayOfWeek, isWorkingDay, missingYearWarning, type CalendarOverride } from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { packageCalendar } from '../law-calendar.ts';
import { listCalendarOverrides } from '../law-settings.repository.ts';

/** Every day of a year: working day or not, from the package or an override, plus missing-data warnings. */
export async function getCalendarYear(deps: Deps, actor: Actor, year: number): Promise<CalendarYear> {
  assertPermission(actor, 'law:read');
  const overrides = await listCalendarOverrides(deps.db);
  const pkg = packageCalendar();
  const calendar = applyCalendarOverrides(
    pkg,
    overrides.map((o): CalendarOverride => ({ date: o.date, kind: o.kind as CalendarOverride['kind'] })),
  );
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const days: CalendarDay[] = [];
  const last = `${year}-12-31`;
  for (let d = `${year}-01-01`; d <= last; d = addDays(d, 1)) {
    const override = byDate.get(d);
    days.push({
      date: d,
      weekday: dayOfWeek(d),
      kind: isWorkingDay(calendar, d) ? 'workday' : 'holiday',
      source: override ? 'override' : 'package',
      label: pkg.holidays.has(d) ? '法定节假日' : pkg.makeUpWorkdays.has(d) ? '调休工作日' : null,
      note: override?.note ?? null,
    });
  }
  const warnings = [];
  const covered = pkg.coveredYears.has(year);
  if (!covered) {
    warnings.push({
      year,
      messageZh: `chinese-days 数据中没有 ${year} 年的国务院放假通知：仅按周一至周五计算工作日，请录入调整。`,
      messageEn: `The chinese-days data has no State Council notice for ${year}: Monday–Friday is assumed; enter overrides.`,
    });
  }
  const upcoming = missingYearWarning(calendar, shanghaiDate(deps.clock.now()));
  if (upcoming && upcoming.year !== year) warnings.push(upcoming);
  return { year, covered, days, warnings };
}
