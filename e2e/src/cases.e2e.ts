import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, Me, Officer, PageOf, SummaryTicketRange } from '@chengguan/contracts';
import { apiGet, login, openBrowser, type Session } from './browser.ts';

// Online case handling (issue 4) in the browser: the summary ticket on a phone-sized screen, its refusal outside
// rule B1, and an ordinary case from registration to the decision, each step taken by the officer whose role it is.

const baseUrl = inject('baseUrl');
// 个人混合投放生活垃圾，拒不改正 (《上海市生活垃圾管理条例》第57条第2款): 50–200 元 after an order to correct was refused.
const SUMMARY_OFFENCE = { code: 'SH-LJ-57-2', search: '混合投放' };
// 管理责任人未分类驳运生活垃圾 (第57条第4款): 500–5,000 元, ordinary procedure.
const ORDINARY_OFFENCE = { code: 'SH-LJ-57-4', search: '驳运' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A valid 18-digit 居民身份证号 (GB 11643-1999: ISO 7064 MOD 11-2 check character), unique per call. */
let idSeq = Date.now() % 900;
function idCardNumber(): string {
  const first17 = `31011519900307${String(100 + (idSeq++ % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'include' }).catch(() => undefined));
  await login(page, username);
  await page.getByTestId('header-user-name').waitFor();
}

/** B2: the squad needs pre-numbered decision forms; the squad leader assigns a range when the demo data has none. */
async function ensureTicketRange(page: Page): Promise<void> {
  const me = await apiGet<Me>(page, '/api/v1/me');
  const ranges = await apiGet<SummaryTicketRange[]>(page, '/api/v1/summary-ticket-ranges');
  if (ranges.some((r) => r.orgId === me.orgId && !r.exhausted)) return;
  const res = await page.request.post('/api/v1/summary-ticket-ranges', {
    data: { orgId: me.orgId, prefix: '沪浦城管当罚E2E', firstNumber: 1, lastNumber: 9999 },
    headers: { Origin: baseUrl },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function officerName(page: Page, username: string): Promise<string> {
  const found = await apiGet<PageOf<Officer>>(page, `/api/v1/officers?q=${username}&pageSize=5`);
  const o = found.items.find((x) => x.username === username);
  if (!o) throw new Error(`no officer ${username}`);
  return o.name;
}

/** Opens an antd Select whose input has `inputId`, types, and picks the first option containing `option`. */
async function pick(page: Page, inputId: string, typed: string, option: string): Promise<void> {
  await page.locator(`.ant-select:has(#${inputId})`).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

async function fillSummary(page: Page, fineYuan: string, secondOfficer: string): Promise<void> {
  await page.goto('/summary');
  await page.getByTestId('summary-form').waitFor();
  await pick(page, 'summary_offenceCode', SUMMARY_OFFENCE.search, SUMMARY_OFFENCE.code);
  // The norm fines only after a refused order to correct (E10): the officer records both facts.
  await page.getByTestId('summary-correctionOrdered').check();
  await page.getByTestId('summary-refusedToCorrect').check();
  await page.locator('#summary_partyName').fill('张三');
  await page.locator('#summary_idNumber').fill(idCardNumber());
  await page.locator('#summary_location').fill('浦东新区陆家嘴环路1000号');
  await page.locator('#summary_facts').fill('当事人将湿垃圾与干垃圾混合投放，经责令改正后拒不改正。');
  await page.getByTestId('summary-photos-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
  await page.getByTestId('file-sm3').first().waitFor();
  expect(await page.getByTestId('file-sm3').first().getAttribute('data-sm3')).toMatch(/^[0-9a-f]{64}$/);
  await pick(page, 'summary_secondOfficerId', secondOfficer, secondOfficer);
  await page.locator('#summary_fineYuan').fill(fineYuan);
  await page.screenshot({ path: '/tmp/summary-phone-form.png', fullPage: true });
}

describe('summary ticket on a phone (390×844)', () => {
  let s: Session;
  let leaderName = '';
  beforeAll(async () => {
    s = await openBrowser(baseUrl, { width: 390, height: 844 });
    await signIn(s.page, 'pd_ljz_leader');
    await ensureTicketRange(s.page);
    await signIn(s.page, 'pd_ljz_01');
    leaderName = await officerName(s.page, 'pd_ljz_leader');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('issues a 100 元 ticket to a natural person and shows the numbered decision with the review-first remedy', async () => {
    const { page } = s;
    await fillSummary(page, '100', leaderName);
    const issued = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary') && r.request().method() === 'POST');
    await page.getByTestId('summary-submit').click();
    const res = await issued;
    expect(res.status(), await res.text()).toBeLessThan(300);
    expect(res.request().headers()['idempotency-key']).toBeTruthy();
    const detail = (await res.json()) as CaseDetail;

    const result = page.getByTestId('summary-result');
    await result.waitFor();
    const number = (await page.getByTestId('summary-decision-number').textContent())?.trim() ?? '';
    expect(number.length).toBeGreaterThan(3);
    expect(number).toBe(detail.summary?.serialNumber);
    expect(await result.getAttribute('data-state')).toBe('summary_decided');
    expect(await page.getByTestId('summary-penalty').textContent()).toContain('100.00');
    expect(await page.getByTestId('summary-remedy').textContent()).toMatch(/先.*申请行政复议/);
    // Nothing sticks out sideways on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(392);
    await page.screenshot({ path: '/tmp/summary-phone.png', fullPage: true });
  });

  it('refuses 201 元 for a natural person with rule B1 shown', async () => {
    const { page } = s;
    await fillSummary(page, '201', leaderName);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary') && r.request().method() === 'POST');
    await page.getByTestId('summary-submit').click();
    const res = await refused;
    expect(res.status()).toBeGreaterThanOrEqual(400);
    expect(res.status()).toBeLessThan(500);
    const alert = page.getByTestId('case-rule-error');
    await alert.waitFor();
    expect(await page.getByTestId('case-rule-id').getAttribute('data-rule')).toBe('B1');
    // The refusal cites the statute in the Chinese form; the rule ID is only the hover detail.
    expect(await page.getByTestId('case-rule-message').textContent()).toContain('《中华人民共和国行政处罚法》第五十一条');
    expect(await alert.textContent()).not.toMatch(/Art\.|\bB1\b/);
    expect(await page.getByTestId('summary-result').count()).toBe(0);
    await page.waitForTimeout(1000); // the page scrolls the refusal into view
    await page.screenshot({ path: '/tmp/summary-phone-b1.png' });
  });
});

describe('ordinary case up to the decision', () => {
  let s: Session;
  let caseId = '';
  beforeAll(async () => {
    s = await openBrowser(baseUrl);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Opens the case page and takes one action through its drawer; `fill` completes the action's form. */
  async function act(action: string, fill?: (page: Page) => Promise<void>, expectState?: string): Promise<void> {
    const { page } = s;
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
    const button = page.getByTestId(`case-action-btn-${action}`);
    await button.waitFor();
    expect(await button.isEnabled(), `${action} should be allowed: ${await page.getByTestId('case-actions').textContent()}`).toBe(true);
    await button.click();
    const drawer = page.getByTestId('case-action-drawer');
    await drawer.waitFor();
    if (fill) await fill(page);
    const done = page.waitForResponse((r) => r.url().includes(`/api/v1/cases/${caseId}/`) && r.request().method() === 'POST');
    await page.getByTestId('case-action-submit').click();
    const res = await done;
    expect(res.status(), `${action}: ${await res.text()}`).toBeLessThan(300);
    await drawer.waitFor({ state: 'hidden' });
    if (expectState) await expect.poll(() => page.getByTestId('case-loaded').getAttribute('data-state')).toBe(expectState);
  }

  it('registers the case as pd_ljz_01 and submits it for filing', async () => {
    const { page } = s;
    await signIn(page, 'pd_ljz_01');
    await page.goto('/cases/new');
    await page.getByTestId('case-register-page').waitFor();
    await pick(page, 'caseRegister_offenceCode', ORDINARY_OFFENCE.search, ORDINARY_OFFENCE.code);
    await page.locator('#caseRegister_partyName').fill('李四');
    await page.locator('#caseRegister_idNumber').fill(idCardNumber());
    await page.locator('#caseRegister_location').fill('浦东新区银城中路100号');
    await page.locator('#caseRegister_facts').fill('巡查发现管理责任人未将分类投放的生活垃圾分类驳运。');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST');
    await page.getByTestId('register-submit').click();
    const res = await created;
    expect(res.status(), await res.text()).toBeLessThan(300);
    caseId = ((await res.json()) as CaseDetail).id;
    await page.waitForURL(`**/cases/${caseId}`);
    expect(await page.getByTestId('case-state').getAttribute('data-state')).toBe('registered');

    await act('submitFiling', undefined, 'filing_pending');
  });

  it('is approved for filing by the squad leader', async () => {
    await signIn(s.page, 'pd_ljz_leader');
    await act('approveFiling', undefined, 'investigating');
    expect((await s.page.getByTestId('case-number').textContent())?.trim()).not.toBe('（未立案）');
  });

  it("records the party's recusal request (A8) while the investigation goes on", async () => {
    const { page } = s;
    await page.goto(`/cases/${caseId}`);
    await page.getByTestId('case-loaded').waitFor({ state: 'attached' });
    await page.getByTestId('case-recusal').click();
    await page.locator('.ant-select:has(#recusal_officerId)').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('#recusal_reason').fill('当事人称该执法人员与其有利害关系');
    const done = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}/recusals`));
    await page.getByTestId('recusal-submit').click();
    const res = await done;
    expect(res.status(), await res.text()).toBe(200);
    await expect.poll(() => page.getByTestId('case-loaded').getAttribute('data-state')).toBe('investigating');
  });

  it('gets evidence with its SM3 hash and the investigation concluded by the officer', async () => {
    const { page } = s;
    await signIn(page, 'pd_ljz_01');
    await act('addEvidence', async (p) => {
      await pick(p, 'caseAction_evidenceType', '视听', '视听资料');
      await p.locator('#caseAction_title').fill('现场照片');
      await p.getByTestId('field-fileSm3-input').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: PNG });
      await p.getByTestId('case-action-drawer').getByTestId('file-sm3').waitFor();
    });
    await page.getByTestId('case-tabs').getByText('证据').click();
    expect(await page.getByTestId('evidence-sm3').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    await act('concludeInvestigation', undefined, 'investigation_concluded');
  });

  it('is reviewed by the leader with a proposed fine of 1,000 元', async () => {
    await signIn(s.page, 'pd_ljz_leader');
    await act(
      'reviewCase',
      async (p) => {
        await p.locator('.ant-select:has([data-testid="penalty-types"]), [data-testid="penalty-types"]').first().click();
        await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '罚款' }).first().click();
        await p.keyboard.press('Escape');
        await p.locator('[data-testid="penalty-fine"] input, input[data-testid="penalty-fine"]').first().fill('1000');
      },
      'case_reviewed',
    );
  });

  it('gets the prior notice served and the statement waived by the officer', async () => {
    await signIn(s.page, 'pd_ljz_01');
    await act('issuePriorNotice', undefined, 'prior_notice_served');
    await act('waiveStatement');
  });

  it('is decided by the bureau leader; the state and the timeline show every step', async () => {
    const { page } = s;
    await signIn(page, 'pd_leader');
    await act('decide', undefined, 'decided');
    expect(await page.getByTestId('case-state').textContent()).toBe('已作出决定');
    await page.getByTestId('case-tabs').getByText('时间线').click();
    const actions = await page.getByTestId('timeline-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    for (const a of [
      'register',
      'submitFiling',
      'approveFiling',
      'recusal',
      'addEvidence',
      'concludeInvestigation',
      'reviewCase',
      'issuePriorNotice',
      'waiveStatement',
      'decide',
    ]) {
      expect(actions, a).toContain(a);
    }
    const timeline = await page.getByTestId('case-timeline').textContent();
    expect(timeline).toContain(await officerName(page, 'pd_ljz_leader'));
    await page.getByTestId('case-tabs').getByText('文书').click();
    expect(await page.getByTestId('case-documents').textContent()).toContain('行政处罚决定书');
  });
});
