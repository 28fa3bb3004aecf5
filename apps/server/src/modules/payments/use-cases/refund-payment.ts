// A refund through the provider (a decision changed or revoked, an over-payment, a flagged payment). The refund is
// recorded 'pending' with the amount reserved on the transaction (two refunds cannot exceed it) and its audit row,
// the provider is asked, and the result is recorded. Over HTTP all of it is the request's one unit of work; a refund
// the provider made while ours did not commit (crash, timeout) is what the reconciliation reports as 'refund not
// reflected' once the provider's statement shows it.
import type { PaymentRefund, RefundBody } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { toRefund } from '../payments.mapper.ts';
import { addRefunded, findRefund, findTransaction, insertRefund, type RefundRow, updateRefund } from '../payments.repository.ts';
import { providerOrFail } from '../providers/registry.ts';

export type RefundRequest = {
  transactionId: string;
  /** The case it is checked against (null: money that names no case). */
  caseId: string | null;
  amountFen: number;
  reason: string;
  /** Written to the audit rows (e.g. the over-payment refunded). */
  auditData?: Record<string, unknown>;
  /** In the transaction that records the pending refund (claim what it pays back; throw to refuse). */
  onRequested?: (trx: Executor, refundId: string) => Promise<void>;
  /** In the transaction that records the provider's answer. */
  onCompleted?: (trx: Executor, refund: { id: string; status: 'succeeded' | 'failed'; providerRefundId: string | null }) => Promise<void>;
};

/** Refunds part or all of one received payment through its provider; the caller checked access. */
export async function refundTransaction(deps: Deps, actor: Actor, meta: RequestMeta, req: RefundRequest): Promise<RefundRow> {
  const refundId = deps.newId();
  const txn = await deps.db.transaction().execute(async (trx) => {
    const t = await findTransaction(trx, req.transactionId, true);
    if (!t || t.case_id !== req.caseId) throw new AppError('NOT_FOUND', { field: 'transactionId' });
    const refundable = Number(t.amount_fen) - Number(t.refunded_fen);
    if (req.amountFen > refundable) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'amountFen',
        message: `amountFen：退款金额超过可退金额 ${refundable / 100} 元`,
        messageEn: `amountFen: more than the refundable ${refundable / 100} yuan`,
        details: [{ field: 'amountFen', message: `超过可退金额 ${refundable / 100} 元`, messageEn: `more than ${refundable / 100} yuan` }],
      });
    }
    // Checked before anything is written: a provider switched off cannot pay back (409, nothing recorded).
    providerOrFail(deps.config, t.provider);
    await insertRefund(trx, {
      id: refundId,
      bureau_id: t.bureau_id,
      transaction_id: t.id,
      case_id: t.case_id,
      provider: t.provider,
      amount_fen: req.amountFen,
      reason: req.reason.trim(),
      status: 'pending',
      provider_refund_id: null,
      failure_reason: null,
      requested_by: actor.id,
      requested_at: deps.clock.now(),
    });
    // Reserve the amount now so two refunds cannot exceed the payment.
    await addRefunded(trx, t.id, req.amountFen);
    await req.onRequested?.(trx, refundId);
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.refund.request',
      entityType: 'payment_refund',
      entityId: refundId,
      bureauId: t.bureau_id,
      data: { caseId: t.case_id, transactionId: t.id, amountFen: req.amountFen, reason: req.reason, ...req.auditData },
    });
    return t;
  });
  const provider = providerOrFail(deps.config, txn.provider);
  const result = await provider
    .refund(deps.db, deps, { providerTxnId: txn.provider_txn_id, outRefundNo: refundId, amountFen: req.amountFen, reason: req.reason })
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
    if (result.status === 'failed') await addRefunded(trx, txn.id, -req.amountFen);
    await req.onCompleted?.(trx, { id: refundId, status: result.status, providerRefundId: result.providerRefundId });
    await recordAudit(trx, deps, actor, meta, {
      action: `payment.refund.${result.status}`,
      entityType: 'payment_refund',
      entityId: refundId,
      bureauId: txn.bureau_id,
      data: { providerRefundId: result.providerRefundId, failureReason: result.failureReason, ...req.auditData },
    });
  });
  return (await findRefund(deps.db, refundId))!;
}

/** 退款 on the case tab: any received payment of the case, up to what is left of it. */
export async function refundPayment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { caseId, body }: { caseId: string; body: RefundBody },
): Promise<PaymentRefund> {
  assertPermission(actor, 'payment:refund');
  const row = await getCaseRowOrFail(deps.db, actor, caseId);
  const r = await refundTransaction(deps, actor, meta, {
    transactionId: body.transactionId,
    caseId: row.id,
    amountFen: body.amountFen,
    reason: body.reason,
  });
  return toRefund(r);
}
