import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { creditCodeCheckChar } from '@chengguan/domain';
import { login, openBrowser, type Session } from './browser.ts';

// 执法对象 › 导入 as 浦东's administrator: a list with a good and a bad row is checked, the problem shows its row and
// column, the good row is imported and the page says so.

const baseUrl = inject('baseUrl');
let s: Session;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguan-subject-import-e2e-'));
const stamp = String(Date.now() % 1_000_000_0).padStart(7, '0');

function listFile(): string {
  const first17 = `91310115BE${stamp}`;
  const good = first17 + creditCodeCheckChar(first17);
  const bad = `${first17}${creditCodeCheckChar(first17) === '0' ? '1' : '0'}`;
  const csv = [
    '名称,类型,统一社会信用代码,地址',
    `界面测试便利店${stamp},沿街商户,${good},上海市浦东新区张杨路${Number(stamp) % 900}号`,
    `界面测试错码店${stamp},沿街商户,${bad},上海市浦东新区张杨路1号`,
  ].join('\n');
  const file = path.join(tmp, 'list.csv');
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
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('checks a list, shows the bad row by row and column, imports the good one', async () => {
    const { page } = s;
    await page.getByTestId('side-menu').getByText('执法对象', { exact: true }).click();
    await page.getByTestId('side-menu').getByText('导入', { exact: true }).click();
    await page.getByTestId('subject-import-page').waitFor();
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
