import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFromChineseDays } from '../calendar/chinese-days.ts';
import { amountDue, checkDeferralRequest } from './amount-due.ts';
import {
  buildPaymentCode,
  formatPaymentCode,
  isValidPaymentCode,
  dammCheckDigit,
  parsePaymentCode,
  paymentCodeCheckDigit,
} from './payment-code.ts';

const CAL = calendarFromChineseDays();

describe('payment code (缴款码): 20 digits, Damm check digit', () => {
  it('region + year + 9-digit sequence + check digit', () => {
    const code = buildPaymentCode('310115', 2026, 17);
    expect(code).toHaveLength(20);
    expect(code.startsWith('3101152026000000017')).toBe(true);
    expect(parsePaymentCode(code)).toEqual({ regionCode: '310115', year: 2026, sequence: 17 });
    expect(formatPaymentCode(code)).toMatch(/^\d{4}( \d{4}){4}$/);
  });
  it('known MOD 11-10 values', () => {
    // Damm's worked example: 572 → check digit 4; the code with its check digit folds to 0.
    expect(dammCheckDigit('572')).toBe('4');
    expect(dammCheckDigit('5724')).toBe('0');
    expect(paymentCodeCheckDigit('3101152026000000001')).toBe(dammCheckDigit('3101152026000000001'));
  });
  it('detects every single-digit error and every adjacent transposition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 0, max: 18 }),
        fc.integer({ min: 1, max: 9 }),
        (seq, pos, delta) => {
          const code = buildPaymentCode('310115', 2026, seq);
          const d = (Number(code[pos]) + delta) % 10;
          const typo = code.slice(0, pos) + d + code.slice(pos + 1);
          expect(isValidPaymentCode(typo)).toBe(false);
          if (code[pos] !== code[pos + 1]) {
            const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
            expect(isValidPaymentCode(swapped)).toBe(false);
          }
        },
      ),
    );
  });
  it('refuses malformed input', () => {
    expect(isValidPaymentCode('123')).toBe(false);
    expect(isValidPaymentCode('3101152026000000017a')).toBe(false);
    expect(() => buildPaymentCode('31011', 2026, 1)).toThrow(RangeError);
    expect(() => buildPaymentCode('310115', 2026, 0)).toThrow(RangeError);
  });
});

describe('G2 under an instalment plan (处罚法 Art. 66, Art. 72)', () => {
  // 3,000 yuan in three instalments of 1,000 yuan; the plan's last day is the end of the deferral.
  const plan = [
    { dueOn: '2026-03-01', amountFen: 100_000 },
    { dueOn: '2026-04-01', amountFen: 100_000 },
    { dueOn: '2026-05-01', amountFen: 100_000 },
  ];
  const base = { fineFen: 300_000, decisionReceivedOn: '2026-01-21', deferredUntil: '2026-05-01', instalments: plan };

  it('G2: a missed instalment accrues from its own due date, at 3 % a day of that instalment', () => {
    const a = amountDue({ ...base, paidFen: 0, asOf: '2026-03-11' }, CAL);
    expect(a.instalments[0]).toMatchObject({ seq: 1, overdueDays: 10, surchargeFen: 30_000, settledOn: null });
    expect(a.instalments[1]).toMatchObject({ overdueDays: 0, surchargeFen: 0 });
    expect(a.surchargeFen).toBe(30_000);
    expect(a.dueFen).toBe(330_000);
    expect(a.paymentDue).toBe('2026-05-01');
    expect(a.overdueDays).toBe(10);
    // What is to be paid now: the missed instalment and its surcharge, not the instalments still to come.
    expect(a.dueNowFen).toBe(130_000);
    const g2 = a.lines.find((l) => l.ruleId === 'G2')!;
    expect(g2.article).toContain('Art. 72');
    expect(g2.textZh).toContain('2026-03-01');
  });

  it('G2: instalments paid on their days accrue nothing; the next one is what is due now', () => {
    const payments = [{ paidOn: '2026-03-01', amountFen: 100_000 }];
    const a = amountDue({ ...base, paidFen: 100_000, payments, asOf: '2026-03-20' }, CAL);
    expect(a.surchargeFen).toBe(0);
    expect(a.dueNowFen).toBe(100_000);
    expect(a.instalments[1]).toMatchObject({ dueOn: '2026-04-01', paidFen: 0, settledOn: null });
    expect(a.instalments[0]!.settledOn).toBe('2026-03-01');
  });

  it('G2: an instalment paid late stops accruing on the day it is paid; each is capped at its own amount', () => {
    const payments = [{ paidOn: '2026-03-06', amountFen: 100_000 }];
    const a = amountDue({ ...base, paidFen: 100_000, payments, asOf: '2026-04-05' }, CAL);
    expect(a.instalments[0]).toMatchObject({ overdueDays: 5, surchargeFen: 15_000, settledOn: '2026-03-06' });
    expect(a.instalments[1]).toMatchObject({ overdueDays: 4, surchargeFen: 12_000 });
    expect(a.surchargeFen).toBe(27_000);
    expect(a.dueFen).toBe(300_000 + 27_000 - 100_000);
    // Long after the plan: each instalment's surcharge stops at its amount, so the total never exceeds the fine.
    const late = amountDue({ ...base, paidFen: 0, asOf: '2027-01-01' }, CAL);
    expect(late.instalments.map((l) => l.surchargeFen)).toEqual([100_000, 100_000, 100_000]);
    expect(late.surchargeFen).toBe(300_000);
  });

  it('G2: the plan pauses during 复议 / 诉讼 and takes the 执行协议 reduction; without dated payments they count as on time', () => {
    const paused = amountDue({ ...base, paidFen: 0, asOf: '2026-03-11', pausedIntervals: [{ from: '2026-03-02', to: '2026-03-05' }] }, CAL);
    expect(paused.instalments[0]).toMatchObject({ overdueDays: 6, pausedDays: 4, surchargeFen: 18_000 });
    expect(amountDue({ ...base, paidFen: 0, asOf: '2026-03-11', surchargeReducedFen: 10_000 }, CAL).surchargeFen).toBe(20_000);
    const undated = amountDue({ ...base, paidFen: 100_000, asOf: '2026-04-11' }, CAL);
    expect(undated.instalments.map((l) => l.surchargeFen)).toEqual([0, 30_000, 0]);
  });

  it('G2: on the whole fine the old way, only without a plan', () => {
    // The same deferral end without instalments: nothing accrues before 2026-05-01.
    const { instalments: _plan, ...deferral } = base;
    expect(amountDue({ ...deferral, paidFen: 0, asOf: '2026-03-11' }, CAL).surchargeFen).toBe(0);
  });
});

