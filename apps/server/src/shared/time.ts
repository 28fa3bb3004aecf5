const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The legal date (Asia/Shanghai) of an instant, as 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return SHANGHAI_DATE.format(at);
}
