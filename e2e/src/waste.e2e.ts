import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Me, OrgNode, WasteSite } from '@chengguan/contracts';
import { apiGet, apiWrite, useSessions } from './browser.ts';
import { pick, signIn } from './case-helpers.ts';

// 建筑垃圾两点一线 in the console: the 陆家嘴 squad leader registers a construction site and a disposal permit from the
// drawers (the permit without a disposal site is refused with W1 at its field); he runs the local GPS simulator and
// the day's analysis, opens a clue and sees the truck's day on the map.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);
const stamp = Date.now() % 100000;
const write = async <T>(page: Page, path: string, data: unknown): Promise<T> => {
  const r = await apiWrite(page, baseUrl, path, data, 'e2e-waste');
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()) as T;
};
const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A disposal site, a company and a vehicle through the API (the drawers for these are the same as the site's). */
async function register(page: Page, tag: string) {
  const me = await apiGet<Me>(page, '/api/v1/me');
  const flat = (n: OrgNode[]): OrgNode[] => n.flatMap((o) => [o, ...flat(o.children)]);
  const bureauId = flat(await apiGet<OrgNode[]>(page, '/api/v1/orgs/tree')).find((o) => o.id === me.orgId)!.bureauId!;
  const dump = await write<WasteSite>(page, '/api/v1/waste/sites', {
    bureauId,
    kind: 'disposal',
    name: `测试消纳场${tag}`,
    address: '川沙',
    lon: 121.7,
    lat: 31.2,
    crs: 'wgs84',
    radiusM: 150,
  });
  const company = await write<{ id: string }>(page, '/api/v1/waste/companies', {
    bureauId,
    name: `测试渣土运输公司${tag}`,
    creditCode: `91310115MA1K${String(stamp).padStart(5, '0')}${tag === 'A' ? 1 : 2}`,
    licenceNo: `沪建运${tag}${stamp}`,
    licenceValidUntil: day(365),
  });
  const vehicle = await write<{ id: string; plate: string }>(page, '/api/v1/waste/vehicles', {
    companyId: company.id,
    plate: `沪D·${tag}${String(stamp).padStart(5, '0')}`.slice(0, 10),
    licenceNo: `准运${tag}${stamp}`,
    licenceValidUntil: day(365),
  });
  return { bureauId, dump, company, vehicle };
}

describe('construction waste', () => {
  it('registers a construction site and a disposal permit from the console; W1 shows at the disposal-site field', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_ljz_leader');
    const reg = await register(page, 'A');
    const site = `测试工地${stamp}`;
    await page.goto('/waste-sites');
    await page.getByTestId('waste-sites-table').waitFor();
    await page.getByTestId('waste-site-new').click();
    await page.getByTestId('waste-site-name-input').fill(site);
    await page.getByTestId('waste-site-address').fill('张江');
    await page.getByTestId('waste-site-lon').fill('121.6');
    await page.getByTestId('waste-site-lat').fill('31.2');
    await page.getByTestId('waste-site-form-save').click();
    await expect.poll(() => page.getByTestId('waste-site-name').allInnerTexts()).toContain(site);

    const number = `浦建渣E2E-${stamp}`;
    await page.goto('/waste-permits');
    await page.getByTestId('waste-permits-table').waitFor();
    await page.getByTestId('waste-permit-new').click();
    await page.getByTestId('waste-permit-number-input').fill(number);
    await pick(page, 'producingSiteId', site, site);
    await pick(page, 'companyId', `测试渣土运输公司A`, `测试渣土运输公司A`);
    await pick(page, 'vehicleIds', reg.vehicle.plate.slice(0, 3), reg.vehicle.plate);
    await page.keyboard.press('Escape');
    await page.getByTestId('waste-permit-route').first().fill('121.6, 31.2\n121.65, 31.2\n121.7, 31.2');
    await page.locator('#validFrom').fill(day(-1));
    await page.locator('#validFrom').press('Enter');
    await page.locator('#validUntil').fill(day(30));
    await page.locator('#validUntil').press('Enter');
    await page.getByTestId('waste-permit-form-save').click();
    const w1 = page.locator('.ant-form-item:has(#disposalSiteIds) .ant-form-item-explain-error');
    await expect.poll(() => w1.innerText()).toContain('两点一线');
    await pick(page, 'disposalSiteIds', '测试消纳场A', '测试消纳场A');
    await page.keyboard.press('Escape');
    await page.getByTestId('waste-permit-form-save').click();
    await expect.poll(() => page.getByTestId('waste-permit-number').allInnerTexts()).toContain(number);
  });

  it('runs the local GPS simulator and the analysis, then opens a clue and sees the truck’s day on the map', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_ljz_leader');
    const reg = await register(page, 'B');
    const producing = await write<WasteSite>(page, '/api/v1/waste/sites', {
      bureauId: reg.bureauId,
      kind: 'producing',
      name: `模拟工地${stamp}`,
      address: '张江',
      lon: 121.6,
      lat: 31.21,
      crs: 'wgs84',
      radiusM: 150,
    });
    await write(page, '/api/v1/waste/permits', {
      number: `浦建渣SIM-${stamp}`,
      producingSiteId: producing.id,
      disposalSiteIds: [reg.dump.id],
      companyId: reg.company.id,
      vehicleIds: [reg.vehicle.id],
      route: [
        [121.6, 31.21],
        [121.7, 31.2],
      ],
      crs: 'wgs84',
      corridorM: 100,
      validFrom: day(-1),
      validUntil: day(30),
    });
    await page.goto('/waste-feed');
    await page.getByTestId('waste-simulator-note').waitFor();
    expect(await page.getByTestId('waste-simulator-note').innerText()).toContain('模拟渣土车 GPS 平台');
    await page.getByTestId('waste-feed-status').waitFor();
    await page.getByTestId('waste-sim-trucks').fill('5');
    await page.getByTestId('waste-sim-hours').fill('2');
    await page.getByTestId('waste-sim-run').click();
    const progress = page.getByTestId('waste-sim-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-finished'), { timeout: 120_000, interval: 1000 }).toBe('true');
    await page.getByTestId('waste-analyse').click();
    await page.getByTestId('waste-analysis-result').waitFor({ timeout: 60_000 });

    await page.goto('/waste-clues');
    await page.getByTestId('waste-clues-table').waitFor();
    await page.getByTestId('waste-clue-link').first().click();
    await page.getByTestId('waste-clue-drawer').waitFor();
    const count = page.getByTestId('waste-track-count');
    await count.waitFor({ timeout: 30_000 });
    expect(Number((await count.innerText()).match(/\d+/)?.[0] ?? 0)).toBeGreaterThan(0);
    const map = page.getByTestId('waste-track-map');
    await map.waitFor();
    // The map draws the day's line and the clue's stretch over it (or says the browser cannot draw a map).
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="waste-track-map"]');
      return el?.getAttribute('data-map-failed') === 'true' || Number(el?.getAttribute('data-track-points') ?? '0') > 0;
    });
    if ((await map.getAttribute('data-map-failed')) !== 'true') {
      expect(Number(await map.getAttribute('data-stretch-points'))).toBeGreaterThan(1);
    }
  }, 240_000);
});
