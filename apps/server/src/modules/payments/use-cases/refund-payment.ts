// A refund through the provider (a decision changed or revoked, an overpayment, a flagged payment). Two phases so
// that a provider call never runs inside our transaction: the refund is recorded 'pending' (with its audit row),
// the provider is asked, and the result is recorded. A refund left pending (crash, timeout) is what the
// reconciliation reports as 'refund not reflected' once the provider's statement shows it.
import type { PaymentRefund, RefundBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { toRefund } from '../payments.mapper.ts';
import { addRefunded, findRefund, findTransaction, insertRefund, updateRefund } from '../payments.repository.ts';
import { providerOrFail } from '../providers/registry.ts';

export async function refundPayment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: { caseId: string; body: RefundBody },
): Promise<PaymentRefund> {
  assertPermission(actor, 'payment:refund');
  const refundId = deps.newId();
  const txn = await deps.db.transaction().execute(async (trx) => {
    const row = await getCaseRowOrFail(trx, actor, caseId);
    const t = await findTransaction(trx, body.transactionId, true);
    if (!t || t.case_id !== row.id) throw new AppError('NOT_FOUND', { field: 'transactionId' });
    const refundable = Number(t.amount_fen) - Number(t.refunded_fen);
    if (body.amountFen > refundable) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'amountFen',
        message: `amountFen：退款金额超过可退金额 ${refundable / 100} 元`,
        messageEn: `amountFen: more than the refundable ${refundable / 100} yuan`,
        details: [{ field: 'amountFen', message: `超过可退金额 ${refundable / 100} 元`, messageEn: `more than ${refundable / 100} yuan` }],
      });
    }
    await insertRefund(trx, {
      id: refundId,
      bureau_id: row.bureau_id,
      transaction_id: t.id,
      case_id: row.id,
      provider: t.provider,
      amount_fen: body.amountFen,
      reason: body.reason.trim(),
      status: 'pending',
      provider_refund_id: null,
      failure_reason: null,
      requested_by: actor.id,
      requested_at: deps.clock.now(),
    });
    // Reserve the amount now so two refunds cannot exceed the payment.
    await addRefunded(trx, t.id, body.amountFen);
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.refund.request',
      entityType: 'payment_refund',
      entityId: refundId,
      bureauId: row.bureau_id,
      data: { caseId: row.id, transactionId: t.id, amountFen: body.amountFen, reason: body.reason },
    });
    return t;
  });
  const provider = providerOrFail(txn.provider);
  const result = await provider
    .refund(deps.db, deps, { providerTxnId: txn.provider_txn_id, outRefundNo: refundId, amountFen: body.amountFen, reason: body.reason })
    .catch((e: unknown) => ({
      status: 'failed' as const,
      providerRefundId: null,
      failureReason: e instanceof Error ? e.message : String(e),
    }));
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    await updateRefund(trx, refundId, {
      status: result.status,
      provider_refund_id: result.providerRefundId,
      failure_reason: result.failureReason,
      completed_at: now,
      completed_on: result.status === 'succeeded' ? shanghaiDate(now) : null,
    });
    if (result.status === 'failed') await addRefunded(trx, txn.id, -body.amountFen);
    await recordAudit(trx, deps, actor, meta, {
      action: `payment.refund.${result.status}`,
      entityType: 'payment_refund',
      entityId: refundId,
      bureauId: txn.bureau_id,
      data: { providerRefundId: result.providerRefundId, failureReason: result.failureReason },
    });
  });
  return toRefund((await findRefund(deps.db, refundId))!);
}
