import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { login, openBrowser, type Session } from './browser.ts';

// docs/ui-text.md on screen: the pages where developer text was seen (法定参数配置, 审计日志, 裁量计算器, the portal's
// language switch) show Chinese names, citations in the Chinese form and amounts in 元 — no file names,
// constant or library names, keys, "fen", "Art." or rule IDs standing alone.

const baseUrl = inject('baseUrl');
let s: Session;

/** What must never be read on a zh-CN screen (the unit tests check the catalogues with the full rules). */
const FORBIDDEN: [string, RegExp][] = [
  ['file name', /[\w-]+\.md\b/],
  ['fen', /\bfen\b/i],
  ['machine article reference', /\bArts?\.\s?\d/],
  ['constant name', /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/],
  ['snake_case key', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
  ['dotted key', /\b(?:auth|officer|case|law|payment|portal|document|audit|file|org)\.[a-z_]+\b/],
  ['developer words', /not found|proxy from|unverified|chinese-days|\bsession\b|zh-CN|en-US|违反规则/],
];

async function visibleText(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).innerText();
}

function expectClean(text: string, where: string): void {
  for (const [kind, pattern] of FORBIDDEN) expect(text, `${where}: ${kind}`).not.toMatch(pattern);
}

async function openMenu(label: string, testId: string): Promise<void> {
  await s.page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await s.page.getByTestId(testId).waitFor();
}

describe('text on screen follows docs/ui-text.md', () => {
  beforeAll(async () => {
    s = await openBrowser(baseUrl, { width: 1440, height: 900 });
    await login(s.page, 'admin');
    await s.page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => s?.close());

  it('法定参数配置: sources are Chinese descriptions, the defaults are 上海市默认值', async () => {
    const { page } = s;
    await openMenu('法定参数配置', 'law-config-page');
    const entries = page.getByTestId('law-config-entries');
    await entries.locator('tr.ant-table-row').first().waitFor();
    const text = await visibleText(page, 'law-config-page');
    expectClean(text, '法定参数配置');
    expect(text).toContain('上海市默认值');
    expect(text).toContain('《上海市城市管理行政执法条例》第二十五条');
    expect(text).toMatch(/未查到|有待核实/);
  });

  it('审计日志: actions and objects by their Chinese names, the code only on hover', async () => {
    const { page } = s;
    await openMenu('审计日志', 'audit-page');
    const login = page.locator('[data-testid="audit-action"][data-action="auth.login"]').first();
    await login.waitFor({ timeout: 60_000 });
    expect(await login.textContent()).toBe('登录');
    const row = page.locator('[data-testid="audit-table"] tr.ant-table-row', { has: login }).first();
    expect(await row.getByTestId('audit-object').textContent()).toBe('登录会话');
    await login.hover();
    await expect.poll(() => page.locator('.ant-tooltip:visible').last().textContent()).toBe('auth.login');
    await page.mouse.move(0, 0);
    const actions = await page.getByTestId('audit-action').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expectClean(a, 'audit action');
    for (const o of await page.getByTestId('audit-object').allTextContents()) expectClean(o, 'audit object');
  });

  it('裁量计算器: a fine outside the range is answered in the result panel, in 元, with the Chinese citation', async () => {
    const { page } = s;
    await openMenu('裁量计算器', 'law-calc-page');
    await page.locator('.ant-select:has(#lawCalc_offenceCode)').click();
    await page.keyboard.type('生活垃圾');
    await page.locator('.ant-select-item-option', { hasText: 'SH-LJ-57-2' }).click();
    const dates: [string, string][] = [
      ['lawCalc_actDate', '2025-03-03'],
      ['lawCalc_decisionDate', '2025-03-20'],
    ];
    for (const [id, date] of dates) {
      const input = page.locator(`#${id}`);
      await input.click();
      await input.fill(date);
      await input.press('Enter');
    }
    // 个人混投 is fined 50 to 200 元 (生活垃圾管理条例 Art. 57 para. 2): 1,000 元 lies outside every tier.
    await page.locator('#lawCalc_proposedFine').fill('1000');
    // The date pickers' popups close first: the fine and both dates must be in the form before it is sent.
    await expect.poll(() => page.locator('#lawCalc_proposedFine').inputValue()).toBe('1000');
    for (const [id, date] of dates) await expect.poll(() => page.locator(`#${id}`).inputValue()).toBe(date);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/law/discretion'));
    await page.getByTestId('law-calc-submit').click();
    expect((await answered).status()).toBe(400);
    const panel = page.getByTestId('law-calc-refused');
    await panel.waitFor();
    const text = await panel.innerText();
    expect(text).toMatch(/拟处罚款 1,000\.00 元不在本案适用的裁量幅度 [\d,]+\.00 元至 [\d,]+\.00 元之内，请在该幅度内重新填写拟处罚款/);
    expect(text).toContain('《中华人民共和国行政处罚法》第三十四条');
    expectClean(text, '裁量计算器');
    expect(text).not.toMatch(/ART34|circumstances|proposedFineFen/);
    // The field itself says the same next to the input, by its label.
    await expect
      .poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts())
      .toContainEqual(expect.stringContaining('拟处罚款'));
  });

  it('the portal names its languages 中文 / English', async () => {
    const { page } = s;
    await page.goto('/portal', { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const sw = page.getByTestId('portal-lang');
    await sw.waitFor({ timeout: 60_000 });
    expect(await sw.innerText()).toMatch(/^中文\s*English$/);
  });
});
