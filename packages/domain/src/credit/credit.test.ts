import { describe, expect, it } from 'vitest';
import { creditConsequence, repairAllowed, SHANGHAI_CREDIT_DEFAULTS } from './index.ts';

const fine = { procedure: 'ordinary' as const, outcome: 'penalty' as const, penalties: ['fine' as const], decidedOn: '2026-01-20' };

describe('C1 credit consequence of a decision (沪营商条例第六十五条、第六十七条)', () => {
  it('a published fine makes a general record: three years, repair from the day after three months', () => {
    expect(creditConsequence(fine, null)).toEqual({
      record: true,
      severity: 'general',
      publishUntil: '2029-01-20',
      repairPossibleOn: '2026-04-21',
    });
  });
  it('serious fields wait one year; the catalogue may exclude an offence or set its own period', () => {
    const c = creditConsequence(fine, { record: true, severity: 'serious', publishMonths: 12 });
    expect(c).toMatchObject({ record: true, publishUntil: '2027-01-20', repairPossibleOn: '2027-01-21' });
    expect(creditConsequence(fine, { record: false, severity: 'general', publishMonths: null }).record).toBe(false);
  });
  it('summary decisions and warnings only make no record', () => {
    expect(creditConsequence({ ...fine, procedure: 'summary' }, null).record).toBe(false);
    expect(creditConsequence({ ...fine, penalties: ['warning'] }, null).record).toBe(false);
    expect(creditConsequence(fine, null, { ...SHANGHAI_CREDIT_DEFAULTS, repairMinMonthsGeneral: 6 })).toMatchObject({
      repairPossibleOn: '2026-07-21',
    });
  });
});

describe('C2 repair before the minimum period is refused with the date', () => {
  it('answers the date it becomes possible', () => {
    expect(repairAllowed('2026-04-21', '2026-04-20')).toEqual({ allowed: false, possibleOn: '2026-04-21' });
    expect(repairAllowed('2026-04-21', '2026-04-21')).toEqual({ allowed: true });
  });
});
