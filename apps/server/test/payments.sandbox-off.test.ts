// PAYMENT_SANDBOX=false (the default with DATABASE_URL): no sandbox provider, its cashier and callback routes do not
// exist, nothing can be paid online, and the start banner, the channel endpoint and the case's summary say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CasePayments, PaymentChannel } from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, decidedCase, type CaseKit } from './cases-support.ts';
import { paymentBannerLine } from '../src/modules/payments/index.ts';
import { JOB_RECONCILE_DAILY, PAYMENT_JOB_HANDLERS } from '../src/modules/payments/payments.jobs.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext({ env: { PAYMENT_SANDBOX: 'false' } });
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

describe('the sandbox switched off', () => {
  it('its cashier and its callback answer 404; the banner and the channel say no provider is configured', async () => {
    expect(ctx.config.paymentSandbox).toBe(false);
    const id = randomUUID();
    expect((await ctx.api('GET', `/api/public/sandbox-pay/${id}`)).statusCode).toBe(404);
    expect((await ctx.api('POST', `/api/public/sandbox-pay/${id}/pay`)).statusCode).toBe(404);
    const callback = await ctx.api('POST', '/api/public/payments/sandbox/callback', { body: { txnId: 'X', sign: '0'.repeat(64) } });
    expect(callback.statusCode).toBe(404);
    expect(errorBody(callback).code).toBe('NOT_FOUND');
    expect(paymentBannerLine(ctx.config)).toBe('支付渠道：未配置（不能在线缴款）/ payment: no provider configured');
    expect(paymentBannerLine({ paymentSandbox: true })).toBe(
      '支付渠道：本地沙箱（不产生真实资金往来）/ payment provider: local sandbox (no real money)',
    );
    const channel = await ctx.api('GET', '/api/v1/payments/channel', { token: kit.tokens['pd_ljz_01']! });
    expect(channel.statusCode, channel.body).toBe(200);
    expect(channel.json()).toEqual({
      provider: null,
      labelZh: '未配置在线缴款渠道',
      labelEn: 'no payment provider configured',
      sandbox: false,
    } satisfies PaymentChannel);
  });

  it('a served fine is not payable online: the summary says why and a checkout is refused with 409', async () => {
    const c = await decidedCase(kit, 1_000);
    await kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-03-02', method: 'direct' });
    const r = await ctx.api('GET', `/api/v1/cases/${c.id}/payments`, { token: kit.tokens['pd_ljz_01']! });
    const p = r.json() as CasePayments;
    expect(p.summary).toMatchObject({ dueFen: 100_000, payable: false, channel: { provider: null, sandbox: false } });
    expect(p.summary.notPayableReason).toContain('未配置在线缴款渠道');
    const co = await ctx.api('POST', `/api/v1/cases/${c.id}/payments/checkout`, { token: kit.tokens['pd_ljz_01']! });
    expect(co.statusCode, co.body).toBe(409);
    expect(errorBody(co)).toMatchObject({ code: 'PAYMENT_PROVIDER_NOT_CONFIGURED', field: 'caseId' });
    // The daily reconciliation has no provider to ask; 「立即对账」 says so.
    await PAYMENT_JOB_HANDLERS[JOB_RECONCILE_DAILY]!(ctx.deps, { payload: {} } as never);
    expect(await ctx.deps.db.selectFrom('payment_reconciliation_runs').selectAll().execute()).toEqual([]);
    const leader = kit.tokens['pd_leader']!;
    const run = await ctx.api('POST', '/api/v1/payments/reconciliation-runs', { token: leader, body: { date: '2026-03-01' } });
    expect(run.statusCode).toBe(409);
    expect(errorBody(run).code).toBe('PAYMENT_PROVIDER_NOT_CONFIGURED');
  });
});
