import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DiscretionBody, DiscretionResult } from '@chengguan/contracts';
import { login, openBrowser, type Session } from './browser.ts';

// The legal library console of issue 3 on the starter law content: search, the discretion and deadline
// calculators, and an Excel import (dry run, then import). The legal reviewer of the city bureau (sh_legal)
// is used throughout: the library is city-wide reference data, which a district user may read but not change.

const baseUrl = inject('baseUrl');
let s: Session;
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguan-law-e2e-'));

/** Types a date into an antd DatePicker found by its input id and confirms it. */
async function pickDate(id: string, date: string): Promise<void> {
  const input = s.page.locator(`#${id}`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function openMenu(label: string, testId: string): Promise<void> {
  await s.page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await s.page.getByTestId(testId).waitFor();
}

/** A small guidance workbook in the import layout; `badDate` puts text in the date column of row 3. */
async function guidanceWorkbook(name: string, badDate: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法指引');
  ws.addRow(['标题', '执法步骤', '应收集证据', '生效日期', '来源', '核实标记']);
  ws.addRow([`E2E 指引甲 ${stamp}`, '出示执法证件\n现场检查', '现场照片', '2025-01-01', 'e2e 测试数据', 'U']);
  ws.addRow([`E2E 指引乙 ${stamp}`, '询问当事人', '询问笔录', badDate ? '二〇二五年' : '2025-02-01', 'e2e 测试数据', 'U']);
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('legal library console', () => {
  beforeAll(async () => {
    s = await openBrowser(baseUrl);
    await login(s.page, 'sh_legal');
    await s.page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the 占道洗车 no-penalty item and its offence by 「占道 洗车」, with the guidance', async () => {
    const { page } = s;
    await openMenu('法规检索', 'law-search-page');
    await page.getByTestId('law-search-input').fill('占道 洗车');
    await page.getByTestId('law-search-input').press('Enter');
    await page.getByTestId('law-search-results').waitFor();
    const item = page.locator('[data-testid="law-search-hit"][data-kind="exemption_item"]').first();
    await item.waitFor();
    expect(await item.getAttribute('data-code')).toBe('SH-SR-28-1-6');
    expect(await item.getByTestId('law-search-exemption').textContent()).toContain('占用道路、广场从事经营性车辆清洗');
    // The list item is partly verified and the sample offence unverified: both say so on screen.
    expect(await item.locator('[data-testid="law-mark"][data-mark="P"]').first().textContent()).toBe('部分核实');
    expect(await item.locator('[data-testid="law-mark"][data-mark="U"]').first().textContent()).toBe('未核实');
    await item.getByTestId('law-search-guidance-toggle').click();
    await expect.poll(() => item.getByTestId('law-guidance-steps').textContent()).toContain('出示执法证件');
    await expect.poll(() => item.getByTestId('law-guidance-checklist').textContent()).toContain('是否核对首次被发现');
  });

  it('calculates discretion for 生活垃圾管理条例 Art. 57 (个人) and lists every line with its rule ID', async () => {
    const { page } = s;
    await openMenu('裁量计算器', 'law-calc-page');
    await page.locator('.ant-select:has(#lawCalc_offenceCode)').click();
    await page.keyboard.type('生活垃圾');
    await page.locator('.ant-select-item-option', { hasText: 'SH-LJ-57-2' }).click();
    await pickDate('lawCalc_actDate', '2025-03-03');
    await pickDate('lawCalc_decisionDate', '2025-03-20');
    await page.locator('#lawCalc_proposedFine').fill('80');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/law/discretion'));
    await page.getByTestId('law-calc-submit').click();
    const res = await answered;
    expect(res.status(), await res.text()).toBe(200);
    const server = (await res.json()) as DiscretionResult;

    const card = page.getByTestId('law-calc-result');
    await card.waitFor();
    expect(await card.getAttribute('data-outcome')).toBe(server.outcome);
    expect(await card.getByTestId('law-calc-outcome').textContent()).toBe('处罚');
    expect(await card.getByTestId('law-calc-range').textContent()).toMatch(/元$/);
    // The norm fines only after a refusal to correct (E10); the flags come from the server.
    await card.getByTestId('law-calc-refusal').waitFor();
    expect(await card.getByTestId('law-calc-flag-b1').getAttribute('data-on')).toBe(String(server.summaryAllowed));
    expect(await card.getByTestId('law-calc-version').textContent()).toContain('SH-LJ-57-2');
    // Every line shows its statute in the Chinese form; the rule ID is only the hover detail (docs/ui-text.md).
    const citations = card.getByTestId('law-rule-id').getByTestId('citation');
    expect(await citations.count()).toBe(server.lines.length);
    expect(server.lines.length).toBeGreaterThan(0);
    const ids = await citations.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Z0-9]*/);
    expect(ids).toContain('E10');
    for (const text of await citations.allTextContents()) {
      expect(text).not.toMatch(/Art\.|\b[A-L]\d{1,2}\b/);
    }
    const e10 = card.locator('[data-testid="citation"][data-rule="E10"]').first();
    expect(await e10.textContent()).toMatch(/^《[^》]+》第[一二三四五六七八九十百]+条/);
    await e10.hover();
    await expect.poll(() => page.locator('.ant-tooltip:visible').last().textContent()).toBe('规则编号：E10');
    await page.screenshot({ path: '/tmp/law-calc.png', fullPage: true });

    // The same request answered directly by the API: the page shows what the server computes.
    const body: DiscretionBody = {
      offenceCode: 'SH-LJ-57-2',
      party: { type: 'natural_person' },
      circumstances: { actDate: '2025-03-03', decisionDate: '2025-03-20', firstViolation: true, correctedPromptly: false, harm: 'none' },
    };
    const direct = await page.request.post('/api/v1/law/discretion', {
      data: body,
      headers: { 'Idempotency-Key': `e2e-${stamp}-calc`, Origin: baseUrl },
    });
    expect(direct.status()).toBe(200);
    expect(((await direct.json()) as DiscretionResult).outcome).toBe(server.outcome);
  });

  it('computes the 听证申请 deadline (D5) across the 2025 National Day holiday', async () => {
    const { page } = s;
    await openMenu('期限计算', 'law-deadline-page');
    await page.locator('.ant-select:has(#lawDeadline_kind)').click();
    await page.keyboard.type('听证申请');
    await page.locator('.ant-select-item-option', { hasText: '听证申请' }).click();
    await pickDate('lawDeadline_start', '2025-09-26');
    await page.getByTestId('law-deadline-submit').click();
    const result = page.getByTestId('law-deadline-result');
    await result.waitFor();
    // 5 working days from Fri 09-26: Sun 09-28 (调休) and 09-29, 09-30, then 10-01…10-08 off, 10-09, 10-10.
    expect(await result.getAttribute('data-due')).toBe('2025-10-10');
    expect(await result.getByTestId('law-deadline-due').textContent()).toContain('2025-10-10');
    const basis = result.getByTestId('law-deadline-basis');
    expect(await basis.getByTestId('citation').getAttribute('data-rule')).toBe('D5');
    expect(await basis.textContent()).toContain('《中华人民共和国行政处罚法》第六十四条');
    expect(await basis.textContent()).not.toContain('Art.');
  });

  it('imports guidance from Excel: the dry run names the bad row and column, a good file imports', async () => {
    const { page } = s;
    await openMenu('导入导出', 'law-import-page');
    await page.getByTestId('law-import-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '执法指引' }).click();
    const fileInput = page.getByTestId('law-import-file').locator('input[type=file]');

    await fileInput.setInputFiles(await guidanceWorkbook('bad.xlsx', true));
    await page.getByTestId('law-import-dryrun').click();
    const bad = page.getByTestId('law-import-dryrun-result');
    await bad.waitFor();
    expect(await bad.getAttribute('data-ok')).toBe('false');
    const report = page.getByTestId('law-import-report');
    const badRow = report.locator('tr.ant-table-row').first();
    expect(await badRow.locator('td').nth(0).textContent()).toBe('3');
    expect(await badRow.locator('td').nth(1).textContent()).toBe('生效日期');
    expect(await page.getByTestId('law-import-submit').isDisabled()).toBe(true);

    await fileInput.setInputFiles(await guidanceWorkbook('good.xlsx', false));
    await page.getByTestId('law-import-dryrun').click();
    const clean = page.getByTestId('law-import-dryrun-result');
    await expect.poll(() => clean.getAttribute('data-ok')).toBe('true');
    expect(await clean.getAttribute('data-created')).toBe('2');

    await page.getByTestId('law-import-submit').click();
    const done = page.getByTestId('law-import-result');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.getAttribute('data-ok')).toBe('true');
    expect(await done.getAttribute('data-created')).toBe('2');
    expect(await done.textContent()).toContain('新增 2 条');

    // The imported entries are in the guidance list.
    await openMenu('执法指引', 'law-guidance-page');
    await page.getByTestId('law-guidance-search').fill(stamp);
    await page.getByTestId('law-guidance-search').press('Enter');
    await expect.poll(() => page.getByTestId('law-guidance-table').locator('tr.ant-table-row').count()).toBe(2);
  });
});
