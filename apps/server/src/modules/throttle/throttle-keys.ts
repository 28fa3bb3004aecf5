// What each limit counts. Addresses are kept as they are (the audit log keeps them too); account names and phone
// numbers only as digests, so the counters hold neither a mistyped password nor a party's number.
import type { ThrottleRule } from '@chengguan/contracts';
import { sm3Hex } from '../../shared/sm3.ts';

export type ThrottleKey = { rule: ThrottleRule; subject: string };

export const addressKey = (rule: 'login_address' | 'portal_code_address' | 'public_address', ip: string | null): ThrottleKey => ({
  rule,
  subject: ip ?? 'unknown',
});

/** The account name as typed, known or not: the same limit for both, so it tells nobody which names exist. */
export const accountKey = (username: string): ThrottleKey => ({
  rule: 'login_account',
  subject: sm3Hex(`login-account:${username.trim().toLowerCase()}`),
});

export const phoneKey = (phone: string): ThrottleKey => ({
  rule: 'portal_code_phone',
  subject: sm3Hex(`portal-phone:${phone.replace(/\D/g, '')}`),
});

/** A stable order, so two requests that count the same keys lock their rows in the same order (no deadlock). */
export function sortedKeys(keys: readonly ThrottleKey[]): ThrottleKey[] {
  return [...keys].sort((a, b) => (a.rule === b.rule ? a.subject.localeCompare(b.subject) : a.rule.localeCompare(b.rule)));
}

/** A data-sharing partner key, by its id: every call counts (docs/data-sharing.md). */
export const partnerKeyKey = (keyId: string): ThrottleKey => ({ rule: 'partner_key', subject: keyId });
