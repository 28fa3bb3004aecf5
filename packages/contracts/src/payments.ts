// Payment of fines (缴款): payment orders with their 缴款码, the amount due on the payment day (G1 + G2), checkouts
// through a payment provider (a local sandbox ships), the provider's signed callbacks, refunds, daily
// reconciliation, 暂缓 / 分期 applications (处罚法 Art. 66) and on-the-spot cash receipts (B4, 处罚法 Arts. 68–71).
// Money is integer fen; legal dates are 'YYYY-MM-DD' (Asia/Shanghai).
import { Type, type Static } from '@sinclair/typebox';
import { Code, Fen, IsoDate, literals, MultilineText, Nullable, Page, PageQuery, PositiveFen, Text, Uuid } from './common.ts';

const Instant = Type.String({ format: 'date-time' });

export const PAYMENT_ORDER_STATUSES = ['open', 'paid', 'superseded', 'cancelled'] as const;
export type PaymentOrderStatus = (typeof PAYMENT_ORDER_STATUSES)[number];
export const PAYMENT_ORDER_STATUS_ZH: Record<PaymentOrderStatus, string> = {
  open: '待缴',
  paid: '已缴',
  superseded: '已分期替代',
  cancelled: '已撤销',
};

/**
 * confirmed: booked in full. overpaid: the amount due booked (or nothing), the rest is an over-payment to refund.
 * underpaid: less than the amount due — the fine is paid in full or in approved instalments (处罚法 Arts. 66–67), so
 * nothing is booked and it is refunded. step_refused: the case refused the payment step; nothing booked.
 */
export const PAYMENT_TXN_STATUSES = ['confirmed', 'overpaid', 'underpaid', 'step_refused'] as const;
export type PaymentTxnStatus = (typeof PAYMENT_TXN_STATUSES)[number];
export const PAYMENT_TXN_STATUS_ZH: Record<PaymentTxnStatus, string> = {
  confirmed: '已入账',
  overpaid: '多缴 / 错缴（待退还）',
  underpaid: '少于应缴，未入账（待退还）',
  step_refused: '案件状态不允许登记（待退还）',
};

/** Why money received was not booked against the fine (多缴 / 错缴款). */
export const OVERPAYMENT_REASONS = [
  'already_paid',
  'checkout_cancelled',
  'exceeds_due',
  'below_due',
  'unknown_checkout',
  'case_refused',
] as const;
export type OverpaymentReason = (typeof OVERPAYMENT_REASONS)[number];
export const OVERPAYMENT_REASON_ZH: Record<OverpaymentReason, string> = {
  already_paid: '已缴清后重复缴款',
  checkout_cancelled: '支付单已作废后缴款',
  exceeds_due: '超出应缴金额',
  below_due: '少于应缴金额（未足额缴纳）',
  unknown_checkout: '无对应缴款单',
  case_refused: '案件状态不允许登记缴款',
};
export const OVERPAYMENT_REASON_EN: Record<OverpaymentReason, string> = {
  already_paid: 'paid again after the order was settled',
  checkout_cancelled: 'paid on a cancelled checkout',
  exceeds_due: 'more than the amount due',
  below_due: 'less than the amount due (not paid in full)',
  unknown_checkout: 'no matching checkout',
  case_refused: 'the case refused the payment',
};
export const OVERPAYMENT_STATUSES = ['open', 'refunded'] as const;
export type OverpaymentStatus = (typeof OVERPAYMENT_STATUSES)[number];
export const OVERPAYMENT_STATUS_ZH: Record<OverpaymentStatus, string> = { open: '待退还', refunded: '已退还' };

export const RuleLineSchema = Type.Object({ ruleId: Type.String(), article: Type.String(), textZh: Type.String(), textEn: Type.String() });

export const PaymentOrder = Type.Object({
  id: Uuid,
  caseId: Uuid,
  paymentCode: Code('^\\d{20}$', 20),
  kind: literals(['fine', 'instalment'] as const),
  instalmentNo: Nullable(Type.Integer()),
  /** The fine (or the instalment); the surcharge is computed on the payment day. */
  principalFen: Fen,
  dueOn: Nullable(IsoDate),
  status: literals(PAYMENT_ORDER_STATUSES),
  paidFen: Fen,
  paidOn: Nullable(IsoDate),
  createdAt: Instant,
});
export type PaymentOrder = Static<typeof PaymentOrder>;

