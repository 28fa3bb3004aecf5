// The local sandbox provider (沙箱支付，本地模拟，不产生真实资金往来). It behaves like a real one: its own merchant
// record with a shared HMAC-SM3 secret, its own checkouts and ledger (sandbox_* tables), a public cashier page where
// the payer confirms (and which refuses a cancelled or expired checkout), a signed notification POSTed to the
// merchant's callback URL by a worker job that retries with backoff, cancellation of an unpaid checkout, refunds
// against its ledger, and a statement per accounting date. It exists only when PAYMENT_SANDBOX is on.
import { randomBytes } from 'node:crypto';
import type { Deps, Executor } from '../../../context.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { enqueueJob } from '../../scheduler/index.ts';
import type { PaymentProvider, StatementLine, VerifiedCallback } from './payment-provider.ts';
import * as repo from './sandbox.repository.ts';
import { type SignedFields, signFields, verifyFields } from './signing.ts';

export const SANDBOX = 'sandbox';
export const SANDBOX_MERCHANT_ID = 'CG-SANDBOX-0001';
export const SANDBOX_NOTIFY_PATH = `/api/public/payments/${SANDBOX}/callback`;
export const JOB_SANDBOX_DELIVER = 'payments.sandbox.deliver';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The merchant record, created on first use with the configured secret (PAYMENT_SANDBOX_SECRET) or a fresh 256-bit
 * one. Both sides read the secret from this row: for the sandbox it is the key exchange of a merchant registration.
 */
export async function sandboxMerchant(db: Executor, configuredSecret: string | null = null): Promise<repo.SandboxMerchantRow> {
  const found = await repo.findMerchant(db, SANDBOX_MERCHANT_ID);
  if (found) return found;
  const secret = configuredSecret ?? randomBytes(32).toString('hex');
  await repo.insertMerchantIfMissing(db, {
    merchant_id: SANDBOX_MERCHANT_ID,
    name: '城管执法罚没款（沙箱商户）',
    secret,
    notify_url: SANDBOX_NOTIFY_PATH,
  });
  return (await repo.findMerchant(db, SANDBOX_MERCHANT_ID))!;
}

function newTxnId(prefix: string, at: Date): string {
  return `${prefix}${shanghaiDate(at).replaceAll('-', '')}${randomBytes(8).toString('hex').toUpperCase()}`;
}

/** The notification the sandbox sends for a paid checkout, signed with the merchant secret. */
export function sandboxNotification(merchant: repo.SandboxMerchantRow, c: repo.SandboxCheckoutRow, nonce: string): SignedFields {
  const fields: SignedFields = {
    merchantId: merchant.merchant_id,
    event: 'payment.succeeded',
    txnId: c.txn_id,
    outTradeNo: c.out_trade_no,
    amountFen: Number(c.amount_fen),
    paidAt: c.paid_at?.toISOString(),
    nonce,
    signType: 'HMAC-SM3',
  };
  return { ...fields, sign: signFields(merchant.secret, fields) };
}

/** The payer confirms on the cashier page: the sandbox books the payment and queues the notification. */
export async function sandboxPay(
  db: Executor,
  deps: Deps,
  checkoutId: string,
): Promise<repo.SandboxCheckoutRow | 'expired' | 'cancelled' | undefined> {
  const c = await repo.findSandboxCheckout(db, checkoutId, true);
  if (!c) return undefined;
  if (c.status === 'paid') return c;
  if (c.status === 'cancelled') return 'cancelled';
  const now = deps.clock.now();
  if (c.expires_at.getTime() < now.getTime()) return 'expired';
  const txnId = newTxnId('SBX', now);
  await repo.markSandboxCheckoutPaid(db, c.id, txnId, now);
  await repo.insertLedgerLine(db, {
    txn_id: txnId,
    merchant_id: c.merchant_id,
    type: 'payment',
    checkout_id: c.id,
    out_trade_no: c.out_trade_no,
    ref_txn_id: null,
    out_refund_no: null,
    amount_fen: Number(c.amount_fen),
    at: now,
    account_date: shanghaiDate(now),
  });
  await enqueueJob(db, {
    id: deps.newId(),
    kind: JOB_SANDBOX_DELIVER,
    runAt: now,
    payload: { checkoutId: c.id },
    dedupeKey: `${JOB_SANDBOX_DELIVER}:${txnId}`,
    maxAttempts: 12,
  });
  return (await repo.findSandboxCheckout(db, c.id))!;
}

