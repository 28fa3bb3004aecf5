import { describe, expect, it } from 'vitest';
import { assessRenovation, RENOVATION_RULES, RENOVATION_WORKS, stallOpenAt } from './index.ts';

describe('renovation rules', () => {
  it('RN1: ordinary finishing and in-flat plumbing are only declared', () => {
    expect(assessRenovation(['interior_finish', 'plumbing_electrical']).outcome).toBe('registered');
  });
  it('RN2–RN4: floor load, structures, facade, gas and heating need an approval naming the approver', () => {
    for (const w of ['floor_load', 'new_structure', 'facade_opening', 'gas_change', 'heating_change'] as const) {
      const a = assessRenovation(['interior_finish', w]);
      expect(a.outcome).toBe('permit_needed');
      expect(a.rules[1]!.approverZh).toBeTruthy();
    }
  });
  it('RN5: load-bearing changes are prohibited and outrank a permit', () => {
    expect(assessRenovation(['new_structure', 'load_bearing_change']).outcome).toBe('prohibited');
  });
  it('every rule cites its source', () => {
    for (const w of RENOVATION_WORKS) expect(RENOVATION_RULES[w].source.cite).toMatch(/第.+条/);
  });
});

describe('stall hours', () => {
  it('a day point and a night point that closes after midnight', () => {
    expect(stallOpenAt('10:00', '14:00', 11 * 60)).toBe(true);
    expect(stallOpenAt('10:00', '14:00', 15 * 60)).toBe(false);
    expect(stallOpenAt('18:00', '02:00', 60)).toBe(true);
    expect(stallOpenAt('18:00', '02:00', 12 * 60)).toBe(false);
  });
});
