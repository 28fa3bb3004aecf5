// The clock on each joint order: a limit to accept (接单) and a limit to report back (处置反馈). Configuration with the
// Shanghai defaults; a partner unit may carry its own numbers (partner_units.accept_hours / handle_days).
import { addDays } from '../calendar/index.ts';
import { endOfShanghaiDay, shanghaiDateOf, type Verification } from '../tickets/ticket-clocks.ts';

export type JointOrderLimits = {
  /** Clock hours from dispatch to acceptance. */
  acceptHours: number;
  /** Calendar days from dispatch to the report (start day not counted, the last day ends at 24:00 Shanghai). */
  handleDays: number;
};

export type JointOrderLimitSource = { ruleId: string; source: string; verification: Verification };

/**
 * Shanghai defaults. acceptHours: 24 h, the bureau's own first-contact hour count for hotline tickets (seed 004
 * 「24小时先行联系率」), applied to a partner's dispatch — U. handleDays: CD(10), the period 沪条例 Art. 29 gives a
 * department asked for help by a 协助通知书 to answer in writing (LEGAL-RULES I5, V for that instrument; U as the limit of
 * a joint order).
 */
export const SHANGHAI_JOINT_ORDER_LIMITS: JointOrderLimits = { acceptHours: 24, handleDays: 10 };

export const JOINT_ORDER_LIMIT_SOURCES: Record<keyof JointOrderLimits, JointOrderLimitSource> = {
  acceptHours: { ruleId: 'JO1', source: 'seed 004 「24小时先行联系率」 (as a dispatch-acceptance limit)', verification: 'U' },
  handleDays: { ruleId: 'I5', source: '上海市城市管理行政执法条例 Art. 29：协助通知书应当在十日内书面答复', verification: 'V' },
};

export type LimitIssue = { field: 'acceptHours' | 'handleDays'; messageZh: string; messageEn: string };

/** A unit's own limits: whole hours 1–720 and whole days 1–60, else refused naming the field. */
export function checkJointOrderLimits(limits: Partial<JointOrderLimits>): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const h = limits.acceptHours;
  if (h !== undefined && (!Number.isInteger(h) || h < 1 || h > 720)) {
    issues.push({
      field: 'acceptHours',
      messageZh: '接单时限须为 1–720 的整数小时',
      messageEn: 'acceptHours: a whole number of hours, 1–720',
    });
  }
  const d = limits.handleDays;
  if (d !== undefined && (!Number.isInteger(d) || d < 1 || d > 60)) {
    issues.push({ field: 'handleDays', messageZh: '办理时限须为 1–60 的整数天', messageEn: 'handleDays: a whole number of days, 1–60' });
  }
  return issues;
}

/** The limits in force for a unit: its own numbers where set, the Shanghai defaults otherwise. */
export function jointOrderLimits(own: { acceptHours: number | null; handleDays: number | null }): JointOrderLimits {
  return {
    acceptHours: own.acceptHours ?? SHANGHAI_JOINT_ORDER_LIMITS.acceptHours,
    handleDays: own.handleDays ?? SHANGHAI_JOINT_ORDER_LIMITS.handleDays,
  };
}

/** Due instants from the dispatch instant. The handling day count starts the day after dispatch (民法典 Art. 201). */
export function jointOrderDue(dispatchedAt: Date, limits: JointOrderLimits): { acceptDueAt: Date; handleDueAt: Date } {
  return {
    acceptDueAt: new Date(dispatchedAt.getTime() + limits.acceptHours * 3_600_000),
    handleDueAt: endOfShanghaiDay(addDays(shanghaiDateOf(dispatchedAt), limits.handleDays)),
  };
}

export type JointClockStatus = 'running' | 'met' | 'late' | 'overdue' | 'stopped';
export type JointClockReading = { dueAt: string; status: JointClockStatus; msLeft: number | null };

/**
 * One clock: `doneAt` is when the step it times happened (acceptance, or the report), `stopped` when the order left
 * without it (returned, cancelled).
 */
export function readJointClock(dueAt: Date, doneAt: Date | null, stopped: boolean, now: Date): JointClockReading {
  const due = dueAt.toISOString();
  if (doneAt) return { dueAt: due, status: doneAt.getTime() <= dueAt.getTime() ? 'met' : 'late', msLeft: null };
  if (stopped) return { dueAt: due, status: 'stopped', msLeft: null };
  const left = dueAt.getTime() - now.getTime();
  return { dueAt: due, status: left >= 0 ? 'running' : 'overdue', msLeft: left };
}

/** A step taken after its limit is accepted, recorded late (the timeline event carries `late`). */
export function isLate(at: Date, dueAt: Date): boolean {
  return at.getTime() > dueAt.getTime();
}