export const DEFERRAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DeferralStatus = (typeof DEFERRAL_STATUSES)[number];

export const Instalment = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  dueOn: IsoDate,
  amountFen: Fen,
  orderId: Nullable(Uuid),
  paymentCode: Nullable(Type.String()),
  status: Nullable(literals(PAYMENT_ORDER_STATUSES)),
});
export type Instalment = Static<typeof Instalment>;

export const DeferralApplication = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: literals(['deferral', 'instalments'] as const),
  reason: Type.String(),
  /** End of the deferral, or the last instalment. */
  until: IsoDate,
  via: literals(['portal', 'officer'] as const),
  status: literals(DEFERRAL_STATUSES),
  appliedAt: Instant,
  appliedByName: Nullable(Type.String()),
  decidedAt: Nullable(Instant),
  decidedOn: Nullable(IsoDate),
  decidedByName: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  instalments: Type.Array(Instalment),
});
export type DeferralApplication = Static<typeof DeferralApplication>;

/** One payment received from a provider (its callback), as recorded on our side. */
export const PaymentTransaction = Type.Object({
  id: Uuid,
  orderId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  provider: Type.String(),
  providerTxnId: Type.String(),
  amountFen: Fen,
  /** What the checkout asked for (a payment of another amount is an over- or underpayment). */
  expectedFen: Nullable(Fen),
  paidAt: Instant,
  paidOn: IsoDate,
  status: literals(PAYMENT_TXN_STATUSES),
  /** What was booked against the fine; the rest (amountFen − bookedFen) is an over-payment. */
  bookedFen: Fen,
  note: Nullable(Type.String()),
  refundedFen: Fen,
});
export type PaymentTransaction = Static<typeof PaymentTransaction>;

/** Where checkouts go: the provider configured for this installation, or none (then nothing can be paid online). */
export const PaymentChannel = Type.Object({
  provider: Nullable(Type.String()),
  labelZh: Type.String(),
  labelEn: Type.String(),
  /** The local sandbox: no real money moves. */
  sandbox: Type.Boolean(),
});
export type PaymentChannel = Static<typeof PaymentChannel>;

/** Money received that was not booked against the fine, flagged and listed for refund (退付). */
export const Overpayment = Type.Object({
  id: Uuid,
  transactionId: Uuid,
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  partyName: Nullable(Type.String({ description: 'masked' })),
  orgName: Nullable(Type.String()),
  provider: Type.String(),
  providerTxnId: Type.String(),
  amountFen: Fen,
  /** What the checkout could still book when the money arrived. */
  dueFen: Nullable(Fen),
  reason: literals(OVERPAYMENT_REASONS),
  detail: Type.String(),
  paidOn: IsoDate,
  status: literals(OVERPAYMENT_STATUSES),
  refundId: Nullable(Uuid),
  refundedAt: Nullable(Instant),
  createdAt: Instant,
});
export type Overpayment = Static<typeof Overpayment>;

export const OverpaymentListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(OVERPAYMENT_STATUSES)),
  reason: Type.Optional(literals(OVERPAYMENT_REASONS)),
  /** Paid on or after / on or before. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  /** Provider transaction or case number. */
  q: Type.Optional(Text(50)),
});
export type OverpaymentListQuery = Static<typeof OverpaymentListQuery>;

/** A page of over-payments with the sum of all that match the filter (what is held for refund). */
export const OverpaymentPage = Type.Object({ ...Page(Overpayment).properties, totalFen: Fen });
export type OverpaymentPage = Static<typeof OverpaymentPage>;

export const OverpaymentRefundBody = Type.Object({ reason: MultilineText(500, { minLength: 1 }) });
export type OverpaymentRefundBody = Static<typeof OverpaymentRefundBody>;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const PaymentRefund = Type.Object({
  id: Uuid,
  transactionId: Uuid,
  caseId: Nullable(Uuid),
  amountFen: Fen,
  reason: Type.String(),
  status: literals(REFUND_STATUSES),
  providerRefundId: Nullable(Type.String()),
  failureReason: Nullable(Type.String()),
  requestedAt: Instant,
  requestedByName: Nullable(Type.String()),
  completedAt: Nullable(Instant),
});
export type PaymentRefund = Static<typeof PaymentRefund>;