describe('amount due at payment time (G1 + G2)', () => {
  const base = { fineFen: 100_000, decisionReceivedOn: '2026-01-21', paidFen: 0 };

  it('G1 on time: the fine only, due 15 days after receipt', () => {
    const a = amountDue({ ...base, asOf: '2026-02-05' }, CAL);
    expect(a.paymentDue).toBe('2026-02-05');
    expect(a.surchargeFen).toBe(0);
    expect(a.dueFen).toBe(100_000);
  });
  it('G2 paying 10 days late adds 3 % a day of the fine', () => {
    const a = amountDue({ ...base, asOf: '2026-02-15' }, CAL);
    expect(a.overdueDays).toBe(10);
    expect(a.surchargeFen).toBe(30_000);
    expect(a.dueFen).toBe(130_000);
    expect(a.lines.map((l) => l.ruleId)).toEqual(['G1', 'G2']);
  });
  it('G2 the surcharge is capped at the fine and paused during review or litigation', () => {
    expect(amountDue({ ...base, asOf: '2026-06-01' }, CAL).surchargeFen).toBe(100_000);
    const paused = amountDue({ ...base, asOf: '2026-02-15', pausedIntervals: [{ from: '2026-02-06', to: '2026-02-10' }] }, CAL);
    expect(paused.pausedDays).toBe(5);
    expect(paused.surchargeFen).toBe(15_000);
  });
  it('G2 what was already paid is deducted, never below zero', () => {
    expect(amountDue({ ...base, paidFen: 40_000, asOf: '2026-02-05' }, CAL).dueFen).toBe(60_000);
    expect(amountDue({ ...base, paidFen: 200_000, asOf: '2026-02-05' }, CAL).dueFen).toBe(0);
  });
  it('G1 an approved deferral moves the due date (处罚法 Art. 66)', () => {
    const a = amountDue({ ...base, deferredUntil: '2026-04-30', asOf: '2026-04-30' }, CAL);
    expect(a.paymentDue).toBe('2026-04-30');
    expect(a.surchargeFen).toBe(0);
    expect(amountDue({ ...base, deferredUntil: '2026-04-30', asOf: '2026-05-02' }, CAL).surchargeFen).toBe(6_000);
  });
  it('G1 before the decision is received there is no due date and no surcharge', () => {
    const a = amountDue({ fineFen: 5_000, paidFen: 0, asOf: '2026-03-01' }, CAL);
    expect(a.paymentDue).toBeNull();
    expect(a.dueFen).toBe(5_000);
  });
});

describe('G1 deferral and instalment applications (处罚法 Art. 66)', () => {
  it('a deferral ends after the application day and states the hardship', () => {
    expect(checkDeferralRequest({ kind: 'deferral', until: '2026-05-01', reason: '经营困难' }, '2026-03-02', 100_000)).toEqual({
      ok: true,
      until: '2026-05-01',
    });
    expect(checkDeferralRequest({ kind: 'deferral', until: '2026-03-02', reason: '经营困难' }, '2026-03-02', 100_000)).toMatchObject({
      ok: false,
      field: 'until',
      ruleId: 'G1',
    });
    expect(checkDeferralRequest({ kind: 'deferral', until: '2026-05-01', reason: ' ' }, '2026-03-02', 100_000)).toMatchObject({
      field: 'reason',
    });
  });
  it('instalments: two or more, in date order, summing to what is owed; until = the last one', () => {
    const plan = [
      { dueOn: '2026-04-01', amountFen: 50_000 },
      { dueOn: '2026-05-01', amountFen: 50_000 },
    ];
    expect(checkDeferralRequest({ kind: 'instalments', instalments: plan, reason: '失业' }, '2026-03-02', 100_000)).toEqual({
      ok: true,
      until: '2026-05-01',
    });
    expect(checkDeferralRequest({ kind: 'instalments', instalments: plan, reason: '失业' }, '2026-03-02', 90_000)).toMatchObject({
      field: 'instalments',
    });
    expect(
      checkDeferralRequest({ kind: 'instalments', instalments: [plan[1]!, plan[0]!], reason: '失业' }, '2026-03-02', 100_000),
    ).toMatchObject({ field: 'instalments.1.dueOn' });
    expect(checkDeferralRequest({ kind: 'instalments', instalments: [plan[0]!], reason: '失业' }, '2026-03-02', 50_000)).toMatchObject({
      field: 'instalments',
    });
  });
});
