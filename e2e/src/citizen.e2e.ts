import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MessageItem, PageOf, TicketDetail } from '@chengguan/contracts';
import { DEMO_PASSWORD, useSession } from './browser.ts';
import { pick, PNG, signIn } from './case-helpers.ts';

// 市民投诉 in the portal (issue 13 §1c, §4) on a 390 px phone: a citizen signs in with his mobile number and the SMS
// code (read through the administrators' outbox API: the local provider sends nothing), files a complaint with a
// photo and a point picked on the map, sees the countdowns of his ticket; the bureau closes it; he rates it.

const baseUrl = inject('baseUrl');
const PHONE = { width: 390, height: 844 };
// In 陆家嘴 squad's service area (浦东新区), WGS-84 as a phone reports it.
const HERE = { longitude: 121.51, latitude: 31.235 };
const MOBILE = `139${String(Date.now() % 100_000_000).padStart(8, '0')}`;

const session = useSession(baseUrl, PHONE);
let ticketId: string;

/** A request of the bureau's own, with a console session of the user (cookie), naming the platform's origin. */
async function asOfficer<T>(page: Page, username: string, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const login = await page.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD }, headers: { Origin: baseUrl } });
  expect(login.status(), await login.text()).toBe(200);
  const res =
    method === 'GET' ? await page.request.get(path) : await page.request.post(path, { data: data ?? {}, headers: { Origin: baseUrl } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const [scroll, client] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [
    number,
    number,
  ];
  expect(scroll).toBeLessThanOrEqual(client);
}

beforeAll(async () => {
  await session().context.grantPermissions(['geolocation'], { origin: baseUrl });
  await session().context.setGeolocation({ ...HERE, accuracy: 10 });
});

describe('市民投诉 on a phone', () => {
  it('signs in with his phone, files a complaint with a photo and a map point, sees the countdowns', async () => {
    const { page } = session();
    await page.context().clearCookies();
    await page.goto('/portal');
    await page.getByTestId('portal-citizen-entry').click();
    await page.getByTestId('citizen-phone').fill(MOBILE);
    await page.getByTestId('citizen-send-code').click();
    await page.getByTestId('citizen-code-notice').waitFor();
    const outbox = await asOfficer<PageOf<MessageItem>>(
      page,
      'admin',
      'GET',
      `/api/v1/messages?purpose=otp&recipient=${MOBILE}&pageSize=1`,
    );
    const code = /验证码为 (\d{6})/.exec(outbox.items[0]?.text ?? '')?.[1];
    expect(code, 'one-time code in the outbox').toBeTruthy();
    await page.getByTestId('citizen-code').fill(code!);
    await page.getByTestId('citizen-login').click();
    await page.getByTestId('citizen-form').waitFor();

    await pick(page, 'citizen_categoryCode', '油烟', '餐饮油烟扰民');
    await page.getByTestId('citizen-content').fill('楼下饭店油烟直排，晚上窗户都不能开');
    // His position, then a point picked on the map beside it.
    await page.getByTestId('citizen-locate').click();
    const marker = page.getByTestId('citizen-map-marker');
    await marker.waitFor();
    await marker.scrollIntoViewIfNeeded();
    const box = (await marker.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2);
    const coords = page.getByTestId('citizen-place-coords');
    await expect.poll(async () => Number(await coords.getAttribute('data-lon'))).toBeGreaterThan(HERE.longitude);
    expect(await coords.getAttribute('data-crs')).toBe('wgs84');
    const picked = { lon: Number(await coords.getAttribute('data-lon')), lat: Number(await coords.getAttribute('data-lat')) };
    await page
      .locator('[data-testid=citizen-form] input[type=file]')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.ant-upload-list-item-done').waitFor();
    await noHorizontalScroll(page);
    await page.getByTestId('citizen-submit').click();

    const first = page.getByTestId('citizen-clock-first-contact');
    await first.waitFor();
    expect(await first.getAttribute('data-status')).toBe('running');
    await expect.poll(() => first.textContent()).toMatch(/还剩 2[0-4] 小时/);
    const handling = page.getByTestId('citizen-clock-handling');
    expect(await handling.getAttribute('data-status')).toBe('running');
    expect(await handling.textContent()).toMatch(/还剩 \d+ 个工作日/);
    await noHorizontalScroll(page);
    // His photo shows on his ticket, read back through it.
    const photo = page.locator('[data-testid=citizen-ticket-photo]').locator('xpath=descendant-or-self::img').first();
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    const number = (await page.getByTestId('citizen-ticket-number').textContent())!;
    const list = await asOfficer<PageOf<TicketDetail>>(page, 'pd_command', 'GET', `/api/v1/tickets?q=${number}&pageSize=1`);
    ticketId = list.items[0]!.id;
    const seen = await asOfficer<TicketDetail>(page, 'pd_command', 'GET', `/api/v1/tickets/${ticketId}`);
    expect(seen).toMatchObject({ channel: 'portal', categoryCode: 'SR04', reporterPhone: MOBILE });
    expect(seen.photoSm3s).toHaveLength(1);
    expect(seen.point!.lon).toBeCloseTo(picked.lon, 5);
    expect(seen.point!.lat).toBeCloseTo(picked.lat, 5);
    // The map and the uploads ran within the portal's Content-Security-Policy.
    expect(session().cspViolations).toEqual([]);
  });

  it('rates the answer after the bureau closed the ticket', async () => {
    const { page } = session();
    const seen = await asOfficer<TicketDetail>(page, 'pd_command', 'GET', `/api/v1/tickets/${ticketId}`);
    const step = (user: string, path: string, body: unknown = {}) =>
      asOfficer(page, user, 'POST', `/api/v1/tickets/${ticketId}/${path}`, body);
    await step('pd_command', 'accept');
    await step('pd_command', 'dispatch', { orgId: seen.orgId });
    await step('pd_ljz_01', 'start');
    await step('pd_ljz_01', 'reply', { replyText: '已责令饭店安装油烟净化设施，整改完毕' });
    await step('pd_command', 'close');

    await page.goto('/portal/citizen');
    await page.getByTestId('citizen-tab-mine').click();
    await page.getByTestId('citizen-list-item').first().click();
    await expect.poll(() => page.getByTestId('citizen-reply').first().textContent()).toContain('整改完毕');
    await page.getByTestId('citizen-satisfaction-satisfied').click();
    await page.getByTestId('citizen-comment').fill('处理及时');
    await page.getByTestId('citizen-rate').click();
    await page.getByTestId('citizen-rated').waitFor();
    await noHorizontalScroll(page);
    const rated = await asOfficer<TicketDetail>(page, 'pd_command', 'GET', `/api/v1/tickets/${ticketId}`);
    expect(rated.satisfaction).toBe('satisfied');
  });

  it('the console offers an officer to register what he found himself', async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_01');
    await page.goto('/my-tickets');
    await page.getByTestId('ticket-register-open').click();
    await page.getByTestId('ticket-register').waitFor();
    expect(await page.getByTestId('ticket-register-channel').textContent()).toContain('自行发现');
    await pick(page, 'register_categoryCode', 'JM01', '无证设摊');
    await page.locator('#register_content').fill('陆家嘴环路人行道上无证设摊一处');
    await page.getByTestId('ticket-register-point-locate').click();
    await page.getByTestId('ticket-register-point-coords').waitFor();
    await page.getByTestId('ticket-register-submit').click();
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const id = /\/tickets\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const t = await asOfficer<TicketDetail>(page, 'pd_ljz_01', 'GET', `/api/v1/tickets/${id}`);
    expect(t).toMatchObject({ channel: 'officer', state: 'dispatched', categoryCode: 'JM01' });
  });
});
