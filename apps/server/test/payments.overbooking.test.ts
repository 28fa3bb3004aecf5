// Payments that cannot over-book (G1, 处罚法 Arts. 66–67: the fine is paid once, in full or in approved instalments).
// Twenty validly signed transactions for one checkout book it once; of two checkouts of one order only the open one
// books; a new checkout cancels the old one at the provider and its cashier refuses it; more than due is booked up to
// the amount due; every fen not booked is an over-payment, reported by the reconciliation and refunded through the
// provider; the database refuses a second open checkout of an order and a second booking of a checkout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type {
  CaseDetail,
  CasePayments,
  Checkout,
  Overpayment,
  OverpaymentPage,
  PaymentMismatch,
  SandboxCheckoutView,
} from '@chengguan/contracts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { caseKit, decidedCase, type CaseKit, USERS } from './cases-support.ts';
import { CORE_JOB_HANDLERS, runDueJobs } from '../src/modules/scheduler/worker.ts';
import { CASE_JOB_HANDLERS } from '../src/modules/cases/cases.jobs.ts';
import { PAYMENT_JOB_HANDLERS, setCallbackTransport } from '../src/modules/payments/payments.jobs.ts';
import { sandboxMerchant } from '../src/modules/payments/providers/sandbox-provider.ts';
import { insertLedgerLine } from '../src/modules/payments/providers/sandbox.repository.ts';
import { signFields } from '../src/modules/payments/providers/signing.ts';
import { pgErrorCode } from '../src/shared/pg-errors.ts';

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

const TODAY = '2026-01-22';

async function at(iso: string) {
  ctx.clock.set(iso);
  for (const u of [...USERS, 'qp_leader']) kit.tokens[u] = await ctx.login(u);
}

const api = (user: string, method: string, url: string, body?: unknown) =>
  ctx.api(method, url, { token: kit.tokens[user]!, ...(body !== undefined ? { body } : {}) });

