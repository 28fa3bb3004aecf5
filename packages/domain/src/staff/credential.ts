// 执法证 (enforcement credential) status and rule A1 (shared/LEGAL-RULES.md).
import type { CredentialStatus, EnforcementDomain } from '@chengguan/contracts';
import { addDays, assertLegalDate } from '../calendar/legal-date.ts';

export type CredentialLike = {
  number?: string;
  /** EnforcementDomain values; plain strings accepted as read from the database. */
  domains: readonly string[];
  /** 'YYYY-MM-DD', first day of validity. */
  validFrom: string;
  /** 'YYYY-MM-DD', last day of validity (inclusive). */
  validTo: string;
  revoked: boolean;
};

export type TeamOfficer = { id: string; name?: string; credentials: readonly CredentialLike[] };

export type A1Violation = { officerId?: string; ruleId: 'A1'; reasonZh: string; reasonEn: string };

export type TeamCheck = { ok: boolean; violations: A1Violation[] };

/** How many days before expiry a credential is flagged 'expiring' unless the caller says otherwise. */
export const DEFAULT_CREDENTIAL_EXPIRING_DAYS = 30;

/** Statuses under which the holder may act on the date. */
export const ACTING_CREDENTIAL_STATUSES: readonly CredentialStatus[] = ['valid', 'expiring'];

// Best first: which credential speaks for the officer when he holds several.
const STATUS_RANK: readonly CredentialStatus[] = ['valid', 'expiring', 'not_yet_valid', 'expired', 'revoked', 'missing'];

const STATUS_ZH: Record<CredentialStatus, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  not_yet_valid: '尚未生效',
  revoked: '已注销',
  missing: '无执法证',
};

const STATUS_EN: Record<CredentialStatus, string> = {
  valid: 'valid',
  expiring: 'expiring',
  expired: 'expired',
  not_yet_valid: 'not yet valid',
  revoked: 'revoked',
  missing: 'missing',
};

/** Status of one credential on `onDate`; validTo is the last valid day. */
export function credentialStatus(
  cred: CredentialLike | undefined,
  onDate: string,
  expiringWithinDays: number = DEFAULT_CREDENTIAL_EXPIRING_DAYS,
): CredentialStatus {
  assertLegalDate(onDate, 'onDate');
  if (!cred) return 'missing';
  return statusBefore(cred, onDate, addDays(onDate, expiringWithinDays));
}

/** credentialStatus with the expiry horizon (onDate + expiringWithinDays) computed once by the caller. */
function statusBefore(cred: CredentialLike, onDate: string, horizon: string): CredentialStatus {
  assertLegalDate(cred.validFrom, 'validFrom');
  assertLegalDate(cred.validTo, 'validTo');
  // Validated 'YYYY-MM-DD' strings compare in date order.
  if (cred.revoked) return 'revoked';
  if (onDate < cred.validFrom) return 'not_yet_valid';
  if (onDate > cred.validTo) return 'expired';
  if (cred.validTo < horizon) return 'expiring';
  return 'valid';
}

/** The officer's best credential on `onDate` among those covering `domain` (all when omitted). */
export function bestOfficerCredential<C extends CredentialLike>(
  creds: readonly C[],
  onDate: string,
  domain?: EnforcementDomain,
  expiringWithinDays: number = DEFAULT_CREDENTIAL_EXPIRING_DAYS,
): { status: CredentialStatus; credential: C | null } {
  assertLegalDate(onDate, 'onDate');
  let best: { status: CredentialStatus; credential: C | null } = { status: 'missing', credential: null };
  let horizon: string | null = null;
  for (const cred of creds) {
    if (domain !== undefined && !cred.domains.includes(domain)) continue;
    horizon ??= addDays(onDate, expiringWithinDays);
    const status = statusBefore(cred, onDate, horizon);
    const better =
      STATUS_RANK.indexOf(status) < STATUS_RANK.indexOf(best.status) ||
      // Same status: the one that lasts longer.
      (status === best.status && best.credential !== null && cred.validTo > best.credential.validTo);
    if (better) best = { status, credential: cred };
  }
  return best;
}

export function officerCredentialStatus(
  creds: readonly CredentialLike[],
  onDate: string,
  domain?: EnforcementDomain,
  expiringWithinDays: number = DEFAULT_CREDENTIAL_EXPIRING_DAYS,
): CredentialStatus {
  return bestOfficerCredential(creds, onDate, domain, expiringWithinDays).status;
}

/**
 * Rule A1: an inspection, investigation, questioning, 当场处罚, 查封/扣押 or enforcement action
 * is carried out by at least two distinct officers, each holding a 执法证 valid on the action
 * date (and covering the enforcement domain, when given).
 *
 * 行政处罚法 Art. 42: 「行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，
 * 法律另有规定的除外。」
 * 上海市城市管理综合行政执法条例 (沪条例) Art. 16: 「应当向当事人出示行政执法证件；除法律另有规定外，
 * 必须两人以上共同进行」.
 * 行政强制法 Art. 18(2): 由两名以上行政执法人员实施.
 * A recorded statutory exception is handled by the caller, not here.
 */
export function checkEnforcementTeam(officers: readonly TeamOfficer[], onDate: string, domain?: EnforcementDomain): TeamCheck {
  assertLegalDate(onDate, 'onDate');
  const violations: A1Violation[] = [];
  const distinct = new Map<string, TeamOfficer>();
  for (const officer of officers) if (!distinct.has(officer.id)) distinct.set(officer.id, officer);

  if (distinct.size < 2) {
    violations.push({
      ruleId: 'A1',
      reasonZh: `执法人员不得少于两人（当前 ${distinct.size} 人）`,
      reasonEn: `At least two officers are required (found ${distinct.size})`,
    });
  }
  for (const officer of distinct.values()) {
    const status = officerCredentialStatus(officer.credentials, onDate, domain);
    if (ACTING_CREDENTIAL_STATUSES.includes(status)) continue;
    const who = officer.name ?? officer.id;
    const scopeZh = domain ? `（执法领域 ${domain}）` : '';
    const scopeEn = domain ? ` for domain ${domain}` : '';
    violations.push({
      officerId: officer.id,
      ruleId: 'A1',
      reasonZh: `执法人员 ${who} 在 ${onDate} 无有效执法证${scopeZh}：${STATUS_ZH[status]}`,
      reasonEn: `Officer ${who} holds no valid credential on ${onDate}${scopeEn}: ${STATUS_EN[status]}`,
    });
  }
  return { ok: violations.length === 0, violations };
}
