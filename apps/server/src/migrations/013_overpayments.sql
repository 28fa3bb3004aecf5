-- 013 Payments that cannot over-book. The fine is paid once, in full or in the approved instalments (行政处罚法
-- Arts. 66–67): a checkout is paid at most once, an order has one open checkout at a time, and money received that
-- is not due — a second payment of a checkout or of a settled order, a payment of a checkout that was replaced, more
-- or less than the amount due — is never booked against the fine. It is recorded as an over-payment (多缴 / 错缴款)
-- with its reason and listed for refund (退付).

-- ─── Checkouts: open → paid | flagged | superseded (a newer checkout of the order) | cancelled (the order closed) ──
ALTER TABLE payment_checkouts DROP CONSTRAINT payment_checkouts_status_check;
ALTER TABLE payment_checkouts ADD COLUMN closed_at timestamptz;

-- Repair before the index below: of several open checkouts of one order only the newest stays open, the others are
-- superseded here and at the sandbox (the provider's cancel, as opening a new checkout now does).
UPDATE payment_checkouts c
   SET status = 'superseded', closed_at = now()
 WHERE c.status = 'open'
   AND EXISTS (SELECT 1 FROM payment_checkouts n
                WHERE n.order_id = c.order_id AND n.status = 'open' AND (n.created_at, n.id) > (c.created_at, c.id));

ALTER TABLE payment_checkouts ADD CONSTRAINT payment_checkouts_status_check
  CHECK (status IN ('open', 'paid', 'flagged', 'superseded', 'cancelled'));
-- One open checkout per order: opening a new one cancels the old one first.
CREATE UNIQUE INDEX payment_checkouts_one_open_idx ON payment_checkouts (order_id) WHERE status = 'open';

ALTER TABLE sandbox_checkouts DROP CONSTRAINT sandbox_checkouts_status_check;
ALTER TABLE sandbox_checkouts ADD CONSTRAINT sandbox_checkouts_status_check CHECK (status IN ('pending', 'paid', 'cancelled'));
ALTER TABLE sandbox_checkouts ADD COLUMN cancelled_at timestamptz;
UPDATE sandbox_checkouts s
   SET status = 'cancelled', cancelled_at = now()
  FROM payment_checkouts c
 WHERE c.provider = 'sandbox' AND c.provider_checkout_id = s.id::text AND c.status = 'superseded' AND s.status = 'pending';

-- ─── Our ledger: what each transaction booked against the fine ─────────────────────────────────────────────────────
-- confirmed: booked in full; overpaid: the amount due booked (or nothing), the rest is an over-payment; underpaid:
-- less than the amount due, nothing booked; step_refused: the case refused the payment step, nothing booked.
ALTER TABLE payment_transactions ADD COLUMN booked_fen bigint NOT NULL DEFAULT 0;
UPDATE payment_transactions SET booked_fen = amount_fen WHERE status = 'confirmed';
ALTER TABLE payment_transactions DROP CONSTRAINT payment_transactions_status_check;

CREATE TABLE payment_overpayments (
  id              uuid PRIMARY KEY,
  bureau_id       uuid,
  -- One over-payment per transaction: the part of it that was not booked.
  transaction_id  uuid NOT NULL UNIQUE REFERENCES payment_transactions (id),
  case_id         uuid REFERENCES cases (id),
  order_id        uuid REFERENCES payment_orders (id),
  checkout_id     uuid REFERENCES payment_checkouts (id),
  provider        text NOT NULL,
  provider_txn_id text NOT NULL,
  amount_fen      bigint NOT NULL CHECK (amount_fen > 0),
  -- What the checkout could still book when the money arrived (null: nothing to compare with).
  due_fen         bigint CHECK (due_fen IS NULL OR due_fen >= 0),
  reason          text NOT NULL CHECK (reason IN
                    ('already_paid', 'checkout_cancelled', 'exceeds_due', 'below_due', 'unknown_checkout', 'case_refused')),
  detail          text NOT NULL,
  paid_on         date NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'refunded')),
  -- Set while its refund is under way (status still open) and once it succeeded (refunded).
  -- Set while its refund is under way (status still open) and once it succeeded (refunded).
  refund_id       uuid REFERENCES payment_refunds (id),
  refunded_at     timestamptz,
  created_at      timestamptz NOT NULL,
  CHECK ((status = 'refunded') = (refund_id IS NOT NULL AND refunded_at IS NOT NULL))
);
CREATE INDEX payment_overpayments_status_idx ON payment_overpayments (status, paid_on DESC);
CREATE INDEX payment_overpayments_case_idx ON payment_overpayments (case_id);

