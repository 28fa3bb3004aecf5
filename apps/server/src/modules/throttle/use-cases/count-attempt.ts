// One attempt counted against each of its limits. Called in a route's preHandler — before the request's unit of
// work opens, so the counter rows are committed at once and never held locked while the request runs (a whole office
// behind one address logs in side by side) — or inside a use-case, which then keeps its writes on refusal.
import { throttleVerdict, throttleWindow } from '@chengguan/domain';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { decrementCounter, incrementCounter } from '../throttle.repository.ts';
import { sortedKeys, type ThrottleKey } from '../throttle-keys.ts';

export type CountedAttempt = { key: ThrottleKey; allowed: boolean; retryAfterSeconds: number };

/**
 * Adds the attempt to every key (a refused attempt is counted too) and says, per key, whether it is within the limit.
 * The first refused attempt of a window writes one audit row `throttle.engaged`; the later ones are only counted, so
 * a flood of N requests writes one row, not N.
 */
export async function countAttemptIn(
  trx: Executor,
  deps: Deps,
  meta: RequestMeta,
  keys: readonly ThrottleKey[],
): Promise<CountedAttempt[]> {
  const now = deps.clock.now();
  const out: CountedAttempt[] = [];
  for (const key of sortedKeys(keys)) {
    const limit = deps.config.throttle[key.rule];
    const window = throttleWindow(now, limit);
    const hits = await incrementCounter(trx, {
      ...key,
      windowStart: window.start,
      windowEnd: window.end,
      limit: limit.limit,
      at: now,
    });
    const verdict = throttleVerdict(hits, limit, now);
    if (verdict.firstRefusal) {
      await recordAudit(trx, deps, null, meta, {
        action: 'throttle.engaged',
        entityType: 'throttle_counter',
        entityId: null,
        bureauId: null,
        data: {
          rule: key.rule,
          subject: key.subject,
          limit: limit.limit,
          windowMinutes: limit.windowMinutes,
          windowStart: window.start.toISOString(),
        },
      });
    }
    out.push({ key, allowed: verdict.allowed, retryAfterSeconds: verdict.retryAfterSeconds });
  }
  return out;
}

const RULE_ZH: Record<ThrottleKey['rule'], string> = {
  login_address: '本地址登录失败次数过多',
  login_account: '该账户登录失败次数过多',
  portal_code_address: '本地址获取验证码次数过多',
  portal_code_phone: '该手机号码接收验证码次数过多',
  public_address: '本地址失败的操作次数过多',
  partner_key: '该共享密钥调用次数过多',
};

/** The 429 for the longest of the refused limits, with its Retry-After. */
export function throttledError(counted: readonly CountedAttempt[]): AppError | null {
  const refused = counted.filter((c) => !c.allowed);
  if (refused.length === 0) return null;
  const worst = refused.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
  const minutes = Math.ceil(worst.retryAfterSeconds / 60);
  return new AppError('THROTTLED', {
    message: `${RULE_ZH[worst.key.rule]}，请 ${minutes} 分钟后再试`,
    messageEn: `Too many attempts; try again in ${minutes} min`,
    retryAfterSeconds: worst.retryAfterSeconds,
  });
}

/** Counts the attempt in its own transaction and refuses it (429, Retry-After) when any key is past its limit. */
export async function countAttempt(deps: Deps, meta: RequestMeta, keys: readonly ThrottleKey[]): Promise<void> {
  const counted = await deps.db.transaction().execute((trx) => countAttemptIn(trx, deps, meta, keys));
  const refusal = throttledError(counted);
  if (refusal) {
    // Inside a unit of work the count must outlive the refusal; outside one it is committed already.
    keepWritesOnRefusal();
    throw refusal;
  }
}

/**
 * Takes back an attempt that succeeded, so the limits count failures only (a whole office may log in from one
 * address). Inside the request's unit of work: rolled back with it if the request fails after all.
 */
export async function refundAttempt(trx: Executor, deps: Deps, keys: readonly ThrottleKey[]): Promise<void> {
  const now = deps.clock.now();
  for (const key of sortedKeys(keys)) {
    const window = throttleWindow(now, deps.config.throttle[key.rule]);
    await decrementCounter(trx, { ...key, windowStart: window.start });
  }
}
