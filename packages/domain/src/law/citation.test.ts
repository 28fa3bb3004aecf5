import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCitationZh, lawFullName, normalizeCitationTextZh, parseArticleRef, zhNumeral } from './citation.ts';

describe('formatCitationZh: statute citations in the Chinese form (docs/ui-text.md)', () => {
  it('writes article numbers in Chinese numerals', () => {
    const cases: [number, string][] = [
      [1, '一'],
      [10, '十'],
      [11, '十一'],
      [20, '二十'],
      [44, '四十四'],
      [100, '一百'],
      [105, '一百零五'],
      [110, '一百一十'],
      [156, '一百五十六'],
      [1001, '一千零一'],
      [1259, '一千二百五十九'],
    ];
    for (const [n, zh] of cases) expect(zhNumeral(n), String(n)).toBe(zh);
  });

  it('formats structured data with the full name, article, paragraph and item', () => {
    expect(formatCitationZh({ law: '行政处罚法', article: 44 })).toBe('《中华人民共和国行政处罚法》第四十四条');
    expect(formatCitationZh({ law: '上海市生活垃圾管理条例', article: 57, paragraph: 2 })).toBe(
      '《上海市生活垃圾管理条例》第五十七条第二款',
    );
    expect(formatCitationZh({ law: '行政处罚法', article: 64, item: 2 })).toBe('《中华人民共和国行政处罚法》第六十四条第二项');
    expect(formatCitationZh({ law: '《民法典》', article: 203, paragraph: 1, item: 3 })).toBe(
      '《中华人民共和国民法典》第二百零三条第一款第三项',
    );
    expect(formatCitationZh({ law: '市容条例' })).toBe('《上海市市容环境卫生管理条例》（条号待核实）');
  });

  it('joins several articles of one law with 、 and names each law once', () => {
    expect(
      formatCitationZh([
        { law: '行政处罚法', article: 44 },
        { law: '处罚法', article: 62 },
        { law: '行政强制法', article: 45 },
      ]),
    ).toBe('《中华人民共和国行政处罚法》第四十四条、第六十二条、《中华人民共和国行政强制法》第四十五条');
  });

  it('converts the machine references the rules carry', () => {
    expect(formatCitationZh('行政处罚法 Art. 44')).toBe('《中华人民共和国行政处罚法》第四十四条');
    expect(formatCitationZh('行政处罚法 Art. 44, Art. 62')).toBe('《中华人民共和国行政处罚法》第四十四条、第六十二条');
    expect(formatCitationZh('行政复议法 Art. 20, Art. 24; 行政诉讼法 Art. 46')).toBe(
      '《中华人民共和国行政复议法》第二十条、第二十四条、《中华人民共和国行政诉讼法》第四十六条',
    );
    expect(formatCitationZh('行政处罚法 Art. 64(2)')).toBe('《中华人民共和国行政处罚法》第六十四条第二项');
    expect(formatCitationZh('上海市生活垃圾管理条例 Art. 57 para. 2')).toBe('《上海市生活垃圾管理条例》第五十七条第二款');
    expect(formatCitationZh('市场主体登记管理条例 Art. 2(四)')).toBe('《中华人民共和国市场主体登记管理条例》第二条第四项');
    expect(formatCitationZh('民诉法 Arts. 87, 89, 95')).toBe('《中华人民共和国民事诉讼法》第八十七条、第八十九条、第九十五条');
    expect(formatCitationZh('强制法 Arts. 53–54')).toBe('《中华人民共和国行政强制法》第五十三条至第五十四条');
    expect(formatCitationZh('行政强制法 Art. 53, 54')).toBe('《中华人民共和国行政强制法》第五十三条、第五十四条');
    expect(formatCitationZh('最高法行诉法解释 Art. 156')).toBe('《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百五十六条');
  });

  it('drops developer notes and keeps references that are not statutes', () => {
    expect(formatCitationZh('上海市城市管理行政执法条例 Art. 25 (LEGAL-RULES.md 5.1.11)')).toBe('《上海市城市管理行政执法条例》第二十五条');
    expect(formatCitationZh('国办发〔2018〕118号; 上海市优化营商环境条例 Art. 67')).toBe(
      '国办发〔2018〕118号、《上海市优化营商环境条例》第六十七条',
    );
    expect(parseArticleRef('国办发〔2018〕118号')).toBeNull();
  });

  it('parses to structured data', () => {
    expect(parseArticleRef('处罚法 Art. 64(2); 沪条例 Art. 25')).toEqual([
      { law: '处罚法', article: 64, item: 2 },
      { law: '沪条例', article: 25 },
    ]);
    expect(lawFullName('沪条例')).toBe('上海市城市管理行政执法条例');
    expect(lawFullName('某某办法')).toBe('某某办法');
  });

  it('rewrites Arabic article numbers in free text as the statutes write them', () => {
    expect(normalizeCitationTextZh('《上海市市容环境卫生管理条例》第28条第1款第6项')).toBe(
      '《上海市市容环境卫生管理条例》第二十八条第一款第六项',
    );
    expect(normalizeCitationTextZh('依据行政处罚法 Art. 44，应当告知')).toBe('依据《中华人民共和国行政处罚法》第四十四条，应当告知');
    expect(normalizeCitationTextZh('第2026号文')).toBe('第2026号文');
  });

  it('leaves no "Art." in any reference the domain rules carry', () => {
    // Every quoted reference in the domain sources ('… Art. 44 …') must come out in the Chinese form.
    const root = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) files.push(join(dir, e.name));
      }
    };
    walk(root);
    const refs = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/'([^'\n]*\p{Script=Han}[^'\n]* Arts?\. [^'\n]*)'/gu)) {
        if (!/[。，：「]/.test(m[1]!)) refs.add(m[1]!);
      }
    }
    expect(refs.size).toBeGreaterThan(50);
    for (const ref of refs) {
      const zh = formatCitationZh(ref);
      expect(zh, ref).not.toMatch(/Arts?\.|para\./);
      expect(zh, ref).toMatch(/《[^》]+》第/);
    }
  });
});