async function payments(caseId: string): Promise<CasePayments> {
  const r = await api('pd_ljz_01', 'GET', `/api/v1/cases/${caseId}/payments`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as CasePayments;
}

/** Decided 01-20, served 01-21 by hand: the whole fine is due today (01-22). */
async function servedCase(fineYuan: number): Promise<CaseDetail> {
  await at(`${TODAY}T02:00:00Z`);
  const c = await decidedCase(kit, fineYuan);
  return kit.ok('pd_ljz_01', c.id, 'serveDecision', { date: '2026-01-21', method: 'direct' });
}

async function checkout(caseId: string): Promise<Checkout> {
  const r = await api('pd_ljz_01', 'POST', `/api/v1/cases/${caseId}/payments/checkout`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Checkout;
}

const sandboxId = (co: Checkout) => co.checkoutUrl.split('/').at(-1)!;

/** A notification the sandbox signed: a transaction of `amountFen` on the checkout `outTradeNo`. */
async function signedNotification(outTradeNo: string, amountFen: number, txnId: string) {
  const merchant = await sandboxMerchant(ctx.deps.db);
  const fields = {
    merchantId: merchant.merchant_id,
    event: 'payment.succeeded',
    txnId,
    outTradeNo,
    amountFen,
    paidAt: ctx.clock.now().toISOString(),
    nonce: `n-${txnId}`,
    signType: 'HMAC-SM3',
  };
  return { ...fields, sign: signFields(merchant.secret, fields) };
}

async function notify(outTradeNo: string, amountFen: number, txnId: string): Promise<string> {
  const r = await ctx.api('POST', '/api/public/payments/sandbox/callback', {
    body: await signedNotification(outTradeNo, amountFen, txnId),
  });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as { result: string }).result;
}

const runJobs = () => runDueJobs(ctx.deps, { ...CORE_JOB_HANDLERS, ...CASE_JOB_HANDLERS, ...PAYMENT_JOB_HANDLERS }, 'test');

async function cashierPay(co: Checkout) {
  return ctx.api('POST', `/api/public/sandbox-pay/${sandboxId(co)}/pay`);
}

describe('G1 one checkout is booked once', () => {
  it('twenty different, validly signed transactions for one checkout: one booked, nineteen over-payments flagged', async () => {
    const c = await servedCase(2_000);
    const co = await checkout(c.id);
    expect(co.amountFen).toBe(200_000);
    // All twenty at once: on PostgreSQL they contend for the checkout's row, on PGlite they queue for the connection.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        notify(co.checkoutId, co.amountFen, `SBXTWENTY${String(i).padStart(2, '0')}${c.id.slice(0, 8)}`),
      ),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === 'flagged')).toHaveLength(19);
    const p = await payments(c.id);
    expect(p.transactions).toHaveLength(20);
    expect(p.transactions.filter((t) => t.status === 'confirmed')).toHaveLength(1);
    expect(p.transactions.filter((t) => t.status === 'overpaid')).toHaveLength(19);
    expect(p.transactions.reduce((s, t) => s + t.bookedFen, 0)).toBe(200_000);
    expect(p.summary).toMatchObject({ paidFen: 200_000, dueFen: 0, payable: false });
    expect(p.summary.orders).toMatchObject([{ status: 'paid', paidFen: 200_000 }]);
    expect(p.overpayments).toHaveLength(19);
    expect(p.overpayments.every((v) => v.reason === 'already_paid' && v.amountFen === 200_000 && v.status === 'open')).toBe(true);
    const detail = await kit.get('pd_ljz_01', c.id);
    expect(detail.timeline.filter((e) => e.action === 'recordPayment')).toHaveLength(1);
    expect(detail.state).toBe('enforcing');
  });

  it('more than is due: the amount due is booked and the excess is an over-payment', async () => {
    const c = await servedCase(900);
    const co = await checkout(c.id);
    expect(await notify(co.checkoutId, co.amountFen + 5_000, `SBXEXCESS${c.id.slice(0, 8)}`)).toBe('flagged');
    const p = await payments(c.id);
    expect(p.transactions).toMatchObject([{ status: 'overpaid', amountFen: 95_000, bookedFen: 90_000 }]);
    expect(p.overpayments).toMatchObject([{ reason: 'exceeds_due', amountFen: 5_000, dueFen: 90_000 }]);
    expect(p.summary).toMatchObject({ paidFen: 90_000, dueFen: 0 });
  });
});

