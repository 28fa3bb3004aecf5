// Formatting of dates and amounts the way official documents print them.
import type { LegalDate } from '../calendar/legal-date.ts';
import type { Fen } from '../law/types.ts';

/** 2026-01-20 → 2026年1月20日 (GB/T 9704: Arabic numerals, no leading zeros). */
export function zhDate(date: LegalDate | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + SMALL_UNITS[i]!;
  }
  return out;
}

/** The amount in capital numerals (大写金额) as written on receipts and decisions: 1000.50 元 → 壹仟元伍角整. */
export function fenInWords(fen: Fen): string {
  const abs = Math.abs(Math.trunc(fen));
  let yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;
  let head = '';
  if (yuan === 0) head = '零';
  else {
    const groups: number[] = [];
    while (yuan > 0) {
      groups.push(yuan % 10000);
      yuan = Math.floor(yuan / 10000);
    }
    let needZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const v = groups[g]!;
      if (v === 0) {
        needZero = true;
        continue;
      }
      if (head && (needZero || v < 1000)) head += '零';
      head += fourDigits(v) + BIG_UNITS[g]!;
      needZero = false;
    }
  }
  let tail = '';
  if (jiao === 0 && fenDigit === 0) tail = '整';
  else {
    if (jiao > 0) tail += DIGITS[jiao]! + '角';
    else if (abs >= 100) tail += '零';
    if (fenDigit > 0) tail += DIGITS[fenDigit]! + '分';
    else tail += '整';
  }
  return `${fen < 0 ? '负' : ''}人民币${head}元${tail}`;
}

const CN_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Small counts in Chinese: 3 → 三, 15 → 十五, 60 → 六十. */
export function zhCount(n: number): string {
  if (n <= 10) return CN_NUMBERS[n] ?? String(n);
  if (n < 20) return `十${CN_NUMBERS[n - 10]}`;
  if (n < 100) return `${CN_NUMBERS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : CN_NUMBERS[n % 10]}`;
  return String(n);
}
