import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Me, SamplingPlan, ScoreConfig } from '@chengguan/contracts';
import { apiGet, apiWrite, day, useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 执法监督 in the browser: 浦东's supervisor lands on his home, draws a recording plan in the review workspace, sees
// the drawn recordings and reports a recording's problem through its form; an officer reads his own 考核 card, which says fines are never scored and explains each line; the city's supervisor sets a 考核 item's points
// in its form, where an item named for fines is refused at the field (B7).

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);
const post = (page: Page, path: string, data: unknown) => apiWrite(page, baseUrl, path, data, 'e2e-sup');
const today = () => day();

describe('supervision', () => {
  it('the supervisor draws a recording plan in the review workspace and sees the drawn recordings', async () => {
    const officer = await openSession();
    await signIn(officer.page, 'pd_ljz_01');
    const me = await apiGet<Me>(officer.page, '/api/v1/me');
    const sm3 = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
    const rec = await post(officer.page, '/api/v1/supervision/recordings', {
      fileSm3: sm3,
      officerId: me.id,
      recordedOn: today(),
      durationSeconds: 120,
    });
    expect(rec.status(), await rec.text()).toBe(201);
    const recording = (await rec.json()) as { id: string };

    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_super');
    await page.goto('/supervision');
    await page.getByTestId('supervision-home').waitFor();
    await page.getByTestId('sup-home-samples-due').waitFor();
    const sup = await apiGet<Me>(page, '/api/v1/me');
    const made = await post(page, '/api/v1/supervision/plans', {
      kind: 'recording',
      orgId: sup.orgId,
      name: '录像抽查（浏览器）',
      periodFrom: today(),
      periodTo: today(),
      defaultBasisPoints: 10_000,
      dueOn: today(),
    });
    expect(made.status(), await made.text()).toBe(201);
    const plan = (await made.json()) as SamplingPlan;
    await page.goto('/supervision/review');
    await page.getByRole('tab', { name: '抽查计划' }).click();
    await page.getByTestId(`sup-draw-${plan.id}`).click();
    await expect.poll(async () => (await apiGet<SamplingPlan>(page, `/api/v1/supervision/plans/${plan.id}`)).status).toBe('drawn');
    await page.getByRole('tab', { name: '评查样本' }).click();
    await page.getByTestId('sup-samples').getByText('录像抽查（浏览器）').first().waitFor();

    // The recording's problem is reported from its row: a missing field is named at the field, then it is saved.
    await page.getByRole('tab', { name: '执法记录仪录像' }).click();
    await page.getByTestId(`open-sup-recording-problem-${recording.id}`).click();
    const drawer = page.getByTestId('act-sup-recording-problem');
    await page.getByTestId('act-sup-recording-problem-save').click();
    await drawer.getByText('请填写说明').waitFor();
    await page.getByTestId('act-sup-recording-problem-description').fill('录像未覆盖询问全过程（浏览器）');
    // The due date comes filled (two weeks on).
    await page.getByTestId('act-sup-recording-problem-save').click();
    await page
      .getByText('已保存')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        throw new Error(`not saved: ${await drawer.innerText()}`, { cause: e });
      });
    const findings = await apiGet<{ items: { description: string }[] }>(page, '/api/v1/supervision/findings?source=recording&pageSize=50');
    expect(findings.items.map((f) => f.description)).toContain('录像未覆盖询问全过程（浏览器）');
  });

  it('an officer reads his own 考核 card: fines are never scored, each line explained', async () => {
    const s = await openSession();
    await signIn(s.page, 'pd_ljz_01');
    await s.page.goto('/my-scores');
    await s.page.getByTestId('my-scores').waitFor();
    await s.page.getByText('考核不以罚款数额').first().waitFor();
    await s.page.getByText('暂无数据').first().waitFor();
  });

  it('the city supervisor sets a score item: a fine-based item is refused at the field, the new points are shown', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'sh_super');
    const before = await apiGet<ScoreConfig>(page, '/api/v1/supervision/score-items');
    const item = before.items[0]!;
    try {
      await page.goto('/supervision/scores');
      await page.getByTestId('sup-score-items-no-fines').waitFor();
      await page.getByTestId(`sup-score-item-edit-${item.code}`).click();
      const drawer = page.getByTestId('act-sup-score-item');
      await page.getByTestId('act-sup-score-item-code').fill('fine_total');
      await page.getByTestId('act-sup-score-item-save').click();
      await drawer.getByText('考核不得以罚款数额').first().waitFor();

      await page.getByTestId('act-sup-score-item-code').fill(item.code);
      await page.getByTestId('act-sup-score-item-maxPoints').fill(String(item.maxPoints + 1));
      await page.getByTestId('act-sup-score-item-save').click();
      await page.getByText('已保存').first().waitFor();
      await page
        .getByTestId('sup-score-items')
        .getByRole('row', { name: new RegExp(item.code) })
        .getByRole('cell', { name: String(item.maxPoints + 1), exact: true })
        .waitFor();
      const after = await apiGet<ScoreConfig>(page, '/api/v1/supervision/score-items');
      expect(after.items.find((i) => i.code === item.code)?.maxPoints).toBe(item.maxPoints + 1);
      expect(after.items.map((i) => i.code)).toEqual(before.items.map((i) => i.code));
    } finally {
      const put = await page.request.put('/api/v1/supervision/score-items', {
        data: { items: before.items },
        headers: { Origin: baseUrl, 'Idempotency-Key': `e2e-sup-restore-${Date.now()}` },
      });
      expect(put.status(), await put.text()).toBe(200);
    }
  });
});
