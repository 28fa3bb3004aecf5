import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from '../../db/schema.ts';

type Money = ColumnType<number, number | bigint, number | bigint>;

export type PaymentCodeCountersTable = { bureau_key: string; year: number; last_seq: Money };

export type PaymentOrdersTable = {
  id: string;
  bureau_id: string | null;
  case_id: string;
  org_id: string;
  payment_code: string;
  kind: 'fine' | 'instalment';
  instalment_no: number | null;
  application_id: string | null;
  principal_fen: Money;
  due_on: string | null;
  status: Generated<'open' | 'paid' | 'superseded' | 'cancelled'>;
  paid_fen: Generated<number>;
  paid_on: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type PaymentCheckoutsTable = {
  id: string;
  bureau_id: string | null;
  order_id: string;
  case_id: string;
  provider: string;
  provider_checkout_id: string;
  channel: 'portal' | 'officer';
  amount_fen: Money;
  fine_fen: Money;
  surcharge_fen: Money;
  as_of: string;
  expires_at: Timestamp;
  status: Generated<CheckoutStatus>;
  created_at: GeneratedTimestamp;
  closed_at: Timestamp | null;
};

/** open → paid | flagged | superseded (a newer checkout of the order replaced it) | cancelled (the order closed). */
export type CheckoutStatus = 'open' | 'paid' | 'flagged' | 'superseded' | 'cancelled';

export type PaymentTransactionsTable = {
  id: string;
  bureau_id: string | null;
  provider: string;
  provider_txn_id: string;
  checkout_id: string | null;
  order_id: string | null;
  case_id: string | null;
  amount_fen: Money;
  expected_fen: number | null;
  paid_at: Timestamp;
  paid_on: string;
  status: 'confirmed' | 'overpaid' | 'underpaid' | 'step_refused';
  /** What this transaction booked against the fine (all of it when confirmed; never more than the amount due). */
  booked_fen: Generated<number>;
  note: string | null;
  callback: Json;
  refunded_fen: Generated<number>;
  received_at: GeneratedTimestamp;
};

export type OverpaymentReason = 'already_paid' | 'checkout_cancelled' | 'exceeds_due' | 'below_due' | 'unknown_checkout' | 'case_refused';

/** Money received that is not booked against the fine (多缴 / 错缴款), to be refunded. One per transaction. */
export type PaymentOverpaymentsTable = {
  id: string;
  bureau_id: string | null;
  transaction_id: string;
  case_id: string | null;
  order_id: string | null;
  checkout_id: string | null;
  provider: string;
  provider_txn_id: string;
  amount_fen: Money;
  due_fen: number | null;
  reason: OverpaymentReason;
  detail: string;
  paid_on: string;
  status: Generated<'open' | 'refunded'>;
  refund_id: string | null;
  refunded_at: Timestamp | null;
  created_at: Timestamp;
};

export type PaymentRefundsTable = {
  id: string;
  bureau_id: string | null;
  transaction_id: string;
  case_id: string | null;
  provider: string;
  amount_fen: Money;
  reason: string;
  status: 'pending' | 'succeeded' | 'failed';
  provider_refund_id: string | null;
  failure_reason: string | null;
  requested_by: string | null;
  requested_at: Timestamp;
  completed_at: Timestamp | null;
  completed_on: string | null;
};

export type PaymentDeferralsTable = {
  id: string;
  bureau_id: string | null;
  case_id: string;
  kind: 'deferral' | 'instalments';
  reason: string;
  until: string;
  via: 'portal' | 'officer';
  status: Generated<'pending' | 'approved' | 'rejected'>;
  applied_by: string | null;
  applied_at: Timestamp;
  applied_on: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decided_on: string | null;
  decision_note: string | null;
};

export type PaymentInstalmentsTable = { deferral_id: string; seq: number; due_on: string; amount_fen: Money; order_id: string | null };

export type PaymentReconciliationRunsTable = {
  id: string;
  provider: string;
  statement_date: string;
  trigger: 'job' | 'manual';
  started_by: string | null;
  started_at: Timestamp;
  provider_lines: number;
  our_lines: number;
  mismatch_count: number;
};

export type PaymentMismatchesTable = {
  id: string;
  run_id: string;
  bureau_id: string | null;
  case_id: string | null;
  provider: string;
  statement_date: string;
  kind: 'missing_ours' | 'missing_provider' | 'amount_differs' | 'refund_not_reflected' | 'overpayment';
  ref: string;
  provider_txn_id: string | null;
  provider_amount_fen: number | null;
  our_amount_fen: number | null;
  detail: string;
  status: Generated<'open' | 'resolved'>;
  note: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
};

export type CashReceiptsTable = {
  id: string;
  bureau_id: string | null;
  case_id: string;
  org_id: string;
  receipt_number: string;
  amount_fen: Money;
  collected_on: string;
  hand_in_due: string;
  handed_in_on: string | null;
  handed_in_to: string | null;
  handed_in_by: string | null;
  deposit_due: string | null;
  deposited_on: string | null;
  bank_slip_no: string | null;
  deposited_by: string | null;
  document_id: string | null;
  created_at: GeneratedTimestamp;
};

export type SandboxMerchantsTable = {
  merchant_id: string;
  name: string;
  secret: string;
  notify_url: string;
  created_at: GeneratedTimestamp;
};

export type SandboxCheckoutsTable = {
  id: string;
  merchant_id: string;
  out_trade_no: string;
  subject: string;
  amount_fen: Money;
  expires_at: Timestamp;
  status: Generated<'pending' | 'paid' | 'cancelled'>;
  txn_id: string | null;
  paid_at: Timestamp | null;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
};

export type SandboxLedgerTable = {
  txn_id: string;
  merchant_id: string;
  type: 'payment' | 'refund';
  checkout_id: string | null;
  out_trade_no: string;
  ref_txn_id: string | null;
  out_refund_no: string | null;
  amount_fen: Money;
  at: Timestamp;
  account_date: string;
};

export type PaymentTables = {
  payment_code_counters: PaymentCodeCountersTable;
  payment_orders: PaymentOrdersTable;
  payment_checkouts: PaymentCheckoutsTable;
  payment_transactions: PaymentTransactionsTable;
  payment_overpayments: PaymentOverpaymentsTable;
  payment_refunds: PaymentRefundsTable;
  payment_deferrals: PaymentDeferralsTable;
  payment_instalments: PaymentInstalmentsTable;
  payment_reconciliation_runs: PaymentReconciliationRunsTable;
  payment_mismatches: PaymentMismatchesTable;
  cash_receipts: CashReceiptsTable;
  sandbox_merchants: SandboxMerchantsTable;
  sandbox_checkouts: SandboxCheckoutsTable;
  sandbox_ledger: SandboxLedgerTable;
};
