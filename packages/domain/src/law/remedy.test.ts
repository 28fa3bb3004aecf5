import { describe, expect, it } from 'vitest';
import { missingRemedyNoticeFlag, ordinaryRemedyText, reviewBodyName } from './remedy.ts';

describe('J1 remedy clause (复议法 Arts. 20, 24; 行诉法 Art. 46)', () => {
  it('district bureau and 街道 → 区人民政府; city bureau → 市人民政府', () => {
    expect(reviewBodyName({ level: 'district', districtName: '上海市静安区' })).toBe('上海市静安区人民政府');
    expect(reviewBodyName({ level: 'subdistrict', districtName: '上海市杨浦区' })).toBe('上海市杨浦区人民政府');
    expect(reviewBodyName({ level: 'city' })).toBe('上海市人民政府');
  });
  it('states 60 days for review and 6 months for a lawsuit', () => {
    const text = ordinaryRemedyText({ level: 'city' });
    expect(text.textZh).toContain('六十日内向上海市人民政府申请行政复议');
    expect(text.textZh).toContain('六个月内');
    expect(text.line.ruleId).toBe('J1');
  });
});

describe('J2 missing remedy notice (复议法 Art. 20 para. 3; 行诉法解释 Art. 64)', () => {
  it('flags a decision without the notice, and only then', () => {
    expect(missingRemedyNoticeFlag(false)?.textZh).toContain('一年');
    expect(missingRemedyNoticeFlag(true)).toBeNull();
  });
});
