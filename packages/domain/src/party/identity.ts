// Identity numbers of parties (当事人): the 居民身份证号 of a natural person (GB 11643-1999) and
// the 统一社会信用代码 of an organisation (GB 32100-2015), plus masking for lists
// (ARCHITECTURE.md "Trust": personal data is masked in lists).
import { ageOn, isValidLegalDate, type LegalDate } from '../calendar/legal-date.ts';

export type IdNumberReason = 'format' | 'region' | 'birth_date' | 'birth_in_future' | 'check_digit';

export type IdNumberCheck =
  { ok: true; birthDate: string; gender: 'M' | 'F'; reason: null } | { ok: false; birthDate: null; gender: null; reason: IdNumberReason };

export type CreditCodeReason = 'format' | 'region' | 'check_digit';

export type CreditCodeCheck = { ok: true; regionCode: string; reason: null } | { ok: false; regionCode: null; reason: CreditCodeReason };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = '10X98765432';

// First two digits of GB/T 2260 province-level codes; 71/81/82 also appear on 港澳台 residence permits, 83 on 台湾 ones.
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of the first 17 digits of a 居民身份证号. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('idNumberCheckDigit: need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_MAP[sum % 11]!;
}

/**
 * Checks an 18-character 居民身份证号 (GB 11643-1999): 6-digit region code, birth date
 * YYYYMMDD, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 * A lower-case 'x' is accepted. `onDate` (YYYY-MM-DD), when given, rejects future births.
 */
export function checkIdNumber(raw: string, options: { onDate?: string } = {}): IdNumberCheck {
  const fail = (reason: IdNumberReason): IdNumberCheck => ({ ok: false, birthDate: null, gender: null, reason });
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return fail('format');
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return fail('region');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidLegalDate(birthDate) || birthDate < '1800-01-01') return fail('birth_date');
  if (options.onDate !== undefined && birthDate > options.onDate) return fail('birth_in_future');
  if (idNumberCheckDigit(id.slice(0, 17)) !== id[17]) return fail('check_digit');
  return { ok: true, birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F', reason: null };
}

/**
 * Age in whole years on `onDate` where the birthday itself counts as having reached the age
 * (so a person is 18 on his 18th birthday). Someone born on 29 February reaches it on 28 February
 * in common years (民法典 Art. 202 month-end rule, as in calendar `addYears`).
 * For culpability ages (行政处罚法 Art. 30: 不满十四周岁) the calendar's `ageOn` default, counting
 * from the day after the birthday, is the convention; choose deliberately.
 */
export function ageReachedOn(birthDate: LegalDate, onDate: LegalDate): number {
  if (isValidLegalDate(birthDate) && isValidLegalDate(onDate) && onDate < birthDate) {
    throw new RangeError(`ageReachedOn: ${onDate} is before birth ${birthDate}`);
  }
  return ageOn(birthDate, onDate, false);
}

/** The check character of the first 17 characters of a 统一社会信用代码. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new TypeError('creditCodeCheckChar: need 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new TypeError(`creditCodeCheckChar: invalid character ${first17[i]}`);
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  const c = 31 - (sum % 31);
  return CREDIT_CHARSET[c === 31 ? 0 : c]!;
}

/**
 * Checks an 18-character 统一社会信用代码 (GB 32100-2015): 登记管理部门码, 机构类别码,
 * 6-digit region code, 9-character organisation code, check character; letters I O Z S V are
 * never used. Lower-case input is accepted.
 */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const fail = (reason: CreditCodeReason): CreditCodeCheck => ({ ok: false, regionCode: null, reason });
  const code = raw.trim().toUpperCase();
  if (code.length !== 18 || [...code].some((ch) => !CREDIT_CHARSET.includes(ch))) return fail('format');
  const regionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return fail('region');
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return fail('check_digit');
  return { ok: true, regionCode, reason: null };
}

/** 110105********002X: keeps the region code and the last four characters. */
export function maskIdNumber(id: string): string {
  const chars = [...id];
  if (chars.length >= 15) return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}

/** 138****5678 for mobile numbers; other numbers keep their last four digits. */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length >= 11) return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/** 张* / 张**: keeps the first character (the surname). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  return chars[0]! + '*'.repeat(chars.length - 1);
}
