import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OrgNode } from '@chengguan/contracts';
import { apiGet, login, openBrowser, type Session } from './browser.ts';

// The console shell: log in, create an officer, see the audit entry, verify the chain, anchor its head.
// The tests share one browser and run in order: (3) looks for the audit entry of (2)'s officer.

const baseUrl = inject('baseUrl');
let s: Session;

/** A squad (中队) under the 浦东 district bureau, from the demo org tree. */
function findPudongSquad(tree: OrgNode[]): OrgNode {
  const all = (nodes: OrgNode[]): OrgNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);
  const pudong = all(tree).find((n) => n.kind === 'district_bureau' && n.name.includes('浦东'));
  if (!pudong) throw new Error('no 浦东 district bureau in the demo data');
  const squad = all(pudong.children).find((n) => n.kind === 'squad' && n.active);
  if (!squad) throw new Error('no squad under 浦东');
  return squad;
}

// Unique per run, so the test also passes against a long-running server (E2E_BASE_URL).
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const officer = { name: `测试${stamp}`, employeeNo: `E2E-${stamp}`, phone: '13800138000', title: '执法队员' };
let officerId = '';

describe('console', () => {
  beforeAll(async () => {
    s = await openBrowser(baseUrl);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the login error for a wrong password', async () => {
    const { page } = s;
    await login(page, 'admin', 'wrong-password-1');
    const error = page.getByTestId('login-error');
    await expect.poll(() => error.textContent()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
  });

  it('logs in and shows the layout with the user name', async () => {
    const { page } = s;
    await login(page, 'admin');
    await page.getByTestId('side-menu').waitFor();
    const name = await page.getByTestId('header-user-name').textContent();
    expect(name?.trim().length).toBeGreaterThan(0);
    const me = await apiGet<{ name: string }>(page, '/api/v1/me');
    expect(name?.trim()).toBe(me.name);
    const menu = await page.getByTestId('side-menu').textContent();
    for (const item of ['组织机构', '人员与执法证', '审计日志', '个人设置']) expect(menu).toContain(item);
  });

  it('creates an officer in a 浦东 squad through the 新增人员 drawer and finds him in the list', async () => {
    const { page } = s;
    const squad = findPudongSquad(await apiGet<OrgNode[]>(page, '/api/v1/orgs/tree'));
    await page.getByTestId('side-menu').getByText('人员与执法证').click();
    await page.getByTestId('officers-page').waitFor();
    await page.getByTestId('officer-create').click();
    const drawer = page.getByTestId('officer-create-drawer');
    await drawer.waitFor();

    // Org: search the tree select by the squad's name and pick it.
    await drawer.locator('.ant-select:has(#officerCreate_orgId)').click();
    await page.keyboard.type(squad.name);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: squad.name }).first().click();
    await drawer.locator('#officerCreate_name').fill(officer.name);
    await drawer.locator('#officerCreate_employeeNo').fill(officer.employeeNo);
    await drawer.locator('#officerCreate_phone').fill(officer.phone);
    await drawer.locator('#officerCreate_title').fill(officer.title);
    await drawer.getByText('男', { exact: true }).click();
    // roles: field_officer is preselected; add 中队长 too
    await drawer.locator('.ant-select:has(#officerCreate_roles)').click();
    await page.locator('.ant-select-item-option', { hasText: '中队长' }).click();
    await page.keyboard.press('Escape');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/officers') && r.request().method() === 'POST');
    await page.getByTestId('officer-create-submit').click();
    const res = await created;
    expect(res.status(), await res.text()).toBeLessThan(300);
    officerId = ((await res.json()) as { id: string }).id;
    await drawer.waitFor({ state: 'hidden' });

    await page.getByTestId('officers-search').fill(officer.employeeNo);
    await page.getByTestId('officers-search').press('Enter');
    const row = page.locator(`[data-testid="officers-table"] tr[data-row-key="${officerId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(officer.name);
    expect(await row.textContent()).toContain(squad.name);
    // A new officer has no credential: flagged in red (rule A1).
    const status = row.getByTestId('cred-status');
    expect(await status.getAttribute('data-status')).toBe('missing');
    expect(await status.textContent()).toContain('无执法证');
    // The phone comes back masked in the list.
    expect(await row.textContent()).not.toContain(officer.phone);
  });

  it('shows the audit entry of that creation and verifies the chain intact', async () => {
    const { page } = s;
    expect(officerId, 'the officer of the previous test').not.toBe('');
    await page.getByTestId('side-menu').getByText('审计日志').click();
    await page.getByTestId('audit-page').waitFor();
    // The creation also writes the roles granted (officer.roles_change): the row wanted is the one whose action is the
    // creation, among the newest rows; the table names it 新增人员, the code stays in data-action and the hover.
    const row = page
      .locator('[data-testid="audit-table"] tr.ant-table-row', { hasText: officerId })
      .filter({ has: page.locator('[data-testid="audit-action"][data-action="officer.create"]') });
    await row.waitFor();
    expect(await row.getByTestId('audit-action').textContent()).toBe('新增人员');
    expect(await row.getByTestId('audit-object').textContent()).toBe('人员');
    await row.click(); // expands the row's data
    await expect.poll(() => page.getByTestId('audit-data').first().textContent()).toContain(officer.employeeNo);

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await result.textContent()).toMatch(/审计链完整（共\d+条）/);
  });

  it('anchors the chain head from the 审计链锚点 tab and verifies the chain against the checkpoint', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: '审计链锚点' }).click();
    await page.getByTestId('anchor-status').waitFor();
    await page.getByTestId('anchor-write').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    // The anchoring's own audit row is the row it anchors: the status shows a checkpoint, the list a manual one.
    await page.locator('[data-testid="anchor-table"] tr.ant-table-row', { hasText: '手动' }).first().waitFor();
    await expect.poll(() => page.getByTestId('anchor-status').textContent()).toMatch(/锚定至第 \d+ 条/);

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('audit-verify-anchors').textContent()).toMatch(/与 \d+ 个签名锚点一致/);
  });
});
