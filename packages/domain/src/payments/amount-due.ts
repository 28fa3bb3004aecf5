// The amount the party owes on the day he pays: the fine, plus the G2 surcharge accrued up to that day, minus what
// he already paid. Computed at payment time, never stored: the surcharge grows every day after the G1 due date —
// under an approved instalment plan, after each instalment's own due date.
import { compareDates, isAfter, type LegalDate } from '../calendar/legal-date.ts';
import type { WorkCalendar } from '../calendar/work-calendar.ts';
import { paymentDeadline, surcharge, type Surcharge } from '../law/enforcement.ts';
import type { DateInterval, Fen, RuleLine } from '../law/types.ts';
import { yuanText } from '../money.ts';

export type InstalmentPlanLine = { dueOn: LegalDate; amountFen: Fen };

export type DatedPayment = { paidOn: LegalDate; amountFen: Fen };

export type AmountDueInput = {
  fineFen: Fen;
  /** The day the party received the decision (service; the decision day for summary tickets). Unknown before service. */
  decisionReceivedOn?: LegalDate;
  /** End of an approved 暂缓 / 分期 (处罚法 Art. 66). */
  deferredUntil?: LegalDate;
  /** An approved instalment plan (处罚法 Art. 66), in date order; each line falls due on its own day. */
  instalments?: readonly InstalmentPlanLine[];
  /** Pending 复议 / 诉讼 (处罚法 Art. 73). */
  pausedIntervals?: readonly DateInterval[];
  /** 执行协议 reduction of the surcharge (行政强制法 Art. 42). */
  surchargeReducedFen?: Fen;
  paidFen: Fen;
  /**
   * The payments with their days, to tell when each instalment was paid. Without them, `paidFen` is taken to have
   * paid the earliest instalments on their due dates.
   */
  payments?: readonly DatedPayment[];
  /** The payment day. */
  asOf: LegalDate;
};

/** One instalment on `asOf`: the principal it received (earliest instalments first), when it was paid off, its G2. */
export type InstalmentStatus = InstalmentPlanLine & {
  /** 1-based position in the plan. */
  seq: number;
  paidFen: Fen;
  settledOn: LegalDate | null;
  surchargeFen: Fen;
  overdueDays: number;
  pausedDays: number;
};

export type AmountDue = {
  fineFen: Fen;
  surchargeFen: Fen;
  paidFen: Fen;
  /** fine + surcharge − paid, never below zero. */
  dueFen: Fen;
  /**
   * What is to be paid now: `dueFen`, or under an instalment plan the instalments due on or before `asOf` (or else the
   * next one) with the surcharge not yet paid.
   */
  dueNowFen: Fen;
  /** G1 due date (null before the decision is received); under a plan, its last day (the end of the 分期, Art. 66). */
  paymentDue: LegalDate | null;
  /** Under a plan: those of the earliest instalment not yet paid off. */
  overdueDays: number;
  pausedDays: number;
  /** The instalment plan on `asOf` (empty without a plan). */
  instalments: InstalmentStatus[];
  lines: RuleLine[];
};

/**
 * G2 per instalment — 处罚法 Art. 66 (「经当事人申请和行政机关批准，可以暂缓或者分期缴纳」) gives each instalment its own
 * due date, and Art. 72 (「到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款」) makes the surcharge run from the day
 * after the date on which the money fell due and was not paid: for a missed instalment, from its own due date, at 3 % a
 * day of that instalment, capped at the instalment (行政强制法 Art. 45: 「不得超出金钱给付义务的数额」; together never more
 * than the fine). Instalments not yet due accrue nothing. Payments pay the principal of the earliest instalments first
 * (the reading most favourable to the party: an instalment stops accruing as soon as its principal is paid); the
 * surcharge stays owed beside it and does not itself accrue.
 */
export function instalmentStatuses(
  plan: readonly InstalmentPlanLine[],
  paid: { paidFen: Fen; payments?: readonly DatedPayment[] },
  asOf: LegalDate,
  pausedIntervals: readonly DateInterval[] = [],
): InstalmentStatus[] {
  const lines = plan.map((l, i) => ({ ...l, seq: i + 1, paidFen: 0, settledOn: null as LegalDate | null }));
  const allocate = (amount: Fen, on: (line: (typeof lines)[number]) => LegalDate) => {
    let left = amount;
    for (const line of lines) {
      if (left <= 0) break;
      const take = Math.min(line.amountFen - line.paidFen, left);
      if (take <= 0) continue;
      line.paidFen += take;
      left -= take;
      if (line.paidFen >= line.amountFen) line.settledOn = on(line);
    }
  };
  if (paid.payments) {
    const dated = [...paid.payments].filter((p) => !isAfter(p.paidOn, asOf)).sort((a, b) => compareDates(a.paidOn, b.paidOn));
    for (const p of dated) allocate(p.amountFen, () => p.paidOn);
  } else {
    allocate(paid.paidFen, (line) => line.dueOn);
  }
  return lines.map((line) => {
    const end = line.settledOn && !isAfter(line.settledOn, asOf) ? line.settledOn : asOf;
    const g2: Surcharge | null = isAfter(end, line.dueOn)
      ? surcharge({ fineFen: line.amountFen, paymentDue: line.dueOn, asOf: end, pausedIntervals })
      : null;
    return {
      ...line,
      surchargeFen: g2?.surchargeFen ?? 0,
      overdueDays: g2?.overdueDays ?? 0,
      pausedDays: g2?.pausedDays ?? 0,
    };
  });
}

