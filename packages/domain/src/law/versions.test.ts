import { describe, expect, it } from 'vitest';
import { LegalInputError } from './errors.ts';
import { applicableVersion, comparePenaltyKinds, isLighter, type RuleVersion } from './versions.ts';

const OLD: RuleVersion = {
  versionId: 'v2019',
  effectiveFrom: '2019-07-01',
  effectiveUntil: '2024-12-31',
  illegal: true,
  minFineFen: 5_000,
  maxFineFen: 20_000,
};
const LIGHTER: RuleVersion = { versionId: 'v2025', effectiveFrom: '2025-01-01', illegal: true, minFineFen: 5_000, maxFineFen: 10_000 };
const HEAVIER: RuleVersion = { ...LIGHTER, versionId: 'v2025h', maxFineFen: 50_000 };
const LEGAL: RuleVersion = { ...LIGHTER, versionId: 'v2025x', illegal: false, minFineFen: 0, maxFineFen: 0 };

describe('Art. 37 从旧兼从轻 (处罚法 Art. 37)', () => {
  it('uses the act-date version when nothing changed', () => {
    const r = applicableVersion([OLD], '2024-06-01', '2024-08-01');
    expect(r.version?.versionId).toBe('v2019');
    expect(r.reason).toBe('act_date_version');
  });
  it('a version change between act and decision: a lighter new rule applies', () => {
    const r = applicableVersion([OLD, LIGHTER], '2024-12-20', '2025-01-15');
    expect(r.version?.versionId).toBe('v2025');
    expect(r.reason).toBe('later_lighter');
    expect(r.line.ruleId).toBe('ART37');
  });
  it('a heavier new rule does not apply', () => {
    expect(applicableVersion([OLD, HEAVIER], '2024-12-20', '2025-01-15').version?.versionId).toBe('v2019');
  });
  it('a new rule that no longer treats the act as illegal applies', () => {
    expect(applicableVersion([OLD, LEGAL], '2024-12-20', '2025-01-15').reason).toBe('no_longer_illegal');
  });
  it('no version at the act date → no basis', () => {
    expect(applicableVersion([LIGHTER], '2024-12-20', '2025-01-15').version).toBeNull();
  });
  it('Art. 37: a version repealed with no successor by the decision date means the act is no longer punishable', () => {
    const r = applicableVersion([OLD], '2024-06-01', '2025-01-15');
    expect(r).toMatchObject({ reason: 'repealed_without_successor', punishable: false });
    expect(r.version?.versionId).toBe('v2019');
    expect(r.line).toMatchObject({ ruleId: 'ART37', article: '行政处罚法 Art. 37' });
    expect(r.line.textZh).toContain('不再给予行政处罚');
    // A successor that takes effect only after the decision date does not fill the gap.
    expect(applicableVersion([OLD, { ...HEAVIER, effectiveFrom: '2025-06-01' }], '2024-06-01', '2025-01-15').punishable).toBe(false);
    // Decided before the repeal: the act-date version applies and the act is punishable.
    expect(applicableVersion([OLD], '2024-06-01', '2024-12-31')).toMatchObject({ reason: 'act_date_version', punishable: true });
  });
  it('Art. 37: punishable is false without an act-date version and when no longer illegal, true otherwise', () => {
    expect(applicableVersion([LIGHTER], '2024-12-20', '2025-01-15').punishable).toBe(false);
    expect(applicableVersion([OLD, LEGAL], '2024-12-20', '2025-01-15').punishable).toBe(false);
    expect(applicableVersion([OLD, LIGHTER], '2024-12-20', '2025-01-15').punishable).toBe(true);
    expect(applicableVersion([OLD, HEAVIER], '2024-12-20', '2025-01-15').punishable).toBe(true);
  });
  it('Art. 37: the kinds of penalty are compared first — dropping 吊销 or 停产停业 is lighter even with a higher fine', () => {
    const old: RuleVersion = { ...OLD, penaltyTypes: ['fine', 'revoke_licence'] };
    const dropsRevocation: RuleVersion = { ...HEAVIER, penaltyTypes: ['fine'] };
    expect(isLighter(dropsRevocation, old)).toBe(true);
    expect(applicableVersion([old, dropsRevocation], '2024-12-20', '2025-01-15')).toMatchObject({
      reason: 'later_lighter',
      version: { versionId: 'v2025h' },
    });
    const withSuspension: RuleVersion = { ...OLD, penaltyTypes: ['fine', 'order_suspension', 'revoke_licence'] };
    expect(isLighter({ ...HEAVIER, penaltyTypes: ['fine', 'revoke_licence'] }, withSuspension)).toBe(true);
    // Adding a heavier kind makes a version heavier even with a lower fine.
    const addsSuspension: RuleVersion = { ...LIGHTER, penaltyTypes: ['fine', 'order_suspension'] };
    expect(isLighter(addsSuspension, { ...OLD, penaltyTypes: ['fine'] })).toBe(false);
    expect(applicableVersion([{ ...OLD, penaltyTypes: ['fine'] }, addsSuspension], '2024-12-20', '2025-01-15').reason).toBe(
      'act_date_version',
    );
    // 暂扣许可证件 is lighter than 吊销许可证件 (Art. 63 gives only the latter the hearing right).
    expect(comparePenaltyKinds(['fine', 'suspend_licence'], ['fine', 'revoke_licence'])).toBe(-1);
  });
  it('Art. 37: the same kinds leave it to the maximum, then the minimum fine; 警告 beside a fine decides nothing', () => {
    const kinds = { penaltyTypes: ['fine'] } as const;
    expect(isLighter({ ...LIGHTER, ...kinds }, { ...OLD, ...kinds })).toBe(true);
    expect(isLighter({ ...OLD, ...kinds, minFineFen: 1_000 }, { ...OLD, ...kinds })).toBe(true);
    expect(isLighter({ ...OLD, ...kinds }, { ...OLD, ...kinds })).toBe(false);
    expect(comparePenaltyKinds(['warning', 'fine'], ['fine'])).toBe(0);
    expect(comparePenaltyKinds(['warning'], ['fine'])).toBe(-1);
    expect(comparePenaltyKinds(['fine', 'confiscate_illegal_property'], ['fine'])).toBe(1);
  });
  it('rejects a repeal before the effective date, overlapping versions, and a decision before the act', () => {
    expect(() => applicableVersion([{ ...OLD, effectiveUntil: '2019-01-01' }], '2020-01-01', '2020-02-01')).toThrow(/effectiveUntil/);
    expect(() => applicableVersion([OLD, { ...LIGHTER, effectiveFrom: '2024-06-01' }], '2024-12-20', '2025-01-15')).toThrow(
      LegalInputError,
    );
    expect(() => applicableVersion([OLD], '2024-06-01', '2024-05-01')).toThrow(/decisionDate/);
  });
});
