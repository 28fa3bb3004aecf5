import { describe, expect, inject, it } from 'vitest';
import type { CaseListItem, PageOf } from '@chengguan/contracts';
import { apiGet, login, useSession } from './browser.ts';

// 执法文书 (issue 5): an officer issues a 责令（限期）改正通知书 from the case's 文书 tab; the frozen PDF downloads; the
// verify link (the QR code's target) opens the public page, without a login, and reports the document genuine; the
// squad leader voids it and the page then says so.

const baseUrl = inject('baseUrl');
const session = useSession(baseUrl);

describe('执法文书', () => {
  it('issues a decision PDF from the case page, downloads it and verifies it on the public page', async () => {
    const { page, context } = session();
    await login(page, 'pd_ljz_01');
    await page.getByTestId('header-user-name').waitFor();
    // A demo case with a decision served (B or C).
    const list = await apiGet<PageOf<CaseListItem>>(page, '/api/v1/cases?state=decision_served&pageSize=50');
    const target = list.items[0];
    expect(target, 'a demo case with a served decision').toBeTruthy();

    await page.goto(`/cases/${target!.id}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('tab', { name: '文书' }).click();
    const docs = page.getByTestId('case-documents');
    // The decision was issued by its step; the stage's other documents are offered as buttons: a 责令改正通知书.
    await docs.getByTestId('other-documents').waitFor();
    await docs.getByTestId('doc-make-correction_order').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();

    // The new row carries the verify link of this issue (the code is shown once, to the issuer).
    const verifyLink = docs.getByTestId('issued-documents').locator('a[href^="/verify/"]').first();
    await verifyLink.waitFor();
    const href = await verifyLink.getAttribute('href');
    expect(href).toMatch(/^\/verify\/[0-9a-f-]{36}\?c=[A-Z0-9]{10}$/);

    const row = docs.getByTestId('issued-documents').locator('tr', { has: page.locator('a[href^="/verify/"]') });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /下载/ }).click()]);
    const pdfPath = await download.path();
    expect(pdfPath).toBeTruthy();
    const fs = await import('node:fs');
    expect(fs.readFileSync(pdfPath!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Anyone holding the QR code: a fresh page without the officer's session.
    await context.clearCookies();
    await page.goto(href!);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toContain('责令（限期）改正通知书');

    // The wrong code is not a genuine document.
    await page.goto(href!.replace(/c=.*/, 'c=AAAAAAAAAA'));
    await page.getByTestId('verify-page').waitFor();
    await expect.poll(async () => page.getByTestId('verify-result').count()).toBe(0);

    // The squad leader voids it (not served yet) with the reason; the verify page then says it is void.
    const docId = /\/verify\/([0-9a-f-]{36})/.exec(href!)![1]!;
    await login(page, 'pd_ljz_leader');
    await page.getByTestId('header-user-name').waitFor();
    await page.goto(`/cases/${target!.id}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('tab', { name: '文书' }).click();
    await page.getByTestId(`doc-withdraw-${docId}`).click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('textarea').fill('文书内容有误，重新制作');
    const withdrawn = page.waitForResponse((r) => r.url().endsWith(`/api/v1/documents/${docId}/withdraw`), { timeout: 60_000 });
    await dialog.locator('.ant-btn-dangerous.ant-btn-primary').click();
    // The answer (its status and body when it is not 200), then the row as the reloaded tab lists it.
    const answer = await withdrawn;
    expect(answer.ok() ? answer.status() : `${answer.status()} ${await answer.text()}`).toBe(200);
    await page.getByTestId(`doc-withdraw-${docId}`).waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('issued-documents').getByText('已作废').first().waitFor({ timeout: 60_000 });
    await context.clearCookies();
    await page.goto(href!);
    await page.getByTestId('verify-result').waitFor();
    expect(await page.getByTestId('verify-result').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('verify-result').textContent()).toContain('作废');
  });
});

describe('under the security headers', () => {
  it('logged no Content-Security-Policy violation on any page of this file', () => {
    expect(session().cspViolations).toEqual([]);
  });
});
