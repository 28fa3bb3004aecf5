-- 007 Payment of fines (issue 5): payment orders with their 缴款码, checkouts through a payment provider, the payments
-- the provider confirmed by signed callback (our ledger), refunds, reconciliation against the provider's daily
-- statement, 暂缓 / 分期 applications (处罚法 Art. 66) and 当场收缴 cash receipts (B4, 处罚法 Arts. 68–71).
-- The sandbox provider keeps its own ledger in the sandbox_* tables: the provider's side, never joined with ours
-- except by the reconciliation, exactly as a real provider's records would be.

-- A 缴款码 is bureau region (6) + year (4) + sequence (9) + Damm check digit; the sequence is gap-free per bureau and year.
CREATE TABLE payment_code_counters (
  bureau_key uuid NOT NULL,
  year       integer NOT NULL,
  last_seq   bigint NOT NULL CHECK (last_seq >= 0),
  PRIMARY KEY (bureau_key, year)
);

CREATE TABLE payment_orders (
  id            uuid PRIMARY KEY,
  bureau_id     uuid,
  case_id       uuid NOT NULL REFERENCES cases (id),
  org_id        uuid NOT NULL REFERENCES orgs (id),
  payment_code  text NOT NULL UNIQUE CHECK (payment_code ~ '^\d{20}$'),
  kind          text NOT NULL CHECK (kind IN ('fine', 'instalment')),
  instalment_no integer CHECK (instalment_no IS NULL OR instalment_no >= 1),
  application_id uuid,
  principal_fen bigint NOT NULL CHECK (principal_fen > 0),
  -- Instalments carry their own due date; the fine's G1 date is computed from the case (service, deferral).
  due_on        date,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'superseded', 'cancelled')),
  paid_fen      bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  paid_on       date,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'instalment') = (instalment_no IS NOT NULL))
);
CREATE INDEX payment_orders_case_idx ON payment_orders (case_id);
CREATE INDEX payment_orders_org_status_idx ON payment_orders (org_id, status, created_at DESC);
CREATE INDEX payment_orders_bureau_idx ON payment_orders (bureau_id, created_at DESC);

-- One checkout = one attempt to pay an order through a provider, for the amount due on its day.
CREATE TABLE payment_checkouts (
  id                   uuid PRIMARY KEY,
  bureau_id            uuid,
  order_id             uuid NOT NULL REFERENCES payment_orders (id),
  case_id              uuid NOT NULL REFERENCES cases (id),
  provider             text NOT NULL,
  provider_checkout_id text NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('portal', 'officer')),
  amount_fen           bigint NOT NULL CHECK (amount_fen > 0),
  fine_fen             bigint NOT NULL,
  surcharge_fen        bigint NOT NULL,
  as_of                date NOT NULL,
  expires_at           timestamptz NOT NULL,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'flagged')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_checkout_id)
);
CREATE INDEX payment_checkouts_order_idx ON payment_checkouts (order_id);

-- Our ledger: one row per provider transaction, EXACTLY ONCE by (provider, provider_txn_id), so a callback
-- delivered twice (or twice at the same time) is recorded once.
CREATE TABLE payment_transactions (
  id              uuid PRIMARY KEY,
  bureau_id       uuid,
  provider        text NOT NULL,
  provider_txn_id text NOT NULL,
  checkout_id     uuid REFERENCES payment_checkouts (id),
  order_id        uuid REFERENCES payment_orders (id),
  case_id         uuid REFERENCES cases (id),
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0),
  expected_fen    bigint,
  paid_at         timestamptz NOT NULL,
  paid_on         date NOT NULL,
  status          text NOT NULL CHECK (status IN ('confirmed', 'amount_mismatch', 'step_refused')),
  note            text,
  callback        jsonb NOT NULL,
  refunded_fen    bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  received_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_txn_id)
);
CREATE INDEX payment_transactions_case_idx ON payment_transactions (case_id);
CREATE INDEX payment_transactions_day_idx ON payment_transactions (provider, paid_on);

CREATE TABLE payment_refunds (
  id                 uuid PRIMARY KEY,
  bureau_id          uuid,
  transaction_id     uuid NOT NULL REFERENCES payment_transactions (id),
  case_id            uuid REFERENCES cases (id),
  provider           text NOT NULL,
  amount_fen         bigint NOT NULL CHECK (amount_fen > 0),
  reason             text NOT NULL,
  status             text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_id text,
  failure_reason     text,
  requested_by       uuid REFERENCES officers (id),
  requested_at       timestamptz NOT NULL,
  completed_at       timestamptz,
  completed_on       date
);
CREATE INDEX payment_refunds_case_idx ON payment_refunds (case_id);
CREATE INDEX payment_refunds_day_idx ON payment_refunds (provider, completed_on);