-- Repair: a checkout booked more than once keeps its first booking; the later ones become over-payments (nothing of
-- them booked) and their orders' paid amounts are recomputed from what is booked.
WITH demoted AS (
  UPDATE payment_transactions t
     SET status = 'overpaid', booked_fen = 0,
         note = '同一支付单重复收款，未入账，待退还 / paid twice for one checkout; not booked, to be refunded'
   WHERE t.status = 'confirmed' AND t.checkout_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM payment_transactions e
                  WHERE e.checkout_id = t.checkout_id AND e.status = 'confirmed'
                    AND (e.received_at, e.id) < (t.received_at, t.id))
  RETURNING t.*
)
INSERT INTO payment_overpayments (id, bureau_id, transaction_id, case_id, order_id, checkout_id, provider, provider_txn_id,
                                  amount_fen, due_fen, reason, detail, paid_on, created_at)
SELECT id, bureau_id, id, case_id, order_id, checkout_id, provider, provider_txn_id, amount_fen - refunded_fen, 0,
       'already_paid', note, paid_on, now()
  FROM demoted WHERE amount_fen - refunded_fen > 0;

UPDATE payment_orders o
   SET paid_fen = (SELECT coalesce(sum(t.booked_fen), 0) FROM payment_transactions t WHERE t.order_id = o.id), updated_at = now()
 WHERE o.id IN (SELECT order_id FROM payment_overpayments WHERE reason = 'already_paid' AND order_id IS NOT NULL);

-- Earlier flagged transactions (nothing of them was booked) become over-payments to refund.
UPDATE payment_transactions
   SET status = CASE WHEN amount_fen < coalesce(expected_fen, 0) THEN 'underpaid' ELSE 'overpaid' END
 WHERE status = 'amount_mismatch';
INSERT INTO payment_overpayments (id, bureau_id, transaction_id, case_id, order_id, checkout_id, provider, provider_txn_id,
                                  amount_fen, due_fen, reason, detail, paid_on, created_at)
SELECT id, bureau_id, id, case_id, order_id, checkout_id, provider, provider_txn_id, amount_fen - refunded_fen, expected_fen,
       CASE WHEN status = 'underpaid' THEN 'below_due'
            WHEN status = 'overpaid' THEN 'exceeds_due'
            WHEN checkout_id IS NULL THEN 'unknown_checkout'
            ELSE 'case_refused' END,
       coalesce(note, ''), paid_on, now()
  FROM payment_transactions
 WHERE status IN ('underpaid', 'overpaid', 'step_refused') AND amount_fen - refunded_fen > 0
   AND id NOT IN (SELECT transaction_id FROM payment_overpayments);

ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_status_check
  CHECK (status IN ('confirmed', 'overpaid', 'underpaid', 'step_refused'));
ALTER TABLE payment_transactions ADD CONSTRAINT payment_transactions_booked_check CHECK (
  booked_fen >= 0 AND booked_fen <= amount_fen AND
  CASE status WHEN 'confirmed' THEN booked_fen = amount_fen
              WHEN 'overpaid' THEN booked_fen < amount_fen
              ELSE booked_fen = 0 END);
-- A checkout is paid once: at most one transaction books money against it (the natural key of 行政处罚法 Art. 67).
CREATE UNIQUE INDEX payment_transactions_one_booking_idx ON payment_transactions (checkout_id) WHERE booked_fen > 0;

-- ─── Reconciliation reports the over-payments of the statement date ────────────────────────────────────────────────
ALTER TABLE payment_mismatches DROP CONSTRAINT payment_mismatches_kind_check;
ALTER TABLE payment_mismatches ADD CONSTRAINT payment_mismatches_kind_check
  CHECK (kind IN ('missing_ours', 'missing_provider', 'amount_differs', 'refund_not_reflected', 'overpayment'));
