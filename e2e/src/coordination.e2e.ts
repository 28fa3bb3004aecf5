import { describe, expect, inject, it } from 'vitest';
import type { JointActionDetail, JointOrderDetail, JointOrderSummary, OrgNode, PageOf } from '@chengguan/contracts';
import { apiGet, useSession } from './browser.ts';
import { pick, signIn } from './case-helpers.ts';

// 综合指挥 in the browser: the command centre's joint order to the city's traffic police appears in 联合工单 with its
// state and clock; a commander's coordinated action is reported by the 陆家嘴 squad leader from the action page, and
// the progress reads 1/1.

const baseUrl = inject('baseUrl');
const JJ = '0190a000-0000-7000-8000-000000000441'; // 市交警总队 (migration 044)

function squadId(nodes: readonly OrgNode[], name: string): string | undefined {
  for (const n of nodes) {
    if (n.name === name) return n.id;
    const inner = squadId(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

describe('coordination', () => {
  const session = useSession(baseUrl);

  it('a joint order to the traffic police is listed with its state and clock, and its page shows the timeline', async () => {
    const { page } = session();
    await signIn(page, 'pd_command');
    const stamp = Date.now();
    const tree = (await (await page.request.get('/api/v1/orgs/tree')).json()) as OrgNode[];
    const res = await page.request.post('/api/v1/joint-orders', {
      data: {
        partnerId: JJ,
        orgId: squadId(tree, '陆家嘴街道中队'),
        category: 'muck_truck',
        title: `请协查渣土车${stamp}`,
        content: '夜间渣土车撒漏，请协查车辆',
        vehiclePlate: 'D12345',
      },
      headers: { 'Idempotency-Key': `e2e-${stamp}-joint`, Origin: baseUrl },
    });
    expect(res.status(), await res.text()).toBe(201);
    const order = (await res.json()) as JointOrderDetail;
    await page.goto('/joint-orders');
    await page.getByTestId('joint-orders-page').waitFor();
    const row = page.locator('tr', { has: page.getByTestId('joint-order-link').filter({ hasText: order.number }) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('待接单');
    expect(text).toContain('城管派协作部门');
    await page.getByTestId('joint-order-link').filter({ hasText: order.number }).click();
    await page.getByTestId('joint-order-page').waitFor();
    expect(await page.getByTestId('joint-handle-clock').textContent()).toContain('剩余');
    expect(await page.getByTestId('joint-order-page').textContent()).toContain('上海市公安局交通警察总队');
  });

  it('the squad leader reports his task of a coordinated action; the progress reads 1/1', async () => {
    const { page } = session();
    await signIn(page, 'pd_ljz_leader');
    const stamp = Date.now();
    const tree = (await (await page.request.get('/api/v1/orgs/tree')).json()) as OrgNode[];
    const now = Date.now();
    const res = await page.request.post('/api/v1/joint-actions', {
      data: {
        title: `陆家嘴夜间联合整治${stamp}`,
        objective: '查处无证设摊',
        area: '银城中路沿线',
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 4 * 3_600_000).toISOString(),
        tasks: [{ orgId: squadId(tree, '陆家嘴街道中队'), task: '银城中路沿线巡查' }],
      },
      headers: { 'Idempotency-Key': `e2e-${stamp}-action`, Origin: baseUrl },
    });
    expect(res.status(), await res.text()).toBe(201);
    const action = (await res.json()) as JointActionDetail;
    await page.goto(`/joint-actions/${action.id}`);
    await page.getByTestId('joint-action-page').waitFor();
    await page.getByTestId('joint-task-report').click();
    await page.getByTestId('joint-task-report-text').fill('劝离设摊3处，查处1起');
    const reported = page.waitForResponse((r) => r.url().includes(`/api/v1/joint-actions/${action.id}/tasks/`));
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await reported).status()).toBe(200);
    await page.waitForFunction(() => document.querySelector('[data-testid="joint-action-progress"]')?.textContent?.includes('1/1'));
    expect(await page.getByTestId('joint-action-tasks').textContent()).toContain('劝离设摊3处');
  });

  it('the partner simulator files an order (labelled as the simulator); the commander makes a ticket of it, linked both ways', async () => {
    const { page } = session();
    await signIn(page, 'pd_command');
    await page.goto('/joint-orders');
    await page.getByTestId('joint-orders-page').waitFor();
    const banner = page.getByTestId('partner-connector-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('模拟');
    await page.getByTestId('partner-sim-play').click();
    await pick(page, 'partner-sim_partnerId', '交通', '交通警察总队');
    await pick(page, 'partner-sim_orgId', '陆家嘴', '陆家嘴街道中队');
    const played = page.waitForResponse((r) => r.url().endsWith('/api/v1/partner-connector/simulator/orders'));
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const queued = await played;
    expect(queued.status()).toBe(202);
    const { partnerOrderNo } = (await queued.json()) as { partnerOrderNo: string };
    // The worker files it through the signed inbound endpoint, as the partner's own system would.
    await expect
      .poll(
        async () => (await apiGet<PageOf<JointOrderSummary>>(page, `/api/v1/joint-orders?q=${encodeURIComponent(partnerOrderNo)}`)).total,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);

    await page.getByPlaceholder('工单编号、协作方单号、事项、地址、车牌').fill(partnerOrderNo);
    await page.getByPlaceholder('工单编号、协作方单号、事项、地址、车牌').press('Enter');
    const link = page.getByTestId('joint-order-link');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="joint-order-link"]').length === 1);
    const number = (await link.textContent()) ?? '';
    await link.click();
    await page.getByTestId('joint-order-page').waitFor();
    expect(await page.getByTestId('joint-order-page').textContent()).toContain(partnerOrderNo);
    await page.getByTestId('joint-make-ticket').click();
    await pick(page, 'joint-ticket_categoryCode', 'JM01', 'JM01');
    const made = page.waitForResponse((r) => /\/api\/v1\/joint-orders\/[^/]+\/ticket$/.test(r.url()));
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    expect((await made).status()).toBe(200);
    await page.getByTestId('joint-order-ticket-link').click();
    await page.getByTestId('ticket-joint-order-link').first().waitFor();
    expect(await page.getByTestId('ticket-joint-order-link').first().textContent()).toContain(number);
  });
});
