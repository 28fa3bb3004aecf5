// Payment of fines end to end: order at decision, checkout → sandbox cashier → signed callback (twice, concurrently)
// → one payment; forged signatures; G2 at payment time; Art. 66 deferral and instalments; reconciliation; B4 cash;
// role × jurisdiction on every endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseDetail,
  CasePayments,
  Checkout,
  DeferralApplication,
  PaymentMismatch,
  ReconciliationRun,
  SandboxCheckoutView,
} from '@chengguan/contracts';
import { isValidPaymentCode } from '@chengguan/domain';
import { createTestContext, type TestContext } from './harness.ts';
import { caseKit, confirmedSummaryTicket, decidedCase, summaryTicketBody, USERS, type CaseKit } from './cases-support.ts';
import { CORE_JOB_HANDLERS, runDueJobs } from '../src/modules/scheduler/worker.ts';
import { CASE_JOB_HANDLERS } from '../src/modules/cases/cases.jobs.ts';
import { deliverSandboxNotification, PAYMENT_JOB_HANDLERS, setCallbackTransport } from '../src/modules/payments/payments.jobs.ts';
import { sandboxMerchant } from '../src/modules/payments/providers/sandbox-provider.ts';
import { signFields } from '../src/modules/payments/providers/signing.ts';

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
  setCallbackTransport(async (path, body) => {
    const r = await ctx.app.inject({ method: 'POST', url: path, payload: body });
    return { status: r.statusCode, body: r.body };
  });
});
afterAll(async () => {
  setCallbackTransport(null);
  await ctx?.close();
});

/** Moves the test clock and logs everyone in again (sessions expire with the clock). */
async function at(iso: string, more: string[] = []) {
  ctx.clock.set(iso);
  for (const u of [...USERS, ...more]) kit.tokens[u] = await ctx.login(u);
}

const api = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: kit.tokens[user]!, ...(body !== undefined ? { body } : {}) });

