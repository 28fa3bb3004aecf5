import type { DeadlineBody, DeadlineResult } from '@chengguan/contracts';
import {
  addDays,
  assistanceReplyDeadline,
  bankDepositDeadline,
  cashHandInDeadline,
  complaintFeedbackDeadline,
  complaintTransferDeadline,
  courtEnforcementWindow,
  deadline,
  decisionDeadline,
  disclosureDeadline,
  disclosureWithdrawalDeadline,
  filingDeadline,
  hearingNoticeLatestDate,
  hearingRequestDeadline,
  hotlineTicketDeadline,
  isCoveredDate,
  limitationCheck,
  preservationDisposalDeadline,
  publicNoticeServiceDate,
  seizureDeadline,
  serviceDeadline,
  statementPeriodDeadline,
  surcharge,
  paymentDeadline,
  type Deadline,
  type LegalConfig,
  type WorkCalendar,
} from '@chengguan/domain';
import type { Actor, Deps } from '../../../context.ts';
import { fieldError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { loadWorkCalendar } from '../law-calendar.ts';
import { legalConfigOn } from '../law-config.ts';
import { withDomainErrors } from '../law.errors.ts';

function need<T>(value: T | undefined, field: string, kind: string): T {
  if (value === undefined) throw fieldError(field, `计算 ${kind} 时必填`, `is required for ${kind}`);
  return value;
}

function plain(kind: DeadlineBody['kind'], d: Deadline): DeadlineResult {
  return { kind, due: d.due, basis: d.basis, calendarCovered: d.calendarCovered, lines: [] };
}

// 3% a day reaches the cap on the 34th overdue day at the latest (处罚法 Art. 72); paused days only push it later.
function surchargeCapDay(fineFen: number, paymentDue: string, paused: NonNullable<DeadlineBody['pausedIntervals']>): string {
  let day = paymentDue;
  for (let i = 0; i < 3660; i += 1) {
    day = addDays(day, 1);
    if (surcharge({ fineFen, paymentDue, asOf: day, pausedIntervals: paused }).capped) return day;
  }
  return day;
}

function compute(b: DeadlineBody, cal: WorkCalendar, config: LegalConfig, today: string): DeadlineResult {
  const { kind, start } = b;
  switch (kind) {
    case 'period':
      return plain(kind, deadline(start, need(b.period, 'period', kind), cal));
    case 'B4_hand_in':
      return plain(kind, cashHandInDeadline(start, cal));
    case 'B4_bank_deposit':
      return plain(kind, bankDepositDeadline(start, cal));
    case 'C2':
      return plain(kind, filingDeadline(start, cal, config));
    case 'C3':
      return plain(kind, preservationDisposalDeadline(start, cal));
    case 'C4': {
      const r = limitationCheck({
        actDate: start,
        ...(b.continuingUntil !== undefined ? { continuingUntil: b.continuingUntil } : {}),
        discoveredOn: b.discoveredOn ?? today,
        involvesLifeHealthOrFinancialSafety: b.involvesLifeHealthOrFinancialSafety ?? false,
        harmfulConsequence: b.harmfulConsequence ?? false,
      });
      return {
        kind,
        due: r.lastDay,
        basis: { ruleId: 'C4', articles: ['行政处罚法 Art. 36'], text: r.line.textZh },
        calendarCovered: true,
        limitationExpired: r.expired,
        lines: [r.line],
      };
    }
    case 'D2':
      return plain(kind, statementPeriodDeadline(start, cal, config));
    case 'D5':
      return plain(kind, hearingRequestDeadline(start, cal));
    case 'D6':
      return plain(kind, hearingNoticeLatestDate(start, cal));
    case 'E4':
      return plain(kind, decisionDeadline(start, cal, b.extension));
    case 'F1':
      return plain(kind, serviceDeadline(start, cal));
    case 'F4':
      return plain(kind, publicNoticeServiceDate(start, cal, config));
    case 'G1':
      return plain(kind, paymentDeadline(start, cal, b.deferredUntil));
    case 'G2': {
      const fineFen = need(b.fineFen, 'fineFen', kind);
      const paused = b.pausedIntervals ?? [];
      for (const [i, p] of paused.entries()) {
        if (p.to !== undefined && p.to < p.from) {
          throw fieldError(`pausedIntervals.${i}.to`, '结束日期早于开始日期', 'the end date is before the start');
        }
      }
      const s = surcharge({ fineFen, paymentDue: start, asOf: b.asOf ?? today, pausedIntervals: paused });
      const capDay = surchargeCapDay(fineFen, start, paused);
      return {
        kind,
        due: capDay,
        basis: {
          ruleId: 'G2',
          articles: ['行政处罚法 Art. 72', '行政处罚法 Art. 73', '行政强制法 Art. 45'],
          text: `缴款期限 ${start} 届满次日起每日按罚款数额的百分之三加处罚款，复议、诉讼期间不计；${capDay} 达到罚款数额上限`,
        },
        calendarCovered: isCoveredDate(cal, start),
        surcharge: { overdueDays: s.overdueDays, pausedDays: s.pausedDays, surchargeFen: s.surchargeFen, capped: s.capped, line: s.line },
        lines: [s.line],
      };
    }
    case 'G3': {
      const w = courtEnforcementWindow(
        {
          decisionReceivedOn: start,
          reviewOrLitigationFiled: b.reviewOrLitigationFiled ?? false,
          ...(b.reminderServedOn !== undefined ? { reminderServedOn: b.reminderServedOn } : {}),
          ...(b.deferralEndsOn !== undefined ? { deferralEndsOn: b.deferralEndsOn } : {}),
          today: b.today ?? today,
        },
        cal,
      );
      return {
        kind,
        due: w.closesOn.due,
        basis: w.closesOn.basis,
        calendarCovered: w.closesOn.calendarCovered && w.litigationDeadline.calendarCovered,
        courtEnforcement: {
          reviewDeadline: w.reviewDeadline.due,
          litigationDeadline: w.litigationDeadline.due,
          reminderWaitEnds: w.reminderWaitEnds?.due ?? null,
          opensOn: w.opensOn,
          closesOn: w.closesOn.due,
          canApplyToday: w.canApplyToday,
        },
        lines: w.lines,
      };
    }
    case 'H3':
      return plain(
        kind,
        seizureDeadline(start, cal, {
          extended: b.extended ?? false,
          ...(b.testingDays !== undefined ? { testingDays: b.testingDays } : {}),
        }),
      );
    case 'I1':
      return plain(kind, disclosureDeadline(start, cal, config));
    case 'I2':
      return plain(kind, disclosureWithdrawalDeadline(start, cal));
    case 'I4_feedback':
      return plain(kind, complaintFeedbackDeadline(start, cal));
    case 'I4_transfer':
      return plain(kind, complaintTransferDeadline(start, cal));
    case 'I5':
      return plain(kind, assistanceReplyDeadline(start, cal));
    case 'I6':
      return plain(kind, hotlineTicketDeadline(start, need(b.ticketKind, 'ticketKind', kind), cal, config));
  }
}

/**
 * The due date of a named legal period with its basis, on the working calendar of the database (package data
 * + overrides) and the LegalConfig in force on the start day.
 */
export async function computeDeadline(deps: Deps, actor: Actor, body: DeadlineBody): Promise<DeadlineResult> {
  assertPermission(actor, 'law:read');
  const [calendar, { config }] = await Promise.all([loadWorkCalendar(deps.db), legalConfigOn(deps.db, body.start)]);
  const today = shanghaiDate(deps.clock.now());
  return withDomainErrors(() => compute(body, calendar, config, today));
}
