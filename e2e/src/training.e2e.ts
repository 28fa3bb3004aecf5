import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Me } from '@chengguan/contracts';
import { apiGet, apiWrite, day, useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 教育培训 and 信用 in the browser: the district administrator sets up a bank and an exam; the officer takes it on a
// phone (390×844) — the paper, the time left, every answer, hand in, the score; the legal reviewer's 信用管理 page says
// plainly that the credit platform is a local simulator.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);
const write = (page: Page, path: string, data: unknown) => apiWrite(page, baseUrl, path, data, 'e2e-training');

describe('training and credit', () => {
  it('the officer takes an exam on a phone and sees his score', async () => {
    const admin = await openSession();
    await signIn(admin.page, 'pd_admin');
    const me = await apiGet<Me>(admin.page, '/api/v1/me');
    const today = day();
    const bank = `e2e-${Date.now()}`;
    for (let i = 0; i < 3; i++) {
      const q = await write(admin.page, '/api/v1/training/questions', {
        bureauId: me.orgId,
        bank,
        kind: 'single',
        stem: `第${i + 1}题：城管执法人员执法时应当出示什么？`,
        options: ['行政执法证件', '工作证'],
        answer: ['A'],
      });
      expect(q.status(), await q.text()).toBe(200);
    }
    const exam = await write(admin.page, '/api/v1/training/exams', {
      bureauId: me.orgId,
      title: '执法规范测验',
      kind: 'regular',
      bank,
      questionCount: 3,
      durationMinutes: 20,
      passScore: 60,
      maxAttempts: 2,
      hours: 2,
      credits: 1,
      opensOn: today,
      closesOn: today,
    });
    expect(exam.status(), await exam.text()).toBe(200);
    const examId = ((await exam.json()) as { id: string }).id;

    const phone = await openSession({ width: 390, height: 844 });
    const { page } = phone;
    await signIn(page, 'pd_ljz_01');
    await page.goto('/training/me');
    await page.getByTestId(`exam-start-${examId}`).click();
    await page.getByTestId('exam-page').waitFor();
    await expect.poll(() => page.getByTestId('exam-left').textContent()).toMatch(/剩余时间 (19|20):/);
    const radios = page.locator('.ant-radio-wrapper', { hasText: 'A. 行政执法证件' });
    expect(await radios.count()).toBe(3);
    for (let i = 0; i < 3; i++) await radios.nth(i).click();
    await page.getByTestId('exam-submit').click();
    await page.getByText('得分 100').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });

  it('信用管理 says the credit platform is a local simulator', async () => {
    const s = await openSession();
    await signIn(s.page, 'pd_legal');
    await s.page.goto('/credit');
    await s.page.getByTestId('credit-page').waitFor();
    await expect.poll(() => s.page.getByTestId('credit-connector').textContent()).toContain('模拟信用平台');
  });
});
