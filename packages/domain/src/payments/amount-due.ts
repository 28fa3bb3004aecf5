// The amount the party owes on the day he pays: the fine, plus the G2 surcharge accrued up to that day, minus what
// he already paid. Computed at payment time, never stored: the surcharge grows every day after the G1 due date.
import { isAfter, type LegalDate } from '../calendar/legal-date.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { paymentDeadline, surcharge } from '../law/enforcement.ts';
import type { DateInterval, Fen, RuleLine } from '../law/types.ts';

export type AmountDueInput = {
  fineFen: Fen;
  /** The day the party received the decision (service; the decision day for summary tickets). Unknown before service. */
  decisionReceivedOn?: LegalDate;
  /** End of an approved 暂缓 / 分期 (处罚法 Art. 66). */
  deferredUntil?: LegalDate;
  /** Pending 复议 / 诉讼 (处罚法 Art. 73). */
  pausedIntervals?: readonly DateInterval[];
  /** 执行协议 reduction of the surcharge (行政强制法 Art. 42). */
  surchargeReducedFen?: Fen;
  paidFen: Fen;
  /** The payment day. */
  asOf: LegalDate;
};

export type AmountDue = {
  fineFen: Fen;
  surchargeFen: Fen;
  paidFen: Fen;
  /** fine + surcharge − paid, never below zero. */
  dueFen: Fen;
  /** G1 due date (null before the decision is received). */
  paymentDue: LegalDate | null;
  overdueDays: number;
  pausedDays: number;
  lines: RuleLine[];
};

/**
 * G1 + G2 — 处罚法 Art. 67 (15 days from receipt), Art. 66 (deferral moves the due date), Art. 72 (「到期不缴纳罚款的，
 * 每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额」), Art. 73 (no surcharge while a review or
 * lawsuit is pending).
 */
export function amountDue(input: AmountDueInput, calendar: WorkCalendar): AmountDue {
  const due = input.decisionReceivedOn ? paymentDeadline(input.decisionReceivedOn, calendar, input.deferredUntil) : null;
  const lines: RuleLine[] = [];
  let surchargeFen = 0;
  let overdueDays = 0;
  let pausedDays = 0;
  if (due) {
    lines.push({
      ruleId: 'G1',
      article: due.basis.articles.join('; '),
      textZh: `缴款期限：${due.due}（${due.basis.text}）`,
      textEn: `Payment due ${due.due}`,
    });
    if (isAfter(input.asOf, due.due)) {
      const s = surcharge({ fineFen: input.fineFen, paymentDue: due.due, asOf: input.asOf, pausedIntervals: input.pausedIntervals ?? [] });
      surchargeFen = Math.max(0, s.surchargeFen - (input.surchargeReducedFen ?? 0));
      overdueDays = s.overdueDays;
      pausedDays = s.pausedDays;
      lines.push(s.line);
    }
  }
  return {
    fineFen: input.fineFen,
    surchargeFen,
    paidFen: input.paidFen,
    dueFen: Math.max(0, input.fineFen + surchargeFen - input.paidFen),
    paymentDue: due?.due ?? null,
    overdueDays,
    pausedDays,
    lines,
  };
}

export type InstalmentPlanLine = { dueOn: LegalDate; amountFen: Fen };

export type DeferralRequest =
  | { kind: 'deferral'; until: LegalDate; reason: string }
  | { kind: 'instalments'; instalments: readonly InstalmentPlanLine[]; reason: string };

export type DeferralCheck =
  { ok: true; until: LegalDate } | { ok: false; ruleId: 'G1'; article: string; field: string; messageZh: string; messageEn: string };

/**
 * G1 — 处罚法 Art. 66: 「当事人确有经济困难，需要延期或者分期缴纳罚款的，经当事人申请和行政机关批准，可以暂缓或者分期缴纳」.
 * The application states the hardship; a deferral ends after the application day; instalments are at least two,
 * in date order after the application day, positive, and together pay exactly what is owed.
 * `until` is the end of the deferral (the last instalment): the new G1 due date.
 */
export function checkDeferralRequest(req: DeferralRequest, appliedOn: LegalDate, owedFen: Fen): DeferralCheck {
  const fail = (field: string, messageZh: string, messageEn: string): DeferralCheck => ({
    ok: false,
    ruleId: 'G1',
    article: '行政处罚法 Art. 66',
    field,
    messageZh,
    messageEn,
  });
  if (!req.reason.trim()) return fail('reason', '须载明确有经济困难的情况', 'State the financial hardship');
  if (owedFen <= 0) return fail('kind', '罚款已缴清，无需暂缓或分期', 'Nothing is owed');
  if (req.kind === 'deferral') {
    return isAfter(req.until, appliedOn)
      ? { ok: true, until: req.until }
      : fail('until', `暂缓缴纳的期限须晚于申请日 ${appliedOn}`, `The deferral must end after ${appliedOn}`);
  }
  const plan = req.instalments;
  if (plan.length < 2) return fail('instalments', '分期缴纳至少分两期', 'Instalments need at least two lines');
  let prev = appliedOn;
  let total = 0;
  for (const [i, line] of plan.entries()) {
    if (!isAfter(line.dueOn, prev)) {
      return fail(`instalments.${i}.dueOn`, `第 ${i + 1} 期的缴款日须晚于 ${prev}`, `Instalment ${i + 1} must fall after ${prev}`);
    }
    if (!Number.isInteger(line.amountFen) || line.amountFen <= 0) {
      return fail(`instalments.${i}.amountFen`, `第 ${i + 1} 期金额须为正数`, `Instalment ${i + 1} must be positive`);
    }
    prev = line.dueOn;
    total += line.amountFen;
  }
  if (total !== owedFen) {
    return fail(
      'instalments',
      `各期金额合计 ${total / 100} 元，应等于应缴罚款 ${owedFen / 100} 元`,
      `The instalments total ${total / 100} yuan, not the ${owedFen / 100} yuan owed`,
    );
  }
  return { ok: true, until: prev };
}
