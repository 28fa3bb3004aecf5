import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Me } from '@chengguan/contracts';
import { apiGet, useSession } from './browser.ts';
import { signIn } from './case-helpers.ts';

// The console speaks its users' language: an expired 执法证 is told before the form, not at its refusal; a name that
// reads like a shop's is questioned under the field; the public /verify page explains itself without the staff API;
// a page the role may not open says 无权访问 and what is lacking; the audit log filters by Chinese names.

const baseUrl = inject('baseUrl');

describe('an officer whose 执法证 has expired is told before he fills the forms', () => {
  const session = useSession(baseUrl);
  beforeAll(async () => {
    await signIn(session().page, 'pd_ljz_02');
  });

  it('当场处罚: the alert names the credential and its last day, and the form waits', async () => {
    const { page } = session();
    const me = await apiGet<Me>(page, '/api/v1/me');
    expect(me.credential).toMatchObject({ status: 'expired', canAct: false });
    await page.goto('/summary');
    const alert = page.getByTestId('own-credential-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain(`执法证（证号 ${me.credential.number}）`);
    expect(text).toContain(`已于 ${me.credential.validTo} 到期`);
    expect(text).toContain('当场处罚须由两名持有效执法证的执法人员实施');
    expect(await page.getByTestId('summary-submit').isDisabled()).toBe(true);
    expect(await page.locator('#summary_partyName').isDisabled()).toBe(true);
  });

  it('立案登记: the same alert as a warning; registering stays possible', async () => {
    const { page } = session();
    await page.goto('/cases/new');
    const alert = page.getByTestId('own-credential-alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('已于');
    expect(await alert.innerText()).toContain('您仍可登记案件线索');
    expect(await page.getByTestId('register-submit').isEnabled()).toBe(true);
  });

  it('an officer with a valid credential sees no such alert', async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_01');
    await page.goto('/summary');
    await page.getByTestId('summary-form').waitFor();
    await page.locator('#summary_partyName').waitFor();
    expect(await page.getByTestId('own-credential-alert').count()).toBe(0);
    expect(await page.getByTestId('summary-submit').isEnabled()).toBe(true);
  });
});

describe('a 自然人 entered under a name that reads like an organisation', () => {
  const session = useSession(baseUrl);
  beforeAll(async () => {
    await signIn(session().page, 'pd_ljz_01');
  });

  for (const [path, formName] of [
    ['/summary', 'summary'],
    ['/cases/new', 'caseRegister'],
  ] as const) {
    it(`${path}: a warning under the name, gone for a 法人 or a person's name`, async () => {
      const { page } = session();
      await page.goto(path);
      const name = page.locator(`#${formName}_partyName`);
      await name.fill('老王水果店');
      const item = page.locator('.ant-form-item', { has: name });
      const warning = item.locator('.ant-form-item-explain-warning');
      await warning.waitFor();
      expect(await warning.innerText()).toContain('姓名中含有「店」');
      await page.getByTestId('party-type').getByText('法人', { exact: true }).click();
      await expect.poll(() => warning.count()).toBe(0);
      await page.getByTestId('party-type').getByText('自然人', { exact: true }).click();
      await name.fill('王小二');
      await expect.poll(() => item.locator('.ant-form-item-explain-warning').count()).toBe(0);
    });
  }
});

describe('/verify without a document', () => {
  const session = useSession(baseUrl);

  it('explains how to verify, stays public and asks no staff API', async () => {
    const { page } = session();
    const staffCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/') || new URL(r.url()).pathname.startsWith('/api/auth/')) staffCalls.push(r.url());
    });
    await page.goto('/verify');
    const start = page.getByTestId('verify-start');
    await start.waitFor();
    const text = await start.innerText();
    expect(text).toContain('二维码');
    expect(text).toContain('核验码');
    expect(new URL(page.url()).pathname).toBe('/verify');

    // Typing the printed address and code leads to the document's own verify page (here: no such document).
    const id = '01900000-0000-7000-8000-000000000000';
    await page.getByTestId('verify-address').fill(`${baseUrl}/verify/${id}`);
    await page.getByTestId('verify-code').fill('ABCDE-12345');
    await page.getByTestId('verify-go').click();
    await page.waitForURL(`**/verify/${id}?c=ABCDE-12345`);
    await page.getByText('未找到该文书，或核验码不正确').waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/login');
    expect(staffCalls).toEqual([]);
  });
});

