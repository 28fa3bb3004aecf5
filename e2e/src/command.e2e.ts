import { describe, expect, inject, it } from 'vitest';
import type { TicketDetail } from '@chengguan/contracts';
import { useSession } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 综合指挥 in the browser: the command centre takes in a 12345 ticket, finds it in the queue beside the map (its
// point, the squads' areas), accepts it from the queue and transfers it to 花木 with a reason.

const baseUrl = inject('baseUrl');
const LJZ = { lon: 121.512, lat: 31.237, crs: 'wgs84' };

describe('command centre', () => {
  const session = useSession(baseUrl);

  it('shows the queue beside the map; accept and transfer from the queue', async () => {
    const { page } = session();
    await signIn(page, 'pd_command');
    const stamp = Date.now();
    const res = await page.request.post('/api/v1/tickets', {
      data: {
        channel: 'hotline_12345',
        externalNo: `CMD-E2E-${stamp}`,
        categoryCode: 'JM01',
        content: `银城中路无证设摊，指挥测试${stamp}`,
        address: '上海市浦东新区银城中路8号',
        point: LJZ,
        reporterPhone: '13800005678',
      },
      headers: { 'Idempotency-Key': `e2e-${stamp}-command`, Origin: baseUrl },
    });
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as TicketDetail;

    await page.goto('/command');
    await page.getByTestId('command-page').waitFor();
    const map = page.getByTestId('command-map');
    await map.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="command-map"]');
      return el?.getAttribute('data-map-failed') === 'true' || Number(el?.getAttribute('data-points') ?? '0') > 0;
    });
    if ((await map.getAttribute('data-map-failed')) !== 'true') {
      expect(Number(await map.getAttribute('data-areas'))).toBeGreaterThan(0);
    }
    await page.getByTestId('command-queue').waitFor();
    await page.getByPlaceholder('编号、地址或内容').fill(ticket.number);
    await page.getByPlaceholder('编号、地址或内容').press('Enter');
    const row = page.locator('tr', { has: page.getByTestId('command-ticket-link').filter({ hasText: ticket.number }) });
    await row.waitFor();

    const accepted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticket.id}/accept`));
    await row.getByTestId('command-accept').click();
    expect((await accepted).status()).toBe(200);
    await row.getByTestId('command-transfer').waitFor();
    await row.getByTestId('command-transfer').click();
    await page.getByTestId('command-transfer-org').click();
    await page.locator('.ant-select-item-option', { hasText: '花木街道中队' }).click();
    await page.getByTestId('command-reason').fill('点位位于花木街道辖区');
    const transferred = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticket.id}/transfer`));
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await transferred).status()).toBe(200);
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-testid="command-queue"] tr')].some(
          (tr) => tr.textContent?.includes(n) && tr.textContent.includes('花木街道中队'),
        ),
      ticket.number,
    );
  });
});
