const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The legal date (Asia/Shanghai) of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The wall-clock time (Asia/Shanghai) of an instant, as 'HH:mm'. */
export function shanghaiTime(at: Date): string {
  return SHANGHAI_TIME.format(at);
}
