// Checks of a subject record before it is saved: identity numbers (reusing party/identity.ts — GB 32100-2015 for the
// 统一社会信用代码, GB 11643-1999 for the 居民身份证号) and licences. Every issue names the field, so the console can
// show it next to the input (ARCHITECTURE.md "Errors").
import { addDays, isValidLegalDate, type LegalDate } from '../calendar/legal-date.ts';
import { checkCreditCode, checkIdNumber } from '../party/identity.ts';
import { SUBJECT_KIND_DEFAULTS, type Subject, type SubjectKind, type SubjectKindRule, type SubjectLicence } from './subject.ts';
import { toHalfWidth } from './address.ts';

export type SubjectIssueCode =
  | 'REQUIRED'
  | 'CREDIT_CODE_INVALID'
  | 'ID_NUMBER_INVALID'
  | 'PLATE_INVALID'
  | 'DATE_INVALID'
  | 'LICENCE_EXPIRES_BEFORE_ISSUE'
  | 'LICENCE_ISSUED_IN_FUTURE';

export type SubjectIssue = { field: string; code: SubjectIssueCode; messageZh: string };

export type SubjectCheck = { ok: boolean; issues: SubjectIssue[] };

export type LicenceState = 'valid' | 'expiring' | 'expired' | 'not_yet_valid' | 'revoked';

/** The licence state the risk rules see: the best licence of a required kind, 'none' without one. */
export type SubjectLicenceState = LicenceState | 'none' | 'not_required';

/** Local default (U): a licence ending within this many days is 'expiring' (same horizon as credentials, A1). */
export const DEFAULT_LICENCE_EXPIRING_DAYS = 30;

// Ordinary plates: province character, issuing-authority letter, 5 characters; new-energy plates have 6 (GA 36,
// read in practice, not in the standard's text: U). Letters I and O are not used.
const PLATE =
  /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]$|^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{6}$/;

/** Upper-case, half-width, without spaces or separators: 沪 a·12345 → 沪A12345. */
export function normalizePlate(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s·.-]/g, '')
    .toUpperCase();
}

export function isValidPlate(raw: string): boolean {
  return PLATE.test(normalizePlate(raw));
}

/** Checks one licence: dates real, not issued after `onDate`, and the end not before the issue date. */
export function checkLicence(licence: SubjectLicence, onDate: LegalDate, field = 'licence'): SubjectIssue[] {
  const issues: SubjectIssue[] = [];
  if (licence.number.trim() === '') issues.push({ field: `${field}.number`, code: 'REQUIRED', messageZh: '请填写许可证编号' });
  if (!isValidLegalDate(licence.issuedOn)) {
    issues.push({ field: `${field}.issuedOn`, code: 'DATE_INVALID', messageZh: '发证日期不是有效日期' });
    return issues;
  }
  if (licence.issuedOn > onDate) {
    issues.push({ field: `${field}.issuedOn`, code: 'LICENCE_ISSUED_IN_FUTURE', messageZh: '发证日期晚于今天，请核对' });
  }
  if (licence.validUntil !== null) {
    if (!isValidLegalDate(licence.validUntil)) {
      issues.push({ field: `${field}.validUntil`, code: 'DATE_INVALID', messageZh: '有效期截止日期不是有效日期' });
    } else if (licence.validUntil < licence.issuedOn) {
      issues.push({
        field: `${field}.validUntil`,
        code: 'LICENCE_EXPIRES_BEFORE_ISSUE',
        messageZh: `有效期截止日期（${licence.validUntil}）早于发证日期（${licence.issuedOn}），请核对`,
      });
    }
  }
  return issues;
}