describe('G1 one open checkout per order', () => {
  it('a new checkout cancels the old one at the provider; the cashier refuses the old one and takes the new one', async () => {
    const c = await servedCase(800);
    const first = await checkout(c.id);
    const second = await checkout(c.id);
    expect(second.checkoutId).not.toBe(first.checkoutId);
    const old = await ctx.api('GET', `/api/public/sandbox-pay/${sandboxId(first)}`);
    expect((old.json() as SandboxCheckoutView).status).toBe('cancelled');
    const refused = await cashierPay(first);
    expect(refused.statusCode, refused.body).toBe(410);
    expect(errorBody(refused)).toMatchObject({ code: 'PAYMENT_CHECKOUT_CLOSED', field: 'id' });
    const ours = await ctx.deps.db
      .selectFrom('payment_checkouts')
      .select(['id', 'status'])
      .where('case_id', '=', c.id)
      .orderBy('created_at')
      .execute();
    expect(ours).toEqual([
      { id: first.checkoutId, status: 'superseded' },
      { id: second.checkoutId, status: 'open' },
    ]);
    expect((await cashierPay(second)).statusCode).toBe(200);
    await runJobs();
    const p = await payments(c.id);
    expect(p.transactions).toMatchObject([{ status: 'confirmed', bookedFen: 80_000 }]);
    expect(p.summary.dueFen).toBe(0);
  });

  it('two checkouts both paid: the one booked second is an over-payment, whichever arrives first', async () => {
    for (const cancelledFirst of [false, true]) {
      const c = await servedCase(700);
      const a = await checkout(c.id);
      const b = await checkout(c.id); // a is cancelled, but the payer paid it at the provider in the same moment
      const tag = `${cancelledFirst ? 'A' : 'B'}${c.id.slice(0, 8)}`;
      const order = cancelledFirst ? [a, b] : [b, a];
      const results = [];
      for (const co of order) results.push(await notify(co.checkoutId, co.amountFen, `SBXBOTH${co === a ? 'A' : 'B'}${tag}`));
      expect(results).toEqual(cancelledFirst ? ['flagged', 'accepted'] : ['accepted', 'flagged']);
      const p = await payments(c.id);
      expect(p.summary).toMatchObject({ paidFen: 70_000, dueFen: 0 });
      expect(p.overpayments).toMatchObject([{ reason: 'checkout_cancelled', amountFen: 70_000 }]);
      expect((await kit.get('pd_ljz_01', c.id)).timeline.filter((e) => e.action === 'recordPayment')).toHaveLength(1);
    }
  });

  it('paid at the provider, its notification not yet here: no second checkout is opened (409); the notification books it', async () => {
    const c = await servedCase(600);
    const co = await checkout(c.id);
    expect((await cashierPay(co)).statusCode).toBe(200);
    const again = await api('pd_ljz_01', 'POST', `/api/v1/cases/${c.id}/payments/checkout`);
    expect(again.statusCode, again.body).toBe(409);
    expect(errorBody(again).code).toBe('PAYMENT_IN_PROGRESS');
    await runJobs();
    expect((await payments(c.id)).summary).toMatchObject({ paidFen: 60_000, dueFen: 0 });
  });
});

describe('natural keys in the database', () => {
  it('a second open checkout of an order and a second booking of a checkout are refused by the database', async () => {
    const c = await servedCase(500);
    const co = await checkout(c.id);
    const row = await ctx.deps.db.selectFrom('payment_checkouts').selectAll().where('id', '=', co.checkoutId).executeTakeFirstOrThrow();
    const secondOpen = ctx.deps.db
      .insertInto('payment_checkouts')
      .values({ ...row, id: ctx.deps.newId(), provider_checkout_id: `other-${co.checkoutId}`, status: 'open' })
      .execute();
    await expect(secondOpen.then(() => null, pgErrorCode)).resolves.toBe('23505');
    expect(await notify(co.checkoutId, co.amountFen, `SBXKEY1${c.id.slice(0, 8)}`)).toBe('accepted');
    const booked = await ctx.deps.db
      .selectFrom('payment_transactions')
      .selectAll()
      .where('checkout_id', '=', co.checkoutId)
      .executeTakeFirstOrThrow();
    const secondBooking = sql`INSERT INTO payment_transactions (id, bureau_id, provider, provider_txn_id, checkout_id, order_id, case_id,
        amount_fen, expected_fen, paid_at, paid_on, status, booked_fen, callback)
      VALUES (${ctx.deps.newId()}, ${booked.bureau_id}, 'sandbox', ${`SBXKEY2${c.id}`}, ${co.checkoutId}, ${booked.order_id}, ${c.id},
        50000, 50000, now(), ${TODAY}, 'confirmed', 50000, '{}'::jsonb)`.execute(ctx.deps.db);
    await expect(secondBooking.then(() => null, pgErrorCode)).resolves.toBe('23505');
  });
});

