import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail } from '@chengguan/contracts';
import { useSession } from './browser.ts';
import {
  decideDraft,
  ensureTicketRange,
  fillSummary,
  idCardNumber,
  officerName,
  ORDINARY_OFFENCE,
  pick,
  PNG,
  signIn,
  withoutUnverifiedNote,
} from './case-helpers.ts';

// Online case handling (issue 4) in the browser: the summary ticket on a phone-sized screen, its refusal outside
// rule B1, and an ordinary case from registration to the decision, each step taken by the officer whose role it is.

const baseUrl = inject('baseUrl');

describe('summary ticket on a phone (390×844)', () => {
  const session = useSession(baseUrl, { width: 390, height: 844 });
  let leaderName = '';
  beforeAll(async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_leader');
    await ensureTicketRange(page, baseUrl);
    await signIn(page, 'pd_ljz_01');
    leaderName = await officerName(page, 'pd_ljz_leader');
  });

  it('on law marked 未核实 (E12): refused, kept as a draft, the legal reviewer confirms the article, the officer decides', async () => {
    const { page } = session();
    await fillSummary(page, '100', leaderName);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary') && r.request().method() === 'POST');
    await page.getByTestId('summary-submit').click();
    const res = await refused;
    expect(res.status()).toBe(422);
    expect(res.request().headers()['idempotency-key']).toBeTruthy();
    expect(await page.getByTestId('case-rule-id').getAttribute('data-rule')).toBe('E12');
    expect(await page.getByTestId('case-rule-message').textContent()).toContain('《中华人民共和国行政处罚法》第三十八条');
    await page.getByTestId('summary-draft-offer').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(392);
    await page.screenshot({ path: '/tmp/summary-phone-e12.png', fullPage: true });

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary-drafts') && r.request().method() === 'POST');
    await page.getByTestId('summary-save-draft').click();
    const draft = (await (await saved).json()) as CaseDetail;
    expect(draft.state).toBe('summary_draft');
    await page.waitForURL(`**/cases/${draft.id}`);
    expect(await page.getByTestId('case-law-basis').getAttribute('data-printable')).toBe('false');

    // The legal reviewer reads the article and writes it; the library's 「未核实」 wording is refused.
    await signIn(page, 'pd_legal');
    await page.goto(`/cases/${draft.id}`);
    await page.getByTestId('case-action-btn-confirmLegalBasis').click();
    const violated = page.locator('#caseAction_violatedProvision');
    expect(await violated.inputValue()).toContain('未核实');
    const first = page.waitForResponse((r) => r.url().endsWith('/legal-basis-confirmation') && r.request().method() === 'POST');
    await page.getByTestId('case-action-submit').click();
    expect((await first).status()).toBe(422);
    await page.getByTestId('case-action-drawer').getByTestId('case-rule-error').waitFor();
    await violated.fill(withoutUnverifiedNote(await violated.inputValue()));
    const penalty = page.locator('#caseAction_penaltyProvision');
    await penalty.fill(withoutUnverifiedNote(await penalty.inputValue()));
    const second = page.waitForResponse((r) => r.url().endsWith('/legal-basis-confirmation') && r.request().method() === 'POST');
    await page.getByTestId('case-action-submit').click();
    expect((await second).status()).toBe(200);
    await page.getByTestId('case-law-basis').and(page.locator('[data-printable="true"]')).waitFor();
    expect(await page.getByTestId('case-law-basis-status').textContent()).toContain('确认条文');

    // The officer takes the decision on the case page and lands on the issued decision (print, hand-over).
    await signIn(page, 'pd_ljz_01');
    const detail = await decideDraft(page, draft.id, '100');
    const result = page.getByTestId('summary-result');
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
    const { page } = session();
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
  const session = useSession(baseUrl);
  let caseId = '';

  /** Opens the case page and takes one action through its drawer; `fill` completes the action's form. */
  async function act(action: string, fill?: (page: Page) => Promise<void>, expectState?: string): Promise<void> {
    const { page } = session();
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
    const { page } = session();
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

  it("is on the squad leader's workbench as a task to approve, found by paging the set", async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_leader');
    await page.goto('/workbench');
    await page.getByTestId('workbench-tasks').waitFor();
    const task = page.locator(`[data-testid="workbench-task"][data-case-id="${caseId}"]`);
    await page.getByTestId('workbench-task').first().waitFor();
    // The set shows a page at a time: load more until the case is there or the set ends.
    for (let n = 0; n < 20 && (await task.count()) === 0; n++) {
      const more = page.getByTestId('workbench-tasks-more');
      if ((await more.count()) === 0) break;
      const before = await page.getByTestId('workbench-task').count();
      await more.click();
      await expect.poll(() => page.getByTestId('workbench-task').count()).toBeGreaterThan(before);
    }
    await task.waitFor();
    expect(await task.textContent()).toContain('批准立案');
  });

  it('is approved for filing by the squad leader', async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_leader');
    await act('approveFiling', undefined, 'investigating');
    expect((await page.getByTestId('case-number').textContent())?.trim()).not.toBe('（未立案）');
  });

  it("records the party's recusal request (A8) while the investigation goes on", async () => {
    const { page } = session();
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
    const { page } = session();
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
    await signIn(session().page, 'pd_ljz_leader');
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
    await signIn(session().page, 'pd_ljz_01');
    await act('issuePriorNotice', undefined, 'prior_notice_served');
    await act('waiveStatement');
  });

  it("passes the legal review: the reviewer's 法律职业资格 is his record's, shown set and read-only", async () => {
    const { page } = session();
    await signIn(page, 'pd_legal');
    await act(
      'completeLegalReview',
      async (p) => {
        const qualified = p.getByTestId('case-action-drawer').getByTestId('field-reviewerHasLegalQualification');
        expect(await qualified.getAttribute('aria-checked')).toBe('true');
        expect(await qualified.isDisabled()).toBe(true);
        expect(await p.getByTestId('case-action-drawer').innerText()).toContain('以您的人员档案为准');
      },
      'legal_review',
    );
  });

  it("gets the 集体讨论 recorded by the leader, the attendees chosen from the bureau's officers", async () => {
    const { page } = session();
    await signIn(page, 'pd_leader');
    const leader = await officerName(page, 'pd_leader');
    const legal = await officerName(page, 'pd_legal');
    let sent: unknown;
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/v1/cases/${caseId}/deliberation`)) sent = r.postDataJSON();
    });
    await act(
      'recordDeliberation',
      async (p) => {
        await p.locator('#caseAction_conclusion').fill('经集体讨论，同意拟处罚意见。');
        // Typed into the field's search box (a click on the field could land on a chosen name's ×).
        const field = p.locator('.ant-select:has([data-testid="field-participants"]), [data-testid="field-participants"]').first();
        for (const who of [leader, legal]) {
          await field.locator('input').first().focus();
          await p.keyboard.type(who);
          await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: who }).first().click();
          // The name is chosen once its tag stands in the field (the option list is re-drawn as the search answers).
          await field.locator('.ant-select-selection-item', { hasText: who }).first().waitFor();
        }
        await p.keyboard.press('Escape');
      },
      'deliberation',
    );
    expect(sent).toMatchObject({ participants: [leader, legal] });
  });

  it('has its 违则, marked 未核实 in the library, confirmed by the legal reviewer (E12)', async () => {
    const { page } = session();
    await signIn(page, 'pd_legal');
    await act('confirmLegalBasis', async (p) => {
      for (const id of ['#caseAction_violatedProvision', '#caseAction_penaltyProvision']) {
        const field = p.locator(id);
        await field.fill(withoutUnverifiedNote(await field.inputValue()));
      }
    });
    expect(await page.getByTestId('case-law-basis').getAttribute('data-printable')).toBe('true');
  });

  it('is decided by the bureau leader; the state and the timeline show every step', async () => {
    const { page } = session();
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
      'completeLegalReview',
      'recordDeliberation',
      'confirmLegalBasis',
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
