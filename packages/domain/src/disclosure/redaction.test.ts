import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactAddress, redactDecisionForDisclosure, redactParty, redactPersonName, removeIdentifiers } from './redaction.ts';

// Redaction of published decisions (I1 publication; ARCHITECTURE.md "Trust": personal data redacted in anything published).
describe('I1 redaction of published decisions', () => {
  it('I1 a natural person’s name keeps the surname: 王小明 → 王**, 李四 → 李*', () => {
    expect(redactPersonName('王小明')).toBe('王**');
    expect(redactPersonName(' 李四 ')).toBe('李*');
    expect(redactPersonName('欧阳娜娜')).toBe('欧***');
    expect(redactPersonName('王')).toBe('王*');
  });

  it('I1 a legal person keeps its name and USCC; a person’s ID number is never published', () => {
    expect(redactParty({ type: 'legal_person', name: '上海某某餐饮有限公司', idNumber: '91310115MA1FL00011' })).toEqual({
      type: 'legal_person',
      name: '上海某某餐饮有限公司',
      creditCode: '91310115MA1FL00011',
    });
    expect(redactParty({ type: 'natural_person', name: '王小明', idNumber: '310115198005051234' })).toEqual({
      type: 'natural_person',
      name: '王**',
      creditCode: null,
    });
  });

  it('I1 ID numbers and phone numbers are removed from free text', () => {
    const t = removeIdentifiers(
      '当事人王小明（身份证号 31011519800505123X，手机 138 1234 5678，电话 021-58881234，联系方式：58881234）于现场。',
    );
    expect(t).not.toMatch(/31011519800505123X|1381234|5678|58881234/);
    expect(t).toContain('［已隐去］');
    expect(removeIdentifiers('罚款 5000 元，2026 年 1 月 20 日')).toBe('罚款 5000 元，2026 年 1 月 20 日');
  });

  it('I1 addresses are cut to the district and street', () => {
    expect(redactAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区世纪大道');
    expect(redactAddress('浦东新区陆家嘴环路 1000 号 3 楼')).toBe('浦东新区陆家嘴环路');
    expect(redactAddress('上海市青浦区朱家角镇新风路88弄5号601室')).toBe('上海市青浦区朱家角镇');
    expect(redactAddress('陆家嘴东路 88 号垃圾厢房')).toBe('陆家嘴东路');
    expect(redactAddress('88号')).toBe('');
    expect(redactAddress('世纪大道100弄阳光小区')).toBe('世纪大道');
  });

  it('I1 no digit of a house number survives address redaction (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('世纪大道', '陆家嘴环路', '新风路', '朱家角镇'), fc.integer({ min: 1, max: 9999 }), (street, no) => {
        expect(redactAddress(`上海市浦东新区${street}${no}号`)).not.toMatch(/\d/);
      }),
    );
  });

  it('I1 the published content of a person’s decision names him only as 王** and drops his numbers', () => {
    const c = redactDecisionForDisclosure({
      documentNumber: '浦东城管罚决字〔2026〕第000001号',
      party: { type: 'natural_person', name: '王小明', idNumber: '31011519800505123X' },
      facts: '王小明（电话13812345678）未将生活垃圾分类驳运，王小明经责令改正拒不改正。',
      location: '上海市浦东新区世纪大道100号',
      legalBasis: '《上海市生活垃圾管理条例》第五十七条',
      penaltyText: '罚款 1000 元',
      agencyName: '上海市浦东新区城市管理行政执法局',
      decidedOn: '2026-01-20',
    });
    expect(c.partyName).toBe('王**');
    expect(c.creditCode).toBeNull();
    expect(c.facts).toBe('王**（电话［已隐去］）未将生活垃圾分类驳运，王**经责令改正拒不改正。');
    expect(c.location).toBe('上海市浦东新区世纪大道');
    expect(JSON.stringify(c)).not.toContain('小明');
    expect(JSON.stringify(c)).not.toContain('31011519800505123X');
  });
});