const yuan = (fen: Fen) => yuanText(fen, { decimals: 'whole-as-integer' });

/** One G2 line per instalment paid late or still overdue. */
export function instalmentSurchargeLines(statuses: readonly InstalmentStatus[]): RuleLine[] {
  return statuses
    .filter((l) => l.overdueDays > 0 || l.pausedDays > 0)
    .map((l) => ({
      ruleId: 'G2',
      article: '行政处罚法 Art. 66, Art. 72, Art. 73; 行政强制法 Art. 45',
      textZh: `第${l.seq}期 ${yuan(l.amountFen)} 元自 ${l.dueOn} 次日起逾期${l.overdueDays}日（复议、诉讼期间${l.pausedDays}日不计），每日按该期数额的百分之三加处罚款，不得超出该期数额：${yuan(l.surchargeFen)} 元`,
      textEn: `Instalment ${l.seq} (${yuan(l.amountFen)} yuan due ${l.dueOn}): ${l.overdueDays} overdue days (${l.pausedDays} paused) at 3% a day, capped at the instalment: ${yuan(l.surchargeFen)} yuan`,
    }));
}

/**
 * G1 + G2 — 处罚法 Art. 67 (15 days from receipt), Art. 66 (deferral moves the due date; instalments each fall due on
 * their own day), Art. 72 (「到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额」),
 * Art. 73 (no surcharge while a review or lawsuit is pending).
 */
export function amountDue(input: AmountDueInput, calendar: WorkCalendar): AmountDue {
  const plan = input.instalments ?? [];
  if (plan.length > 0 && input.decisionReceivedOn) return amountDueByInstalments(input, plan);
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
  const dueFen = Math.max(0, input.fineFen + surchargeFen - input.paidFen);
  return {
    fineFen: input.fineFen,
    surchargeFen,
    paidFen: input.paidFen,
    dueFen,
    dueNowFen: dueFen,
    paymentDue: due?.due ?? null,
    overdueDays,
    pausedDays,
    instalments: [],
    lines,
  };
}

function amountDueByInstalments(input: AmountDueInput, plan: readonly InstalmentPlanLine[]): AmountDue {
  const statuses = instalmentStatuses(
    plan,
    { paidFen: input.paidFen, ...(input.payments ? { payments: input.payments } : {}) },
    input.asOf,
    input.pausedIntervals ?? [],
  );
  const lines: RuleLine[] = [
    {
      ruleId: 'G1',
      article: '行政处罚法 Art. 66',
      textZh: `经批准分期缴纳：${statuses.map((l) => `第${l.seq}期 ${yuan(l.amountFen)} 元至 ${l.dueOn}`).join('；')}`,
      textEn: `Instalments approved: ${statuses.map((l) => `${yuan(l.amountFen)} yuan by ${l.dueOn}`).join('; ')}`,
    },
  ];
  lines.push(...instalmentSurchargeLines(statuses));
  const accrued = statuses.reduce((sum, l) => sum + l.surchargeFen, 0);
  const surchargeFen = Math.max(0, accrued - (input.surchargeReducedFen ?? 0));
  const dueFen = Math.max(0, input.fineFen + surchargeFen - input.paidFen);
  const open = statuses.filter((l) => l.paidFen < l.amountFen);
  const unpaidPrincipal = open.reduce((sum, l) => sum + l.amountFen - l.paidFen, 0);
  const unpaidSurcharge = Math.max(0, dueFen - unpaidPrincipal);
  const dueByNow = open.filter((l) => !isAfter(l.dueOn, input.asOf)).reduce((sum, l) => sum + l.amountFen - l.paidFen, 0);
  const next = open[0];
  const lastDue = statuses.at(-1)!.dueOn;
  const principalNow = dueByNow > 0 ? dueByNow : next ? next.amountFen - next.paidFen : 0;
  return {
    fineFen: input.fineFen,
    surchargeFen,
    paidFen: input.paidFen,
    dueFen,
    dueNowFen: Math.min(dueFen, principalNow + unpaidSurcharge),
    paymentDue: input.deferredUntil && isAfter(input.deferredUntil, lastDue) ? input.deferredUntil : lastDue,
    overdueDays: next?.overdueDays ?? 0,
    pausedDays: next?.pausedDays ?? 0,
    instalments: statuses,
    lines,
  };
}

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
      `各期金额合计 ${yuanText(total, { decimals: 'whole-as-integer' })} 元，应等于应缴罚款 ${yuanText(owedFen, { decimals: 'whole-as-integer' })} 元`,
      `The instalments total ${yuanText(total, { decimals: 'whole-as-integer' })} yuan, not the ${yuanText(owedFen, { decimals: 'whole-as-integer' })} yuan owed`,
    );
  }
  return { ok: true, until: prev };
}
