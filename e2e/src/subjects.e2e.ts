import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { SubjectDetail } from '@chengguan/contracts';
import { creditCodeCheckChar } from '@chengguan/domain';
import { useSession } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 执法对象 in the browser: a 陆家嘴 officer registers a shop at his phone's position, finds it in the list and on the
// map, opens its page, and opens its public 一店一码 page without logging in.

const baseUrl = inject('baseUrl');
/** Inside 陆家嘴's demo service area (WGS-84). */
const SHOP = { latitude: 31.236, longitude: 121.51 };

describe('the registry', () => {
  const session = useSession(baseUrl);
  beforeAll(async () => {
    await session().context.grantPermissions(['geolocation'], { origin: baseUrl });
    await session().context.setGeolocation({ ...SHOP, accuracy: 10 });
    await signIn(session().page, 'pd_ljz_01');
  });

  it('registers a subject, lists it, shows it on the map, opens its page and its public QR page', async () => {
    const { page } = session();
    const n = String(Date.now() % 10_000_000).padStart(7, '0');
    const first17 = `91310115MA${n}`;
    const name = `浏览器测试小店${n}`;
    await page.goto('/subjects');
    await page.getByTestId('subjects-page').waitFor();
    await page.getByTestId('subject-create').click();
    await page.getByTestId('subject-form').waitFor();
    await page.getByTestId('subject-name').fill(name);
    await page.getByTestId('subject-address').fill(`上海市浦东新区银城中路${n}号`);
    await page.getByTestId('subject-credit-code').fill(first17 + creditCodeCheckChar(first17));
    await page.getByTestId('subject-location-locate').click();
    await page.getByTestId('subject-location-district').waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/subjects') && r.request().method() === 'POST');
    await page.getByTestId('subject-save').click();
    const res = await saved;
    expect(res.status()).toBe(201);
    const created = (await res.json()) as SubjectDetail;
    expect(created.orgName).toBe('陆家嘴街道中队');
    await page.waitForURL(`**/subjects/${created.id}`);
    expect(await page.getByTestId('subject-title').textContent()).toBe(name);
    expect(await page.getByTestId('subject-risk-explanation').textContent()).toContain('绿色');
    await page.getByTestId('subject-qr').waitFor();

    // The list finds it.
    await page.goto(`/subjects?q=${encodeURIComponent(name)}`);
    await page.getByTestId('subject-row-name').filter({ hasText: name }).waitFor();

    // The map shows it.
    await page.getByTestId('subjects-view-map').click();
    const map = page.getByTestId('subjects-map');
    await map.waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="subjects-map"]')?.getAttribute('data-point-ids')?.includes(id) ?? false,
      created.id,
      { timeout: 30_000 },
    );

    // Its public page opens without a session.
    const anon = await session().context.browser()!.newContext({ baseURL: baseUrl });
    try {
      const pub = await anon.newPage();
      await pub.goto(`/s/${created.code}`);
      await pub.getByTestId('public-subject-name').waitFor();
      expect(await pub.getByTestId('public-subject-name').textContent()).toBe(name);
      expect(await pub.getByTestId('public-subject-page').textContent()).toContain('12345');
    } finally {
      await anon.close();
    }
  });
});
