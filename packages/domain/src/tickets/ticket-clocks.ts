// The clocks of a 诉件 (REQUIREMENTS.md R12): 24-hour first contact, the handling limit by category and dispatch
// level, I4 feedback and transfer, extensions, pauses. Working days are counted on the 调休 calendar by the legal
// engine's `deadline` (start day excluded, 民法典 Art. 201; LEGAL-RULES.md §10 conventions); nothing here re-counts days.
// Every number is configuration (TicketClockConfig) with the Shanghai defaults below and its verification mark.
import { compareDates, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import { countWorkingDaysBetween, addWorkingDays, type WorkCalendar } from '../calendar/work-calendar.ts';
import { deadline, WD } from '../law/deadlines.ts';
import type { LegalBasis } from '../law/types.ts';
import type { TicketLimitKind } from './ticket-categories.ts';

/** Where a ticket came from. 12345 and 城运 set their own limits (I6); the others are 举报 to the bureau (I4). */
export const TICKET_CHANNELS = ['hotline_12345', 'city_ops', 'portal', 'officer', 'workroom', 'open311'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** 派单级别: ordinary, 督办 (supervised by the hotline) or 回访复核 (re-check after an unsatisfied callback). */
export const DISPATCH_LEVELS = ['ordinary', 'supervision', 'callback_review'] as const;
export type DispatchLevel = (typeof DISPATCH_LEVELS)[number];

export type Verification = 'V' | 'P' | 'U';

export type ClockRule = { workingDays: number; ruleId: string; source: string; verification: Verification };

export type TicketClockConfig = {
  /** 24小时先行联系: hours from receipt to the first contact with the reporter (seed 004 line 119; U as a rule). */
  firstContactHours: number;
  /** I6 handling limits by kind. */
  limits: Record<TicketLimitKind, ClockRule>;
  /** I4: 「在五个工作日内将核查情况告知举报人」. */
  feedback: ClockRule;
  /** I4: 「在三个工作日内移送有关部门处理」 — a ticket outside the remit; also the default 退单 limit (U). */
  transfer: ClockRule;
  /** Channels whose tickets are 举报 to the bureau itself and carry the I4 feedback clock. */
  feedbackChannels: readonly TicketChannel[];
};

const I6_SOURCE = 'LEGAL-RULES.md §5.8.2 (大宁路街道 2019, implementing 沪府办〔2018〕62号)';
const I4_SOURCE = '上海市城市管理行政执法条例 Art. 26';

/** The Shanghai defaults. I6 is street-level practice (P/CONFIG), I4 is statute (V). */
export const SHANGHAI_TICKET_CLOCKS: TicketClockConfig = {
  firstContactHours: 24,
  limits: {
    consultation: { workingDays: 1, ruleId: 'I6', source: `${I6_SOURCE}：一般的咨询、意见建议事项 1 个工作日内办结`, verification: 'P' },
    supervision: { workingDays: 3, ruleId: 'I6', source: `${I6_SOURCE}：热线督办以及回访复核事项 3 个工作日内办结`, verification: 'P' },
    ordinary: { workingDays: 5, ruleId: 'I6', source: `${I6_SOURCE}：一般的求助、投诉事项 5 个工作日内办结`, verification: 'P' },
    complex: { workingDays: 15, ruleId: 'I6', source: `${I6_SOURCE}：复杂事项经申请批准后 15 个工作日内办结`, verification: 'P' },
  },
  feedback: { workingDays: 5, ruleId: 'I4', source: `${I4_SOURCE}：在五个工作日内将核查情况告知举报人`, verification: 'V' },
  transfer: { workingDays: 3, ruleId: 'I4', source: `${I4_SOURCE}：在三个工作日内移送有关部门处理`, verification: 'V' },
  feedbackChannels: ['portal', 'workroom', 'open311'],
};

export class TicketClockConfigError extends Error {
  readonly code = 'TICKET_CLOCK_CONFIG_INVALID';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TicketClockConfigError';
  }
}

/** Refuses a configuration the clocks cannot run on: non-integer or negative days, limits out of order. */
export function checkTicketClockConfig(config: TicketClockConfig): void {
  const rules: [string, ClockRule][] = [
    ...Object.entries(config.limits).map(([k, r]) => [`limits.${k}`, r] as [string, ClockRule]),
    ['feedback', config.feedback],
    ['transfer', config.transfer],
  ];
  for (const [field, r] of rules) {
    if (!Number.isInteger(r.workingDays) || r.workingDays < 0)
      throw new TicketClockConfigError(field, 'working days must be a non-negative integer');
  }
  if (!(config.firstContactHours > 0)) throw new TicketClockConfigError('firstContactHours', 'must be positive');
  const { consultation, supervision, ordinary, complex } = config.limits;
  if (complex.workingDays < Math.max(consultation.workingDays, supervision.workingDays, ordinary.workingDays)) {
    throw new TicketClockConfigError('limits.complex', 'the complex limit must be the longest');
  }
}

// China has kept UTC+8 without daylight saving since 1991: the legal day of an instant is its UTC+8 date.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MS_PER_DAY = 86_400_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDateOf(at: Date): LegalDate {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a legal date ends: 24:00 Asia/Shanghai (民法典 Art. 203 「截止时间为二十四时」). */
export function endOfShanghaiDay(date: LegalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The 24-hour first-contact deadline (an instant; hours, not working days). */
export function firstContactDue(receivedAt: Date, config: TicketClockConfig = SHANGHAI_TICKET_CLOCKS): Date {
  return new Date(receivedAt.getTime() + config.firstContactHours * 3_600_000);
}

/**
 * The limit a ticket runs on: 督办 and 回访复核 take the supervision limit (I6) whatever the category, an approved
 * complex request the complex one, otherwise the category's default.
 */
export function ticketLimitKind(categoryDefault: TicketLimitKind, level: DispatchLevel, complexApproved: boolean): TicketLimitKind {
  if (complexApproved) return 'complex';
  if (level === 'supervision' || level === 'callback_review') return 'supervision';
  return categoryDefault;
}

/** 延期申请: either the complex limit (I6 「复杂事项，经申请批准后」) or a named later date. */
export type TicketExtension = {
  kind: 'complex' | 'date';
  /** For `date`: the new last day. */
  requestedDue?: LegalDate;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt?: Date;
};

/** A span during which the handling clock stands still (退单 awaiting the sender's decision). */
export type ClockPause = { from: Date; to: Date | null };

export type HandlingClockInput = {
  receivedAt: Date;
  categoryDefault: TicketLimitKind;
  level: DispatchLevel;
  extensions: readonly TicketExtension[];
  pauses: readonly ClockPause[];
};

export type HandlingClock = {
  kind: TicketLimitKind;
  dueDate: LegalDate;
  /** The instant the due date ends (24:00 Asia/Shanghai). */
  dueAt: Date;
  basis: LegalBasis;
  /** Working days added for pauses. */
  pausedWorkingDays: number;
  /** False when the period runs through a year the calendar has no holiday data for. */
  calendarCovered: boolean;
};

/** Working days a pause covers: the working days after the day it began, up to the day it ended (or `now`). */
export function pausedWorkingDays(calendar: WorkCalendar, pauses: readonly ClockPause[], now: Date): number {
  let days = 0;
  for (const p of pauses) {
    days += Math.max(0, countWorkingDaysBetween(calendar, shanghaiDateOf(p.from), shanghaiDateOf(p.to ?? now)));
  }
  return days;
}

/**
 * The handling due date: I6 limit counted from the day of receipt (start day excluded), moved on by paused
 * working days; then each approved `date` extension, in the order decided, moves it to its later date.
 */
export function handlingClock(
  input: HandlingClockInput,
  calendar: WorkCalendar,
  now: Date,
  config: TicketClockConfig = SHANGHAI_TICKET_CLOCKS,
): HandlingClock {
  const approved = input.extensions
    .filter((e) => e.status === 'approved')
    .sort((a, b) => (a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0));
  const kind = ticketLimitKind(
    input.categoryDefault,
    input.level,
    approved.some((e) => e.kind === 'complex'),
  );
  const rule = config.limits[kind];
  const received = shanghaiDateOf(input.receivedAt);
  const base = deadline(received, WD(rule.workingDays), calendar, {
    ruleId: rule.ruleId,
    articles: [rule.source],
    text: `${rule.ruleId}（${rule.verification}）办理时限 ${rule.workingDays} 个工作日`,
  });
  const paused = pausedWorkingDays(calendar, input.pauses, now);
  let due = addWorkingDays(calendar, base.due, paused);
  for (const e of approved) {
    if (e.kind === 'date' && e.requestedDue && isAfter(e.requestedDue, due)) due = e.requestedDue;
  }
  return {
    kind,
    dueDate: due,
    dueAt: endOfShanghaiDay(due),
    basis: base.basis,
    pausedWorkingDays: paused,
    calendarCovered: base.calendarCovered,
  };
}

/** I4: feedback to the reporter (channels in `feedbackChannels` only), or null. */
export function feedbackDue(
  channel: TicketChannel,
  receivedAt: Date,
  calendar: WorkCalendar,
  config: TicketClockConfig = SHANGHAI_TICKET_CLOCKS,
): LegalDate | null {
  if (!config.feedbackChannels.includes(channel)) return null;
  return addWorkingDays(calendar, shanghaiDateOf(receivedAt), config.feedback.workingDays);
}

/** I4: a ticket outside the remit is transferred (or, for 12345, returned) by this day. */
export function transferDue(receivedAt: Date, calendar: WorkCalendar, config: TicketClockConfig = SHANGHAI_TICKET_CLOCKS): LegalDate {
  return addWorkingDays(calendar, shanghaiDateOf(receivedAt), config.transfer.workingDays);
}

export type ExtensionIssue = { field: 'kind' | 'requestedDue' | 'reason'; messageZh: string; messageEn: string };

/**
 * An extension request is refused when: no reason; a `date` request that is not after the current due date or
 * beyond the complex limit (the longest the I6 rule allows); a second complex request; another one pending.
 */
export function checkExtensionRequest(
  request: { kind: 'complex' | 'date'; requestedDue?: LegalDate; reason: string },
  clock: HandlingClock,
  receivedAt: Date,
  pending: boolean,
  calendar: WorkCalendar,
  config: TicketClockConfig = SHANGHAI_TICKET_CLOCKS,
): ExtensionIssue | null {
  if (request.reason.trim().length < 2) {
    return { field: 'reason', messageZh: '延期申请须写明理由', messageEn: 'an extension request needs a reason' };
  }
  if (pending) return { field: 'kind', messageZh: '已有一份延期申请待审批', messageEn: 'another extension request is pending' };
  if (request.kind === 'complex') {
    if (clock.kind === 'complex')
      return { field: 'kind', messageZh: '本诉件已按复杂事项办理', messageEn: 'the ticket already runs on the complex limit' };
    return null;
  }
  const cap = addWorkingDays(calendar, shanghaiDateOf(receivedAt), config.limits.complex.workingDays + clock.pausedWorkingDays);
  if (!request.requestedDue || compareDates(request.requestedDue, clock.dueDate) <= 0) {
    return {
      field: 'requestedDue',
      messageZh: `延期后的办结日期须晚于现在的期限 ${clock.dueDate}`,
      messageEn: `the new date must be after ${clock.dueDate}`,
    };
  }
  if (isAfter(request.requestedDue, cap)) {
    return {
      field: 'requestedDue',
      messageZh: `延期后的办结日期不能晚于 ${cap}（受理后 ${config.limits.complex.workingDays} 个工作日）`,
      messageEn: `the new date may not be after ${cap}`,
    };
  }
  return null;
}

/** running; paused; met (done in time); late (done after the due instant); overdue (not done, past due). */
export type ClockStatus = 'running' | 'paused' | 'met' | 'late' | 'overdue';

export type ClockReading = {
  status: ClockStatus;
  dueAt: Date;
  /** Milliseconds until the due instant (negative past it); null once done. */
  remainingMs: number | null;
  /** Working days after today up to the due date (0: due today; negative: overdue); null once done or timed in hours. */
  remainingWorkingDays: number | null;
};

/** The state of a clock at an instant. `dueDate` is given for working-day clocks (whose end is 24:00 of that day). */
export function readClock(
  due: { dueAt: Date; dueDate?: LegalDate },
  doneAt: Date | null,
  at: Date,
  paused: boolean,
  calendar: WorkCalendar,
): ClockReading {
  if (doneAt) {
    return {
      status: doneAt.getTime() <= due.dueAt.getTime() ? 'met' : 'late',
      dueAt: due.dueAt,
      remainingMs: null,
      remainingWorkingDays: null,
    };
  }
  const remainingMs = due.dueAt.getTime() - at.getTime();
  const remainingWorkingDays = due.dueDate ? countWorkingDaysBetween(calendar, shanghaiDateOf(at), due.dueDate) : null;
  const status: ClockStatus = paused ? 'paused' : remainingMs < 0 ? 'overdue' : 'running';
  return { status, dueAt: due.dueAt, remainingMs, remainingWorkingDays };
}
