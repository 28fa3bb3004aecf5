/// <reference lib="dom" />
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { apiGet, DEMO_PASSWORD, login, openBrowser, useSession, type Session } from './browser.ts';
import { layoutProblems, watchConsoleErrors, type LayoutProblem } from './layout-checks.ts';

// Every page of the console and every public page, on a desk (1440×900) and on a phone (390×844): nothing wider than
// the screen, no table cell that cuts its text without saying so, no label broken one character per line, and no
// error in the browser's console. Every demo user's landing page is checked; each menu page is opened by the first
// demo user whose menu has it, so one pass covers the whole console. A browser at each width walks the same users and
// pages; the two run side by side.

const baseUrl = inject('baseUrl');

const VIEWPORTS = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Demo users in the order their menus are walked: between them they reach every page of the console. */
const USERS = ['pd_ljz_01', 'pd_ljz_leader', 'pd_leader', 'pd_legal', 'pd_command', 'pd_super', 'pd_admin', 'admin'] as const;

/**
 * The public pages a visitor opens without a key (a document's own verify page and the cashier need a document's or a
 * checkout's; /verify alone explains how to verify one).
 */
const PUBLIC_PAGES = ['/login', '/portal', '/disclosure', '/digests', '/verify'] as const;

/** The page's requests still in flight (counted from the first call on). */
const inFlight = new WeakMap<Page, Set<unknown>>();
function trackRequests(page: Page): Set<unknown> {
  let open = inFlight.get(page);
  if (!open) {
    const set = new Set<unknown>();
    page.on('request', (r) => set.add(r));
    page.on('requestfinished', (r) => set.delete(r));
    page.on('requestfailed', (r) => set.delete(r));
    inFlight.set(page, set);
    open = set;
  }
  return open;
}

/** Two animation frames, so that whatever the last response changed is laid out (at most 100 ms). */
const nextFrames = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((r) => {
        requestAnimationFrame(() => requestAnimationFrame(() => r()));
        setTimeout(r, 100);
      }),
  );

/**
 * Waits until the page has drawn what it loads: no request in flight for 200 ms (the page's own loads, not the
 * 500 ms of network silence `networkidle` waits for on every page), no spinner left, fonts loaded and two frames drawn.
 */
async function settle(page: Page): Promise<void> {
  const open = trackRequests(page);
  const deadline = Date.now() + 15_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (open.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 200) break;
    await page.waitForTimeout(50);
  }
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await nextFrames(page);
}

