// Rows → contract shapes. Personal data (the party's name) is masked in lists.
import type {
  CashReceipt,
  DeferralApplication,
  Instalment,
  PaymentMismatch,
  PaymentOrder,
  PaymentOrderListItem,
  PaymentRefund,
  PaymentTransaction,
  ReconciliationRun,
} from '@chengguan/contracts';
import { maskName } from '@chengguan/domain';
import type {
  CashReceiptRow,
  DeferralRow,
  InstalmentRow,
  MismatchRow,
  OrderListRow,
  OrderRow,
  RefundRow,
  RunRow,
  TransactionRow,
} from './payments.repository.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const maskParty = (type: string, name: string) => (type === 'natural_person' ? maskName(name) : name);

export function toOrder(o: OrderRow): PaymentOrder {
  return {
    id: o.id,
    caseId: o.case_id,
    paymentCode: o.payment_code,
    kind: o.kind,
    instalmentNo: o.instalment_no,
    principalFen: Number(o.principal_fen),
    dueOn: o.due_on,
    status: o.status,
    paidFen: Number(o.paid_fen),
    paidOn: o.paid_on,
    createdAt: o.created_at.toISOString(),
  };
}

export function toOrderListItem(o: OrderListRow): PaymentOrderListItem {
  return {
    ...toOrder(o),
    caseNumber: o.case_number,
    partyName: maskParty(o.party_type, o.party_name),
    orgName: o.org_name,
    procedure: o.procedure,
    caseState: o.case_state,
  };
}

export function toInstalment(i: InstalmentRow): Instalment {
  return {
    seq: i.seq,
    dueOn: i.due_on,
    amountFen: Number(i.amount_fen),
    orderId: i.order_id,
    paymentCode: i.payment_code,
    status: i.order_status,
  };
}

export function toDeferral(d: DeferralRow, instalments: readonly InstalmentRow[]): DeferralApplication {
  return {
    id: d.id,
    caseId: d.case_id,
    kind: d.kind,
    reason: d.reason,
    until: d.until,
    via: d.via,
    status: d.status,
    appliedAt: d.applied_at.toISOString(),
    appliedByName: d.applied_by_name,
    decidedAt: iso(d.decided_at),
    decidedOn: d.decided_on,
    decidedByName: d.decided_by_name,
    decisionNote: d.decision_note,
    instalments: instalments.filter((i) => i.deferral_id === d.id).map(toInstalment),
  };
}

export function toTransaction(t: TransactionRow): PaymentTransaction {
  return {
    id: t.id,
    orderId: t.order_id,
    caseId: t.case_id,
    provider: t.provider,
    providerTxnId: t.provider_txn_id,
    amountFen: Number(t.amount_fen),
    expectedFen: t.expected_fen === null ? null : Number(t.expected_fen),
    paidAt: t.paid_at.toISOString(),
    paidOn: t.paid_on,
    status: t.status,
    bookedFen: Number(t.booked_fen),
    note: t.note,
    refundedFen: Number(t.refunded_fen),
  };
}

export function toRefund(r: RefundRow): PaymentRefund {
  return {
    id: r.id,
    transactionId: r.transaction_id,
    caseId: r.case_id,
    amountFen: Number(r.amount_fen),
    reason: r.reason,
    status: r.status,
    providerRefundId: r.provider_refund_id,
    failureReason: r.failure_reason,
    requestedAt: r.requested_at.toISOString(),
    requestedByName: r.requested_by_name,
    completedAt: iso(r.completed_at),
  };
}

export function toRun(r: RunRow): ReconciliationRun {
  return {
    id: r.id,
    provider: r.provider,
    statementDate: r.statement_date,
    trigger: r.trigger,
    startedAt: r.started_at.toISOString(),
    startedByName: r.started_by_name,
    providerLines: r.provider_lines,
    ourLines: r.our_lines,
    mismatchCount: r.mismatch_count,
  };
}

export function toMismatch(m: MismatchRow): PaymentMismatch {
  return {
    id: m.id,
    runId: m.run_id,
    provider: m.provider,
    statementDate: m.statement_date,
    kind: m.kind,
    providerTxnId: m.provider_txn_id,
    caseId: m.case_id,
    caseNumber: m.case_number,
    providerAmountFen: m.provider_amount_fen === null ? null : Number(m.provider_amount_fen),
    ourAmountFen: m.our_amount_fen === null ? null : Number(m.our_amount_fen),
    detail: m.detail,
    status: m.status,
    note: m.note,
    resolvedAt: iso(m.resolved_at),
    resolvedByName: m.resolved_by_name,
    createdAt: m.created_at.toISOString(),
  };
}

/** B4 overdue flags as of `today`: a step not taken by its due date, or taken after it. */
export function toCashReceipt(r: CashReceiptRow, today: string): CashReceipt {
  const handInOverdue = (r.handed_in_on ?? today) > r.hand_in_due;
  const depositOverdue = r.deposit_due !== null && (r.deposited_on ?? today) > r.deposit_due;
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    orgName: r.org_name,
    partyName: maskParty(r.party_type, r.party_name),
    receiptNumber: r.receipt_number,
    amountFen: Number(r.amount_fen),
    collectedOn: r.collected_on,
    handInDue: r.hand_in_due,
    handedInOn: r.handed_in_on,
    handedInTo: r.handed_in_to,
    handInOverdue,
    depositDue: r.deposit_due,
    depositedOn: r.deposited_on,
    bankSlipNo: r.bank_slip_no,
    depositOverdue,
    documentId: r.document_id,
  };
}