describe('over-payments: reported, listed, refunded', () => {
  it('the reconciliation reports the day’s over-payments; a bureau leader refunds one through the provider, once', async () => {
    const c = await servedCase(1_200);
    const co = await checkout(c.id);
    expect((await cashierPay(co)).statusCode).toBe(200);
    await runJobs();
    // The provider took the same checkout's money a second time (its own fault) and notified us of it.
    const second = `SBXRECON2${c.id.slice(0, 8)}`;
    await insertLedgerLine(ctx.deps.db, {
      txn_id: second,
      merchant_id: (await sandboxMerchant(ctx.deps.db)).merchant_id,
      type: 'payment',
      checkout_id: sandboxId(co),
      out_trade_no: co.checkoutId,
      ref_txn_id: null,
      out_refund_no: null,
      amount_fen: co.amountFen,
      at: ctx.clock.now(),
      account_date: TODAY,
    });
    expect(await notify(co.checkoutId, co.amountFen, second)).toBe('flagged');
    const run = await api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: TODAY });
    expect(run.statusCode, run.body).toBe(200);
    const listed = await api(
      'pd_leader',
      'GET',
      `/api/v1/payments/mismatches?kind=overpayment&status=open&from=${TODAY}&to=${TODAY}&pageSize=200`,
    );
    const lines = (listed.json() as { items: PaymentMismatch[] }).items.filter((m) => m.caseId === c.id);
    expect(lines).toMatchObject([{ kind: 'overpayment', ourAmountFen: 120_000, providerTxnId: second }]);

    // The list: filtered on the server, with the sum held; the squad sees its own, another district nothing.
    const page = await api(
      'pd_ljz_01',
      'GET',
      `/api/v1/payments/overpayments?status=open&reason=already_paid&q=${encodeURIComponent('SBXRECON2')}`,
    );
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as OverpaymentPage;
    expect(body).toMatchObject({ total: 1, totalFen: 120_000 });
    const v = body.items[0]!;
    expect(v).toMatchObject({ caseId: c.id, reason: 'already_paid', amountFen: 120_000, status: 'open' });
    expect(((await api('qp_zjj_01', 'GET', '/api/v1/payments/overpayments')).json() as OverpaymentPage).total).toBe(0);
    const xlsx = await api('pd_ljz_01', 'GET', '/api/v1/payments/overpayments/export.xlsx?status=open');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    // 退付: a field officer may not, another district's leader does not see it, the bureau leader refunds it once.
    const reason = { reason: '重复缴款，原路退还' };
    expect((await api('pd_ljz_01', 'POST', `/api/v1/payments/overpayments/${v.id}/refund`, reason)).statusCode).toBe(403);
    expect((await api('qp_leader', 'POST', `/api/v1/payments/overpayments/${v.id}/refund`, reason)).statusCode).toBe(404);
    const r = await api('pd_leader', 'POST', `/api/v1/payments/overpayments/${v.id}/refund`, reason);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'refunded', amountFen: 120_000 } satisfies Partial<Overpayment>);
    const twice = await api('pd_leader', 'POST', `/api/v1/payments/overpayments/${v.id}/refund`, reason);
    expect(twice.statusCode).toBe(409);
    const p = await payments(c.id);
    expect(p.refunds).toMatchObject([{ status: 'succeeded', amountFen: 120_000 }]);
    // The fine stays paid: the refund gives back only what was never booked.
    expect(p.summary).toMatchObject({ paidFen: 120_000, dueFen: 0 });
    const resolved = await api('pd_leader', 'GET', `/api/v1/payments/mismatches?kind=overpayment&from=${TODAY}&to=${TODAY}&pageSize=200`);
    expect((resolved.json() as { items: PaymentMismatch[] }).items.find((m) => m.caseId === c.id)).toMatchObject({ status: 'resolved' });
    // The provider's statement shows the refund we recorded: nothing new to flag.
    await api('pd_leader', 'POST', '/api/v1/payments/reconciliation-runs', { date: TODAY });
    const open = await api('pd_leader', 'GET', `/api/v1/payments/mismatches?status=open&from=${TODAY}&to=${TODAY}&pageSize=200`);
    expect((open.json() as { items: PaymentMismatch[] }).items.filter((m) => m.caseId === c.id)).toEqual([]);
  });
});
