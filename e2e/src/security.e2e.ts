import { describe, expect, inject, it } from 'vitest';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { apiGet, login, useSession } from './browser.ts';

// The console, the Swagger UI and the public pages work under the platform's security headers: the
// Content-Security-Policy is on the page, and chromium reports no violation of it while an officer logs in and opens
// a case, nor on the API docs, the portal and the published decisions.

const baseUrl = inject('baseUrl');
const session = useSession(baseUrl, undefined, { serviceWorkers: 'allow' });

describe('security headers in the browser', () => {
  it('the console page carries the CSP; logging in and opening a case logs no CSP violation', async () => {
    const { page } = session();
    const res = await page.goto('/login');
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');

    await login(page, 'pd_ljz_01');
    await page.getByTestId('header-user-name').waitFor();
    const cases = await apiGet<PageOf<CaseListItem>>(page, '/api/v1/cases?pageSize=5');
    expect(cases.items.length).toBeGreaterThan(0);
    await page.goto('/cases');
    await page.locator('.ant-table-row').first().waitFor();
    await page.goto(`/cases/${cases.items[0]!.id}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
    for (const tab of ['文书', '时间线']) await page.getByTestId('case-tabs').getByText(tab).click();
    await page.getByTestId('case-timeline').waitFor();
    expect(session().cspViolations).toEqual([]);
  });

  it('the Swagger UI at /api/docs renders the API under the policy', async () => {
    const { page } = session();
    const res = await page.goto('/api/docs/');
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(await page.locator('.swagger-ui .title').first().textContent()).toContain('城管执法平台');
    expect(session().cspViolations).toEqual([]);
  });

  it('the portal and the published decisions render, the portal sending no Referer', async () => {
    const { page } = session();
    const portal = await page.goto('/portal');
    expect(portal!.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByTestId('portal-document-number').waitFor();
    const disclosure = await page.goto('/disclosure');
    expect(disclosure!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByTestId('disclosure-public').waitFor();
    expect(session().cspViolations).toEqual([]);
  });
});
