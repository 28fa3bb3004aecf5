import { describe, expect, inject, it } from 'vitest';
import { useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 数据驾驶舱 in the browser: the 浦东 leader opens the complaints theme, sees KPIs with targets and the forecast's error,
// drills from the district into a unit below, and follows a number to the ticket list; the wall shows every theme;
// a leader of another district asking for 浦东 gets the not-found answer.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);

describe('cockpit', () => {
  it('shows KPIs against targets, drills down a level and opens the list behind a number', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_leader');
    await page.goto('/cockpit?theme=complaints');
    await page.getByTestId('kpi-tickets.satisfaction').waitFor();
    expect(await page.getByTestId('kpi-tickets.satisfaction').textContent()).toContain('88');
    await page.getByTestId('cockpit-forecast').waitFor();
    const crumbs = await page.getByTestId('cockpit-breadcrumb').textContent();
    await page.getByTestId('cockpit-drill').first().click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="cockpit-breadcrumb"]')?.textContent !== before, crumbs);
    expect(page.url()).toContain('orgId=');
    await page.getByTestId('kpi-list-tickets.received').click();
    await page.waitForURL(/\/tickets\?orgId=/);
  });

  it('the wall shows every theme the leader may see; another district’s leader cannot open 浦东', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_leader');
    await page.goto('/cockpit/screen');
    await page.getByTestId('cockpit-screen').waitFor();
    await page.getByTestId('kpi-cases.opened').first().waitFor();
    await page.getByTestId('kpi-tickets.received').first().waitFor();
    // The modules' own themes are on the wall too.
    for (const k of ['offsite.found', 'waste.clues', 'supervision.findings', 'campaigns.points'])
      await page.getByTestId(`kpi-${k}`).first().waitFor();
    const me = await page.request.get('/api/v1/me');
    const pdOrg = ((await me.json()) as { orgId: string }).orgId;

    const q = await openSession();
    await signIn(q.page, 'qp_leader');
    const r = await q.page.request.get(`/api/v1/cockpit/themes/cases?orgId=${pdOrg}`);
    expect(r.status()).toBe(404);
    await q.page.goto(`/cockpit?theme=cases&orgId=${pdOrg}`);
    await q.page.getByRole('alert').waitFor();
  });
});
