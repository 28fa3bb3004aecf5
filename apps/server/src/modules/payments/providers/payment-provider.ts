// The payment provider seen from the platform: a checkout the payer completes on the provider's cashier, its
// cancellation when a newer checkout replaces it, a signed notification (callback) when he paid, refunds, and the
// provider's daily statement used for reconciliation. A real provider (银联 / 财政非税收入电子缴款 / a bank) plugs in
// behind the same calls and must pass the contract test (test/payment-provider.contract.ts); the local sandbox ships.
import type { Deps, Executor } from '../../../context.ts';

export type CreateCheckoutRequest = {
  /** Our checkout id (the merchant's out_trade_no). */
  outTradeNo: string;
  amountFen: number;
  subject: string;
  expiresAt: Date;
};

export type CreatedCheckout = { providerCheckoutId: string; checkoutUrl: string };

/** A notification whose signature was verified. */
export type VerifiedCallback = {
  event: 'payment.succeeded';
  providerTxnId: string;
  outTradeNo: string;
  amountFen: number;
  paidAt: Date;
  /** The fields as received (kept with our ledger row). */
  raw: Record<string, unknown>;
};

export type CancelCheckoutRequest = { providerCheckoutId: string; outTradeNo: string };
/**
 * cancelled: the cashier refuses to take the payment from now on (also when it was cancelled before).
 * already_paid: the payer paid before the cancellation reached the provider; its notification is on its way.
 */
export type CancelResult = { status: 'cancelled' | 'already_paid' };

export type RefundRequest = { providerTxnId: string; outRefundNo: string; amountFen: number; reason: string };
export type RefundResult = { status: 'succeeded' | 'failed'; providerRefundId: string | null; failureReason: string | null };

export type StatementLine = {
  type: 'payment' | 'refund';
  providerTxnId: string;
  outTradeNo: string;
  /** For refunds: the refunded payment and our refund id. */
  refTxnId: string | null;
  outRefundNo: string | null;
  amountFen: number;
  at: Date;
};

export type PaymentProvider = {
  name: string;
  labelZh: string;
  labelEn: string;
  /** A simulation: no real money moves (the console and the portal say so). */
  sandbox: boolean;
  createCheckout(db: Executor, deps: Deps, req: CreateCheckoutRequest): Promise<CreatedCheckout>;
  /** Closes an unpaid checkout at the provider; idempotent. */
  cancelCheckout(db: Executor, deps: Deps, req: CancelCheckoutRequest): Promise<CancelResult>;
  /** null: the signature (or the message) is not valid. */
  verifyCallback(db: Executor, body: Record<string, unknown>): Promise<VerifiedCallback | null>;
  refund(db: Executor, deps: Deps, req: RefundRequest): Promise<RefundResult>;
  /** The provider's statement of one accounting date (Asia/Shanghai). */
  dailyStatement(db: Executor, date: string): Promise<StatementLine[]>;
};
