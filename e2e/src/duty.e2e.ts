import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Me, RosterWeek } from '@chengguan/contracts';
import { apiGet, apiWrite, useSessions } from './browser.ts';
import { signIn } from './case-helpers.ts';

// 勤务 in the browser: the 陆家嘴 leader's roster editor refuses a field shift for the officer whose credential has
// expired and saves a valid one; the officer's phone shows his tasks with the patrol shift he is on, and he agrees to
// position recording; he writes a duty-log entry, which the list shows and filters.

const baseUrl = inject('baseUrl');
const openSession = useSessions(baseUrl);

const shanghaiNow = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return { date: d.toISOString().slice(0, 10), minute: d.getUTCHours() * 60 + d.getUTCMinutes(), dow: d.getUTCDay() };
};
const mondayOf = (date: string, dow: number) => new Date(Date.parse(date) - ((dow + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
const write = (page: Page, method: 'post' | 'put', path: string, data: unknown) => apiWrite(page, baseUrl, path, data, 'e2e-duty', method);

describe('duty', () => {
  it('the roster editor refuses an expired credential on a field shift and saves a valid officer', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_ljz_leader');
    const me = await apiGet<Me>(page, '/api/v1/me');
    const now = shanghaiNow();
    const monday = mondayOf(now.date, now.dow);
    for (const [code, name, startMinute, endMinute] of [
      ['early', '早班', 360, 840],
      ['day', '白班', 510, 1050],
      ['night', '夜班', 1200, 480],
    ] as const) {
      const r = await write(page, 'post', '/api/v1/duty/shift-templates', {
        orgId: me.orgId,
        code,
        name,
        startMinute,
        endMinute,
        field: true,
      });
      expect(r.status(), await r.text()).toBe(200);
    }
    const week = await apiGet<RosterWeek>(page, `/api/v1/duty/roster?orgId=${me.orgId}&weekStart=${monday}`);
    const expired = week.officers.find((o) => o.credentialStatus === 'expired')!;
    // The last valid officer: not pd_ljz_01, whom the next test puts on a shift running now (on a Sunday this
    // Sunday's 白班 would be his, already begun).
    const valid = week.officers.filter((o) => o.credentialStatus === 'valid' && o.id !== me.id).at(-1)!;
    const sunday = week.days[6]!.date;

    await page.goto('/duty/roster');
    await page.getByTestId('roster-table').waitFor();
    const pickDay = async (officer: string) => {
      await page.getByTestId(`roster-cell-${officer}-${sunday}`).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '白班' }).first().click();
      await page.keyboard.press('Escape');
    };
    await pickDay(expired.name);
    await page.getByTestId('roster-save').click();
    const refusal = page.getByTestId('roster-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('执法证');
    expect(await page.locator('.ant-select-status-error').count()).toBe(1);

    await page.reload();
    await page.getByTestId('roster-table').waitFor();
    await pickDay(valid.name);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/duty/roster') && r.request().method() === 'PUT');
    await page.getByTestId('roster-save').click();
    expect((await saved).status()).toBe(200);
    const after = await apiGet<RosterWeek>(page, `/api/v1/duty/roster?orgId=${me.orgId}&weekStart=${monday}`);
    expect(after.entries.some((e) => e.officerId === valid.id && e.dutyDate === sunday && e.shiftName === '白班')).toBe(true);
    expect(after.entries.some((e) => e.officerId === expired.id && e.dutyDate === sunday)).toBe(false);
  });

  it('on a phone, the officer’s tickets and tasks show the patrol shift he is on; he agrees to position recording', async () => {
    const s = await openSession({ width: 390, height: 844 });
    const { page } = s;
    await signIn(page, 'pd_ljz_01');
    const officerId = (await apiGet<Me>(page, '/api/v1/me')).id;
    // The leader puts pd_ljz_01 on a shift running now (a shift of its own, so the test does not depend on the hour).
    const leader = await openSession();
    await signIn(leader.page, 'pd_ljz_leader');
    const me = await apiGet<Me>(leader.page, '/api/v1/me');
    const now = shanghaiNow();
    const start = Math.max(0, now.minute - 30);
    const end = Math.min(1439, now.minute + 90);
    const shift = await write(leader.page, 'post', '/api/v1/duty/shift-templates', {
      orgId: me.orgId,
      code: 'e2e',
      name: '机动班',
      startMinute: start,
      endMinute: end,
      field: true,
    });
    expect(shift.status(), await shift.text()).toBe(200);
    const shiftId = ((await shift.json()) as { id: string }).id;
    const monday = mondayOf(now.date, now.dow);
    const week = await apiGet<RosterWeek>(leader.page, `/api/v1/duty/roster?orgId=${me.orgId}&weekStart=${monday}`);
    const entries = [
      ...week.entries
        .filter((e) => !(e.officerId === officerId && e.dutyDate === now.date && Date.parse(e.startsAt) > Date.now()))
        .map((e) => ({ officerId: e.officerId, dutyDate: e.dutyDate, shiftId: e.shiftId, patrolAreaId: e.patrolAreaId })),
      { officerId, dutyDate: now.date, shiftId },
    ];
    const put = await write(leader.page, 'put', '/api/v1/duty/roster', { orgId: me.orgId, weekStart: monday, entries });
    expect(put.status(), await put.text()).toBe(200);

    await page.goto('/my-tickets');
    await page.getByTestId('my-tasks').waitFor();
    await page.getByTestId('my-task-patrol').first().waitFor();
    expect(await page.getByTestId('my-tasks').textContent()).toContain('机动班');
    expect(await page.getByTestId('my-tasks').textContent()).toContain('在岗');
    const consent = page.getByTestId('position-consent');
    if ((await consent.getAttribute('aria-checked')) !== 'true') {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/duty/position-consent') && r.request().method() === 'PUT');
      await consent.click();
      expect((await answered).status()).toBe(200);
    }
    await page.getByTestId('position-report').waitFor();
    // The phone reports (the browser has no location here): the centre's map then lists him.
    const reported = await write(page, 'post', '/api/v1/duty/positions', { lng: 121.51, lat: 31.236 });
    expect(reported.status(), await reported.text()).toBe(201);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(scroll).toBeLessThanOrEqual(1);
    const centre = await openSession();
    await signIn(centre.page, 'pd_command');
    const positions = await apiGet<{ items: { officerId: string }[] }>(centre.page, '/api/v1/duty/positions');
    expect(positions.items.map((p) => p.officerId)).toContain(officerId);
  });

  it('an officer writes a duty-log entry; the list shows it under its tag and source', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_ljz_01');
    await page.goto('/duty/log');
    await page.getByTestId('duty-log-table').waitFor();
    const text = `陆家嘴环路巡查，劝离流动摊贩${Date.now() % 100000}处`;
    await page.getByTestId('duty-log-write').click();
    await page.getByTestId('duty-log-form-tag').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: '街面巡查' }).first().click();
    await page.getByTestId('duty-log-form-summary').fill(text);
    const written = page.waitForResponse((r) => r.url().endsWith('/api/v1/duty/log') && r.request().method() === 'POST');
    await page.getByTestId('duty-log-submit').click();
    expect((await written).status()).toBe(201);
    await page.getByTestId('duty-log-table').getByText(text).waitFor();
    await page.getByTestId('duty-log-source').click();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/duty/log?') && r.url().includes('source=manual'));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '手工记录' }).click();
    await filtered;
    const table = (await page.getByTestId('duty-log-table').textContent()) ?? '';
    expect(table).toContain(text);
    expect(table).toContain('勤务巡查 / 街面巡查');
  });

  it('the district administrator sets how long positions are kept, in his settings', async () => {
    const s = await openSession();
    const { page } = s;
    await signIn(page, 'pd_admin');
    await page.goto('/settings');
    const card = page.getByTestId('duty-settings-card');
    await card.waitFor();
    const days = page.getByTestId('duty-retention-days');
    await days.fill('45');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/duty/settings') && r.request().method() === 'PUT');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    expect((await saved).status()).toBe(200);
    const settings = await apiGet<{ positionRetentionDays: number; isDefault: boolean }>(page, '/api/v1/duty/settings');
    expect(settings).toMatchObject({ positionRetentionDays: 45, isDefault: false });
  });
});
