import { describe, expect, inject, it } from 'vitest';
import type { CaseListItem, CasePayments, Checkout, PageOf } from '@chengguan/contracts';
import { apiGet, login, useSession } from './browser.ts';

// 缴款 (payments that cannot over-book): an officer opens a checkout twice; the first is cancelled at the sandbox and
// its cashier page says so and offers no payment; the case tab and the 多缴错缴款 page say plainly that payments go
// to the local sandbox (the embedded demo runs with PAYMENT_SANDBOX on).

const baseUrl = inject('baseUrl');
const session = useSession(baseUrl);

describe('缴款', () => {
  it('a second checkout cancels the first: its cashier refuses it; the console says payments go to the sandbox', async () => {
    const { page } = session();
    await login(page, 'pd_ljz_01');
    await page.getByTestId('header-user-name').waitFor();
    const list = await apiGet<PageOf<CaseListItem>>(page, '/api/v1/cases?state=decision_served&pageSize=50');
    let caseId: string | null = null;
    for (const c of list.items) {
      if ((await apiGet<CasePayments>(page, `/api/v1/cases/${c.id}/payments`)).summary.payable) caseId = c.id;
    }
    expect(caseId, 'a demo decision awaiting payment').toBeTruthy();
    const open = async () => {
      // A write with the browser's cookies names its origin, as the console's own pages do.
      const r = await page.request.post(`/api/v1/cases/${caseId}/payments/checkout`, { data: {}, headers: { Origin: baseUrl } });
      expect(r.status(), await r.text()).toBe(200);
      return (await r.json()) as Checkout;
    };
    const first = await open();
    const second = await open();
    expect(second.checkoutId).not.toBe(first.checkoutId);

    await page.goto(first.checkoutUrl);
    await page.getByTestId('sandbox-cancelled').waitFor();
    expect(await page.getByTestId('sandbox-status').textContent()).toBe('已作废');
    expect(await page.getByTestId('sandbox-confirm').count()).toBe(0);

    await page.goto(`/cases/${caseId}`);
    await page.getByRole('tab', { name: '缴款' }).click();
    const notice = page.getByTestId('payments-summary').getByTestId('payment-channel-sandbox');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('本地沙箱');

    await page.goto('/overpayments');
    await page.getByTestId('overpayments-page').getByTestId('payment-channel-sandbox').waitFor();
    expect(await page.getByTestId('overpayments-total').textContent()).toMatch(/合计/);
  });
});
