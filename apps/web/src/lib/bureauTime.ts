import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiDateOf } from '@chengguan/domain';

// The bureau works on Shanghai time whatever the browser's own time zone: "today", a default date and the times
// shown in lists are all Shanghai's (a console opened on a machine set to UTC must not start the week a day early).

/** Today's date in Shanghai, as a day-precision Dayjs for pickers and default values. */
export const bureauToday = (): Dayjs => dayjs(shanghaiDateOf(new Date()));

/** The Shanghai calendar day of an instant. */
export const bureauDay = (iso: string): Dayjs => dayjs(shanghaiDateOf(new Date(iso)));

/** An instant as Shanghai wall time, 24-hour, in the zh-CN form the bureau reads. */
export const bureauTime = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