/** State of a licence on `onDate` (validUntil is the last valid day). Assumes checkLicence passed. */
export function licenceState(licence: SubjectLicence, onDate: LegalDate, expiringWithinDays = DEFAULT_LICENCE_EXPIRING_DAYS): LicenceState {
  if (licence.revoked === true) return 'revoked';
  if (onDate < licence.issuedOn) return 'not_yet_valid';
  if (licence.validUntil === null) return 'valid';
  if (onDate > licence.validUntil) return 'expired';
  return licence.validUntil < addDays(onDate, expiringWithinDays) ? 'expiring' : 'valid';
}

const LICENCE_STATE_RANK: readonly LicenceState[] = ['valid', 'expiring', 'not_yet_valid', 'expired', 'revoked'];

/** The subject's licence state for the risk rules: the best licence among the kinds its kind requires. */
export function subjectLicenceState(
  subject: Pick<Subject, 'kind' | 'licences'>,
  onDate: LegalDate,
  options: { kindRules?: Readonly<Record<SubjectKind, SubjectKindRule>>; expiringWithinDays?: number } = {},
): SubjectLicenceState {
  const required = (options.kindRules ?? SUBJECT_KIND_DEFAULTS)[subject.kind].requiredLicenceKinds;
  if (required.length === 0) return 'not_required';
  let best: SubjectLicenceState = 'none';
  for (const licence of subject.licences) {
    if (!required.includes(licence.kind)) continue;
    const state = licenceState(licence, onDate, options.expiringWithinDays);
    if (best === 'none' || LICENCE_STATE_RANK.indexOf(state) < LICENCE_STATE_RANK.indexOf(best as LicenceState)) best = state;
  }
  return best;
}

/**
 * Checks a subject record on `onDate`: name and address present, the identity its kind requires (a valid credit code,
 * or for a 个体 operator a valid ID number; a valid plate for a vehicle), every licence.
 */
export function validateSubject(
  subject: Subject,
  onDate: LegalDate,
  kindRules: Readonly<Record<SubjectKind, SubjectKindRule>> = SUBJECT_KIND_DEFAULTS,
): SubjectCheck {
  const issues: SubjectIssue[] = [];
  if (subject.name.trim() === '') issues.push({ field: 'name', code: 'REQUIRED', messageZh: '请填写名称' });
  if (subject.address.trim() === '') issues.push({ field: 'address', code: 'REQUIRED', messageZh: '请填写地址' });

  const credit = subject.creditCode?.trim() ?? '';
  const idNumber = subject.operatorIdNumber?.trim() ?? '';
  if (credit !== '' && !checkCreditCode(credit).ok) {
    issues.push({ field: 'creditCode', code: 'CREDIT_CODE_INVALID', messageZh: '统一社会信用代码不正确（GB 32100-2015校验不通过）' });
  }
  if (idNumber !== '' && !checkIdNumber(idNumber, { onDate }).ok) {
    issues.push({ field: 'operatorIdNumber', code: 'ID_NUMBER_INVALID', messageZh: '经营者身份证号码不正确' });
  }
  const rule = kindRules[subject.kind].identity;
  if (rule === 'credit_code' && credit === '') {
    issues.push({ field: 'creditCode', code: 'REQUIRED', messageZh: '请填写统一社会信用代码' });
  }
  if (rule === 'credit_code_or_id_number' && credit === '' && idNumber === '') {
    issues.push({ field: 'creditCode', code: 'REQUIRED', messageZh: '请填写统一社会信用代码；个体经营者无代码的，填写身份证号码' });
  }
  if (rule === 'plate') {
    const plate = subject.plateNumber?.trim() ?? '';
    if (plate === '') issues.push({ field: 'plateNumber', code: 'REQUIRED', messageZh: '请填写车牌号码' });
    else if (!isValidPlate(plate)) issues.push({ field: 'plateNumber', code: 'PLATE_INVALID', messageZh: '车牌号码格式不正确' });
  }
  subject.licences.forEach((licence, i) => issues.push(...checkLicence(licence, onDate, `licences[${i}]`)));
  return { ok: issues.length === 0, issues };
}