-- 处罚法 Art. 66 applications: from the party's paper application (officer) or the portal.
CREATE TABLE payment_deferrals (
  id            uuid PRIMARY KEY,
  bureau_id     uuid,
  case_id       uuid NOT NULL REFERENCES cases (id),
  kind          text NOT NULL CHECK (kind IN ('deferral', 'instalments')),
  reason        text NOT NULL CHECK (length(btrim(reason)) > 0),
  until         date NOT NULL,
  via           text NOT NULL CHECK (via IN ('portal', 'officer')),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  applied_by    uuid REFERENCES officers (id),
  applied_at    timestamptz NOT NULL,
  applied_on    date NOT NULL,
  decided_by    uuid REFERENCES officers (id),
  decided_at    timestamptz,
  decided_on    date,
  decision_note text
);
CREATE INDEX payment_deferrals_case_idx ON payment_deferrals (case_id, applied_at);
-- One pending application per case at a time.
CREATE UNIQUE INDEX payment_deferrals_pending_idx ON payment_deferrals (case_id) WHERE status = 'pending';

CREATE TABLE payment_instalments (
  deferral_id uuid NOT NULL REFERENCES payment_deferrals (id),
  seq         integer NOT NULL CHECK (seq >= 1),
  due_on      date NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  order_id    uuid REFERENCES payment_orders (id),
  PRIMARY KEY (deferral_id, seq)
);

-- Reconciliation: one run per provider statement date and trigger; every mismatch flagged once.
CREATE TABLE payment_reconciliation_runs (
  id              uuid PRIMARY KEY,
  provider        text NOT NULL,
  statement_date  date NOT NULL,
  trigger         text NOT NULL CHECK (trigger IN ('job', 'manual')),
  started_by      uuid REFERENCES officers (id),
  started_at      timestamptz NOT NULL,
  provider_lines  integer NOT NULL,
  our_lines       integer NOT NULL,
  mismatch_count  integer NOT NULL
);
CREATE INDEX payment_reconciliation_runs_idx ON payment_reconciliation_runs (started_at DESC);

CREATE TABLE payment_mismatches (
  id                  uuid PRIMARY KEY,
  run_id              uuid NOT NULL REFERENCES payment_reconciliation_runs (id),
  bureau_id           uuid,
  case_id             uuid REFERENCES cases (id),
  provider            text NOT NULL,
  statement_date      date NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('missing_ours', 'missing_provider', 'amount_differs', 'refund_not_reflected')),
  -- The provider's transaction or refund id, or our transaction id when the provider has no line.
  ref                 text NOT NULL,
  provider_txn_id     text,
  provider_amount_fen bigint,
  our_amount_fen      bigint,
  detail              text NOT NULL,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  note                text,
  resolved_by         uuid REFERENCES officers (id),
  resolved_at         timestamptz,
  created_at          timestamptz NOT NULL,
  UNIQUE (provider, kind, ref),
  CHECK (status = 'open' OR (note IS NOT NULL AND resolved_at IS NOT NULL))
);
CREATE INDEX payment_mismatches_status_idx ON payment_mismatches (status, statement_date DESC);

-- 当场收缴 (B4): the 专用票据, hand-in to the agency and bank deposit, 2 working days each (处罚法 Art. 71).
CREATE TABLE cash_receipts (
  id             uuid PRIMARY KEY,
  bureau_id      uuid,
  case_id        uuid NOT NULL UNIQUE REFERENCES cases (id),
  org_id         uuid NOT NULL REFERENCES orgs (id),
  receipt_number text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  collected_on   date NOT NULL,
  hand_in_due    date NOT NULL,
  handed_in_on   date,
  handed_in_to   text,
  handed_in_by   uuid REFERENCES officers (id),
  deposit_due    date,
  deposited_on   date,
  bank_slip_no   text,
  deposited_by   uuid REFERENCES officers (id),
  document_id    uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (deposited_on IS NULL OR handed_in_on IS NOT NULL)
);
CREATE UNIQUE INDEX cash_receipts_number_idx ON cash_receipts (bureau_id, receipt_number) NULLS NOT DISTINCT;
CREATE INDEX cash_receipts_org_idx ON cash_receipts (org_id, collected_on DESC);

-- ─── The sandbox provider's own side ───────────────────────────────────────────────────────────────────────
-- Its merchant (us) with the shared HMAC-SM3 secret; its checkouts; its ledger (payments and refunds by
-- accounting date), from which it produces the daily statement.
CREATE TABLE sandbox_merchants (
  merchant_id text PRIMARY KEY,
  name        text NOT NULL,
  secret      text NOT NULL,
  notify_url  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_checkouts (
  id           uuid PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES sandbox_merchants (merchant_id),
  out_trade_no text NOT NULL,
  subject      text NOT NULL,
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  expires_at   timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
  txn_id       text UNIQUE,
  paid_at      timestamptz,
  created_at   timestamptz NOT NULL,
  UNIQUE (merchant_id, out_trade_no)
);

CREATE TABLE sandbox_ledger (
  txn_id       text PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES sandbox_merchants (merchant_id),
  type         text NOT NULL CHECK (type IN ('payment', 'refund')),
  checkout_id  uuid REFERENCES sandbox_checkouts (id),
  out_trade_no text NOT NULL,
  -- For a refund: the payment it refunds, and our refund id.
  ref_txn_id   text,
  out_refund_no text UNIQUE,
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  at           timestamptz NOT NULL,
  account_date date NOT NULL
);
CREATE INDEX sandbox_ledger_day_idx ON sandbox_ledger (merchant_id, account_date);
