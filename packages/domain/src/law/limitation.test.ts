import { describe, expect, it } from 'vitest';
import { LegalInputError } from './errors.ts';
import { limitationCheck } from './limitation.ts';

const base = { involvesLifeHealthOrFinancialSafety: false, harmfulConsequence: false };

describe('C4 limitation period (处罚法 Art. 36)', () => {
  it('2 years from the act: discovered on the last day is in time, the day after is not', () => {
    const inTime = limitationCheck({ ...base, actDate: '2023-03-15', discoveredOn: '2025-03-15' });
    expect(inTime.expired).toBe(false);
    expect(inTime.lastDay).toBe('2025-03-15');
    const late = limitationCheck({ ...base, actDate: '2023-03-15', discoveredOn: '2025-03-16' });
    expect(late.expired).toBe(true);
    expect(late.line.ruleId).toBe('C4');
  });

  it('a continuing violation counts from the day the act ended', () => {
    // an illegal structure built in 2020 and kept until 2024-06-30
    const r = limitationCheck({ ...base, actDate: '2020-05-01', continuingUntil: '2024-06-30', discoveredOn: '2025-09-01' });
    expect(r.runsFrom).toBe('2024-06-30');
    expect(r.expired).toBe(false);
    expect(r.line.textZh).toContain('行为终了之日');
    expect(limitationCheck({ ...base, actDate: '2020-05-01', discoveredOn: '2025-09-01' }).expired).toBe(true);
  });

  it('5 years only when life/health or financial safety is involved AND there was harm', () => {
    const five = limitationCheck({
      actDate: '2021-01-10',
      discoveredOn: '2025-01-10',
      involvesLifeHealthOrFinancialSafety: true,
      harmfulConsequence: true,
    });
    expect(five.years).toBe(5);
    expect(five.expired).toBe(false);
    const noHarm = limitationCheck({
      actDate: '2021-01-10',
      discoveredOn: '2025-01-10',
      involvesLifeHealthOrFinancialSafety: true,
      harmfulConsequence: false,
    });
    expect(noHarm.years).toBe(2);
    expect(noHarm.expired).toBe(true);
  });

  it('applies the month-end rule for a 29 February act and rejects an end before the start', () => {
    expect(limitationCheck({ ...base, actDate: '2024-02-29', discoveredOn: '2026-02-28' }).expired).toBe(false);
    expect(limitationCheck({ ...base, actDate: '2024-02-29', discoveredOn: '2026-03-01' }).expired).toBe(true);
    expect(() => limitationCheck({ ...base, actDate: '2024-05-01', continuingUntil: '2024-04-01', discoveredOn: '2024-06-01' })).toThrow(
      LegalInputError,
    );
  });

  it('CHRONOLOGY: an act dated after its discovery is an input error naming discoveredOn and C4', () => {
    expect(() => limitationCheck({ ...base, actDate: '2024-05-02', discoveredOn: '2024-05-01' })).toThrow(
      expect.objectContaining({ field: 'discoveredOn', ruleId: 'C4' }),
    );
    expect(limitationCheck({ ...base, actDate: '2024-05-01', discoveredOn: '2024-05-01' }).expired).toBe(false);
  });
});
