import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFromChineseDays } from '../calendar/chinese-days.ts';
import { addDays } from '../calendar/legal-date.ts';
import { addWorkingDays, createWorkCalendar, isWorkingDay } from '../calendar/work-calendar.ts';
import { SHANGHAI_DEFAULTS } from './config.ts';
import { CD, MONTHS, WD, YEARS, deadline, type Period } from './deadlines.ts';
import { LegalInputError } from './errors.ts';
import {
  assistanceReplyDeadline,
  bankDepositDeadline,
  cashHandInDeadline,
  complaintFeedbackDeadline,
  complaintTransferDeadline,
  decisionDeadline,
  disclosureDeadline,
  disclosureWithdrawalDeadline,
  earliestDecisionDate,
  filingDeadline,
  hearingNoticeLatestDate,
  hearingRequestDeadline,
  hotlineTicketDeadline,
  preservationDisposalDeadline,
  publicNoticeServiceDate,
  seizureDeadline,
  serviceDeadline,
  statementPeriodDeadline,
} from './procedure-deadlines.ts';

const CAL = calendarFromChineseDays();

describe('deadline(): working-day periods (处罚法 Art. 85, 强制法 Art. 69, 复议法 Art. 88)', () => {
  it('skips the 2024 National Day week and counts the 调休 Saturday 10-12', () => {
    const d = deadline('2024-09-30', WD(5), CAL);
    expect(d.due).toBe('2024-10-12');
    expect(d.basis.articles).toContain('行政处罚法 Art. 85');
    expect(d.calendarCovered).toBe(true);
  });

  it('rejects a negative or fractional period and an impossible start date', () => {
    expect(() => deadline('2025-01-01', WD(-1), CAL)).toThrow(LegalInputError);
    expect(() => deadline('2025-01-01', CD(1.5), CAL)).toThrow(LegalInputError);
    expect(() => deadline('2025-02-29', CD(1), CAL)).toThrow(/2025-02-29/);
  });

  it('reports when the period runs into a year without holiday data', () => {
    const small = createWorkCalendar({ holidays: [], makeUpWorkdays: [], coveredYears: [2025] });
    expect(deadline('2025-12-30', WD(5), small).calendarCovered).toBe(false);
  });
});

describe('deadline(): calendar periods (民法典 Arts. 201–203)', () => {
  it('start day excluded; a last day in the holiday moves to the next working day', () => {
    // 09-16 + 15 = 10-01 (National Day) → 10-08
    expect(deadline('2024-09-16', CD(15), CAL).due).toBe('2024-10-08');
    expect(deadline('2024-09-16', CD(15), CAL).basis.articles).toEqual(['民法典 Art. 201', '民法典 Art. 202', '民法典 Art. 203']);
  });

  it('a last day on a weekend moves to Monday, but a 调休 Saturday stays', () => {
    expect(deadline('2025-03-01', CD(15), CAL).due).toBe('2025-03-17'); // 03-16 is Sunday
    expect(deadline('2025-09-26', CD(15), CAL).due).toBe('2025-10-11'); // Sat, declared working day
  });

  it('months use the corresponding day or the month end (Art. 202), years too', () => {
    expect(deadline('2025-03-31', MONTHS(6), CAL).due).toBe('2025-09-30');
    expect(deadline('2024-08-31', MONTHS(6), CAL).due).toBe('2025-02-28');
    expect(deadline('2023-10-01', YEARS(1), CAL).due).toBe('2024-10-08'); // 2024-10-01 holiday
  });
});

describe('D2 statement period (处罚法 Arts. 44, 62; CONFIG)', () => {
  it('3 WD from Fri 2024-09-27 crosses National Day; decision from the next day', () => {
    // 09-29 (Sun, 调休), 09-30, 10-08
    expect(statementPeriodDeadline('2024-09-27', CAL, SHANGHAI_DEFAULTS).due).toBe('2024-10-08');
    expect(earliestDecisionDate('2024-09-27', CAL, SHANGHAI_DEFAULTS, false)).toBe('2024-10-09');
    expect(earliestDecisionDate('2024-09-27', CAL, SHANGHAI_DEFAULTS, true)).toBe('2024-09-27');
  });
  it('uses the configured length', () => {
    const config = { ...SHANGHAI_DEFAULTS, statementPeriodWorkingDays: 5 };
    expect(statementPeriodDeadline('2024-09-27', CAL, config).due).toBe('2024-10-10');
  });
});

describe('D5 hearing request (处罚法 Art. 64(1))', () => {
  it('5 WD from Fri 2025-09-26 counts Sun 09-28 and skips 10-01..08', () => {
    const d = hearingRequestDeadline('2025-09-26', CAL);
    expect(d.due).toBe('2025-10-10');
    expect(d.basis.ruleId).toBe('D5');
  });
});

describe('D6 hearing notice (处罚法 Art. 64(2))', () => {
  it('latest notice for a hearing on 2024-10-14 is Sun 09-29 (调休), 7 WD before', () => {
    const d = hearingNoticeLatestDate('2024-10-14', CAL);
    expect(d.due).toBe('2024-09-29');
    expect(addWorkingDays(CAL, d.due, 7)).toBe('2024-10-14');
    expect(d.basis.ruleId).toBe('D6');
  });
});

describe('C2 filing (CONFIG, unverified) and C3 preservation (处罚法 Art. 56)', () => {
  it('C2: 7 WD default across Spring Festival 2025, counting Sun 01-26 and Sat 02-08', () => {
    expect(filingDeadline('2025-01-24', CAL, SHANGHAI_DEFAULTS).due).toBe('2025-02-10');
    expect(filingDeadline('2025-01-24', CAL, { ...SHANGHAI_DEFAULTS, filingWorkingDays: 3 }).due).toBe('2025-02-05');
  });
  it('C3: 7 WD from 2024-09-30', () => {
    expect(preservationDisposalDeadline('2024-09-30', CAL).due).toBe('2024-10-15');
  });
});

