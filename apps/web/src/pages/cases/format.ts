import dayjs, { type Dayjs } from 'dayjs';
import { fenToYuan, yuanText } from '@chengguan/domain/vocabulary';
import { bureauToday } from '../../lib/bureauTime';

// Money and dates at the edge of the case forms: the officer types 元 and picks a day; the API wants integer fen
// and 'YYYY-MM-DD' legal dates (ARCHITECTURE.md "Data").

export const LEGAL_DATE = 'YYYY-MM-DD';

export function toLegalDate(d: Dayjs): string {
  return d.format(LEGAL_DATE);
}

export function todayLegal(): string {
  return bureauToday().format(LEGAL_DATE);
}

/** 元 as typed (up to two decimals) → integer fen; rounding removes binary-float noise (0.1 + 0.2). */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export { fenToYuan };

/** 1,234.50 元 */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return yuanText(fen, { unit: true });
}

export function formatInstant(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}

/** Days from today to a legal date (negative: past). */
export function daysUntil(date: string): number {
  return dayjs(date).startOf('day').diff(bureauToday().startOf('day'), 'day');
}
