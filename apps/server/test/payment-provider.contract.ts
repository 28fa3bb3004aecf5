// The contract every PaymentProvider passes — the local sandbox and any real adapter (银联 / 财政非税收入 / a bank) in
// its own test environment: signed notifications that verify and refuse tampering, the same transaction id on every
// redelivery (our ledger books by it once), cancellation of an unpaid checkout that its cashier then refuses and that
// is idempotent, a paid checkout that cannot be cancelled, refunds up to the amount paid that are idempotent by our
// refund id, and a daily statement with the payments and refunds of the day.
//
// An adapter's test supplies a driver for what only its test environment can do: let a payer pay a checkout, and
// deliver (again) the notification the provider sends for it.
import { describe, expect, it } from 'vitest';
import type { Deps } from '../src/context.ts';
import type { CreatedCheckout, PaymentProvider } from '../src/modules/payments/providers/payment-provider.ts';

export type ProviderDriver = {
  deps: () => Deps;
  provider: PaymentProvider;
  /** The payer pays the checkout on the provider's cashier; false when the cashier refuses (cancelled, expired). */
  payerPays(created: CreatedCheckout): Promise<boolean>;
  /** The notification the provider sends (and sends again) for a paid checkout, as posted to our callback. */
  notification(created: CreatedCheckout): Promise<Record<string, unknown>>;
  /** The accounting date (Asia/Shanghai) of what the test does now. */
  today: () => string;
};

export function paymentProviderContract(name: string, driver: ProviderDriver): void {
  const open = async (amountFen: number): Promise<{ outTradeNo: string; created: CreatedCheckout }> => {
    const deps = driver.deps();
    const outTradeNo = deps.newId();
    const created = await driver.provider.createCheckout(deps.db, deps, {
      outTradeNo,
      amountFen,
      subject: `合同测试 ${outTradeNo}`,
      expiresAt: new Date(deps.clock.now().getTime() + 3_600_000),
    });
    return { outTradeNo, created };
  };

  describe(`payment provider contract: ${name}`, () => {
    it('a paid checkout is notified with a valid signature, the same transaction id on redelivery; tampering is refused', async () => {
      const { db } = driver.deps();
      const { outTradeNo, created } = await open(12_345);
      expect(created.providerCheckoutId).not.toBe('');
      expect(created.checkoutUrl).not.toBe('');
      expect(await driver.payerPays(created)).toBe(true);
      const body = await driver.notification(created);
      const v = await driver.provider.verifyCallback(db, body);
      expect(v).toMatchObject({ event: 'payment.succeeded', outTradeNo, amountFen: 12_345 });
      const again = await driver.provider.verifyCallback(db, await driver.notification(created));
      expect(again?.providerTxnId).toBe(v!.providerTxnId);
      for (const [k, value] of Object.entries(body)) {
        if (k === 'sign' || typeof value !== 'string' || value === '') continue;
        expect(await driver.provider.verifyCallback(db, { ...body, [k]: `${value}x` }), `tampered ${k}`).toBeNull();
      }
      expect(await driver.provider.verifyCallback(db, { ...body, amountFen: 1 })).toBeNull();
      expect(await driver.provider.verifyCallback(db, {})).toBeNull();
    });

    it('cancel: an unpaid checkout is cancelled (idempotently) and its cashier refuses it; a paid one is already paid', async () => {
      const deps = driver.deps();
      const unpaid = await open(5_000);
      const req = { providerCheckoutId: unpaid.created.providerCheckoutId, outTradeNo: unpaid.outTradeNo };
      expect(await driver.provider.cancelCheckout(deps.db, deps, req)).toEqual({ status: 'cancelled' });
      expect(await driver.provider.cancelCheckout(deps.db, deps, req)).toEqual({ status: 'cancelled' });
      expect(await driver.payerPays(unpaid.created)).toBe(false);
      const paid = await open(6_000);
      expect(await driver.payerPays(paid.created)).toBe(true);
      expect(
        await driver.provider.cancelCheckout(deps.db, deps, {
          providerCheckoutId: paid.created.providerCheckoutId,
          outTradeNo: paid.outTradeNo,
        }),
      ).toEqual({ status: 'already_paid' });
    });

    it('refund: up to the amount paid, idempotent by our refund id; the statement shows the payment and the refund', async () => {
      const deps = driver.deps();
      const { outTradeNo, created } = await open(8_000);
      expect(await driver.payerPays(created)).toBe(true);
      const v = (await driver.provider.verifyCallback(deps.db, await driver.notification(created)))!;
      const outRefundNo = deps.newId();
      const refund = { providerTxnId: v.providerTxnId, outRefundNo, amountFen: 3_000, reason: '多缴退还' };
      const r1 = await driver.provider.refund(deps.db, deps, refund);
      expect(r1).toMatchObject({ status: 'succeeded', failureReason: null });
      expect(r1.providerRefundId).toBeTruthy();
      expect(await driver.provider.refund(deps.db, deps, refund)).toEqual(r1);
      const tooMuch = await driver.provider.refund(deps.db, deps, { ...refund, outRefundNo: deps.newId(), amountFen: 5_001 });
      expect(tooMuch.status).toBe('failed');
      const unknown = await driver.provider.refund(deps.db, deps, { ...refund, providerTxnId: 'NO-SUCH-TXN', outRefundNo: deps.newId() });
      expect(unknown.status).toBe('failed');
      const lines = await driver.provider.dailyStatement(deps.db, driver.today());
      expect(lines.find((l) => l.type === 'payment' && l.providerTxnId === v.providerTxnId)).toMatchObject({
        outTradeNo,
        amountFen: 8_000,
      });
      expect(lines.find((l) => l.type === 'refund' && l.outRefundNo === outRefundNo)).toMatchObject({
        refTxnId: v.providerTxnId,
        amountFen: 3_000,
        providerTxnId: r1.providerRefundId,
      });
    });
  });
}
