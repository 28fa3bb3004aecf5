// What a payment the provider confirmed does to the fine. 处罚法 Art. 67: the party pays the fine (with the G2
// surcharge, Art. 72) in full, or in the instalments approved under Art. 66. So exactly the amount due settles the
// checkout; anything else received is never booked against the fine and never moves the case — it is an over-payment
// (多缴 / 错缴款) recorded with its reason and refunded (退付):
//   - a second payment of a checkout, or a payment for an order or case already paid          → already_paid
//   - a payment of a checkout that a newer one replaced or that was cancelled                  → checkout_cancelled
//   - more than the amount due: the amount due is booked, the excess is the over-payment       → exceeds_due
//   - less than the amount due: an underpayment is flagged, nothing of it is booked            → below_due
//   - a payment naming no checkout of ours                                                       → unknown_checkout
// A partial payment is not booked because the law knows no partial payment outside an approved instalment plan; the
// party applies for instalments (Art. 66) and pays each one exactly.
import type { Fen } from '../law/types.ts';

export type CheckoutState = 'open' | 'paid' | 'flagged' | 'superseded' | 'cancelled';

export type ReceivedPayment = {
  amountFen: Fen;
  /** The checkout it names; null when it names none of ours. */
  checkout: { status: CheckoutState; amountFen: Fen } | null;
  /** The checkout's order is still open (not paid, not replaced by instalments). */
  orderOpen: boolean;
  /** What the case still owes on the payment day: fine + G2 surcharge − paid. */
  owedFen: Fen;
};

export type OverpaidReason = 'already_paid' | 'checkout_cancelled' | 'exceeds_due' | 'below_due' | 'unknown_checkout';

export type PaymentBooking =
  | { status: 'confirmed'; bookFen: Fen; overpaidFen: 0; reason: null; dueFen: Fen }
  | { status: 'overpaid'; bookFen: Fen; overpaidFen: Fen; reason: Exclude<OverpaidReason, 'below_due'>; dueFen: Fen | null }
  | { status: 'underpaid'; bookFen: 0; overpaidFen: Fen; reason: 'below_due'; dueFen: Fen };

const CLOSED: readonly CheckoutState[] = ['superseded', 'cancelled'];
/** A checkout takes one payment: once paid (booked, or flagged and kept for refund) it takes no other. */
const USED: readonly CheckoutState[] = ['paid', 'flagged'];

/** How much of a received payment is booked against the fine, and what is left over with its reason. */
export function bookPayment(p: ReceivedPayment): PaymentBooking {
  const all = Math.max(0, p.amountFen);
  if (!p.checkout) return { status: 'overpaid', bookFen: 0, overpaidFen: all, reason: 'unknown_checkout', dueFen: null };
  if (CLOSED.includes(p.checkout.status)) {
    return { status: 'overpaid', bookFen: 0, overpaidFen: all, reason: 'checkout_cancelled', dueFen: 0 };
  }
  if (USED.includes(p.checkout.status) || !p.orderOpen || p.owedFen <= 0) {
    return { status: 'overpaid', bookFen: 0, overpaidFen: all, reason: 'already_paid', dueFen: 0 };
  }
  // The checkout asked for the amount due on its day; never book more than the case still owes.
  const due = Math.min(p.checkout.amountFen, p.owedFen);
  if (all === due) return { status: 'confirmed', bookFen: due, overpaidFen: 0, reason: null, dueFen: due };
  if (all > due) return { status: 'overpaid', bookFen: due, overpaidFen: all - due, reason: 'exceeds_due', dueFen: due };
  return { status: 'underpaid', bookFen: 0, overpaidFen: all, reason: 'below_due', dueFen: due };
}
