import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Officer, PageOf } from '@chengguan/contracts';
import { apiGet, openBrowser, type Session } from './browser.ts';
import { ensureTicketRange, idCardNumber, issueFilledTicket, pick, PNG, signIn } from './case-helpers.ts';

// The place of a case (issue 11, part 5) on a phone: the position taken with the user's consent (granted to the
// browser context), the marker dragged to adjust it, the point stored with the ticket and shown on the case page;
// the map draws the shipped district boundaries and loads nothing from any other host when no base map is set.

const baseUrl = inject('baseUrl');
// 陆家嘴 (浦东新区) and 朱家角 (青浦区), WGS-84 as a phone reports them.
const LUJIAZUI = { longitude: 121.4997, latitude: 31.2397 };
const ZHUJIAJIAO = { longitude: 121.0537, latitude: 31.1076 };

async function coords(page: Page, testId: string): Promise<{ lon: number; lat: number; crs: string | null }> {
  const el = page.getByTestId(testId);
  return {
    lon: Number(await el.getAttribute('data-lon')),
    lat: Number(await el.getAttribute('data-lat')),
    crs: await el.getAttribute('data-crs'),
  };
}

/** The map finished drawing: the district layer's features on screen, counted by the map itself. */
async function renderedDistricts(page: Page, mapTestId: string): Promise<number> {
  const map = page.getByTestId(mapTestId);
  await expect.poll(async () => Number((await map.getAttribute('data-rendered-districts')) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
  return Number(await map.getAttribute('data-rendered-districts'));
}

describe('location on the summary ticket, on a phone (390×844)', () => {
  let s: Session;
  let secondOfficer = '';
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const chunks: string[] = [];

  beforeAll(async () => {
    s = await openBrowser(baseUrl, { width: 390, height: 844 });
    await s.context.grantPermissions(['geolocation'], { origin: baseUrl });
    await s.context.setGeolocation({ ...LUJIAZUI, accuracy: 12 });
    s.context.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (!url.startsWith(baseUrl)) foreignRequests.push(url);
      // The service worker's background precache of the app shell (docs/field-app.md) is not the page loading code.
      if (/\.js(\?|$)/.test(url) && !r.serviceWorker()) chunks.push(url);
    });
    await signIn(s.page, 'pd_ljz_leader');
    await ensureTicketRange(s.page, baseUrl);
    await signIn(s.page, 'pd_ljz_01');
    const found = await apiGet<PageOf<Officer>>(s.page, '/api/v1/officers?q=pd_ljz_leader&pageSize=5');
    secondOfficer = found.items.find((o) => o.username === 'pd_ljz_leader')!.name;
    // Errors of the logged-in pages (the login page's own 401 before signing in is not one). The one-call ticket's
    // refusal on law marked 未核实 (E12, a 422 the form answers with its draft offer) is the flow, not an error.
    s.page.on('console', (m) => {
      if (m.type() === 'error' && !(m.text().includes('status of 422') && m.location().url.endsWith('/api/v1/cases/summary')))
        consoleErrors.push(m.text());
    });
    s.page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });
  afterAll(async () => {
    await s?.close();
  });

  it('pages without a map do not load the map code', async () => {
    await s.page.goto('/cases');
    await s.page.waitForLoadState('networkidle');
    expect(chunks.filter((u) => /MapView/.test(u))).toEqual([]);
  });

  it('takes the phone position, drags the marker, stores the adjusted point and shows it on the case page', async () => {
    const { page } = s;
    await page.goto('/summary');
    await page.getByTestId('summary-form').waitFor();
    await pick(page, 'summary_offenceCode', '混合投放', 'SH-LJ-57-2');
    await page.getByTestId('summary-correctionOrdered').check();
    await page.getByTestId('summary-refusedToCorrect').check();
    await page.locator('#summary_partyName').fill('李四');
    await page.locator('#summary_idNumber').fill(idCardNumber());
    await page.locator('#summary_location').fill('浦东新区陆家嘴环路1000号');
    await page.locator('#summary_facts').fill('当事人将湿垃圾与干垃圾混合投放，经责令改正后拒不改正。');
    await page.getByTestId('summary-photos-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('file-sm3').first().waitFor();
    await pick(page, 'summary_secondOfficerId', secondOfficer, secondOfficer);
    await page.locator('#summary_fineYuan').fill('100');

    // The map loads its code only now, and draws the shipped boundaries.
    expect(chunks.some((u) => /MapView/.test(u))).toBe(true);
    expect(await renderedDistricts(page, 'summary-point-map')).toBeGreaterThan(0);

    await page.getByTestId('summary-point-locate').click();
    await page.getByTestId('summary-point-coords').waitFor();
    const taken = await coords(page, 'summary-point-coords');
    expect(taken).toEqual({ lon: LUJIAZUI.longitude, lat: LUJIAZUI.latitude, crs: 'wgs84' });
    await expect.poll(() => page.getByTestId('summary-point-district').textContent()).toContain('浦东新区');

    // Drag the marker 60 px to the right: east, same latitude (within a pixel).
    const marker = page.getByTestId('summary-point-map-marker');
    await marker.scrollIntoViewIfNeeded();
    const box = (await marker.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(x + i * 10, y, { steps: 2 });
    await page.mouse.up();
    await expect.poll(async () => (await coords(page, 'summary-point-coords')).lon).toBeGreaterThan(LUJIAZUI.longitude);
    const moved = await coords(page, 'summary-point-coords');
    expect(moved.lon - LUJIAZUI.longitude).toBeGreaterThan(0.0005);
    expect(Math.abs(moved.lat - LUJIAZUI.latitude)).toBeLessThan(0.0002);
    expect(moved.crs).toBe('wgs84'); // no base map: the map draws WGS-84
    expect(await page.getByTestId('summary-point-coords').textContent()).toContain('地图选点');

    // Nothing sticks out sideways on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(392);
    await page.screenshot({ path: '/tmp/location-phone-form.png', fullPage: true });

    const detail = await issueFilledTicket(page, baseUrl, { officer: 'pd_ljz_01', fineYuan: '100' });
    expect(detail.point).toMatchObject({ capturedCrs: 'wgs84', district: '浦东新区', inBureauArea: true });
    expect(detail.point!.lon).toBeCloseTo(moved.lon, 9);
    expect(detail.point!.lat).toBeCloseTo(moved.lat, 9);

    await page.goto(`/cases/${detail.id}`);
    await page.getByTestId('case-place').waitFor();
    expect(await renderedDistricts(page, 'case-place-map')).toBeGreaterThan(0);
    await page.getByTestId('case-place-map-marker').waitFor();
    const shown = await coords(page, 'case-place-coords');
    expect(shown.lon).toBeCloseTo(moved.lon, 9);
    expect(shown.lat).toBeCloseTo(moved.lat, 9);
    expect(await page.getByTestId('case-place-district').textContent()).toContain('浦东新区');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(392);
    await page.screenshot({ path: '/tmp/location-phone-case.png', fullPage: true });
  });

  it('says when the position lies outside the bureau’s area', async () => {
    const { page } = s;
    await s.context.setGeolocation({ ...ZHUJIAJIAO, accuracy: 20 });
    await page.goto('/cases/new');
    await page.getByTestId('register-point-locate').click();
    const warning = page.getByTestId('register-point-outside');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/青浦区.*不在本局辖区（浦东新区）/);
    expect(await renderedDistricts(page, 'register-point-map')).toBeGreaterThan(0);
  });

  it('loaded nothing from another host and logged no error', () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(s.cspViolations).toEqual([]);
  });
});