async function payments(caseId: string, user = 'pd_ljz_01'): Promise<CasePayments> {
  const r = await api(user, 'GET', `/api/v1/cases/${caseId}/payments`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as CasePayments;
}

/** Decided 01-20 (clock 01-22), served 01-21 by hand: G1 due 2026-02-05. */
async function servedCase(fineYuan = 1_000): Promise<CaseDetail> {
  await at('2026-01-22T02:00:00Z');
  const c = await decidedCase(kit, fineYuan);
  return kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-01-21', method: 'direct' });
}

async function checkout(caseId: string, user = 'pd_ljz_01'): Promise<Checkout> {
  const r = await api(user, 'POST', `/api/v1/cases/${caseId}/payments/checkout`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Checkout;
}

async function sandboxPay(co: Checkout): Promise<SandboxCheckoutView> {
  const id = co.checkoutUrl.split('/').at(-1)!;
  const view = await ctx.api('GET', `/api/public/sandbox-pay/${id}`);
  expect(view.statusCode, view.body).toBe(200);
  expect((view.json() as SandboxCheckoutView).notice).toBe('沙箱支付（本地模拟，不产生真实资金往来）');
  const r = await ctx.api('POST', `/api/public/sandbox-pay/${id}/pay`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as SandboxCheckoutView;
}

/** Every due job, in claims of 20 (after a jump of the clock the modules' scheduled jobs are due too). */
const runJobs = async (): Promise<number> => {
  let ran = 0;
  for (let i = 0; i < 20; i++) {
    const n = await runDueJobs(ctx.deps, { ...CORE_JOB_HANDLERS, ...CASE_JOB_HANDLERS, ...PAYMENT_JOB_HANDLERS }, 'test');
    if (n === 0) break;
    ran += n;
  }
  return ran;
};

async function count(table: 'payment_transactions' | 'audit_log', where?: [string, string]) {
  let q = ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

describe('payment orders', () => {
  it('a fine decided creates its order with a valid 20-digit 缴款码; payable once served', async () => {
    const c = await decidedCase(kit, 500);
    const p = await payments(c.id);
    expect(p.summary.orders).toHaveLength(1);
    const code = p.summary.orders[0]!.paymentCode;
    expect(code).toMatch(/^310115\d{14}$/);
    expect(isValidPaymentCode(code)).toBe(true);
    expect(p.summary).toMatchObject({ fineFen: 50_000, dueFen: 50_000, payable: false, paymentCode: code });
    const r = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/checkout`);
    expect(r.statusCode).toBe(409);
  });
});

describe('checkout → sandbox cashier → signed callback', () => {
  it('a callback delivered twice, and twice at once, records one payment; the case is paid', async () => {
    const c = await servedCase(1_000);
    const co = await checkout(c.id);
    expect(co.amountFen).toBe(100_000);
    expect(co.checkoutUrl).toMatch(/^\/sandbox-pay\/[0-9a-f-]{36}$/);
    const paid = await sandboxPay(co);
    expect(paid.status).toBe('paid');
    // The worker delivers the signed notification.
    expect(await runJobs()).toBeGreaterThan(0);
    const after = await payments(c.id);
    expect(after.transactions).toHaveLength(1);
    expect(after.transactions[0]).toMatchObject({ status: 'confirmed', amountFen: 100_000, providerTxnId: paid.txnId });
    expect(after.summary).toMatchObject({ paidFen: 100_000, dueFen: 0, payable: false });
    expect(after.summary.orders[0]!.status).toBe('paid');
    const auditBefore = await count('audit_log');
    // Delivered again, then twice concurrently: 200 'duplicate', nothing new written.
    const again = await deliverSandboxNotification(ctx.deps, co.checkoutUrl.split('/').at(-1)!);
    expect(JSON.parse(again.body)).toEqual({ result: 'duplicate' });
    const both = await Promise.all([1, 2].map(() => deliverSandboxNotification(ctx.deps, co.checkoutUrl.split('/').at(-1)!)));
    expect(both.map((b) => JSON.parse(b.body).result)).toEqual(['duplicate', 'duplicate']);
    expect(await count('payment_transactions', ['case_id', c.id])).toBe(1);
    expect(await count('audit_log')).toBe(auditBefore);
    const detail = await kit.get('pd_ljz_01', c.id);
    expect(detail.state).toBe('enforcing');
    expect(detail.timeline.filter((e) => e.action === 'recordPayment')).toHaveLength(1);
  });

  it('a tampered signature is refused with 400 and an audit row; nothing is paid', async () => {
    const c = await servedCase(600);
    const co = await checkout(c.id);
    const paid = await sandboxPay(co);
    const merchant = await sandboxMerchant(ctx.deps.db);
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: paid.txnId,
      outTradeNo: co.checkoutId,
      amountFen: co.amountFen,
      paidAt: paid.paidAt,
      nonce: 'n1',
      signType: 'HMAC-SM3',
    };
    const good = signFields(merchant.secret, fields);
    const tampered = { ...fields, amountFen: 1, sign: good };
    const rejectedBefore = await count('audit_log', ['action', 'payment.callback.rejected']);
    const r = await ctx.api('POST', '/api/public/payments/sandbox/callback', { body: tampered });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'PAYMENT_SIGNATURE_INVALID', field: 'sign' });
    const wrongKey = { ...fields, sign: signFields('00'.repeat(32), fields) };
    expect((await ctx.api('POST', '/api/public/payments/sandbox/callback', { body: wrongKey })).statusCode).toBe(400);
    expect(await count('audit_log', ['action', 'payment.callback.rejected'])).toBe(rejectedBefore + 2);
    expect(await count('payment_transactions', ['case_id', c.id])).toBe(0);
    expect((await payments(c.id)).summary.paidFen).toBe(0);
  });

  it('G2 paying 10 days late: the checkout asks for fine + 30 % and the payment settles it', async () => {
    const c = await servedCase(1_000);
    await at('2026-02-15T04:00:00Z');
    const before = await payments(c.id);
    expect(before.summary).toMatchObject({ paymentDue: '2026-02-05', overdueDays: 10, surchargeFen: 30_000, dueFen: 130_000 });
    const co = await checkout(c.id);
    expect(co.amountFen).toBe(130_000);
    await sandboxPay(co);
    await runJobs();
    const after = await payments(c.id);
    expect(after.transactions[0]).toMatchObject({ status: 'confirmed', amountFen: 130_000, paidOn: '2026-02-15' });
    expect(after.summary).toMatchObject({ paidFen: 130_000, dueFen: 0 });
  });

  it('G1 a correctly signed callback for less than is due is an underpayment: flagged, not booked, listed for refund', async () => {
    const c = await servedCase(700);
    const co = await checkout(c.id);
    const merchant = await sandboxMerchant(ctx.deps.db);
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: `SBXTEST${Date.now()}`,
      outTradeNo: co.checkoutId,
      amountFen: co.amountFen - 100,
      paidAt: ctx.clock.now().toISOString(),
      nonce: 'n2',
      signType: 'HMAC-SM3',
    };
    const r = await ctx.api('POST', '/api/public/payments/sandbox/callback', {
      body: { ...fields, sign: signFields(merchant.secret, fields) },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ result: 'flagged' });
    const p = await payments(c.id);
    expect(p.transactions[0]).toMatchObject({ status: 'underpaid', amountFen: 69_900, expectedFen: 70_000, bookedFen: 0 });
    expect(p.overpayments).toMatchObject([{ reason: 'below_due', amountFen: 69_900, dueFen: 70_000, status: 'open' }]);
    expect(p.summary.paidFen).toBe(0);
  });
});

describe('deferral and instalments (处罚法 Art. 66)', () => {
  it('G1 an approved deferral moves the due date; a commander cannot approve, another district cannot see', async () => {
    const c = await servedCase(1_000);
    await at('2026-01-22T02:00:00Z', ['pd_command']);
    const body = { kind: 'deferral', reason: '经营困难，申请暂缓缴纳', until: '2026-04-30' };
    expect((await api('qp_zjj_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, body)).statusCode).toBe(404);
    const bad = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, { ...body, until: '2026-01-10' });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'until', rule: 'G1 行政处罚法 Art. 66' });
    // A deferral is judged by its day: without one the schema refuses it; an amount must be a number, not text.
    const noDay = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, { kind: 'deferral', reason: body.reason });
    expect(noDay.statusCode, noDay.body).toBe(400);
    expect(noDay.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'until' });
    const textAmount = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, {
      kind: 'instalments',
      reason: body.reason,
      instalments: [{ dueOn: '2026-02-28', amountFen: '50000' }],
    });
    expect(textAmount.statusCode, textAmount.body).toBe(400);
    expect(textAmount.json()).toMatchObject({ field: 'instalments.0.amountFen' });
    const r = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, body);
    expect(r.statusCode, r.body).toBe(201);
    const app = r.json() as DeferralApplication;
    expect(app.status).toBe('pending');
    const decision = { date: '2026-01-22', approve: true, note: '同意' };
    expect((await api('pd_command', 'POST', `/api/v1/payment-deferrals/${app.id}/decision`, decision)).statusCode).toBe(403);
    expect((await api('pd_ljz_01', 'POST', `/api/v1/payment-deferrals/${app.id}/decision`, decision)).statusCode).toBe(403);
    expect((await api('qp_zjj_leader', 'POST', `/api/v1/payment-deferrals/${app.id}/decision`, decision)).statusCode).toBe(404);
    const ok = await api('pd_ljz_leader', 'POST', `/api/v1/payment-deferrals/${app.id}/decision`, decision);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as DeferralApplication).status).toBe('approved');
    const p = await payments(c.id);
    expect(p.summary.paymentDue).toBe('2026-04-30');
    expect(p.summary.deferral).toMatchObject({ status: 'approved', until: '2026-04-30' });
    const detail = await kit.get('pd_ljz_01', c.id);
    expect(detail.timeline.some((e) => e.action === 'approveDeferral')).toBe(true);
    // Ten days after the original due date: no surcharge under the deferral.
    await at('2026-02-15T04:00:00Z');
    expect((await payments(c.id)).summary).toMatchObject({ surchargeFen: 0, dueFen: 100_000 });
  });

  it('instalments: one order per instalment, the checkout asks for the next one', async () => {
    const c = await servedCase(1_000);
    const r = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, {
      kind: 'instalments',
      reason: '家庭困难',
      instalments: [
        { dueOn: '2026-03-01', amountFen: 40_000 },
        { dueOn: '2026-04-01', amountFen: 60_000 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const app = r.json() as DeferralApplication;
    const ok = await api('pd_leader', 'POST', `/api/v1/payment-deferrals/${app.id}/decision`, {
      date: '2026-01-22',
      approve: true,
      note: '',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const p = await payments(c.id);
    expect(p.summary.paymentDue).toBe('2026-04-01');
    expect(p.summary.orders.map((o) => [o.kind, o.status])).toEqual([
      ['fine', 'superseded'],
      ['instalment', 'open'],
      ['instalment', 'open'],
    ]);
    expect(new Set(p.summary.orders.map((o) => o.paymentCode)).size).toBe(3);
    const co = await checkout(c.id);
    expect(co.amountFen).toBe(40_000);
    await sandboxPay(co);
    await runJobs();
    const after = await payments(c.id);
    expect(after.summary.orders.map((o) => o.status)).toEqual(['superseded', 'paid', 'open']);
    expect(after.summary).toMatchObject({ paidFen: 40_000, dueFen: 60_000 });
  });

  it('G2: a missed instalment accrues from its own due date; the checkout asks for it with its surcharge (Art. 66, 72)', async () => {
    const c = await servedCase(1_000);
    const r = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/deferrals`, {
      kind: 'instalments',
      reason: '家庭困难',
      instalments: [
        { dueOn: '2026-03-01', amountFen: 40_000 },
        { dueOn: '2026-04-01', amountFen: 60_000 },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const decided = await api('pd_leader', 'POST', `/api/v1/payment-deferrals/${(r.json() as DeferralApplication).id}/decision`, {
      date: '2026-01-22',
      approve: true,
      note: '',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    // Ten days after the first instalment's day, nothing paid: 3 % × 10 of that instalment, not of the fine.
    await at('2026-03-11T02:00:00Z');
    const missed = await payments(c.id);
    expect(missed.summary).toMatchObject({ surchargeFen: 12_000, dueFen: 112_000, paymentDue: '2026-04-01', overdueDays: 10 });
    expect(missed.summary.lines.find((l) => l.ruleId === 'G2')?.textZh).toContain('2026-03-01');
    const co = await checkout(c.id);
    expect(co.amountFen).toBe(52_000);
    await sandboxPay(co);
    await runJobs();
    const after = await payments(c.id);
    expect(after.summary.orders.map((o) => o.status)).toEqual(['superseded', 'paid', 'open']);
    expect(after.summary).toMatchObject({ paidFen: 52_000, surchargeFen: 12_000, dueFen: 60_000 });
    // The second instalment is not due yet: it accrues nothing, and is what the next checkout asks for.
    expect((await checkout(c.id)).amountFen).toBe(60_000);
  });
});

describe('reconciliation (对账)', () => {
  it('flags a line at the provider missing on our side and an amount that differs; resolve with a note', async () => {
    const c = await servedCase(800);
    const today = '2026-01-22';
    // Paid at the provider, callback never delivered.
    const lost = await sandboxPay(await checkout(c.id));
    await ctx.deps.db.deleteFrom('jobs').where('kind', '=', 'payments.sandbox.deliver').where('status', '=', 'pending').execute();
    // Another payment whose notification states an amount the provider's ledger does not.
    const c2 = await servedCase(500);
    const co2 = await checkout(c2.id);
    const paid2 = await sandboxPay(co2);
    await ctx.deps.db.deleteFrom('jobs').where('kind', '=', 'payments.sandbox.deliver').where('status', '=', 'pending').execute();
    const merchant = await sandboxMerchant(ctx.deps.db);
    const fields = {
      merchantId: merchant.merchant_id,
      event: 'payment.succeeded',
      txnId: paid2.txnId,
      outTradeNo: co2.checkoutId,
      amountFen: 49_000,
      paidAt: paid2.paidAt,
      nonce: 'n3',
      signType: 'HMAC-SM3',
    };
    await ctx.api('POST', '/api/public/payments/sandbox/callback', { body: { ...fields, sign: signFields(merchant.secret, fields) } });

    expect((await api('pd_ljz_01', 'POST', '/api/v1/payments/reconciliation-runs', { date: today })).statusCode).toBe(403);
    const r = await api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: today });
    expect(r.statusCode, r.body).toBe(200);
    const run = r.json() as ReconciliationRun;
    expect(run.trigger).toBe('manual');
    const list = await api('pd_leader', 'GET', `/api/v1/payments/mismatches?status=open&from=${today}&to=${today}`);
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: PaymentMismatch[] }).items;
    const missing = items.find((m) => m.kind === 'missing_ours' && m.providerTxnId === lost.txnId);
    expect(missing).toMatchObject({ caseId: c.id, providerAmountFen: 80_000, ourAmountFen: null });
    expect(items.find((m) => m.kind === 'amount_differs' && m.providerTxnId === paid2.txnId)).toMatchObject({
      providerAmountFen: 50_000,
      ourAmountFen: 49_000,
    });
    // A second run flags nothing twice.
    await api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: today });
    const again = (await api('pd_leader', 'GET', `/api/v1/payments/mismatches?from=${today}&to=${today}`)).json() as { total: number };
    expect(again.total).toBe(items.length);
    // Another district's leader does not see 浦东's mismatches.
    expect((await api('admin', 'GET', '/api/v1/payments/mismatches')).statusCode).toBe(403);
    const res = await api('pd_leader', 'POST', `/api/v1/payments/mismatches/${missing!.id}/resolve`, { note: '已补录回调' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', note: '已补录回调' });
    const xlsx = await api('pd_leader', 'GET', '/api/v1/payments/mismatches/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('a refund goes through the provider and shows on both sides', async () => {
    const c = await servedCase(600);
    await sandboxPay(await checkout(c.id));
    await runJobs();
    const t = (await payments(c.id)).transactions[0]!;
    const body = { transactionId: t.id, amountFen: 10_000, reason: '决定变更，退还多缴部分' };
    expect((await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/refunds`, body)).statusCode).toBe(403);
    expect((await api('pd_leader', 'POST', `/api/v1/cases/${c.id}/payments/refunds`, { ...body, amountFen: 70_000 })).statusCode).toBe(400);
    const r = await api('pd_leader', 'POST', `/api/v1/cases/${c.id}/payments/refunds`, body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'succeeded', amountFen: 10_000 });
    const run = await api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: '2026-01-22' });
    const items = (await api('pd_leader', 'GET', '/api/v1/payments/mismatches?kind=refund_not_reflected')).json() as { total: number };
    expect(run.statusCode).toBe(200);
    expect(items.total).toBe(0);
  });
});

describe('on-the-spot cash (B4)', () => {
  it('collection creates the receipt; hand-in overdue after 2 working days is flagged', async () => {
    await at('2026-03-02T02:00:00Z');
    const range = await api('pd_ljz_leader', 'POST', '/api/v1/summary-ticket-ranges', {
      orgId: kit.orgId('pd-ljz'),
      prefix: '沪浦城管当罚〔2026〕P',
      firstNumber: 1,
      lastNumber: 9,
      digits: 4,
    });
    expect(range.statusCode, range.body).toBe(201);
    const photo = await kit.upload('pd_ljz_01', `photo ${Math.random()}`);
    const body = summaryTicketBody(kit, photo, {
      penalty: { penalties: ['fine'], fineFen: 5_000 },
      collectOnSpot: { receiptNumber: 'PJ-0001', hardToEnforceLater: false, remoteArea: false, partyRequested: false },
    });
    const t = await confirmedSummaryTicket(ctx, { officer: kit.tokens.pd_ljz_01!, legal: kit.tokens.pd_legal! }, body);
    expect(t.statusCode, t.body).toBe(200);
    const c = t.json() as CaseDetail;
    const p = await payments(c.id);
    expect(p.cashReceipt).toMatchObject({
      receiptNumber: 'PJ-0001',
      amountFen: 5_000,
      collectedOn: '2026-03-02',
      handInDue: '2026-03-04',
      handInOverdue: false,
    });
    expect(p.summary.orders[0]).toMatchObject({ status: 'paid', paidFen: 5_000 });
    await at('2026-03-05T02:00:00Z');
    const late = await api('pd_ljz_01', 'GET', '/api/v1/cash-receipts?overdue=true');
    expect(late.statusCode, late.body).toBe(200);
    const row = (late.json() as { items: { id: string; caseId: string; handInOverdue: boolean }[] }).items.find((i) => i.caseId === c.id);
    expect(row).toMatchObject({ handInOverdue: true });
    expect(
      (await api('qp_zjj_01', 'POST', `/api/v1/cash-receipts/${row!.id}/hand-in`, { date: '2026-03-05', handedInTo: '财务科' })).statusCode,
    ).toBe(404);
    const h = await api('pd_ljz_01', 'POST', `/api/v1/cash-receipts/${row!.id}/hand-in`, {
      date: '2026-03-05',
      handedInTo: '浦东城管局财务科',
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ handedInOn: '2026-03-05', handInOverdue: true, depositDue: '2026-03-09' });
    const d = await api('pd_ljz_01', 'POST', `/api/v1/cash-receipts/${row!.id}/deposit`, { date: '2026-03-05', bankSlipNo: 'B-778' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ depositedOn: '2026-03-05', depositOverdue: false });
    const other = await api('qp_zjj_01', 'GET', '/api/v1/cash-receipts');
    expect((other.json() as { total: number }).total).toBe(0);
    const xlsx = await api('pd_ljz_01', 'GET', '/api/v1/cash-receipts/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('access', () => {
  it('another district gets 404 on a case’s payments and checkout; lists show only the jurisdiction', async () => {
    const c = await servedCase(500);
    expect((await api('qp_zjj_01', 'GET', `/api/v1/cases/${c.id}/payments`)).statusCode).toBe(404);
    expect((await api('qp_zjj_01', 'POST', `/api/v1/cases/${c.id}/payments/checkout`)).statusCode).toBe(404);
    const mine = (await api('pd_ljz_01', 'GET', '/api/v1/payment-orders?pageSize=5')).json() as { total: number; items: unknown[] };
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThanOrEqual(5);
    expect(((await api('qp_zjj_01', 'GET', '/api/v1/payment-orders')).json() as { total: number }).total).toBe(0);
    expect((await api('pd_ljz_01', 'GET', '/api/v1/payments/reconciliation-runs')).statusCode).toBe(403);
    const xlsx = await api('pd_ljz_01', 'GET', '/api/v1/payment-orders/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
  });
});