/** The money side of one case, as of today (PTL's portal shows the same). */
export const PaymentSummary = Type.Object({
  caseId: Uuid,
  asOf: IsoDate,
  /** The 缴款码 of the order to pay now (the next instalment under a plan). */
  paymentCode: Nullable(Type.String()),
  fineFen: Fen,
  /** G2 as of today. */
  surchargeFen: Fen,
  paidFen: Fen,
  dueFen: Fen,
  /** G1 (shifted by an approved deferral), null before the decision is received. */
  paymentDue: Nullable(IsoDate),
  overdueDays: Type.Integer(),
  lines: Type.Array(RuleLineSchema),
  /** A checkout may be started now; otherwise `notPayableReason` says why. */
  payable: Type.Boolean(),
  notPayableReason: Nullable(Type.String()),
  deferral: Nullable(DeferralApplication),
  instalments: Nullable(Type.Array(Instalment)),
  orders: Type.Array(PaymentOrder),
  /** Where a checkout goes (the sandbox, a real provider, or none). */
  channel: PaymentChannel,
});
export type PaymentSummary = Static<typeof PaymentSummary>;

export const Checkout = Type.Object({
  checkoutId: Uuid,
  orderId: Uuid,
  amountFen: Fen,
  /** Console path of the provider's cashier (the sandbox: /sandbox-pay/<id>). */
  checkoutUrl: Type.String(),
  expiresAt: Instant,
  provider: Type.String(),
});
export type Checkout = Static<typeof Checkout>;

/** 暂缓 to a day, or 分期 by lines: each kind carries what it needs (G1 checks the rest). */
export const DeferralApplicationBody = Type.Union([
  Type.Object({ kind: Type.Literal('deferral'), reason: MultilineText(500, { minLength: 1 }), until: IsoDate }),
  Type.Object({
    kind: Type.Literal('instalments'),
    reason: MultilineText(500, { minLength: 1 }),
    instalments: Type.Array(Type.Object({ dueOn: IsoDate, amountFen: Fen }), { maxItems: 24 }),
  }),
]);
export type DeferralApplicationBody = Static<typeof DeferralApplicationBody>;

export const DeferralDecisionBody = Type.Object({
  /** The legal date of the approval or rejection. */
  date: IsoDate,
  approve: Type.Boolean(),
  note: MultilineText(500),
});
export type DeferralDecisionBody = Static<typeof DeferralDecisionBody>;

export const RefundBody = Type.Object({
  transactionId: Uuid,
  amountFen: PositiveFen,
  reason: MultilineText(500, { minLength: 1 }),
});
export type RefundBody = Static<typeof RefundBody>;

// ---------------------------------------------------------------------------------------------------------
// Lists

export const PaymentOrderListItem = Type.Object({
  ...PaymentOrder.properties,
  caseNumber: Nullable(Type.String()),
  partyName: Type.String({ description: 'masked' }),
  orgName: Type.String(),
  procedure: Type.String(),
  caseState: Type.String(),
});
export type PaymentOrderListItem = Static<typeof PaymentOrderListItem>;

export const PaymentOrderListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(PAYMENT_ORDER_STATUSES)),
  orgId: Type.Optional(Uuid),
  /** Created on or after / on or before. */
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  /** Payment code or case number. */
  q: Type.Optional(Text(50)),
});
export type PaymentOrderListQuery = Static<typeof PaymentOrderListQuery>;

// ---------------------------------------------------------------------------------------------------------
// Reconciliation (对账)

export const MISMATCH_KINDS = ['missing_ours', 'missing_provider', 'amount_differs', 'refund_not_reflected', 'overpayment'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];
export const MISMATCH_KIND_ZH: Record<MismatchKind, string> = {
  missing_ours: '渠道有、本系统无',
  missing_provider: '本系统有、渠道无',
  amount_differs: '金额不符',
  refund_not_reflected: '退款未同步',
  overpayment: '多缴错缴款待退还',
};

export const ReconciliationRun = Type.Object({
  id: Uuid,
  provider: Type.String(),
  statementDate: IsoDate,
  trigger: literals(['job', 'manual'] as const),
  startedAt: Instant,
  startedByName: Nullable(Type.String()),
  providerLines: Type.Integer(),
  ourLines: Type.Integer(),
  mismatchCount: Type.Integer(),
});
export type ReconciliationRun = Static<typeof ReconciliationRun>;

