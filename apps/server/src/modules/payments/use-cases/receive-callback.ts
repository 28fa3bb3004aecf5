// The provider's signed notification that a checkout was paid. Authenticated by its signature only (public
// endpoint). EXACTLY ONCE: our ledger row is keyed by (provider, provider transaction id); a second delivery,
// even concurrent, finds the row and answers 'duplicate' writing nothing.
//
// NEVER OVER-BOOKED: the checkout, then every order of the case, are locked before anything is decided, so payments of
// one case are booked one after the other. `bookPayment` (domain, G1) decides what the money does: exactly the amount
// due settles the checkout and takes the case step (recordPayment / recordSummaryPayment) for the payment channel;
// anything else received — a second payment of the checkout or of a settled order, a payment of a cancelled checkout,
// the excess over the amount due, an underpayment — is an over-payment: recorded with its reason, flagged, listed for
// refund, never booked against the fine and never moving the case. The database backs this with one booking per
// checkout (payment_transactions_one_booking_idx). A step the case refuses (closed meanwhile …) is rolled back alone
// to a savepoint; the money is then an over-payment too.
import { bookPayment, type CaseSnapshot, type PaymentBooking, yuanText } from '@chengguan/domain';
import { OVERPAYMENT_REASON_ZH, type OverpaymentReason } from '@chengguan/contracts';
import type { Transaction } from 'kysely';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import type { DB } from '../../../db/schema.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { withSavepoint } from '../../../db/transaction.ts';
import { AppError } from '../../../errors/app-error.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { addressKey, refundAttempt } from '../../throttle/index.ts';
import { type CaseRow, channelActor, type LoadedCase, loadCaseOrFail, runCaseStepIn } from '../../cases/index.ts';
import { cancelCheckoutsOfClosedOrders } from '../checkouts.ts';
import { insertOverpayment } from '../overpayments.repository.ts';
import { caseAmounts, paymentAction } from '../payment-orders.ts';
import {
  type CheckoutRow,
  findCheckout,
  insertTransactionIfNew,
  lockOrdersOfCase,
  type OrderRow,
  setCheckoutStatus,
  setOpenOrdersOfCase,
  settleInstalmentOrders,
  updateOrder,
  updateTransaction,
} from '../payments.repository.ts';
import type { PaymentProvider, VerifiedCallback } from '../providers/payment-provider.ts';
import { findProvider } from '../providers/registry.ts';

export type CallbackResult = { result: 'accepted' | 'duplicate' | 'flagged' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const yuan = (fen: number) => yuanText(fen, { unit: true });

export async function receivePaymentCallback(deps: Deps, meta: RequestMeta, providerName: string, body: unknown): Promise<CallbackResult> {
  // A provider this installation does not have answers like a route that does not exist.
  const provider = findProvider(deps.config, providerName);
  if (!provider) throw new AppError('NOT_FOUND');
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
  return deps.db.transaction().execute(async (trx) => {
    // A genuine notification gives back the attempt the public-address limit counted for it.
    await refundAttempt(trx, deps, [addressKey('public_address', meta.ip)]);
    return book(trx, deps, meta, provider, verified);
  });
}

type Loaded = {
  checkout: CheckoutRow | undefined;
  order: OrderRow | undefined;
  booking: PaymentBooking;
  /** The case of the checkout as read here under its orders' lock, loaded as its step reads it. */
  found: (LoadedCase & { lawRevision: string }) | undefined;
};

/** Locks what the payment touches and decides what it books (nothing written yet). */
async function load(trx: Executor, deps: Deps, provider: PaymentProvider, v: VerifiedCallback, paidOn: string): Promise<Loaded> {
  const found = UUID.test(v.outTradeNo) ? await findCheckout(trx, v.outTradeNo, true) : undefined;
  const checkout = found?.provider === provider.name ? found : undefined;
  if (!checkout)
    return {
      checkout,
      order: undefined,
      booking: bookPayment({ amountFen: v.amountFen, checkout: null, orderOpen: false, owedFen: 0 }),
      found: undefined,
    };
  const orders = await lockOrdersOfCase(trx, checkout.case_id);
  const order = orders.find((o) => o.id === checkout.order_id);
  // The platform's own channel: the checkout names the case, so no jurisdiction applies.
  const theCase = await loadCaseOrFail(deps, trx, { jurisdictionPath: '' }, checkout.case_id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return undefined;
    throw e;
  });
  const owedFen = theCase ? (await caseAmounts(trx, theCase.row.snapshot as CaseSnapshot, paidOn, theCase.lawRevision)).dueFen : 0;
  const booking = bookPayment({
    amountFen: v.amountFen,
    checkout: { status: checkout.status, amountFen: Number(checkout.amount_fen) },
    orderOpen: order?.status === 'open',
    owedFen,
  });
  return { checkout, order, booking, found: theCase };
}

