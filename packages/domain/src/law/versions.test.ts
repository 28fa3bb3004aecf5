import { describe, expect, it } from 'vitest';
import { LegalInputError } from './errors.ts';
import { applicableVersion, type RuleVersion } from './versions.ts';

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
  it('rejects a repeal before the effective date, overlapping versions, and a decision before the act', () => {
    expect(() => applicableVersion([{ ...OLD, effectiveUntil: '2019-01-01' }], '2020-01-01', '2020-02-01')).toThrow(/effectiveUntil/);
    expect(() => applicableVersion([OLD, { ...LIGHTER, effectiveFrom: '2024-06-01' }], '2024-12-20', '2025-01-15')).toThrow(
      LegalInputError,
    );
    expect(() => applicableVersion([OLD], '2024-06-01', '2024-05-01')).toThrow(/decisionDate/);
  });
});
