import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageOf, TicketSummary } from '@chengguan/contracts';
import { apiGet, useSessions } from './browser.ts';
import { PNG, signIn } from './case-helpers.ts';

// The field app with the network cut and restored (docs/field-app.md): the console installs its service worker; with
// no connection the 外勤 page still opens (app shell and the officer's reads from the last copy); a ticket with a
// photo (watermarked and hashed on the phone) waits in the outbox with its count, and is sent when the connection
// returns. An officer whose 执法证 has expired sees his queued ticket refused at sync with the reason, kept for him to
// hand over or discard.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);

/** Opens /field under the service worker's control (the first load installs it; the reload is controlled). */
async function openFieldControlled(page: Page): Promise<void> {
  await page.goto('/field');
  await page.getByTestId('field-submit').waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.getByTestId('field-submit').waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function recordTicket(page: Page, content: string): Promise<void> {
  await page.getByTestId('field-content').fill(content);
  await page.getByTestId('field-address').fill('上海市浦东新区陆家嘴环路1000号');
  await page.locator('input[type=file]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
  await expect.poll(() => page.getByTestId('field-photo-sm3').count()).toBe(1);
  await page.getByTestId('field-submit').click();
}

describe('field app offline', () => {
  it('opens without a connection, queues a ticket with a hashed photo, and sends it when the connection returns', async () => {
    const s = await openSession({ width: 390, height: 844 }, { serviceWorkers: 'allow' });
    const { page, context } = s;
    await signIn(page, 'pd_ljz_01');
    await openFieldControlled(page);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('field-offline').waitFor();
    const content = `离线巡查发现占道经营 ${Date.now()}`;
    await recordTicket(page, content);
    await expect.poll(() => page.getByTestId('field-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('field-waiting').textContent()).toContain('1');
    expect(await page.getByTestId('header-field').textContent()).toContain('1');

    await context.setOffline(false);
    await page.getByTestId('field-online').waitFor();
    await expect.poll(() => page.getByTestId('field-item').count(), { timeout: 20_000 }).toBe(0);
    const list = await apiGet<PageOf<TicketSummary>>(page, `/api/v1/tickets?q=${encodeURIComponent(content.slice(-13))}`);
    expect(list.items.map((t) => t.content)).toContain(content);
    expect(s.cspViolations).toEqual([]);
  });

  it('an expired credential is refused at sync with the reason; the record is kept to hand over', async () => {
    const s = await openSession({ width: 390, height: 844 }, { serviceWorkers: 'allow' });
    const { page, context } = s;
    await signIn(page, 'pd_ljz_02');
    await openFieldControlled(page);
    await context.setOffline(true);
    await recordTicket(page, `证件过期后离线记录 ${Date.now()}`);
    await expect.poll(() => page.getByTestId('field-item').count()).toBe(1);
    await context.setOffline(false);
    const item = page.getByTestId('field-item');
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('refused');
    expect(await page.getByTestId('field-refusal').textContent()).toMatch(/执法证/);
    const download = page.waitForEvent('download');
    await page.getByTestId('field-handover').click();
    expect((await download).suggestedFilename()).toMatch(/\.json$/);
    await expect.poll(() => item.getAttribute('data-state')).toBe('handover');
    await page.getByTestId('field-discard').click();
    await expect.poll(() => page.getByTestId('field-item').count()).toBe(0);
  });
});
