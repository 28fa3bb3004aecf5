/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { apiGet, login, openBrowser, type Session } from './browser.ts';
import { layoutProblems, watchConsoleErrors, type LayoutProblem } from './layout-checks.ts';

// Every page of the console and every public page, on a desk (1440×900) and on a phone (390×844): nothing wider than
// the screen, no table cell that cuts its text without saying so, no label broken one character per line, and no
// error in the browser's console. Each menu page is opened by the first demo user whose menu has it, so one pass
// covers the whole console.

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

/**
 * Waits until the page has drawn what it loads: no request in flight for 200 ms (the page's own loads, not the
 * 500 ms of network silence `networkidle` waits for on every page), no spinner left.
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
  await page.waitForTimeout(150); // one frame for late layout (fonts, measured columns)
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

describe('every page fits on a desk and on a phone', () => {
  for (const vp of VIEWPORTS) {
    describe(`${vp.name} ${vp.width}×${vp.height}`, () => {
      let s: Session;
      beforeAll(async () => {
        s = await openBrowser(baseUrl, { width: vp.width, height: vp.height });
      });
      afterAll(async () => {
        await s?.close();
      });

      it('public pages: no overflow, no console errors', async () => {
        const { page } = s;
        const errors = watchConsoleErrors(page);
        const found: string[] = [];
        for (const path of PUBLIC_PAGES) {
          errors.length = 0;
          await page.goto(path);
          await settle(page);
          found.push(...describeProblems(path, await layoutProblems(page), errors));
        }
        expect(found).toEqual([]);
      }, 120_000);

      it('console pages of every role: no overflow, no clipped cell, no broken label, no console errors', async () => {
        const { page, context } = s;
        const errors = watchConsoleErrors(page);
        const seen = new Set<string>();
        const found: string[] = [];
        for (const user of USERS) {
          await context.clearCookies();
          await login(page, user);
          await page.getByTestId('header-user-name').waitFor();
          // The menu is a drawer on the phone: read the links from a desk-sized window of the same session.
          if (vp.name === 'phone') {
            await page.getByTestId('menu-toggle').click();
            await page.getByTestId('side-menu').waitFor();
          }
          const paths = (await menuPaths(page)).filter((p) => !seen.has(p));
          if (vp.name === 'phone') await page.keyboard.press('Escape');
          // One case page per user who may read cases, with every tab opened.
          const cases = await page.request.get('/api/v1/cases?pageSize=1');
          if (cases.ok()) {
            const first = ((await cases.json()) as PageOf<CaseListItem>).items[0];
            if (first && !seen.has('/cases/:id')) paths.push(`/cases/${first.id}`);
          }
          for (const path of paths) {
            seen.add(path.startsWith('/cases/') && path !== '/cases/new' ? '/cases/:id' : path);
            errors.length = 0;
            await openInApp(page, path);
            await settle(page);
            found.push(...describeProblems(`${user} ${path}`, await layoutProblems(page), errors));
            if (path.startsWith('/cases/') && path !== '/cases/new') {
              const tabs = page.locator('[data-testid="case-tabs"] .ant-tabs-tab');
              for (let i = 0; i < (await tabs.count()); i++) {
                await tabs.nth(i).click();
                await settle(page);
                const name = (await tabs.nth(i).textContent())?.trim() ?? String(i);
                found.push(...describeProblems(`${user} ${path} 「${name}」`, await layoutProblems(page), errors));
              }
            }
          }
        }
        expect(seen.size).toBeGreaterThan(20);
        expect(found).toEqual([]);
      }, 900_000);
    });
  }

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