describe('E4 decision within 90 days (处罚法 Art. 60)', () => {
  it('90 CD landing on National Day 2025 moves to 10-09; an extension counts from there', () => {
    expect(decisionDeadline('2025-07-03', CAL).due).toBe('2025-10-09');
    const extended = decisionDeadline('2025-07-03', CAL, { period: CD(30), legalBasis: '经批准延长（规章依据）' });
    expect(extended.due).toBe('2025-11-10'); // 11-08 is Saturday
  });
  it('an extension without a legal basis is rejected', () => {
    expect(() => decisionDeadline('2025-07-03', CAL, { period: CD(30), legalBasis: ' ' })).toThrow(/extension.legalBasis/);
  });
});

describe('F1 service within 7 WD (处罚法 Art. 61) and F4 public notice (沪条例 Art. 25)', () => {
  it('F1 counts the 调休 Saturday 2025-10-11', () => {
    expect(serviceDeadline('2025-09-30', CAL).due).toBe('2025-10-16');
  });
  it('F4 deemed served 60 days after publication, shifted out of National Day', () => {
    const d = publicNoticeServiceDate('2025-08-02', CAL, SHANGHAI_DEFAULTS);
    expect(d.due).toBe('2025-10-09');
    expect(d.basis.articles[0]).toBe('上海市城市管理行政执法条例 Art. 25');
  });
});

describe('B4 cash hand-in and bank deposit (处罚法 Art. 71)', () => {
  it('2 WD each, across Spring Festival 2025 and its 调休 Saturday', () => {
    expect(cashHandInDeadline('2025-01-27', CAL).due).toBe('2025-02-06');
    expect(bankDepositDeadline('2025-02-06', CAL).due).toBe('2025-02-08');
  });
});

describe('I1 disclosure, I2 withdrawal, I4 complaints, I5 assistance, I6 12345', () => {
  it('I1: 7 WD (CONFIG) across 2024 National Day', () => {
    expect(disclosureDeadline('2024-09-30', CAL, SHANGHAI_DEFAULTS).due).toBe('2024-10-15');
  });
  it('I2: 3 WD (处罚法 Art. 48)', () => {
    expect(disclosureWithdrawalDeadline('2025-09-30', CAL).due).toBe('2025-10-11');
  });
  it('I4: feedback 5 WD, transfer 3 WD (沪条例 Art. 26)', () => {
    expect(complaintFeedbackDeadline('2025-09-30', CAL).due).toBe('2025-10-14');
    expect(complaintTransferDeadline('2025-09-30', CAL).due).toBe('2025-10-11');
  });
  it('I5: 10 calendar days (沪条例 Art. 29)', () => {
    expect(assistanceReplyDeadline('2025-09-25', CAL).due).toBe('2025-10-09');
  });
  it('I6: 1/3/5/15 WD from CONFIG', () => {
    expect(hotlineTicketDeadline('2025-09-30', 'consultation', CAL, SHANGHAI_DEFAULTS).due).toBe('2025-10-09');
    expect(hotlineTicketDeadline('2025-09-30', 'supervision', CAL, SHANGHAI_DEFAULTS).due).toBe('2025-10-11');
    expect(hotlineTicketDeadline('2025-09-30', 'complaint', CAL, SHANGHAI_DEFAULTS).due).toBe('2025-10-14');
    expect(hotlineTicketDeadline('2025-09-30', 'complex', CAL, SHANGHAI_DEFAULTS).due).toBe('2025-10-28');
  });
});

describe('H3 seizure 30 / 60 days (强制法 Art. 25)', () => {
  it('30 CD ending on National Day moves; 60 with extension; testing days added', () => {
    expect(seizureDeadline('2025-09-01', CAL, { extended: false }).due).toBe('2025-10-09');
    expect(seizureDeadline('2025-09-01', CAL, { extended: true }).due).toBe('2025-10-31');
    expect(seizureDeadline('2025-09-01', CAL, { extended: true, testingDays: 5 }).due).toBe('2025-11-05');
  });
});

const START = fc.integer({ min: 0, max: 730 }).map((o) => addDays('2024-01-01', o));
const PERIOD: fc.Arbitrary<Period> = fc.oneof(
  fc.integer({ min: 0, max: 30 }).map(WD),
  fc.integer({ min: 0, max: 120 }).map(CD),
  fc.integer({ min: 0, max: 12 }).map(MONTHS),
  fc.integer({ min: 0, max: 2 }).map(YEARS),
);

describe('deadline properties (fast-check)', () => {
  it('the due date is never before the start', () => {
    fc.assert(
      fc.property(START, PERIOD, (start, period) => {
        expect(deadline(start, period, CAL).due >= start).toBe(true);
      }),
    );
  });
  it('a working-day deadline (n ≥ 1) always lands on a working day', () => {
    fc.assert(
      fc.property(START, fc.integer({ min: 1, max: 30 }), (start, n) => {
        expect(isWorkingDay(CAL, deadline(start, WD(n), CAL).due)).toBe(true);
      }),
    );
  });
  it('a calendar-period deadline (n ≥ 1) also lands on a working day (Art. 203)', () => {
    fc.assert(
      fc.property(START, fc.integer({ min: 1, max: 120 }), (start, n) => {
        expect(isWorkingDay(CAL, deadline(start, CD(n), CAL).due)).toBe(true);
      }),
    );
  });
});