describe('a page the role may not open', () => {
  const session = useSession(baseUrl);
  beforeAll(async () => {
    await signIn(session().page, 'admin');
  });

  it('/payments as the administrator: 无权访问, naming the permission and the page, not 404', async () => {
    const { page } = session();
    await page.goto('/payments');
    const denied = page.getByTestId('no-permission');
    await denied.waitFor();
    const text = await denied.innerText();
    expect(text).toContain('无权访问');
    expect(text).toContain('系统管理员');
    expect(text).toContain('「查看案件」');
    expect(text).toContain('「缴款」');
    expect(text).not.toContain('404');
    expect(text).not.toContain('页面不存在');
  });

  it('an address that is no page at all is still 页面不存在', async () => {
    const { page } = session();
    await page.goto('/no-such-page');
    await page.getByText('页面不存在').waitFor();
    expect(await page.getByTestId('no-permission').count()).toBe(0);
  });
});

describe('审计日志 filters', () => {
  const session = useSession(baseUrl, { width: 1440, height: 900 });
  beforeAll(async () => {
    await signIn(session().page, 'admin');
  });

  /** Opens the select and answers the labels its list shows (opened again if a render closed it before they were read). */
  const openDropdown = async (testId: string) => {
    const { page } = session();
    const select = page.locator(`.ant-select:has([data-testid="${testId}"]), [data-testid="${testId}"]`).first();
    const open = page.locator('.ant-select-dropdown:visible');
    let labels: string[] = [];
    // The list of a select chosen from just before has closed.
    await expect.poll(() => open.count()).toBe(0);
    await expect
      .poll(
        async () => {
          if ((await open.count()) === 0) await select.click();
          labels = await open.locator('.ant-select-item-option').allInnerTexts();
          return labels.length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    return labels;
  };

  it('the action and object dropdowns list Chinese names and filter the rows', async () => {
    const { page } = session();
    await page.goto('/audit');
    await page.getByTestId('audit-action').first().waitFor({ timeout: 60_000 });

    const actionLabels = await openDropdown('audit-filter-action');
    expect(actionLabels.length).toBeGreaterThan(3);
    for (const label of actionLabels) {
      expect(label, label).toMatch(/[\u4e00-\u9fff]/);
      expect(label, label).not.toMatch(/[a-z]+[._][a-z]+/i);
    }
    await page.keyboard.type('登录');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^登录$/ }).click();

    for (const label of await openDropdown('audit-filter-object')) expect(label, label).toMatch(/[\u4e00-\u9fff]/);
    await page.keyboard.type('登录会话');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^登录会话$/ }).click();

    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/audit') && r.url().includes('action=auth.login'));
    await page.getByTestId('audit-search').click();
    expect((await listed).status()).toBe(200);
    await expect
      .poll(async () => [
        ...new Set(await page.getByTestId('audit-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))),
      ])
      .toEqual(['auth.login']);
    expect(new Set(await page.getByTestId('audit-action').allInnerTexts())).toEqual(new Set(['登录']));
    expect(new Set(await page.getByTestId('audit-object').allInnerTexts())).toEqual(new Set(['登录会话']));
  });
});

describe('人员与执法证: the 法律职业资格 on the officer record', () => {
  const session = useSession(baseUrl);
  beforeAll(async () => {
    await signIn(session().page, 'pd_admin');
  });

  const setOnPage = async (on: boolean) => {
    const { page } = session();
    await page.goto('/officers');
    await page.getByTestId('officers-table').waitFor();
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/officers?') && r.url().includes('q=pd_ljz_03'));
    await page.getByTestId('officers-search').fill('pd_ljz_03');
    await page.getByTestId('officers-search').press('Enter');
    await listed;
    await expect.poll(() => page.locator('[data-testid="officers-table"] tr.ant-table-row').count()).toBe(1);
    await page.locator('[data-testid="officers-table"] tr.ant-table-row').getByTestId('officer-name').click();
    const drawer = page.getByTestId('officer-detail-drawer');
    const toggle = drawer.getByTestId('officer-legal-qualification');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    const saved = page.waitForResponse((r) => r.url().includes('/api/v1/officers/') && r.request().method() === 'PATCH');
    await drawer.getByTestId('officer-save').click();
    const res = await saved;
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as { legalQualification: boolean };
  };

  it('the administrator records it on the officer and takes it back', async () => {
    expect((await setOnPage(true)).legalQualification).toBe(true);
    expect((await setOnPage(false)).legalQualification).toBe(false);
  });
});
