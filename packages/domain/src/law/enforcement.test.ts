import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../calendar/legal-date.ts';
import { calendarFromChineseDays } from '../calendar/chinese-days.ts';
import { LegalInputError } from './errors.ts';
import { courtEnforcementWindow, paymentDeadline, surcharge } from './enforcement.ts';

const CAL = calendarFromChineseDays();

describe('G1 payment within 15 days (处罚法 Art. 67, Art. 66)', () => {
  it('15 CD from receipt ending on 2024-10-01 moves past National Day', () => {
    const d = paymentDeadline('2024-09-16', CAL);
    expect(d.due).toBe('2024-10-08');
    expect(d.basis.ruleId).toBe('G1');
  });
  it('an approved deferral moves the due date; an earlier one does not', () => {
    const deferred = paymentDeadline('2024-09-16', CAL, '2024-11-30');
    expect(deferred.due).toBe('2024-11-30');
    expect(deferred.basis.articles).toContain('行政处罚法 Art. 66');
    expect(paymentDeadline('2024-09-16', CAL, '2024-09-20').due).toBe('2024-10-08');
  });
});

describe('G2 surcharge (处罚法 Art. 72)', () => {
  const base = { fineFen: 20_000, paymentDue: '2025-01-10' };

  it('3% of the fine per overdue day, counted from the day after the due date', () => {
    expect(surcharge({ ...base, asOf: '2025-01-10' }).surchargeFen).toBe(0);
    const oneDay = surcharge({ ...base, asOf: '2025-01-11' });
    expect(oneDay.overdueDays).toBe(1);
    expect(oneDay.surchargeFen).toBe(600);
  });

  it('the cap (= the fine) is first reached on the 34th overdue day', () => {
    const day33 = surcharge({ ...base, asOf: '2025-02-12' });
    expect(day33.overdueDays).toBe(33);
    expect(day33.surchargeFen).toBe(19_800);
    expect(day33.capped).toBe(false);
    const day34 = surcharge({ ...base, asOf: '2025-02-13' });
    expect(day34.overdueDays).toBe(34);
    expect(day34.surchargeFen).toBe(20_000);
    expect(day34.capped).toBe(true);
    expect(surcharge({ ...base, asOf: '2025-12-31' }).surchargeFen).toBe(20_000);
  });

  it('days of a pending review or lawsuit are not counted (Art. 73)', () => {
    const paused = surcharge({ ...base, asOf: '2025-02-13', pausedIntervals: [{ from: '2025-01-15', to: '2025-01-24' }] });
    expect(paused.pausedDays).toBe(10);
    expect(paused.overdueDays).toBe(24);
    expect(paused.surchargeFen).toBe(14_400);
    const open = surcharge({ ...base, asOf: '2025-02-13', pausedIntervals: [{ from: '2025-01-20' }] });
    expect(open.overdueDays).toBe(9);
    expect(open.surchargeFen).toBe(5_400);
  });

  it('rounds down to whole fen and rejects non-integer money', () => {
    expect(surcharge({ fineFen: 333, paymentDue: '2025-01-10', asOf: '2025-01-11' }).surchargeFen).toBe(9);
    expect(() => surcharge({ fineFen: 100.5, paymentDue: '2025-01-10', asOf: '2025-01-11' })).toThrow(LegalInputError);
  });
});

describe('G3 court enforcement window (强制法 Arts. 53–54; 行诉法解释 Art. 156)', () => {
  const input = { decisionReceivedOn: '2025-01-10', reviewOrLitigationFiled: false, reminderServedOn: '2025-07-15' };

  it('opens after review (60 d), litigation (6 m) and 催告 + 10 WD; closes 3 months after the litigation deadline', () => {
    const w = courtEnforcementWindow({ ...input, today: '2025-08-01' }, CAL);
    expect(w.reviewDeadline.due).toBe('2025-03-11');
    expect(w.litigationDeadline.due).toBe('2025-07-10');
    expect(w.reminderWaitEnds?.due).toBe('2025-07-29');
    expect(w.opensOn).toBe('2025-07-30');
    expect(w.closesOn.due).toBe('2025-10-10');
    expect(w.canApplyToday).toBe(true);
  });

  it('is closed before the 10 working days run out and after the 3 months', () => {
    expect(courtEnforcementWindow({ ...input, today: '2025-07-29' }, CAL).canApplyToday).toBe(false);
    const late = courtEnforcementWindow({ ...input, today: '2025-10-13' }, CAL);
    expect(late.canApplyToday).toBe(false);
    expect(late.lines.some((l) => l.article.includes('Art. 156'))).toBe(true);
  });

  it('needs a served 催告书 and no pending review or lawsuit', () => {
    const noReminder = courtEnforcementWindow(
      { decisionReceivedOn: '2025-01-10', reviewOrLitigationFiled: false, today: '2025-08-01' },
      CAL,
    );
    expect(noReminder.opensOn).toBeNull();
    expect(noReminder.canApplyToday).toBe(false);
    expect(courtEnforcementWindow({ ...input, reviewOrLitigationFiled: true, today: '2025-08-01' }, CAL).canApplyToday).toBe(false);
  });

  it('with a deferral the 3 months run from its end (处罚法 Art. 72)', () => {
    const w = courtEnforcementWindow({ ...input, deferralEndsOn: '2025-09-30', today: '2025-12-01' }, CAL);
    expect(w.closesOn.due).toBe('2025-12-30');
    expect(w.canApplyToday).toBe(true);
  });
});

describe('G2 surcharge counted by intervals equals the day-by-day count (处罚法 Art. 72, Art. 73)', () => {
  // The reference: walk every day from the day after the due date to asOf, a day paused when any interval holds it.
  const dayByDay = (paymentDue: string, asOf: string, paused: { from: string; to?: string }[]) => {
    let overdue = 0;
    let pausedDays = 0;
    for (let d = addDays(paymentDue, 1); d <= asOf; d = addDays(d, 1)) {
      if (paused.some((p) => p.from <= d && (p.to === undefined || d <= p.to))) pausedDays += 1;
      else overdue += 1;
    }
    return { overdue, pausedDays };
  };
  const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2023-01-01', n));
  it('for any due date, asOf and overlapping, nested, open or disjoint paused intervals', () => {
    fc.assert(
      fc.property(
        day,
        day,
        fc.array(fc.tuple(day, fc.option(day, { nil: undefined })), { maxLength: 4 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (paymentDue, asOf, raw, fineFen) => {
          const paused = raw.map(([a, b]) => (b === undefined ? { from: a } : a <= b ? { from: a, to: b } : { from: b, to: a }));
          const want = dayByDay(paymentDue, asOf, paused);
          const got = surcharge({ fineFen, paymentDue, asOf, pausedIntervals: paused });
          expect({ overdueDays: got.overdueDays, pausedDays: got.pausedDays }).toEqual({
            overdueDays: want.overdue,
            pausedDays: want.pausedDays,
          });
          expect(got.surchargeFen).toBe(Math.min(Math.floor((fineFen * 3 * want.overdue) / 100), fineFen));
        },
      ),
      { numRuns: 400 },
    );
  });
});
