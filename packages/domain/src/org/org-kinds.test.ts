import { describe, expect, it } from 'vitest';
import { canContain, BUREAU_KINDS } from './org-kinds.ts';

describe('org kinds', () => {
  it('lets a district bureau hold squads and brigades but not another bureau', () => {
    expect(canContain('district_bureau', 'squad')).toBe(true);
    expect(canContain('district_bureau', 'brigade')).toBe(true);
    expect(canContain('district_bureau', 'district_bureau')).toBe(false);
  });
  it('gives a squad no children and makes only bureaus own records', () => {
    expect(canContain('squad', 'squad')).toBe(false);
    expect(BUREAU_KINDS.has('squad')).toBe(false);
    expect(BUREAU_KINDS.has('special_unit')).toBe(true);
  });
});