async function book(
  trx: Transaction<DB>,
  deps: Deps,
  meta: RequestMeta,
  provider: PaymentProvider,
  v: VerifiedCallback,
): Promise<CallbackResult> {
  const paidOn = shanghaiDate(v.paidAt);
  const { checkout, order, booking, found } = await load(trx, deps, provider, v, paidOn);
  const txId = deps.newId();
  const inserted = await insertTransactionIfNew(trx, {
    id: txId,
    bureau_id: checkout?.bureau_id ?? null,
    provider: provider.name,
    provider_txn_id: v.providerTxnId,
    checkout_id: checkout?.id ?? null,
    order_id: checkout?.order_id ?? null,
    case_id: checkout?.case_id ?? null,
    amount_fen: v.amountFen,
    expected_fen: checkout ? Number(checkout.amount_fen) : null,
    paid_at: v.paidAt,
    paid_on: paidOn,
    status: booking.status,
    booked_fen: booking.bookFen,
    note: booking.reason ? `${OVERPAYMENT_REASON_ZH[booking.reason]}（收到 ${yuan(v.amountFen)}）` : null,
    callback: JSON.stringify(v.raw),
    received_at: deps.clock.now(),
  });
  if (!inserted) return { result: 'duplicate' };
  const audit = (action: string, data: Record<string, unknown>) =>
    recordAudit(trx, deps, null, meta, {
      action,
      entityType: 'payment_transaction',
      entityId: txId,
      bureauId: checkout?.bureau_id ?? null,
      data: { provider: provider.name, providerTxnId: v.providerTxnId, amountFen: v.amountFen, channel: 'payment', ...data },
    });
  const overpaid = async (reason: OverpaymentReason, amountFen: number, dueFen: number | null, detail: string) => {
    if (amountFen > 0) {
      await insertOverpayment(trx, {
        id: deps.newId(),
        bureau_id: checkout?.bureau_id ?? null,
        transaction_id: txId,
        case_id: checkout?.case_id ?? null,
        order_id: checkout?.order_id ?? null,
        checkout_id: checkout?.id ?? null,
        provider: provider.name,
        provider_txn_id: v.providerTxnId,
        amount_fen: amountFen,
        due_fen: dueFen,
        reason,
        detail,
        paid_on: paidOn,
        created_at: deps.clock.now(),
      });
    }
    // The checkout took its one payment: it takes no other (a later one is 'already_paid').
    if (checkout?.status === 'open' && booking.bookFen === 0) await setCheckoutStatus(trx, checkout.id, 'flagged', deps.clock.now());
    await audit('payment.callback.flagged', { reason, overpaidFen: amountFen, dueFen, bookedFen: booking.bookFen });
    return { result: 'flagged' as const };
  };
  const detailOf = (b: PaymentBooking) =>
    b.reason === 'exceeds_due'
      ? `收到 ${yuan(v.amountFen)}，应缴 ${yuan(b.bookFen)}，多缴 ${yuan(b.overpaidFen)}`
      : `收到 ${yuan(v.amountFen)}：${b.reason ? OVERPAYMENT_REASON_ZH[b.reason] : ''}`;
  if (booking.bookFen === 0 || !checkout || !order) {
    return overpaid(booking.reason ?? 'unknown_checkout', booking.overpaidFen, booking.dueFen, detailOf(booking));
  }

  // The case as read under the orders' lock in load(): only this transaction's ledger row was written since.
  const caseRow = found!.row;
  const action = paymentAction(caseRow.snapshot as CaseSnapshot);
  let written: { row: CaseRow; lawRevision: string };
  try {
    // A step refused here is rolled back alone; the money is kept for refund.
    ({ written } = await withSavepoint(trx, 'payment_step', () =>
      runCaseStepIn(trx, deps, channelActor(caseRow, 'payment', ['field_officer']), meta, {
        caseId: caseRow.id,
        loaded: found,
        action,
        body: {
          date: paidOn,
          amountFen: booking.bookFen,
          provider: provider.name,
          providerTxnId: v.providerTxnId,
          paymentCode: order.payment_code,
        },
        input: () => ({ date: paidOn, amountFen: booking.bookFen }),
      }),
    ));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const note = `${e.messageZh} / ${e.messageEn}`;
    await updateTransaction(trx, txId, { status: 'step_refused', booked_fen: 0, note });
    await setCheckoutStatus(trx, checkout.id, 'flagged', deps.clock.now());
    await insertOverpayment(trx, {
      id: deps.newId(),
      bureau_id: checkout.bureau_id,
      transaction_id: txId,
      case_id: checkout.case_id,
      order_id: checkout.order_id,
      checkout_id: checkout.id,
      provider: provider.name,
      provider_txn_id: v.providerTxnId,
      amount_fen: v.amountFen,
      due_fen: booking.dueFen,
      reason: 'case_refused',
      detail: note,
      paid_on: paidOn,
      created_at: deps.clock.now(),
    });
    await audit('payment.callback.flagged', { reason: 'case_refused', code: e.code, note });
    return { result: 'flagged' };
  }
  const paidOnOrder = Number(order.paid_fen) + booking.bookFen;
  await updateOrder(trx, order.id, {
    paid_fen: paidOnOrder,
    paid_on: paidOn,
    status: paidOnOrder >= Number(order.principal_fen) ? 'paid' : 'open',
    updated_at: deps.clock.now(),
  });
  // Paid in full (fine + surcharge): every order still open is settled, and their checkouts cancelled. Under a plan, a
  // payment that covered several instalments (a missed one and the next) settles each of their orders.
  // The case as the step wrote it (its UPDATE … RETURNING).
  const amounts = await caseAmounts(trx, written.row.snapshot as CaseSnapshot, paidOn, written.lawRevision);
  if (amounts.dueFen === 0) {
    await setOpenOrdersOfCase(trx, caseRow.id, { status: 'paid', paid_on: paidOn, updated_at: deps.clock.now() });
  } else {
    const settled = amounts.instalments.filter((l) => l.settledOn !== null).map((l) => l.seq);
    await settleInstalmentOrders(trx, caseRow.id, settled, paidOn, deps.clock.now());
  }
  await setCheckoutStatus(trx, checkout.id, 'paid', deps.clock.now());
  await cancelCheckoutsOfClosedOrders(trx, deps, caseRow.id);
  await audit('payment.callback.accepted', { caseId: caseRow.id, orderId: order.id, paidOn, action, bookedFen: booking.bookFen });
  if (booking.status === 'overpaid') return overpaid(booking.reason, booking.overpaidFen, booking.dueFen, detailOf(booking));
  return { result: 'accepted' };
}
