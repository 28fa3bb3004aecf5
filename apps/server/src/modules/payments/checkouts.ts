// One open checkout per order (the fine is paid once, 处罚法 Art. 67): opening a new checkout cancels the old one at
// the provider first, and a checkout whose order closed (paid, replaced by instalments) is cancelled too, so the payer
// cannot pay a checkout we no longer expect. The provider's cancel runs inside the caller's transaction: we must know
// its answer before anything else is written. A checkout the payer already paid at the provider cannot be cancelled —
// its notification is on its way — and is left open for that notification to close.
import type { Deps, Executor } from '../../context.ts';
import { recordAudit } from '../audit/index.ts';
import { type CheckoutRow, closeCheckout, openCheckoutsOfClosedOrders } from './payments.repository.ts';
import { findProvider } from './providers/registry.ts';

/** Cancels each checkout at its provider and closes it with `status`; returns those the payer had already paid. */
export async function closeCheckouts(
  trx: Executor,
  deps: Deps,
  checkouts: readonly CheckoutRow[],
  status: 'superseded' | 'cancelled',
): Promise<CheckoutRow[]> {
  const paidMeanwhile: CheckoutRow[] = [];
  for (const c of checkouts) {
    // A provider switched off since cannot take the payment any more (its callback route is gone): close it here.
    const provider = findProvider(deps.config, c.provider);
    const r = provider
      ? await provider.cancelCheckout(trx, deps, { providerCheckoutId: c.provider_checkout_id, outTradeNo: c.id })
      : { status: 'cancelled' as const };
    if (r.status === 'already_paid') {
      paidMeanwhile.push(c);
      continue;
    }
    if (!(await closeCheckout(trx, c.id, status, deps.clock.now()))) continue;
    await recordAudit(
      trx,
      deps,
      null,
      { ip: null, correlationId: null },
      {
        action: `payment.checkout.${status}`,
        entityType: 'payment_checkout',
        entityId: c.id,
        bureauId: c.bureau_id,
        data: { caseId: c.case_id, orderId: c.order_id, provider: c.provider, amountFen: Number(c.amount_fen) },
      },
    );
  }
  return paidMeanwhile;
}

/** After an order closed (paid, superseded by instalments): its open checkouts are cancelled. */
export async function cancelCheckoutsOfClosedOrders(trx: Executor, deps: Deps, caseId: string): Promise<void> {
  await closeCheckouts(trx, deps, await openCheckoutsOfClosedOrders(trx, caseId), 'cancelled');
}
