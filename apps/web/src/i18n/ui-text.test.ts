// Every zh-CN string of the console breaks none of the rules of docs/ui-text.md: no file names, no fen, no machine
// article references ("Art."), no keys or constant names, no rule ID without its Chinese citation, no short-form
// citation without 《》, no English beyond the allowed words. The server's zh messages are checked by
// apps/server/test/ui-text.test.ts with the same rules.
import { describe, expect, it } from 'vitest';
import { uiTextProblems } from '@chengguan/domain/vocabulary';
import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';

/**
 * Keys whose text is not prose for a civil servant, each with its reason (docs/ui-text.md lists them too).
 */
const EXEMPT: Record<string, string> = {
  // The template editor's syntax help names the block types an administrator types into the template.
  'doc.templates.help': 'template syntax',
  // A dayjs format pattern, never shown as such.
  'law.cal.monthFormat': 'date format pattern',
  // Names the authenticator apps a user installs (product names as they appear in the app stores).
  'settings.totpIntro': 'product names',
};

describe('zh-CN catalogue follows docs/ui-text.md', () => {
  const entries = Object.entries(zhCN as Record<string, string>);

  it('has every key in en-US too', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('no string breaks the convention', () => {
    expect(entries.length).toBeGreaterThan(500);
    const problems = entries
      .filter(([key]) => !(key in EXEMPT))
      .flatMap(([key, text]) => uiTextProblems(text).map((p) => `${key}: ${p.kind} "${p.match}" in 「${text}」`));
    expect(problems).toEqual([]);
  });

  it('the checker catches what the convention forbids', () => {
    const kinds = (s: string) => uiTextProblems(s).map((p) => p.kind);
    expect(kinds('来源：LEGAL-RULES.md 5.5.3')).toContain('file name');
    expect(kinds('15000 fen is outside the range')).toContain('amount in fen');
    expect(kinds('行政处罚法 Art. 44')).toContain('machine article reference');
    expect(kinds('c：为必填项')).toEqual([]); // a one-letter key is caught where messages are composed (field labels)
    expect(kinds('id_number：格式不正确')).toContain('snake_case key');
    expect(kinds('操作：auth.login')).toContain('dotted key');
    expect(kinds('SHANGHAI_DEFAULTS')).toContain('constant name');
    expect(kinds('违反规则 ART34')).toContain('rule ID without its citation');
    expect(kinds('阻止原因：D2、D5、E1')).toContain('rule ID without its citation');
    expect(kinds('依据行政处罚法第四十四条')).toContain('citation without the law’s full name in 《》');
    expect(kinds('请更新 chinese-days')).toContain('English word');
    expect(kinds('proxy from 5.5.1')).toContain('English word');
    expect(uiTextProblems('依据《中华人民共和国行政处罚法》第四十四条，导出 Excel 或下载 PDF，SM3 校验')).toEqual([]);
    expect(uiTextProblems('市城管执法局、市司法局 2020-08-18（索引号 MB2F300040/2020-00004）')).toEqual([]);
  });
});
