const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The legal date (Asia/Shanghai) of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}

/** Refuses a 'YYYY-MM-DD' that does not exist on the calendar (2025-02-29), naming the field. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The wall-clock time (Asia/Shanghai) of an instant, as 'HH:mm'. */
export function shanghaiTime(at: Date): string {
  return SHANGHAI_TIME.format(at);
}
