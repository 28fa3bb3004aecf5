import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIResponse, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const DEMO_PASSWORD = 'Chengguan#2026';

export type Session = {
  context: BrowserContext;
  page: Page;
  /** Every Content-Security-Policy violation the pages of this session reported, as chromium logged it. */
  cspViolations: string[];
  close: () => Promise<void>;
};

/**
 * Debian's chromium, headless, with a fresh profile (--user-data-dir) per test file. The console's service worker
 * (the field app's offline shell, docs/field-app.md) is allowed only where a test asks for it: installed in every
 * fresh profile it would fetch the whole app for its cache while the test runs. The field-offline and security tests
 * run with it.
 */
export async function openBrowser(
  baseURL: string,
  viewport = { width: 1366, height: 860 },
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<Session> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chengguan-chromium-'));
  // playwright passes the profile directory as --user-data-dir itself.
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      baseURL,
      viewport,
      locale: 'zh-CN',
      // The bureau's officers and their phones are in Shanghai; the machine running the tests may not be.
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
      serviceWorkers: options.serviceWorkers ?? 'block',
    })
    .catch((e: unknown) => {
      fs.rmSync(userDataDir, { recursive: true, force: true });
      throw e;
    });
  context.setDefaultTimeout(15_000);
  const cspViolations: string[] = [];
  // Chromium logs each blocked script, style, image or connection as a console error naming the policy.
  const watch = (p: Page) =>
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${p.url()}: ${m.text()}`);
    });
  for (const p of context.pages()) watch(p);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    cspViolations,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Calls the API with the page's session cookie (for looking up demo data the UI then uses). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * One browser for the tests of a file or a describe block: opened in beforeAll, closed in afterAll. Answers a getter
 * for the session (it exists once beforeAll has run).
 */
export function useSession(
  baseURL: string,
  viewport?: { width: number; height: number },
  options?: { serviceWorkers?: 'allow' | 'block' },
): () => Session {
  let s: Session | undefined;
  beforeAll(async () => {
    s = await openBrowser(baseURL, viewport, options);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('the browser is opened in beforeAll');
    return s;
  };
}

/**
 * Browsers the tests open as they go (one per user, say): answers a function that opens one (as openBrowser does);
 * every one is closed in afterAll.
 */
export function useSessions(
  baseURL: string,
): (viewport?: { width: number; height: number }, options?: { serviceWorkers?: 'allow' | 'block' }) => Promise<Session> {
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });
  return async (viewport, options) => {
    const s = await openBrowser(baseURL, viewport, options);
    sessions.push(s);
    return s;
  };
}

/**
 * A write through the API with the page's session cookie, as the console sends it: the console's Origin and a fresh
 * Idempotency-Key starting with `keyPrefix`. Answers the response; `apiWriteOk` also checks its status.
 */
export function apiWrite(
  page: Page,
  baseUrl: string,
  path: string,
  data: unknown,
  keyPrefix = 'e2e',
  method: 'post' | 'put' = 'post',
): Promise<APIResponse> {
  return page.request[method](path, {
    data,
    headers: { Origin: baseUrl, 'Idempotency-Key': `${keyPrefix}-${Date.now()}-${Math.random()}` },
  });
}

/** `apiWrite` that expects `status` (201 unless told) and answers the response's body. */
export async function apiWriteOk<T>(page: Page, baseUrl: string, path: string, data: unknown, status = 201, keyPrefix = 'e2e'): Promise<T> {
  const res = await apiWrite(page, baseUrl, path, data, keyPrefix);
  expect(res.status(), `POST ${path}: ${await res.text()}`).toBe(status);
  return (await res.json()) as T;
}

/** The date in Shanghai (UTC+8) `offset` days from today, as YYYY-MM-DD. */
export function day(offset = 0, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}
