// Client-side format checks of party identity numbers, so the officer sees a typo before he submits.
// The server checks again (and is the authority); its checksum errors are shown at the same field.

/** GB 11643-1999 居民身份证号: 17 digits + ISO 7064 MOD 11-2 check character. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 32100-2015 统一社会信用代码: 31-character alphabet without I O Z S V, MOD 31 check character. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type IdProblem = 'format' | 'birth_date' | 'check_digit';

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

export function checkIdCard(raw: string): IdProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return 'birth_date';
  return idCardCheckChar(id.slice(0, 17)) === id[17] ? null : 'check_digit';
}

export function checkUscc(raw: string): IdProblem | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !USCC_CHARS.includes(c))) return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  const c = 31 - (sum % 31);
  return USCC_CHARS[c === 31 ? 0 : c] === code[17] ? null : 'check_digit';
}
