import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, CaseListItem, MessageItem, PageOf } from '@chengguan/contracts';
import { DEMO_PASSWORD, useSession } from './browser.ts';

// The party's portal (issue 5) on a 390 px phone: he types the 文号 of his 事先告知书, the code comes by SMS (read here
// through the administrators' outbox API, as the local provider sends nothing), he sees his statement deadline and
// submits his statement and defence.

const baseUrl = inject('baseUrl');
const PHONE = { width: 390, height: 844 };

const session = useSession(baseUrl, PHONE);

async function apiAs<T>(page: Page, username: string, path: string): Promise<T> {
  const login = await page.request.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
    // A write with the browser's cookies names its origin, as the console's own pages do (the server checks it).
    headers: { Origin: baseUrl },
  });
  expect(login.status(), await login.text()).toBe(200);
  const res = await page.request.get(path);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

/** A demo case whose prior notice is served and whose statement period is still open, with its notice number. */
async function noticedCase(page: Page): Promise<{ id: string; number: string }> {
  const list = await apiAs<PageOf<CaseListItem>>(page, 'pd_ljz_01', '/api/v1/cases?state=prior_notice_served&pageSize=50');
  for (const c of list.items) {
    const res = await page.request.get(`/api/v1/cases/${c.id}`);
    const detail = (await res.json()) as CaseDetail;
    const n = detail.documents.find((d) => d.docType === 'prior_notice');
    const statement = detail.deadlines.find((d) => d.kind === 'statement');
    if (n && statement?.state === 'running') return { id: c.id, number: n.number };
  }
  throw new Error('no demo case with an open statement period');
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const [scroll, client] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [
    number,
    number,
  ];
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('当事人门户 on a phone', () => {
  it('logs in with the document number and the SMS code, sees the deadline and submits a statement', async () => {
    const { page } = session();
    const target = await noticedCase(page);
    // The officer's console session is not the party's: start the portal without it.
    await page.context().clearCookies();

    await page.goto('/portal');
    await page.getByTestId('portal-document-number').fill(target.number);
    await page.getByTestId('portal-send-code').click();
    await page.getByTestId('portal-code-notice').waitFor();
    await noHorizontalScroll(page);

    const outbox = await apiAs<PageOf<MessageItem>>(page, 'admin', `/api/v1/messages?purpose=otp&caseId=${target.id}&pageSize=1`);
    const code = /验证码为 (\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1];
    expect(code, 'one-time code in the outbox').toBeTruthy();

    await page.getByTestId('portal-code').fill(code!);
    await page.getByTestId('portal-login').click();
    const deadline = page.getByTestId('portal-deadline-statement');
    await deadline.waitFor();
    await expect.poll(() => deadline.textContent()).toMatch(/陈述、申辩期限[\s\S]*剩余 \d+ 天|今天截止/);
    await expect.poll(() => page.getByTestId('portal-state').textContent()).toContain('陈述、申辩');
    await noHorizontalScroll(page);

    await page.getByTestId('portal-statement-content').fill('我已于次日将垃圾分类驳运到位，请求从轻处理。');
    await page.getByTestId('portal-statement-submit').click();
    await page.getByTestId('portal-statement-done').waitFor();
    await expect.poll(() => deadline.textContent()).toContain('已办理');
    await noHorizontalScroll(page);

    // The officer sees the statement, taken through the portal.
    const detail = await apiAs<CaseDetail>(page, 'pd_ljz_01', `/api/v1/cases/${target.id}`);
    const ev = detail.timeline.find((e) => e.action === 'recordStatement');
    expect(ev?.data).toMatchObject({ channel: 'portal' });
  });

  it('pays the fine of a served decision through the sandbox; the signed callback books it on the case', async () => {
    const { page } = session();
    // A demo case with a served decision still inside its payment period (G1), and its decision number.
    const list = await apiAs<PageOf<CaseListItem>>(page, 'pd_ljz_01', '/api/v1/cases?state=decision_served&pageSize=50');
    let target: { id: string; number: string } | null = null;
    for (const c of list.items) {
      const detail = (await (await page.request.get(`/api/v1/cases/${c.id}`)).json()) as CaseDetail;
      const n = detail.documents.find((d) => d.docType === 'decision');
      if (n && detail.deadlines.find((d) => d.kind === 'payment')?.state === 'running') target = { id: c.id, number: n.number };
    }
    expect(target, 'a demo decision awaiting payment').toBeTruthy();
    await page.context().clearCookies();

    await page.goto('/portal');
    await page.getByTestId('portal-document-number').fill(target!.number);
    await page.getByTestId('portal-send-code').click();
    await page.getByTestId('portal-code-notice').waitFor();
    const outbox = await apiAs<PageOf<MessageItem>>(page, 'admin', `/api/v1/messages?purpose=otp&caseId=${target!.id}&pageSize=1`);
    const code = /验证码为 (\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1];
    expect(code, 'one-time code in the outbox').toBeTruthy();
    await page.getByTestId('portal-code').fill(code!);
    await page.getByTestId('portal-login').click();

    const due = page.getByTestId('portal-amount-due');
    await due.waitFor();
    await expect.poll(() => due.textContent()).toMatch(/2,?000/);
    expect(await page.getByTestId('portal-sandbox').textContent()).toContain('沙箱');
    await noHorizontalScroll(page);
    await page.getByTestId('portal-pay').click();

    // The provider's hosted page (the local sandbox, labelled as such).
    await page.waitForURL(/\/sandbox-pay\//);
    expect(await page.getByTestId('sandbox-notice').textContent()).toContain('沙箱');
    await page.getByTestId('sandbox-confirm').click();
    await page.locator('.ant-result-success').waitFor();

    // The worker delivers the signed callback; the case records the payment (channel payment).
    await apiAs<CaseDetail>(page, 'pd_ljz_01', `/api/v1/cases/${target!.id}`);
    await expect
      .poll(
        async () => {
          const d = (await (await page.request.get(`/api/v1/cases/${target!.id}`)).json()) as CaseDetail;
          return d.timeline.some((e) => e.action === 'recordPayment');
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
  });

  it('the public disclosure page answers without a login and fits the phone', async () => {
    const { page } = session();
    await page.context().clearCookies();
    await page.goto('/disclosure');
    await page.getByTestId('disclosure-public').waitFor();
    await noHorizontalScroll(page);
  });
});

describe('under the security headers', () => {
  it('logged no Content-Security-Policy violation on any page of this file', () => {
    expect(session().cspViolations).toEqual([]);
  });
});
