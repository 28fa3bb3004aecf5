import { describe, expect, inject, it } from 'vitest';
import { login, useSession } from './browser.ts';

// Role homes (issue 11, part 7): every role lands on its own home after login, with its 待办, 预警 and the numbers of
// its scope; the command centre and the supervisor find the pages of their work.

const baseUrl = inject('baseUrl');

const ROLES = [
  { user: 'pd_ljz_01', kind: 'field_officer' },
  { user: 'pd_ljz_leader', kind: 'squad_leader' },
  { user: 'pd_leader', kind: 'bureau_leader' },
  { user: 'pd_legal', kind: 'legal_reviewer' },
  { user: 'pd_command', kind: 'commander' },
  { user: 'pd_super', kind: 'supervisor' },
  { user: 'admin', kind: 'admin' },
] as const;

describe('each role lands on its home (1440×900)', () => {
  const session = useSession(baseUrl, { width: 1440, height: 900 });

  async function signInAs(user: string): Promise<void> {
    const { page } = session();
    await page.goto('/login');
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', credentials: 'include' }).catch(() => undefined));
    await login(page, user);
    await page.getByTestId('home-loaded').waitFor({ state: 'attached' });
  }

  for (const { user, kind } of ROLES) {
    it(`${user} lands on the ${kind} home`, async () => {
      await signInAs(user);
      expect(new URL(session().page.url()).pathname).toBe('/home');
      expect(await session().page.getByTestId('home-loaded').getAttribute('data-kind')).toBe(kind);
      await session().page.getByTestId('home-capabilities').waitFor();
      // No developer text on the home: no rule codes, no English keys.
      const text = await session().page.getByTestId('home-page').innerText();
      expect(text).not.toMatch(/\b[A-J]\d{1,2}\b|undefined|home\.|_leader/);
    });
  }

  it('the squad leader sees his squad by stage and its overdue cases', async () => {
    const { page } = session();
    await signInAs('pd_ljz_leader');
    await page.getByTestId('home-numbers').waitFor();
    expect(await page.getByTestId('home-number-stage.notice').innerText()).toContain('告知与听证');
    expect(await page.getByTestId('home-number-overdue').getAttribute('data-value')).toMatch(/^\d+$/);
    // Demo case A waits for the statement period: the squad's notice stage counts it.
    expect(Number(await page.getByTestId('home-number-stage.notice').getAttribute('data-value'))).toBeGreaterThan(0);
    await page.getByTestId('home-todo').waitFor();
  });

  it('the district leader sees his district by squad, and no other district', async () => {
    const { page } = session();
    await signInAs('pd_leader');
    await page.getByTestId('home-units').waitFor();
    const units = await page.getByTestId('home-units').innerText();
    expect(units).toContain('陆家嘴街道中队');
    expect(units).not.toContain('朱家角镇中队');
  });

  it('the command centre and the supervisor find the pages of their work on the home', async () => {
    const { page } = session();
    await signInAs('pd_command');
    expect(await page.getByTestId('home-cap-command').innerText()).toContain('指挥');
    await page.getByTestId('home-number-open').waitFor();
    await signInAs('pd_super');
    await page.getByTestId('home-cap-supervision').waitFor();
    await page.getByTestId('home-cap-audit').click();
    await page.waitForURL('**/audit');
  });
});

describe('the home on a phone (390×844)', () => {
  const session = useSession(baseUrl, { width: 390, height: 844 });

  it('fits the screen', async () => {
    const { page } = session();
    await login(page, 'pd_ljz_leader');
    await page.getByTestId('home-loaded').waitFor({ state: 'attached' });
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
