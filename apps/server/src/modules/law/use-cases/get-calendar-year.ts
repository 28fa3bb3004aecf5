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
      messageZh: `内置日历中没有 ${year} 年的国务院放假安排，目前只按周一至周五计算工作日。请依据国务院办公厅的放假通知，点击日期录入放假和调休。`,
      messageEn: `The built-in calendar has no State Council holiday notice for ${year}: Monday–Friday is assumed; click the days to enter the holidays and make-up working days.`,
    });
  }
  const upcoming = missingYearWarning(calendar, shanghaiDate(deps.clock.now()));
  if (upcoming && upcoming.year !== year) warnings.push(upcoming);
  return { year, covered, days, warnings };
}
