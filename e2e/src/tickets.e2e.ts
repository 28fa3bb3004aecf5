import { describe, expect, inject, it } from 'vitest';
import type { TicketDetail } from '@chengguan/contracts';
import { useSession } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 诉件 in the browser: a 陆家嘴 officer files his own discovery, finds it under 我的诉件 with its countdown, opens the
// ticket page and replies; the clock shows the limit met and the timeline the reply. The command centre's list shows
// a 12345 ticket it took in, routed to 陆家嘴 by its point.

const baseUrl = inject('baseUrl');
const LJZ = { lon: 121.51, lat: 31.236, crs: 'wgs84' };

describe('tickets', () => {
  const session = useSession(baseUrl);

  it('an officer replies to his own ticket from 我的诉件; the countdown turns to 按期完成', async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_01');
    const stamp = Date.now();
    const content = `银城中路人行道无证设摊，浏览器测试${stamp}`;
    const res = await page.request.post('/api/v1/tickets', {
      data: { channel: 'officer', categoryCode: 'JM01', content, address: '上海市浦东新区银城中路1号', point: LJZ },
      headers: { 'Idempotency-Key': `e2e-${stamp}-ticket`, Origin: baseUrl },
    });
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as TicketDetail;

    await page.goto('/my-tickets');
    await page.getByTestId('my-tickets-page').waitFor();
    await page.getByTestId('ticket-link').filter({ hasText: ticket.number }).click();
    await page.waitForURL(`**/tickets/${ticket.id}`);
    const clock = page.getByTestId('ticket-handling-clock');
    await clock.waitFor();
    expect(await clock.getAttribute('data-status')).toBe('running');
    expect(await clock.textContent()).toContain('个工作日');

    await page.getByTestId('ticket-action-reply').click();
    await page.locator('textarea#replyText').fill('已劝离设摊人员，现场已恢复');
    const replied = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticket.id}/reply`));
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await replied).status()).toBe(200);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="ticket-handling-clock"]')?.getAttribute('data-status') === 'met',
    );
    expect(await page.getByTestId('ticket-page').textContent()).toContain('已劝离设摊人员');
  });

  it('the command centre sees the 12345 ticket it took in, routed to 陆家嘴, with the reporter’s phone masked in the list', async () => {
    const { page } = session();
    await signIn(page, 'pd_command');
    const stamp = Date.now();
    const res = await page.request.post('/api/v1/tickets', {
      data: {
        channel: 'hotline_12345',
        externalNo: `E2E-${stamp}`,
        categoryCode: 'SR04',
        content: '饭店油烟直排，影响楼上居民',
        address: '上海市浦东新区陆家嘴环路1000号',
        point: LJZ,
        reporterPhone: '13800001234',
      },
      headers: { 'Idempotency-Key': `e2e-${stamp}-hotline`, Origin: baseUrl },
    });
    expect(res.status()).toBe(201);
    const ticket = (await res.json()) as TicketDetail;
    expect(ticket.orgName).toBe('陆家嘴街道中队');
    await page.goto('/tickets');
    await page.getByTestId('tickets-page').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('ticket-link').filter({ hasText: ticket.number }) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('138****1234');
    expect(text).toContain('待签收');
  });
});
