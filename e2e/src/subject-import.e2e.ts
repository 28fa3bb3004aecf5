import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { creditCodeCheckChar } from '@chengguan/domain';
import { login, openBrowser, type Session } from './browser.ts';

// 执法对象 › 导入 as 浦东's administrator: a list with a good and a bad row is checked, the problem shows its row and
// column, the good row is imported and the page says so. He imports into his own bureau: no bureau to choose. The
// city's administrator chooses the district bureau first (asked at the field when he forgets).

const baseUrl = inject('baseUrl');
let s: Session;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguan-subject-import-e2e-'));
const STAMP = String(Date.now() % 1_000_000_0).padStart(7, '0');
/** The city administrator's list: other names and codes (the first list's good row is imported by then). */
const STAMP2 = String((Number(STAMP) + 1) % 1_000_000_0).padStart(7, '0');

function listFile(stamp = STAMP, name = 'list.csv'): string {
  const first17 = `91310115BE${stamp}`;
  const good = first17 + creditCodeCheckChar(first17);
  const bad = `${first17}${creditCodeCheckChar(first17) === '0' ? '1' : '0'}`;
  const csv = [
    '名称,类型,统一社会信用代码,地址',
    `界面测试便利店${stamp},沿街商户,${good},上海市浦东新区张杨路${Number(stamp) % 900}号`,
    `界面测试错码店${stamp},沿街商户,${bad},上海市浦东新区张杨路1号`,
  ].join('\n');
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `${csv}\n`);
  return file;
}

describe('subject import console', () => {
  beforeAll(async () => {
    s = await openBrowser(baseUrl);
    await login(s.page, 'pd_admin');
    await s.page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('checks a list, shows the bad row by row and column, imports the good one', async () => {
    const { page } = s;
    // The 执法对象 group may open on its own (the layout opens the groups it keeps open); open it when it is closed.
    const menu = page.getByTestId('side-menu');
    if (!(await menu.getByText('导入', { exact: true }).isVisible())) await menu.getByText('执法对象', { exact: true }).click();
    await menu.getByText('导入', { exact: true }).click();
    await page.getByTestId('subject-import-page').waitFor();
    expect(await page.getByTestId('subject-import-bureau').count()).toBe(0);
    await page.getByTestId('subject-import-file').locator('input[type=file]').setInputFiles(listFile());
    await page.getByTestId('subject-import-check').click();
    const state = page.getByTestId('subject-import-state');
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toContain('可导入 1 行');
    const row = page.getByTestId('subject-import-problems').locator('tr.ant-table-row').first();
    await row.waitFor();
    expect(await row.locator('td').nth(0).textContent()).toBe('3');
    expect(await row.locator('td').nth(2).textContent()).toBe('统一社会信用代码');
    await page.getByTestId('subject-import-commit').click();
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toContain('已导入 1 行');
  });
});

describe('subject import console above district level', () => {
  let c: Session;
  beforeAll(async () => {
    c = await openBrowser(baseUrl);
    await login(c.page, 'admin');
    await c.page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => {
    await c?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the city administrator chooses the district bureau the list goes to', async () => {
    const { page } = c;
    await page.goto('/subjects-import');
    await page.getByTestId('subject-import-page').waitFor();
    const picker = page.getByTestId('subject-import-bureau');
    await picker.waitFor();
    await page.getByTestId('subject-import-file').locator('input[type=file]').setInputFiles(listFile(STAMP2, 'city-list.csv'));
    // Without a bureau the check is not sent; the picker says what is missing.
    await page.getByTestId('subject-import-check').click();
    await page.getByText('请选择区局', { exact: true }).last().waitFor();
    await picker.click();
    await page.locator('.ant-select-dropdown').getByText('浦东新区城市管理行政执法局', { exact: true }).click();
    await page.getByTestId('subject-import-check').click();
    const state = page.getByTestId('subject-import-state');
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toContain('可导入 1 行');
  });
});
