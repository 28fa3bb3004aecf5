import { withoutUnverifiedNote } from '@chengguan/domain';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDetail, Me, Officer, PageOf, SummaryTicketRange } from '@chengguan/contracts';
import { apiGet, login } from './browser.ts';

// What the case files' browser tests share: demo offences, a valid ID number, signing in, the ticket's form.

// 个人混合投放生活垃圾，拒不改正 (《上海市生活垃圾管理条例》第57条第2款): 50–200 元 after an order to correct was refused.
export const SUMMARY_OFFENCE = { code: 'SH-LJ-57-2', search: '混合投放' };
// 管理责任人未分类驳运生活垃圾 (第57条第4款): 500–5,000 元, ordinary procedure.
export const ORDINARY_OFFENCE = { code: 'SH-LJ-57-4', search: '驳运' };
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A valid 18-digit 居民身份证号 (GB 11643-1999: ISO 7064 MOD 11-2 check character), unique per call. */
let idSeq = Date.now() % 900;
export function idCardNumber(): string {
  const first17 = `31011519900307${String(100 + (idSeq++ % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'include' }).catch(() => undefined));
  await login(page, username);
  await page.getByTestId('header-user-name').waitFor();
}

/** B2: the squad needs pre-numbered decision forms; the squad leader assigns a range when the demo data has none. */
export async function ensureTicketRange(page: Page, baseUrl: string): Promise<void> {
  const me = await apiGet<Me>(page, '/api/v1/me');
  const ranges = await apiGet<SummaryTicketRange[]>(page, '/api/v1/summary-ticket-ranges');
  if (ranges.some((r) => r.orgId === me.orgId && !r.exhausted)) return;
  const res = await page.request.post('/api/v1/summary-ticket-ranges', {
    data: { orgId: me.orgId, prefix: '沪浦城管当罚E2E', firstNumber: 1, lastNumber: 9999 },
    headers: { Origin: baseUrl },
  });
  expect(res.status(), await res.text()).toBe(201);
}

export async function officerName(page: Page, username: string): Promise<string> {
  const found = await apiGet<PageOf<Officer>>(page, `/api/v1/officers?q=${username}&pageSize=5`);
  const o = found.items.find((x) => x.username === username);
  if (!o) throw new Error(`no officer ${username}`);
  return o.name;
}

/** Opens an antd Select whose input has `inputId`, types, and picks the first option containing `option`. */
export async function pick(page: Page, inputId: string, typed: string, option: string): Promise<void> {
  await page.locator(`.ant-select:has(#${inputId})`).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

export async function fillSummary(page: Page, fineYuan: string, secondOfficer: string): Promise<void> {
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

/** The library's wording without its own 「（…未核实）」 note: what a legal reviewer writes once he has read the article. */
export { withoutUnverifiedNote };

/**
 * Submits the filled ticket form as `officer`. On law the library marks 未核实 (E12 — the starter library's 违则) the
 * one-call ticket is refused: the officer saves the draft, the legal reviewer confirms the article for the case, and the
 * officer takes the decision on the case page, which opens the issued decision's page (print and hand-over).
 */
export async function issueFilledTicket(
  page: Page,
  baseUrl: string,
  opts: { officer: string; fineYuan: string; legal?: string },
): Promise<CaseDetail> {
  const oneCall = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary') && r.request().method() === 'POST');
  await page.getByTestId('summary-submit').click();
  const res = await oneCall;
  if (res.status() === 201) {
    await page.getByTestId('summary-result').waitFor();
    return (await res.json()) as CaseDetail;
  }
  expect(res.status(), await res.text()).toBe(422);
  expect(((await res.json()) as { rule?: string }).rule ?? '').toMatch(/^E12/);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/summary-drafts') && r.request().method() === 'POST');
  await page.getByTestId('summary-save-draft').click();
  const draftRes = await saved;
  expect(draftRes.status(), await draftRes.text()).toBe(201);
  const draft = (await draftRes.json()) as CaseDetail;
  await page.waitForURL(`**/cases/${draft.id}`);

  await signIn(page, opts.legal ?? 'pd_legal');
  const confirmed = await page.request.post(`/api/v1/cases/${draft.id}/legal-basis-confirmation`, {
    data: {
      date: draft.dates.discoveredOn ?? draft.act.actDate,
      violatedProvision: withoutUnverifiedNote(draft.lawBasis!.violatedProvision),
      penaltyProvision: withoutUnverifiedNote(draft.lawBasis!.penaltyProvision),
    },
    headers: { Origin: baseUrl },
  });
  expect(confirmed.status(), await confirmed.text()).toBe(200);

  await signIn(page, opts.officer);
  return decideDraft(page, draft.id, opts.fineYuan);
}

/** On the case page of a 当场 draft: the decision drawer, the fine, submit; answers the issued case. */
export async function decideDraft(page: Page, caseId: string, fineYuan: string): Promise<CaseDetail> {
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('case-action-btn-issueSummaryDecision').click();
  await page.locator('#summaryDecision_fineYuan').fill(fineYuan);
  const decided = page.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/cases/${caseId}/summary-decision`) && r.request().method() === 'POST',
  );
  await page.getByTestId('summary-decision-submit').click();
  const res = await decided;
  expect(res.status(), await res.text()).toBe(200);
  await page.getByTestId('summary-result').waitFor();
  return (await res.json()) as CaseDetail;
}
