// The sandbox provider's public cashier (web route /sandbox-pay/:id): the payer sees what he pays and confirms.
// Public like a real provider's cashier; nothing here reads the platform's own tables.
import { SANDBOX_NOTICE_ZH, type SandboxCheckoutView } from '@chengguan/contracts';
import type { Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { findSandboxCheckout, type SandboxCheckoutRow } from '../providers/sandbox.repository.ts';
import { sandboxMerchant, sandboxPay } from '../providers/sandbox-provider.ts';

function view(c: SandboxCheckoutRow, merchantName: string, now: Date): SandboxCheckoutView {
  return {
    id: c.id,
    merchantName,
    subject: c.subject,
    amountFen: Number(c.amount_fen),
    status: c.status !== 'pending' ? c.status : c.expires_at.getTime() < now.getTime() ? 'expired' : 'pending',
    expiresAt: c.expires_at.toISOString(),
    paidAt: c.paid_at ? c.paid_at.toISOString() : null,
    txnId: c.txn_id,
    notice: SANDBOX_NOTICE_ZH,
  };
}

export async function getSandboxCheckout(deps: Deps, id: string): Promise<SandboxCheckoutView> {
  const c = await findSandboxCheckout(deps.db, id);
  if (!c) throw new AppError('NOT_FOUND');
  const merchant = await sandboxMerchant(deps.db, deps.config.paymentSandboxSecret);
  return view(c, merchant.name, deps.clock.now());
}

export async function confirmSandboxPayment(deps: Deps, meta: RequestMeta, id: string): Promise<SandboxCheckoutView> {
  const r = await deps.db.transaction().execute(async (trx) => {
    const paid = await sandboxPay(trx, deps, id);
    if (paid === undefined) throw new AppError('NOT_FOUND');
    if (paid === 'cancelled') throw new AppError('PAYMENT_CHECKOUT_CLOSED', { field: 'id' });
    if (paid === 'expired')
      throw new AppError('EXPIRED', {
        field: 'id',
        message: '支付单已过期，请重新发起缴款',
        messageEn: 'The checkout expired; start again',
      });
    await recordAudit(trx, deps, null, meta, {
      action: 'payment.sandbox.pay',
      entityType: 'sandbox_checkout',
      entityId: id,
      bureauId: null,
      data: { txnId: paid.txn_id, amountFen: Number(paid.amount_fen) },
    });
    return paid;
  });
  const merchant = await sandboxMerchant(deps.db, deps.config.paymentSandboxSecret);
  return view(r, merchant.name, deps.clock.now());
}