export const PaymentMismatch = Type.Object({
  id: Uuid,
  runId: Uuid,
  provider: Type.String(),
  statementDate: IsoDate,
  kind: literals(MISMATCH_KINDS),
  providerTxnId: Nullable(Type.String()),
  caseId: Nullable(Uuid),
  caseNumber: Nullable(Type.String()),
  providerAmountFen: Nullable(Type.Integer()),
  ourAmountFen: Nullable(Type.Integer()),
  detail: Type.String(),
  status: literals(['open', 'resolved'] as const),
  note: Nullable(Type.String()),
  resolvedAt: Nullable(Instant),
  resolvedByName: Nullable(Type.String()),
  createdAt: Instant,
});
export type PaymentMismatch = Static<typeof PaymentMismatch>;

export const MismatchListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(literals(['open', 'resolved'] as const)),
  kind: Type.Optional(literals(MISMATCH_KINDS)),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
});
export type MismatchListQuery = Static<typeof MismatchListQuery>;

export const RunListQuery = Type.Object({ ...PageQuery });
export type RunListQuery = Static<typeof RunListQuery>;

export const ReconcileBody = Type.Object({ date: IsoDate, provider: Type.Optional(Text(40)) });
export type ReconcileBody = Static<typeof ReconcileBody>;

export const ResolveMismatchBody = Type.Object({ note: MultilineText(500, { minLength: 1 }) });
export type ResolveMismatchBody = Static<typeof ResolveMismatchBody>;

// ---------------------------------------------------------------------------------------------------------
// 当场收缴 cash receipts (B4)

export const CashReceipt = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Nullable(Type.String()),
  orgName: Type.String(),
  partyName: Type.String({ description: 'masked' }),
  receiptNumber: Type.String(),
  amountFen: Fen,
  collectedOn: IsoDate,
  /** B4: 2 working days from collection. */
  handInDue: IsoDate,
  handedInOn: Nullable(IsoDate),
  handedInTo: Nullable(Type.String()),
  handInOverdue: Type.Boolean(),
  /** B4: 2 working days from hand-in (null until handed in). */
  depositDue: Nullable(IsoDate),
  depositedOn: Nullable(IsoDate),
  bankSlipNo: Nullable(Type.String()),
  depositOverdue: Type.Boolean(),
  documentId: Nullable(Uuid),
});
export type CashReceipt = Static<typeof CashReceipt>;

/** The case tab: the summary plus callbacks, refunds, every application and the cash receipt. */
export const CasePayments = Type.Object({
  summary: PaymentSummary,
  transactions: Type.Array(PaymentTransaction),
  refunds: Type.Array(PaymentRefund),
  applications: Type.Array(DeferralApplication),
  cashReceipt: Nullable(CashReceipt),
  overpayments: Type.Array(Overpayment),
});
export type CasePayments = Static<typeof CasePayments>;

export const CashReceiptListQuery = Type.Object({
  ...PageQuery,
  stage: Type.Optional(literals(['hand_in', 'deposit', 'done'] as const)),
  overdue: Type.Optional(Type.Boolean()),
  orgId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  q: Type.Optional(Text(50)),
});
export type CashReceiptListQuery = Static<typeof CashReceiptListQuery>;

export const CashHandInBody = Type.Object({ date: IsoDate, handedInTo: Text(100, { minLength: 1 }) });
export type CashHandInBody = Static<typeof CashHandInBody>;
export const CashDepositBody = Type.Object({ date: IsoDate, bankSlipNo: Text(60, { minLength: 1 }) });
export type CashDepositBody = Static<typeof CashDepositBody>;

// ---------------------------------------------------------------------------------------------------------
// The sandbox provider's public cashier page (本地模拟，不产生真实资金往来)

export const SANDBOX_NOTICE_ZH = '沙箱支付（本地模拟，不产生真实资金往来）';
export const SANDBOX_NOTICE_EN = 'Sandbox payment (local simulation, no real money moves)';

export const SandboxCheckoutView = Type.Object({
  id: Uuid,
  merchantName: Type.String(),
  subject: Type.String(),
  amountFen: Fen,
  status: literals(['pending', 'paid', 'expired', 'cancelled'] as const),
  expiresAt: Instant,
  paidAt: Nullable(Instant),
  txnId: Nullable(Type.String()),
  notice: Type.String(),
});
export type SandboxCheckoutView = Static<typeof SandboxCheckoutView>;

export const CallbackAnswer = Type.Object({ result: literals(['accepted', 'duplicate', 'flagged'] as const) });
