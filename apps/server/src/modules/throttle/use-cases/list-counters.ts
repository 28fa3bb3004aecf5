import type { PageOf, ThrottleCounter, ThrottleCounterListQuery, ThrottleRule } from '@chengguan/contracts';
import type { Actor, Deps, Executor } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { deleteCountersEndedBefore, listCounters, type ThrottleCounterRow } from '../throttle.repository.ts';

function toCounter(r: ThrottleCounterRow): ThrottleCounter {
  return {
    rule: r.rule as ThrottleRule,
    subject: r.subject,
    windowStart: new Date(r.window_start).toISOString(),
    windowEnd: new Date(r.window_end).toISOString(),
    hits: r.hits,
    limit: r.hit_limit,
    refused: Math.max(0, r.hits - r.hit_limit),
    lastAt: new Date(r.last_at).toISOString(),
  };
}

/**
 * The counters, newest first. They belong to no bureau (an anonymous address, an account name that may not exist),
 * so like the audit rows without an actor they are shown to users whose jurisdiction is the whole city.
 */
export async function listThrottleCounters(
  deps: Deps,
  actor: Actor,
  query: ThrottleCounterListQuery,
  maxPageSize = 200,
): Promise<PageOf<ThrottleCounter>> {
  assertPermission(actor, 'audit:read');
  if (!isCityWide(actor)) {
    throw new AppError('FORBIDDEN', {
      message: '访问频率限制记录不属于任何区局，由市局查看',
      messageEn: 'The abuse-limit counters belong to no bureau and are read by the city bureau',
    });
  }
  if (query.from && query.to && query.to < query.from) throw fieldError('to', '结束时间早于开始时间', 'to is before from');
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, maxPageSize);
  const { page: _p, pageSize: _s, ...filter } = query;
  const { items, total } = await listCounters(deps.db, filter, pageSize, (page - 1) * pageSize);
  return { items: items.map(toCounter), total, page, pageSize };
}

const RULE_ZH: Record<ThrottleRule, string> = {
  login_address: '登录失败（按地址）',
  login_account: '登录失败（按账户）',
  portal_code_address: '门户验证码（按地址）',
  portal_code_phone: '门户验证码（按手机号）',
  public_address: '公开接口失败（按地址）',
  partner_key: '数据共享接口调用（按密钥）',
};

const COLUMNS: XlsxColumn<ThrottleCounter>[] = [
  { header: '限制项', value: (c) => RULE_ZH[c.rule], width: 22 },
  { header: '对象（地址或摘要）', value: (c) => c.subject, width: 40 },
  { header: '时段开始', value: (c) => c.windowStart, width: 26 },
  { header: '时段结束', value: (c) => c.windowEnd, width: 26 },
  { header: '次数', value: (c) => c.hits, width: 8 },
  { header: '上限', value: (c) => c.limit, width: 8 },
  { header: '被拒次数', value: (c) => c.refused, width: 10 },
  { header: '最近一次', value: (c) => c.lastAt, width: 26 },
];

export async function exportThrottleCounters(deps: Deps, actor: Actor, query: ThrottleCounterListQuery): Promise<Buffer> {
  const page = await listThrottleCounters(deps, actor, { ...query, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('访问频率限制', COLUMNS, page.items);
}

/** Counters are kept a week after their window ends, for the administrator to read; then the daily job drops them. */
export const KEEP_COUNTERS_MS = 7 * 86_400_000;

export async function purgeThrottleCounters(db: Executor, now: Date): Promise<number> {
  return deleteCountersEndedBefore(db, new Date(now.getTime() - KEEP_COUNTERS_MS));
}
