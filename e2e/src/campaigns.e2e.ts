import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignPoint, Me, SpecialCampaign } from '@chengguan/contracts';
import { apiGet, apiWrite, day, useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 专项行动 in the browser: the 陆家嘴 officer's point (entered with a photo before) is on the campaign's ledger; he asks
// for 销项 on its page with a photo after; the squad leader approves it there and the point shows 已销项. The
// administrator's data catalogue lists the platform's tables with their sharing level.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const key = () => `e2e-campaign-${Date.now()}-${Math.random()}`;
const post = (page: Page, path: string, data: unknown) => apiWrite(page, baseUrl, path, data, 'e2e-campaign');

describe('campaigns', () => {
  it('a point goes from the ledger to 销项: the officer asks with a photo after, the squad leader approves', async () => {
    const officer = await openSession();
    const { page } = officer;
    await signIn(page, 'pd_ljz_01');
    const me = await apiGet<Me>(page, '/api/v1/me');
    const leader = await openSession();
    await signIn(leader.page, 'pd_leader');
    const bureau = await apiGet<Me>(leader.page, '/api/v1/me');
    const today = day();
    const made = await post(leader.page, '/api/v1/campaigns', {
      orgId: bureau.orgId,
      title: `雷霆专项 ${Date.now()}`,
      periodFrom: today,
      periodTo: today,
      areaOrgIds: [me.orgId],
      targetPoints: 1,
      targetRounds: 8,
    });
    expect(made.status(), await made.text()).toBe(201);
    const campaign = (await made.json()) as SpecialCampaign;

    const photo = await page.request.post('/api/v1/files', {
      data: PNG,
      headers: { Origin: baseUrl, 'Content-Type': 'image/png', 'Idempotency-Key': key() },
    });
    expect(photo.status()).toBe(201);
    const { sm3 } = (await photo.json()) as { sm3: string };
    const entered = await post(page, `/api/v1/campaigns/${campaign.id}/points`, {
      orgId: me.orgId,
      title: '跨门营业',
      address: '浦东新区陆家嘴环路1000号',
      lon: 121.5,
      lat: 31.24,
      beforePhotoSm3s: [sm3],
    });
    expect(entered.status(), await entered.text()).toBe(201);
    const point = (await entered.json()) as CampaignPoint;

    await page.goto(`/campaigns/${campaign.id}`);
    await page.getByTestId('campaign-points-table').getByText('跨门营业').waitFor();
    await page.getByTestId('campaign-point-link').first().click();
    await page.getByTestId('campaign-point-page').waitFor();
    await page.getByTestId('campaign-photo-before').first().waitFor();
    await page.getByTestId('campaign-rectification').fill('已清理门前堆物');
    await page.getByTestId('campaign-point-after').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.ant-tag', { hasText: '照片' }).first().waitFor();
    const asked = page.waitForResponse((r) => r.url().endsWith('/request-close'));
    await page.getByTestId('campaign-ask').click();
    expect((await asked).status()).toBe(200);
    await page.getByTestId('campaign-point-state-tag').filter({ hasText: '待销项审批' }).waitFor();

    const squad = await openSession();
    await signIn(squad.page, 'pd_ljz_leader');
    await squad.page.goto(`/campaign-points/${point.id}`);
    const decided = squad.page.waitForResponse((r) => r.url().endsWith('/decide-close'));
    await squad.page.getByTestId('campaign-approve').click();
    expect((await decided).status()).toBe(200);
    await squad.page.getByTestId('campaign-point-state-tag').filter({ hasText: '已销项' }).waitFor();
    const after = await apiGet<CampaignPoint>(squad.page, `/api/v1/campaign-points/${point.id}`);
    expect([after.state, after.afterPhotos.length]).toEqual(['closed', 1]);
  });

  it('the administrator’s data catalogue lists the tables with their sharing level', async () => {
    const s = await openSession();
    await signIn(s.page, 'pd_admin');
    await s.page.goto('/data-catalog');
    const search = s.page.getByPlaceholder('按代码、名称或责任部门查找');
    await search.fill('disclosures');
    await search.press('Enter');
    const table = s.page.getByTestId('catalog-table');
    await table.getByText('行政处罚决定公示').waitFor();
    expect(await table.getByText('公开').count()).toBeGreaterThan(0);
    await s.page.getByTestId('catalog-key-new').waitFor();
  });
});
