// G1 (处罚法 Arts. 66–67): what a confirmed payment books against the fine, and what becomes an over-payment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookPayment, type CheckoutState, type ReceivedPayment } from './booking.ts';

const open = (amountFen: number, owedFen = amountFen): ReceivedPayment => ({
  amountFen,
  checkout: { status: 'open', amountFen },
  orderOpen: true,
  owedFen,
});

describe('G1 booking a payment: exactly the amount due settles the checkout', () => {
  // [case, payment, expected status, booked, over-paid, reason] — written from the rule, not from the code.
  const TABLE: [string, ReceivedPayment, string, number, number, string | null][] = [
    ['exact amount', open(200_000), 'confirmed', 200_000, 0, null],
    ['one fen more', { ...open(200_000), amountFen: 200_001 }, 'overpaid', 200_000, 1, 'exceeds_due'],
    ['one fen less', { ...open(200_000), amountFen: 199_999 }, 'underpaid', 0, 199_999, 'below_due'],
    ['nothing received', { ...open(200_000), amountFen: 0 }, 'underpaid', 0, 0, 'below_due'],
    [
      'checkout paid already',
      { ...open(200_000), checkout: { status: 'paid', amountFen: 200_000 } },
      'overpaid',
      0,
      200_000,
      'already_paid',
    ],
    [
      'checkout flagged already',
      { ...open(200_000), checkout: { status: 'flagged', amountFen: 200_000 } },
      'overpaid',
      0,
      200_000,
      'already_paid',
    ],
    ['order settled meanwhile', { ...open(200_000), orderOpen: false }, 'overpaid', 0, 200_000, 'already_paid'],
    ['case owes nothing', open(200_000, 0), 'overpaid', 0, 200_000, 'already_paid'],
    [
      'superseded checkout',
      { ...open(200_000), checkout: { status: 'superseded', amountFen: 200_000 } },
      'overpaid',
      0,
      200_000,
      'checkout_cancelled',
    ],
    [
      'cancelled checkout',
      { ...open(200_000), checkout: { status: 'cancelled', amountFen: 200_000 } },
      'overpaid',
      0,
      200_000,
      'checkout_cancelled',
    ],
    ['no checkout of ours', { ...open(200_000), checkout: null }, 'overpaid', 0, 200_000, 'unknown_checkout'],
    // The case owes less than the checkout asked (a payment recorded meanwhile): only what is owed is booked.
    ['checkout above what is owed', open(200_000, 150_000), 'overpaid', 150_000, 50_000, 'exceeds_due'],
    // An instalment checkout asks for less than the case owes: its exact amount books.
    ['instalment checkout', open(80_000, 200_000), 'confirmed', 80_000, 0, null],
  ];
  it.each(TABLE)('%s', (_name, payment, status, booked, overpaid, reason) => {
    expect(bookPayment(payment)).toMatchObject({ status, bookFen: booked, overpaidFen: overpaid, reason });
  });

  it('G1 every fen received is either booked or an over-payment, and never more than owed is booked', () => {
    const states: CheckoutState[] = ['open', 'paid', 'flagged', 'superseded', 'cancelled'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.option(fc.record({ status: fc.constantFrom(...states), amountFen: fc.integer({ min: 1, max: 10_000_000 }) }), { nil: null }),
        fc.boolean(),
        fc.integer({ min: 0, max: 10_000_000 }),
        (amountFen, checkout, orderOpen, owedFen) => {
          const b = bookPayment({ amountFen, checkout, orderOpen, owedFen });
          expect(b.bookFen + b.overpaidFen).toBe(amountFen);
          expect(b.bookFen).toBeLessThanOrEqual(owedFen);
          if (b.bookFen > 0) expect(checkout?.status === 'open' && orderOpen).toBe(true);
        },
      ),
    );
  });

  it('G1 twenty payments of one checkout book it once', () => {
    let checkout: ReceivedPayment['checkout'] = { status: 'open', amountFen: 200_000 };
    let owed = 200_000;
    let booked = 0;
    let overpaid = 0;
    for (let i = 0; i < 20; i++) {
      const b = bookPayment({ amountFen: 200_000, checkout, orderOpen: owed > 0, owedFen: owed });
      booked += b.bookFen;
      overpaid += b.overpaidFen;
      owed -= b.bookFen;
      if (b.bookFen > 0) checkout = { ...checkout, status: 'paid' };
    }
    expect({ booked, overpaid }).toEqual({ booked: 200_000, overpaid: 19 * 200_000 });
  });
});
