// Abuse limits: how many attempts one client address, account name or phone gets in a fixed window. The counting
// itself is one atomic statement in the database (so several API processes agree); these functions say which
// window an instant falls in and what a count means. Time is a parameter.
import type { ThrottleRule } from '@chengguan/contracts';

export type ThrottleLimit = { limit: number; windowMinutes: number };

/**
 * Defaults, each a setting (README): generous enough that an office behind one address, or a party who mistypes,
 * never meets them; tight enough that a guesser gets a few dozen tries an hour instead of thousands.
 */
export const DEFAULT_THROTTLE_LIMITS: Record<ThrottleRule, ThrottleLimit> = {
  // Failed logins from one address: a whole office may share it, so well above one person's typos.
  login_address: { limit: 30, windowMinutes: 15 },
  // Failed logins for one account name a day (known or not, so the answer does not tell which exist); the
  // 5-failure lock stops a burst, this caps the slow guesser at 20 a day instead of 480.
  login_account: { limit: 20, windowMinutes: 24 * 60 },
  // Portal codes asked from one address: each may send an SMS.
  portal_code_address: { limit: 20, windowMinutes: 60 },
  // Codes sent to one phone, whatever number was typed: no SMS bombing through a party's several documents.
  portal_code_phone: { limit: 5, windowMinutes: 60 },
  // Failed anonymous attempts from one address: wrong portal codes, failed QR confirmations, forged callbacks.
  public_address: { limit: 30, windowMinutes: 15 },
  partner_key: { limit: 120, windowMinutes: 1 },
};

const LIMIT_RE = /^(\d{1,6})\/(\d{1,6})$/;

/** 'N/M' — N attempts per M minutes; null when malformed or out of range (1 ≤ N ≤ 100000, 1 ≤ M ≤ 10080). */
export function parseThrottleLimit(raw: string): ThrottleLimit | null {
  const m = LIMIT_RE.exec(raw.trim());
  if (!m) return null;
  const limit = Number(m[1]);
  const windowMinutes = Number(m[2]);
  if (limit < 1 || limit > 100_000 || windowMinutes < 1 || windowMinutes > 7 * 24 * 60) return null;
  return { limit, windowMinutes };
}

/** The fixed window holding `now`: windows are aligned to the Unix epoch, so every process computes the same one. */
export function throttleWindow(now: Date, l: ThrottleLimit): { start: Date; end: Date } {
  const size = l.windowMinutes * 60_000;
  const start = Math.floor(now.getTime() / size) * size;
  return { start: new Date(start), end: new Date(start + size) };
}

export type ThrottleVerdict = {
  allowed: boolean;
  /** Whole seconds until the window ends (at least 1); meaningful when refused. */
  retryAfterSeconds: number;
  /** This is the first refused attempt of the window: the one worth an audit row. */
  firstRefusal: boolean;
};

/** `hits` is the count after this attempt was added (the database's answer to the increment). */
export function throttleVerdict(hits: number, l: ThrottleLimit, now: Date): ThrottleVerdict {
  const { end } = throttleWindow(now, l);
  return {
    allowed: hits <= l.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)),
    firstRefusal: hits === l.limit + 1,
  };
}