export const sandboxProvider: PaymentProvider = {
  name: SANDBOX,
  labelZh: '本地沙箱（不产生真实资金往来）',
  labelEn: 'local sandbox (no real money)',
  sandbox: true,
  async createCheckout(db, deps, req) {
    const merchant = await sandboxMerchant(db, deps.config.paymentSandboxSecret);
    const id = deps.newId();
    await repo.insertSandboxCheckout(db, {
      id,
      merchant_id: merchant.merchant_id,
      out_trade_no: req.outTradeNo,
      subject: req.subject,
      amount_fen: req.amountFen,
      expires_at: req.expiresAt,
      created_at: deps.clock.now(),
    });
    return { providerCheckoutId: id, checkoutUrl: `/sandbox-pay/${id}` };
  },
  async cancelCheckout(db, deps, req) {
    // Locked like a payment, so a cancel and the payer's confirmation cannot both win.
    const c = UUID.test(req.providerCheckoutId) ? await repo.findSandboxCheckout(db, req.providerCheckoutId, true) : undefined;
    if (!c || c.out_trade_no !== req.outTradeNo) return { status: 'cancelled' };
    if (c.status === 'paid') return { status: 'already_paid' };
    await repo.markSandboxCheckoutCancelled(db, c.id, deps.clock.now());
    return { status: 'cancelled' };
  },
  async verifyCallback(db, body) {
    const merchant = await repo.findMerchant(db, SANDBOX_MERCHANT_ID);
    const fields = body as SignedFields;
    if (!merchant || body.signType !== 'HMAC-SM3' || body.merchantId !== merchant.merchant_id || !verifyFields(merchant.secret, fields)) {
      return null;
    }
    const amount = Number(body.amountFen);
    const paidAt = new Date(String(body.paidAt));
    if (body.event !== 'payment.succeeded' || typeof body.txnId !== 'string' || typeof body.outTradeNo !== 'string') return null;
    if (!Number.isSafeInteger(amount) || amount < 0 || Number.isNaN(paidAt.getTime())) return null;
    const verified: VerifiedCallback = {
      event: 'payment.succeeded',
      providerTxnId: body.txnId,
      outTradeNo: body.outTradeNo,
      amountFen: amount,
      paidAt,
      raw: body,
    };
    return verified;
  },
  async refund(db, deps, req) {
    const done = await repo.findRefundByOutNo(db, req.outRefundNo);
    if (done) return { status: 'succeeded', providerRefundId: done.txn_id, failureReason: null };
    const paid = await repo.findLedgerLine(db, req.providerTxnId);
    if (!paid || paid.type !== 'payment')
      return { status: 'failed', providerRefundId: null, failureReason: '原交易不存在 / no such payment' };
    const refunded = await repo.refundedOf(db, paid.txn_id);
    if (refunded + req.amountFen > Number(paid.amount_fen)) {
      return { status: 'failed', providerRefundId: null, failureReason: '退款金额超过可退金额 / more than the refundable amount' };
    }
    const now = deps.clock.now();
    const txnId = newTxnId('SBR', now);
    await repo.insertLedgerLine(db, {
      txn_id: txnId,
      merchant_id: paid.merchant_id,
      type: 'refund',
      checkout_id: paid.checkout_id,
      out_trade_no: paid.out_trade_no,
      ref_txn_id: paid.txn_id,
      out_refund_no: req.outRefundNo,
      amount_fen: req.amountFen,
      at: now,
      account_date: shanghaiDate(now),
    });
    return { status: 'succeeded', providerRefundId: txnId, failureReason: null };
  },
  async dailyStatement(db, date) {
    const merchant = await sandboxMerchant(db);
    const rows = await repo.ledgerOfDay(db, merchant.merchant_id, date);
    return rows.map((r): StatementLine => ({
      type: r.type,
      providerTxnId: r.txn_id,
      outTradeNo: r.out_trade_no,
      refTxnId: r.ref_txn_id,
      outRefundNo: r.out_refund_no,
      amountFen: Number(r.amount_fen),
      at: r.at,
    }));
  },
};
