// Paying through the portal (issue 5): the amount due today from the payments module, the checkout on the sandbox
// cashier, and a deferral application — all for the session's own case only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentSummary, PortalCase } from '@chengguan/contracts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { portalLogin } from './portal-support.ts';

let ctx: TestContext;
let kit: CaseKit;
let served: { id: string; number: string };

beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  const d = await decidedCase(kit, 1_000);
  await kit.ok('pd_ljz_01', d.id, 'serveDecision', { date: '2026-02-25', method: 'direct' });
  served = { id: d.id, number: d.documents.find((x) => x.docType === 'decision')!.number };
});
afterAll(async () => ctx?.close());

describe('paying in the portal', () => {
  it('G1 shows the amount due today and the payment deadline; the 去缴款 checkout opens the sandbox cashier', async () => {
    const p = await portalLogin(ctx, served.id, served.number);
    const c = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    expect(c.actions.payment.allowed).toBe(true);
    expect(c.deadlines.find((d) => d.kind === 'payment')).toMatchObject({ dueDate: '2026-03-12', state: 'open', ruleId: 'G1' });
    expect(c.deadlines.find((d) => d.kind === 'review')).toMatchObject({ dueDate: '2026-04-27', ruleId: 'J1' });
    expect(c.deadlines.find((d) => d.kind === 'litigation')).toMatchObject({ dueDate: '2026-08-25', ruleId: 'J1' });
    const r = await p.call('GET', '/api/portal/payment');
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json() as PaymentSummary;
    expect(s).toMatchObject({ caseId: served.id, fineFen: 100_000, surchargeFen: 0, dueFen: 100_000, paymentDue: '2026-03-12' });
    const co = await p.call('POST', '/api/portal/payment/checkout', {});
    expect(co.statusCode, co.body).toBe(200);
    expect((co.json() as { checkoutUrl: string; amountFen: number }).amountFen).toBe(100_000);
  });

  it('G2 the surcharge is added once the payment day has passed', async () => {
    ctx.clock.set('2026-03-16T02:00:00Z');
    const p = await portalLogin(ctx, served.id, served.number);
    const s = (await p.call('GET', '/api/portal/payment')).json() as PaymentSummary;
    // 4 overdue days (03-13 … 03-16) × 3 % of 1,000 元.
    expect(s).toMatchObject({ surchargeFen: 12_000, dueFen: 112_000 });
    const c = (await p.call('GET', '/api/portal/case')).json() as PortalCase;
    expect(c.deadlines.find((d) => d.kind === 'payment')).toMatchObject({ state: 'passed', surchargeFen: 12_000 });
  });

  it('Art. 66 applies for a deferral; a second pending application is refused', async () => {
    const p = await portalLogin(ctx, served.id, served.number).catch(async () => {
      ctx.clock.advance(61_000);
      return portalLogin(ctx, served.id, served.number);
    });
    const r = await p.call('POST', '/api/portal/payment/deferral', {
      kind: 'deferral',
      reason: '经营困难，申请暂缓一个月缴纳',
      until: '2026-04-15',
    });
    expect(r.statusCode, r.body).toBe(201);
    const again = await p.call('POST', '/api/portal/payment/deferral', { kind: 'deferral', reason: '再次申请', until: '2026-04-15' });
    expect(again.statusCode).toBe(409);
    expect(errorBody(again).code).toBe('DUPLICATE');
  });

  it('without a portal session the payment endpoints answer 401', async () => {
    expect((await ctx.api('GET', '/api/portal/payment')).statusCode).toBe(401);
    expect((await ctx.api('POST', '/api/portal/payment/checkout', { body: {} })).statusCode).toBe(401);
  });
});
