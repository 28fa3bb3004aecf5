// The one place the server turns instants into Shanghai legal dates and wall-clock times, and back. Legal dates are
// 'YYYY-MM-DD' in Asia/Shanghai (ARCHITECTURE.md "Data"); China has kept UTC+8 without daylight saving since 1991, so
// an instant of a legal date is written with the fixed offset +08:00.
import { addDays } from '@chengguan/domain';

/** The time zone of the legal calendar, for SQL (`AT TIME ZONE`) and Intl. */
export const SHANGHAI_TZ = 'Asia/Shanghai';

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The legal date (Asia/Shanghai) of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: SHANGHAI_TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The wall-clock time (Asia/Shanghai) of an instant, as 'HH:mm'. */
export function shanghaiTime(at: Date): string {
  return SHANGHAI_TIME.format(at);
}

/** The instant of a Shanghai wall-clock time on a legal date: shanghaiInstant('2026-03-02', '02:00') → 2026-03-01T18:00Z. */
export function shanghaiInstant(date: string, time = '00:00:00.000'): Date {
  return new Date(`${date}T${time}+08:00`);
}

/** The last instant of a legal date (23:59:59.999 in Shanghai). */
export function endOfShanghaiDay(date: string): Date {
  return shanghaiInstant(date, '23:59:59.999');
}

/** A Shanghai wall-clock time ('02:00') on the legal day after `now`'s — when a daily job that just ran runs next. */
export function tomorrowInShanghaiAt(now: Date, time: string): Date {
  return shanghaiInstant(addDays(shanghaiDate(now), 1), time);
}