/** Opens a console page the way its menu does (the router, no reload of the whole app). */
async function openInApp(page: Page, path: string): Promise<void> {
  trackRequests(page);
  await page.evaluate((p) => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function menuPaths(page: Page): Promise<string[]> {
  const hrefs = await page.locator('[data-testid="side-menu"] a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => h.startsWith('/')))];
}

function describeProblems(where: string, problems: LayoutProblem[], errors: string[]): string[] {
  return [...problems.map((p) => `${where}: ${p.kind} — ${p.detail}`), ...errors.map((e) => `${where}: console error — ${e}`)];
}

const isCasePage = (path: string) => path.startsWith('/cases/') && path !== '/cases/new';

/** A browser at one of the widths, with its console-error log and the console pages it has checked. */
type Walker = { vp: (typeof VIEWPORTS)[number]; session: () => Session; errors: string[]; seen: Set<string> };

/** Checks the page the browser shows now; `where` names it in the findings. */
async function check(w: Walker, where: string): Promise<string[]> {
  const { page } = w.session();
  await settle(page);
  const found = describeProblems(`${w.vp.name} ${where}`, await layoutProblems(page), w.errors);
  w.errors.length = 0;
  return found;
}

/**
 * Signs `user` in, checks his landing page, then every page of his menu (the drawer on the phone) that this browser
 * has not checked for an earlier user, and one case page with every tab opened where he may read cases.
 */
async function walkMenu(w: Walker, user: string): Promise<string[]> {
  const { page, context } = w.session();
  const { vp, seen } = w;
  // Signed in through the API (the sign-in page itself is checked with the public pages), then the console loads.
  await context.clearCookies();
  const signedIn = await page.request.post('/api/auth/login', {
    data: { username: user, password: DEMO_PASSWORD },
    headers: { Origin: baseUrl },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  await page.goto('/');
  await page.getByTestId('header-user-name').waitFor();
  w.errors.length = 0;
  const found = await check(w, `${user} ${new URL(page.url()).pathname} (landing)`);
  if (vp.name === 'phone') {
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('side-menu').waitFor();
  }
  const paths = (await menuPaths(page)).filter((p) => !seen.has(p));
  if (vp.name === 'phone') await page.keyboard.press('Escape');
  const cases = await page.request.get('/api/v1/cases?pageSize=1');
  if (cases.ok()) {
    const first = ((await cases.json()) as PageOf<CaseListItem>).items[0];
    if (first && !seen.has('/cases/:id')) paths.push(`/cases/${first.id}`);
  }
  for (const path of paths) {
    seen.add(isCasePage(path) ? '/cases/:id' : path);
    w.errors.length = 0;
    await openInApp(page, path);
    found.push(...(await check(w, `${user} ${path}`)));
    if (isCasePage(path)) {
      const caseTabs = page.locator('[data-testid="case-tabs"] .ant-tabs-tab');
      for (let i = 0; i < (await caseTabs.count()); i++) {
        await caseTabs.nth(i).click();
        const name = (await caseTabs.nth(i).textContent())?.trim() ?? String(i);
        found.push(...(await check(w, `${user} ${path} 「${name}」`)));
      }
    }
  }
  return found;
}

// A browser at each width; the two walk the same pages side by side.
describe('every page fits on a desk and on a phone', () => {
  const walkers: Walker[] = VIEWPORTS.map((vp) => ({
    vp,
    session: useSession(baseUrl, { width: vp.width, height: vp.height }),
    errors: [],
    seen: new Set<string>(),
  }));
  beforeAll(() => {
    for (const w of walkers) w.errors = watchConsoleErrors(w.session().page);
  });

  it('public pages: no overflow, no console errors', async () => {
    const found = await Promise.all(
      walkers.map(async (w) => {
        const problems: string[] = [];
        for (const path of PUBLIC_PAGES) {
          w.errors.length = 0;
          await w.session().page.goto(path);
          problems.push(...(await check(w, path)));
        }
        return problems;
      }),
    );
    expect(found.flat()).toEqual([]);
  }, 120_000);

  it('console pages of every role: no overflow, no clipped cell, no broken label, no console errors', async () => {
    const found = await Promise.all(
      walkers.map(async (w) => {
        const problems: string[] = [];
        for (const user of USERS) problems.push(...(await walkMenu(w, user)));
        return problems;
      }),
    );
    for (const w of walkers) expect(w.seen.size, w.vp.name).toBeGreaterThan(20);
    expect(found.flat()).toEqual([]);
  }, 900_000);

  it('the case list becomes cards on the phone and its filters fold away', async () => {
    const s = await openBrowser(baseUrl, { width: 390, height: 844 });
    try {
      const { page } = s;
      await login(page, 'pd_ljz_leader');
      await page.getByTestId('header-user-name').waitFor();
      const cases = await apiGet<PageOf<CaseListItem>>(page, '/api/v1/cases?pageSize=20');
      await page.goto('/cases');
      await page.getByTestId('cases-table-cards').waitFor();
      await expect.poll(() => page.locator('[data-testid="cases-table-cards"] [data-testid="list-card"]').count()).toBe(cases.items.length);
      expect(await page.locator('[data-testid="cases-table"] table').count()).toBe(0);
      // The first screen shows cases, not filters: the filters sit behind one button.
      const filters = page.getByTestId('filters-toggle');
      await filters.waitFor();
      expect(await page.getByTestId('case-filters').isVisible()).toBe(false);
      const firstCard = page.locator('[data-testid="list-card"]').first();
      const box = await firstCard.boundingBox();
      expect(box?.y ?? 9999).toBeLessThan(844);
      await filters.click();
      await page.getByTestId('case-filters').waitFor();
      // A card opens its case.
      await firstCard.locator('a').first().click();
      await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
    } finally {
      await s.close();
    }
  }, 120_000);
});
