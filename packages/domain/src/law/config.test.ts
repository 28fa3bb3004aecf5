import { describe, expect, it } from 'vitest';
import { SHANGHAI_DEFAULTS, type ConfigKey } from './config.ts';

describe('LegalConfig Shanghai defaults', () => {
  it('holds the documented P/U values in fen and working days', () => {
    expect(SHANGHAI_DEFAULTS.hearingThresholdFen).toEqual({ natural_person: 500_000, legal_person: 5_000_000, other_org: 5_000_000 });
    expect(SHANGHAI_DEFAULTS.statementPeriodWorkingDays).toBe(3);
    expect(SHANGHAI_DEFAULTS.filingWorkingDays).toBe(7);
    expect(SHANGHAI_DEFAULTS.complaintHotline).toEqual({
      consultationWorkingDays: 1,
      supervisionWorkingDays: 3,
      complaintWorkingDays: 5,
      complexWorkingDays: 15,
    });
    expect(SHANGHAI_DEFAULTS.disclosureWorkingDays).toBe(7);
    expect(SHANGHAI_DEFAULTS.publicNoticeServiceDays).toBe(60);
  });

  it('every value names its source and verification mark; the filing limit is marked unverified', () => {
    const keys = Object.keys(SHANGHAI_DEFAULTS).filter((k) => k !== 'sources') as ConfigKey[];
    for (const key of keys) {
      expect(SHANGHAI_DEFAULTS.sources[key].source.length).toBeGreaterThan(0);
      expect(['V', 'P', 'U']).toContain(SHANGHAI_DEFAULTS.sources[key].mark);
    }
    expect(SHANGHAI_DEFAULTS.sources.filingWorkingDays.mark).toBe('U');
  });
});
