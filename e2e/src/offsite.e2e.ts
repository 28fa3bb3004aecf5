import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Me, OffsiteReviewSummary, PageOf } from '@chengguan/contracts';
import { apiGet, apiWrite, useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 非现场执法 in the browser: the 浦东 administrator registers a camera without its certification and sees what A5 says
// is missing; he plays the device simulator (the queue says it is simulated); the 陆家嘴 squad leader opens an item of the
// queue, sees its images and dismisses it with a reason (confirmation is covered by the server test).

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);
const write = (page: Page, path: string, data: unknown) => apiWrite(page, baseUrl, path, data, 'e2e-offsite');

describe('offsite', () => {
  it('the device register shows what a camera without certification misses, with the article', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_admin');
    const me = await apiGet<Me>(page, '/api/v1/me');
    const r = await write(page, '/api/v1/offsite/devices', {
      code: `E2E-CAM-${Date.now() % 100000}`,
      kind: 'camera',
      name: '浏览器测试摄像头',
      orgId: me.orgId,
      lon: 121.51,
      lat: 31.235,
      scenes: ['stall'],
      legalReviewOn: '2026-01-10',
      publishedOn: '2026-01-10',
    });
    expect(r.status(), await r.text()).toBe(201);
    await page.goto('/offsite-devices');
    await page.getByTestId('offsite-devices-table').waitFor();
    await page.getByTestId('device-link').filter({ hasText: 'E2E-CAM' }).first().click();
    const issues = page.getByTestId('device-issues');
    await issues.waitFor();
    await expect.poll(() => issues.innerText()).toContain('技术审核');
    expect(await issues.innerText()).toContain('第四十一条');
  });

  it('the simulator fills the queue, labelled as simulated; the squad leader dismisses an item with a reason', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_ljz_leader');
    const squad = (await apiGet<Me>(page, '/api/v1/me')).orgId;
    await s.close();
    const a = await openSession();
    await signIn(a.page, 'pd_admin');
    const played = await write(a.page, '/api/v1/offsite/simulator/play', { count: 20, seed: 11, orgId: squad });
    expect(played.status(), await played.text()).toBe(200);
    await a.page.goto('/offsite-reviews');
    await a.page.getByTestId('offsite-simulator-note').waitFor();
    const queue = await apiGet<PageOf<OffsiteReviewSummary>>(a.page, '/api/v1/offsite/reviews?state=pending&pageSize=50');
    const item = queue.items.find((r) => !r.blocked);
    expect(item).toBeTruthy();

    const off = await openSession();
    await signIn(off.page, 'pd_ljz_leader');
    await off.page.goto(`/offsite-reviews/${item!.id}`);
    await off.page.getByTestId('review-event').first().waitFor();
    await off.page.getByTestId('review-dismiss').click();
    await off.page.getByTestId('dismiss-reason').fill('图像中无违法行为');
    await off.page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => off.page.getByTestId('review-state').innerText()).toBe('不予立案');
  });
});
