// The provider's signed notification that a checkout was paid. Authenticated by its signature only (public
// endpoint). EXACTLY ONCE: our ledger row is keyed by (provider, provider transaction id); a second delivery,
// even concurrent, finds the row and answers 'duplicate' writing nothing. The case step (recordPayment /
// recordSummaryPayment) is taken in the same transaction for the payment channel. An amount other than the
// checkout's is recorded but flagged and does not pay the fine; a step the case refuses (closed meanwhile …) is
// rolled back alone to a savepoint and the payment flagged for the officers.
import type { CaseSnapshot } from '@chengguan/domain';
import type { Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { withSavepoint } from '../../../db/transaction.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { addressKey, refundAttempt } from '../../throttle/index.ts';
import { channelActor, findCase, runCaseStepIn } from '../../cases/index.ts';
import { caseAmounts, paymentAction } from '../payment-orders.ts';
import {
  findCheckout,
  findOrder,
  insertTransactionIfNew,
  setCheckoutStatus,
  setOpenOrdersOfCase,
  settleInstalmentOrders,
  updateOrder,
  updateTransaction,
} from '../payments.repository.ts';
import { providerOrFail } from '../providers/registry.ts';

export type CallbackResult = { result: 'accepted' | 'duplicate' | 'flagged' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function receivePaymentCallback(deps: Deps, meta: RequestMeta, providerName: string, body: unknown): Promise<CallbackResult> {
  const provider = providerOrFail(providerName);
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const verified = await provider.verifyCallback(deps.db, fields);
  if (!verified) {
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, deps, null, meta, {
        action: 'payment.callback.rejected',
        entityType: 'payment_callback',
        entityId: null,
        bureauId: null,
        data: {
          provider: providerName,
          reason: 'bad_signature',
          txnId: typeof fields.txnId === 'string' ? fields.txnId.slice(0, 80) : null,
          outTradeNo: typeof fields.outTradeNo === 'string' ? fields.outTradeNo.slice(0, 80) : null,
          amountFen: typeof fields.amountFen === 'number' ? fields.amountFen : null,
        },
      }),
    );
    keepWritesOnRefusal();
    throw new AppError('PAYMENT_SIGNATURE_INVALID', {
      field: 'sign',
      message: '支付通知签名验证失败，已拒绝并记录',
      messageEn: 'The notification signature is invalid; refused and logged',
    });
  }
  return deps.db.transaction().execute(async (trx): Promise<CallbackResult> => {
    await refundAttempt(trx, deps, [addressKey('public_address', meta.ip)]);
    const paidOn = shanghaiDate(verified.paidAt);
    const checkout = UUID.test(verified.outTradeNo) ? await findCheckout(trx, verified.outTradeNo, true) : undefined;
    const txId = deps.newId();
    const inserted = await insertTransactionIfNew(trx, {
      id: txId,
      bureau_id: checkout?.bureau_id ?? null,
      provider: provider.name,
      provider_txn_id: verified.providerTxnId,
      checkout_id: checkout?.id ?? null,
      order_id: checkout?.order_id ?? null,
      case_id: checkout?.case_id ?? null,
      amount_fen: verified.amountFen,
      expected_fen: checkout ? Number(checkout.amount_fen) : null,
      paid_at: verified.paidAt,
      paid_on: paidOn,
      status: 'confirmed',
      note: null,
      callback: JSON.stringify(verified.raw),
      received_at: deps.clock.now(),
    });
    if (!inserted) return { result: 'duplicate' };
    const audit = (action: string, data: Record<string, unknown>) =>
      recordAudit(trx, deps, null, meta, {
        action,
        entityType: 'payment_transaction',
        entityId: txId,
        bureauId: checkout?.bureau_id ?? null,
        data: {
          provider: provider.name,
          providerTxnId: verified.providerTxnId,
          amountFen: verified.amountFen,
          channel: 'payment',
          ...data,
        },
      });
    const flag = async (status: 'amount_mismatch' | 'step_refused', note: string, data: Record<string, unknown> = {}) => {
      await updateTransaction(trx, txId, { status, note });
      if (checkout) await setCheckoutStatus(trx, checkout.id, 'flagged');
      await audit('payment.callback.flagged', { status, note, ...data });
      return { result: 'flagged' as const };
    };
    if (!checkout) return flag('step_refused', `未知的商户订单号 ${verified.outTradeNo} / unknown checkout`);
    const expected = Number(checkout.amount_fen);
    if (verified.amountFen !== expected) {
      return flag('amount_mismatch', `通知金额 ${verified.amountFen / 100} 元与应缴 ${expected / 100} 元不符`, { expectedFen: expected });
    }
    const [order, caseRow] = await Promise.all([findOrder(trx, checkout.order_id, true), findCase(trx, checkout.case_id)]);
    if (!order || !caseRow) return flag('step_refused', '缴款单或案件不存在 / order or case missing');
    const action = paymentAction(caseRow.snapshot as CaseSnapshot);
    try {
      // A step refused here is rolled back alone; the payment stays recorded and is flagged.
      await withSavepoint(trx, 'payment_step', () =>
        runCaseStepIn(trx, deps, channelActor(caseRow, 'payment', ['field_officer']), meta, {
          caseId: caseRow.id,
          action,
          body: {
            date: paidOn,
            amountFen: verified.amountFen,
            provider: provider.name,
            providerTxnId: verified.providerTxnId,
            paymentCode: order.payment_code,
          },
          input: () => ({ date: paidOn, amountFen: verified.amountFen }),
        }),
      );
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return flag('step_refused', `${e.messageZh} / ${e.messageEn}`, { code: e.code });
    }
    const paidOnOrder = Number(order.paid_fen) + verified.amountFen;
    await updateOrder(trx, order.id, {
      paid_fen: paidOnOrder,
      paid_on: paidOn,
      status: paidOnOrder >= Number(order.principal_fen) ? 'paid' : 'open',
      updated_at: deps.clock.now(),
    });
    // Paid in full (fine + surcharge): every order still open is settled. Under a plan, a payment that covered
    // several instalments (a missed one and the next) settles each of their orders.
    const after = await findCase(trx, caseRow.id);
    const amounts = after ? await caseAmounts(trx, after.snapshot as CaseSnapshot, paidOn) : undefined;
    if (amounts && amounts.dueFen === 0) {
      await setOpenOrdersOfCase(trx, caseRow.id, { status: 'paid', paid_on: paidOn, updated_at: deps.clock.now() });
    } else if (amounts) {
      const settled = amounts.instalments.filter((l) => l.settledOn !== null).map((l) => l.seq);
      await settleInstalmentOrders(trx, caseRow.id, settled, paidOn, deps.clock.now());
    }
    await setCheckoutStatus(trx, checkout.id, 'paid');
    await audit('payment.callback.accepted', { caseId: caseRow.id, orderId: order.id, paidOn, action });
    return { result: 'accepted' };
  });
}
