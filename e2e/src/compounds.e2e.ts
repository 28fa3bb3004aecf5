import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { HouseAnnotation } from '@chengguan/contracts';
import { apiGet, useSession } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 住宅小区 in the browser (docs/compounds.md): the commander turns on the compounds layer of the command map, finds the
// compound the test registered and follows its popup to the compounds list; an officer releases (解注记) a house
// annotation the housing department (the local simulator, and the page says so) has confirmed.

const baseUrl = inject('baseUrl');

/** A residential compound of 陆家嘴 with a point, registered by the signed-in officer; its name is unique per run. */
async function newCompound(page: Page, name: string, stamp: number): Promise<string> {
  const res = await page.request.post('/api/v1/subjects', {
    data: {
      kind: 'residential_compound',
      name,
      address: '上海市浦东新区银城中路200弄',
      point: { lon: 121.5083, lat: 31.2352, crs: 'wgs84' },
    },
    headers: { 'Idempotency-Key': `e2e-compound-${stamp}`, Origin: baseUrl },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('residential compounds', () => {
  const session = useSession(baseUrl);

  it('the compounds layer of the command map: on, a compound found and its popup opens the compounds list', async () => {
    const { page } = session();
    const stamp = Date.now();
    const name = `地图测试小区${stamp}`;
    await signIn(page, 'pd_ljz_01');
    await newCompound(page, name, stamp);

    await signIn(page, 'pd_command');
    await page.goto('/command');
    await page.getByTestId('command-page').waitFor();
    const map = page.getByTestId('command-map');
    await map.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="command-map"]');
      return el?.getAttribute('data-map-failed') === 'true' || el?.getAttribute('data-map-loaded') === 'true';
    });
    expect(await map.getAttribute('data-map-failed')).toBeNull();
    // Off at first: nothing of the layer is loaded.
    const layer = page.getByTestId('command-layer-compounds');
    expect(await layer.getAttribute('aria-pressed')).toBe('false');
    expect(await map.getAttribute('data-overlay-compounds')).toBeNull();
    await layer.click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="command-map"]')?.getAttribute('data-overlay-compounds') ?? '0') > 0,
    );

    await page.locator('[data-testid="command-find-compounds"]').click();
    await page.keyboard.type(name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
    const popup = page.getByTestId('map-popup');
    await popup.waitFor();
    expect(await popup.textContent()).toContain(name);
    await popup.getByTestId('map-popup-link').click();
    await page.getByTestId('compounds-page').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(name);
    await page.locator('.ant-table-row', { hasText: name }).waitFor();
  });

  it('解注记 from the annotations list: the page says the housing department is the simulator; the release is sent', async () => {
    const { page } = session();
    const stamp = Date.now();
    const name = `注记测试小区${stamp}`;
    await signIn(page, 'pd_ljz_01');
    const compoundId = await newCompound(page, name, stamp);
    const res = await page.request.post('/api/v1/house-annotations', {
      data: { compoundId, room: '5-1201', reason: '擅自搭建阳光房，注记限制交易' },
      headers: { 'Idempotency-Key': `e2e-annotate-${stamp}`, Origin: baseUrl },
    });
    expect(res.status(), await res.text()).toBe(201);
    const made = (await res.json()) as HouseAnnotation;
    // The worker sends it, signed, to the housing department's simulator, which confirms it.
    await expect
      .poll(async () => (await apiGet<HouseAnnotation>(page, `/api/v1/house-annotations/${made.id}`)).state, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('annotated');

    await page.goto(`/house-annotations?q=${encodeURIComponent(name)}`);
    await page.getByTestId('house-annotations-page').waitFor();
    await page.getByTestId('housing-simulator-banner').waitFor();
    expect(await page.getByTestId('housing-simulator-banner').textContent()).toContain('本地模拟');
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    expect(await row.getByTestId('house-annotation-state').textContent()).toBe('已注记');

    await row.getByTestId(`open-cp-release-${made.id}`).click();
    const drawer = page.getByTestId('act-cp-release');
    await drawer.getByTestId('act-cp-release-note').waitFor();
    // Too short: the server's rule shows at the field.
    await drawer.locator('textarea').fill('拆');
    await drawer.getByTestId('act-cp-release-save').click();
    await drawer.locator('.ant-form-item-explain-error').waitFor();
    await drawer.locator('textarea').fill('违法搭建已拆除，复查合格');
    const released = page.waitForResponse((r) => r.url().endsWith(`/api/v1/house-annotations/${made.id}/release`));
    await drawer.getByTestId('act-cp-release-save').click();
    expect((await released).status()).toBe(200);
    await page.waitForFunction(
      (room) =>
        [...document.querySelectorAll('.ant-table-row')].some(
          (tr) => tr.textContent?.includes(room) && /解注记中|已解注记/.test(tr.textContent ?? ''),
        ),
      '5-1201',
    );
    await row.getByTestId('house-annotation-link').click();
    const detail = page.getByTestId('house-annotation-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('违法搭建已拆除，复查合格');
  });
});
