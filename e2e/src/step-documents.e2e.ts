import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, CaseDocumentsAnswer, Officer, PageOf, ServiceOverview } from '@chengguan/contracts';
import { CASE_ACTION_ROUTES } from '@chengguan/contracts';
import { apiGet, useSession } from './browser.ts';
import { ensureTicketRange, fillSummary, idCardNumber, issueFilledTicket, officerName, ORDINARY_OFFENCE, signIn } from './case-helpers.ts';

// Documents at the step: the squad leader approves the filing and the 文书 tab lists the 立案审批表 as made, opened
// as a PDF; on a phone, the 当场 ticket's result page prints its decision and hands it over — the party signs on the
// screen and a direct 送达 is recorded.

const baseUrl = inject('baseUrl');

/** The day the console's date pickers start on (the browser's own date), so the steps' dates agree with them. */
const browserToday = (page: Page) => page.evaluate<string>('new Date().toLocaleDateString("en-CA")');

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const r = await page.request.post(path, { data, headers: { Origin: baseUrl } });
  expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
  return (await r.json()) as T;
}

/** Waits for the PDF a click opens in a new window: the frozen document fetched with the session, and the window. */
async function opensPdf(page: Page, click: () => Promise<void>): Promise<void> {
  const [res, popup] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/documents\/[0-9a-f-]{36}\/pdf$/.test(r.url())),
    page.context().waitForEvent('page'),
    click(),
  ]);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  // The page consumed the body into its blob; the same document read again is the frozen PDF.
  const again = await page.request.get(new URL(res.url()).pathname);
  expect((await again.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(popup.url()).toMatch(/^blob:/);
  await popup.close();
}

async function officerId(page: Page, username: string): Promise<string> {
  const found = await apiGet<PageOf<Officer>>(page, `/api/v1/officers?q=${username}&pageSize=5`);
  return found.items.find((o) => o.username === username)!.id;
}

const noSidewaysScroll = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

describe('批准立案 makes the 立案审批表', () => {
  const session = useSession(baseUrl, { width: 1440, height: 900 });
  let caseId = '';

  it(
    'the leader approves the filing; the 文书 tab shows the 立案审批表 made, with its number, and opens the PDF',
    { timeout: 180_000 },
    async () => {
      const { page } = session();
      await signIn(page, 'pd_ljz_01');
      const today = await browserToday(page);
      const officerIds = await Promise.all(['pd_ljz_01', 'pd_ljz_03'].map((u) => officerId(page, u)));
      const c = await post<CaseDetail>(page, '/api/v1/cases', {
        date: today,
        discoveredOn: today,
        source: 'patrol',
        offenceCode: ORDINARY_OFFENCE.code,
        party: {
          type: 'natural_person',
          name: '孙八',
          idType: 'id_card',
          idNumber: idCardNumber(),
          address: '上海市浦东新区银城中路100号',
        },
        act: { actDate: today },
        location: '浦东新区银城中路100号',
        facts: '巡查发现管理责任人未将分类投放的生活垃圾分类驳运。',
        officerIds,
      });
      caseId = c.id;
      await post(page, `/api/v1/cases/${caseId}/${CASE_ACTION_ROUTES.submitFiling.path}`, { date: today });

      await signIn(page, 'pd_ljz_leader');
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
      // Before the approval the stage needs the form, not made yet.
      await page.getByRole('tab', { name: '文书' }).click();
      const item = page.getByTestId('stage-doc-filing_approval');
      await item.waitFor();
      expect(await item.getAttribute('data-made')).toBe('false');

      await page.getByTestId('case-action-btn-approveFiling').click();
      await page.getByTestId('case-action-drawer').waitFor();
      const done = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}/approve-filing`));
      await page.getByTestId('case-action-submit').click();
      const approved = await done;
      expect(approved.status(), await approved.text()).toBe(200);
      await expect.poll(() => page.getByTestId('case-loaded').getAttribute('data-state')).toBe('investigating');

      await page.getByRole('tab', { name: '文书' }).click();
      await expect.poll(() => page.getByTestId('stage-doc-filing_approval').getAttribute('data-made')).toBe('true');
      const caseNumber = (await apiGet<CaseDetail>(page, `/api/v1/cases/${caseId}`)).caseNumber!;
      expect(await item.textContent()).toContain('立案审批表');
      expect(await item.textContent()).toContain(caseNumber);
      expect(await item.textContent()).toContain('《中华人民共和国行政处罚法》第五十四条');
      expect(await item.textContent()).not.toContain('Art.');
      // The issued list holds it too; the old "no documents yet" is gone.
      expect(await page.getByTestId('issued-documents').textContent()).toContain(caseNumber);
      await opensPdf(page, () => page.getByTestId('doc-open-filing_approval').click());
    },
  );

  it('the 文书 tab fits a 390×844 phone with no sideways scrolling', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
    await page.getByRole('tab', { name: '文书' }).click();
    await page.getByTestId('stage-doc-filing_approval').waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    const answer = await apiGet<CaseDocumentsAnswer>(page, `/api/v1/cases/${caseId}/documents`);
    expect(answer.stage.map((d) => d.kind)).toEqual(['filing_approval', 'inspection_record']);
  });
});

describe('the 当场 ticket: print and hand-over on a phone', () => {
  const session = useSession(baseUrl, { width: 390, height: 844 });
  beforeAll(async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_leader');
    await ensureTicketRange(page, baseUrl);
  });

  it('prints the issued decision and records the hand-over with the party’s signature (送达)', { timeout: 300_000 }, async () => {
    const { page } = session();
    const leaderName = await officerName(page, 'pd_ljz_leader');
    await signIn(page, 'pd_ljz_01');
    await fillSummary(page, '50', leaderName);
    const detail = await issueFilledTicket(page, baseUrl, { officer: 'pd_ljz_01', fineYuan: '50' });

    await page.getByTestId('ticket-print').waitFor();
    await opensPdf(page, () => page.getByTestId('ticket-print').click());

    await page.getByTestId('ticket-handover-open').click();
    const pad = page.getByTestId('ticket-signature');
    // The dialog opens with an animation: draw once the pad stands still.
    await pad.hover();
    expect(await page.getByTestId('ticket-recipient').inputValue()).toBe('张三');
    // Wait until the pad's box stops moving (the dialog's opening animation), then draw inside it.
    let box = (await pad.boundingBox())!;
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(100);
      const next = (await pad.boundingBox())!;
      if (next.x === box.x && next.y === box.y && next.width === box.width) break;
      box = next;
    }
    await page.mouse.move(box.x + 20, box.y + 40);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + 40 + (i % 2) * 30, { steps: 4 });
    await page.mouse.up();
    const served = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${detail.id}/services`) && r.request().method() === 'POST', {
      timeout: 90_000,
    });
    await page.getByTestId('ticket-handover-submit').click();
    // The answer, or the console's message when it refused to send (no signature drawn, an upload refused …).
    // (not the ticket's own 「当场处罚决定已作出」, which may still be on screen)
    const notice = page.locator('.ant-message-notice').filter({ hasNotText: '当场处罚决定已作出' }).first();
    const outcome = await Promise.race([
      served.then((r) => `HTTP ${r.status()}`),
      notice.waitFor({ timeout: 90_000 }).then(async () => `message: ${await notice.textContent()}`),
    ]);
    await page.screenshot({ path: '/tmp/ticket-handover-phone.png', fullPage: true });
    expect(outcome).toBe('HTTP 201');
    await page.getByTestId('ticket-served').waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);

    const overview = await apiGet<ServiceOverview>(page, `/api/v1/cases/${detail.id}/services`);
    const record = overview.services.find((x) => x.documentKind === 'summary_decision')!;
    expect(record).toMatchObject({ method: 'direct', status: 'served', recipientName: '张三' });
    expect(record.signatureSm3).toMatch(/^[0-9a-f]{64}$/);
    expect(record.receiptDocumentId).not.toBeNull();
  });
});
