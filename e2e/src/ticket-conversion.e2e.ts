import { describe, expect, inject, it } from 'vitest';
import type { TicketDetail } from '@chengguan/contracts';
import { useSession } from './browser.ts';
import { idCardNumber, signIn } from './case-helpers.ts';

// 诉转案 in the browser: the command centre takes in a 12345 complaint about mixed household waste and dispatches it to
// 陆家嘴; the officer starts handling it, opens 转为案件 on the ticket page — the drawer is prefilled with the place, the
// receipt and the category's usual offence — enters the party and registers the case; the ticket links to the case
// and the case page back to its source ticket.

const baseUrl = inject('baseUrl');
const LJZ = { lon: 121.51, lat: 31.236, crs: 'wgs84' };

describe('诉转案', () => {
  const session = useSession(baseUrl);

  it('an officer converts a ticket into a case from the ticket page; ticket and case link both ways', async () => {
    const { page } = session();
    const stamp = Date.now();
    const headers = (k: string) => ({ 'Idempotency-Key': `e2e-${stamp}-${k}`, Origin: baseUrl });
    await signIn(page, 'pd_command');
    const res = await page.request.post('/api/v1/tickets', {
      data: {
        channel: 'hotline_12345',
        externalNo: `E2E-CONV-${stamp}`,
        categoryCode: 'SR02',
        content: '小区门口餐馆厨余垃圾与其他垃圾混合投放',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: LJZ,
        reporterPhone: '13800004321',
      },
      headers: headers('intake'),
    });
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as TicketDetail;
    expect((await page.request.post(`/api/v1/tickets/${ticket.id}/accept`, { data: {}, headers: headers('accept') })).status()).toBe(200);
    const dispatched = await page.request.post(`/api/v1/tickets/${ticket.id}/dispatch`, {
      data: { orgId: ticket.orgId },
      headers: headers('dispatch'),
    });
    expect(dispatched.status()).toBe(200);

    await signIn(page, 'pd_ljz_01');
    expect((await page.request.post(`/api/v1/tickets/${ticket.id}/start`, { data: {}, headers: headers('start') })).status()).toBe(200);
    await page.goto(`/tickets/${ticket.id}`);
    await page.getByTestId('ticket-page').waitFor();
    await page.getByTestId('ticket-action-convertToCase').click();
    const drawer = page.getByTestId('ticket-convert-drawer');
    await drawer.waitFor();
    expect(await drawer.textContent()).toContain('上海市浦东新区陆家嘴环路1000号');
    expect(await page.locator('#ticketConvert_facts').inputValue()).toContain(ticket.number);

    // Without the party the form stops at the field; then the officer fills it in and registers.
    await page.getByTestId('ticket-convert-submit').click();
    await page.locator('#ticketConvert_partyName_help, .ant-form-item-has-error').first().waitFor();
    await page.locator('#ticketConvert_partyName').fill('李四');
    await page.locator('#ticketConvert_idNumber').fill(idCardNumber());
    const converted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticket.id}/case`));
    await page.getByTestId('ticket-convert-submit').click();
    expect((await converted).status()).toBe(201);
    const link = page.getByTestId('ticket-case-link');
    await link.waitFor();
    await link.click();
    await page.waitForURL('**/cases/*');
    const source = page.getByTestId('case-source-ticket');
    await source.waitFor();
    expect(await source.textContent()).toContain(ticket.number);
  });
});
