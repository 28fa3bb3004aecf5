import type {
  CashDepositBody,
  CashHandInBody,
  CashReceipt,
  CashReceiptListQuery,
  CasePayments,
  Checkout,
  DeferralApplication,
  DeferralApplicationBody,
  DeferralDecisionBody,
  MismatchListQuery,
  Overpayment,
  OverpaymentListQuery,
  OverpaymentPage,
  OverpaymentRefundBody,
  PageOf,
  PaymentChannel,
  PaymentMismatch,
  PaymentOrderListItem,
  PaymentOrderListQuery,
  PaymentRefund,
  ReconciliationRun,
  RefundBody,
  SandboxCheckoutView,
} from '@chengguan/contracts';
import { api, type Query } from './client.ts';

// 缴款 (apps/server/src/modules/payments): the case tab, the lists, and the sandbox provider's public cashier.
export const paymentsApi = {
  ofCase: (caseId: string, signal?: AbortSignal) => api.get<CasePayments>(`/api/v1/cases/${caseId}/payments`, undefined, signal),
  checkout: (caseId: string, idempotencyKey?: string) =>
    api.post<Checkout>(`/api/v1/cases/${caseId}/payments/checkout`, {}, idempotencyKey ? { idempotencyKey } : {}),
  applyDeferral: (caseId: string, body: DeferralApplicationBody, idempotencyKey?: string) =>
    api.post<DeferralApplication>(`/api/v1/cases/${caseId}/payments/deferrals`, body, idempotencyKey ? { idempotencyKey } : {}),
  decideDeferral: (id: string, body: DeferralDecisionBody, idempotencyKey?: string) =>
    api.post<DeferralApplication>(`/api/v1/payment-deferrals/${id}/decision`, body, idempotencyKey ? { idempotencyKey } : {}),
  refund: (caseId: string, body: RefundBody, idempotencyKey?: string) =>
    api.post<PaymentRefund>(`/api/v1/cases/${caseId}/payments/refunds`, body, idempotencyKey ? { idempotencyKey } : {}),
  orders: (q: PaymentOrderListQuery, signal?: AbortSignal) =>
    api.get<PageOf<PaymentOrderListItem>>('/api/v1/payment-orders', q as Query, signal),
  ordersExportPath: '/api/v1/payment-orders/export.xlsx',
  runs: (q: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<PageOf<ReconciliationRun>>('/api/v1/payments/reconciliation-runs', q as Query, signal),
  reconcile: (date: string) => api.post<ReconciliationRun>('/api/v1/payments/reconciliation-runs', { date }),
  mismatches: (q: MismatchListQuery, signal?: AbortSignal) =>
    api.get<PageOf<PaymentMismatch>>('/api/v1/payments/mismatches', q as Query, signal),
  mismatchesExportPath: '/api/v1/payments/mismatches/export.xlsx',
  resolve: (id: string, note: string) => api.post<PaymentMismatch>(`/api/v1/payments/mismatches/${id}/resolve`, { note }),
  channel: (signal?: AbortSignal) => api.get<PaymentChannel>('/api/v1/payments/channel', undefined, signal),
  overpayments: (q: OverpaymentListQuery, signal?: AbortSignal) =>
    api.get<OverpaymentPage>('/api/v1/payments/overpayments', q as Query, signal),
  overpaymentsExportPath: '/api/v1/payments/overpayments/export.xlsx',
  refundOverpayment: (id: string, body: OverpaymentRefundBody, idempotencyKey?: string) =>
    api.post<Overpayment>(`/api/v1/payments/overpayments/${id}/refund`, body, idempotencyKey ? { idempotencyKey } : {}),
  cash: (q: CashReceiptListQuery, signal?: AbortSignal) => api.get<PageOf<CashReceipt>>('/api/v1/cash-receipts', q as Query, signal),
  cashExportPath: '/api/v1/cash-receipts/export.xlsx',
  handIn: (id: string, body: CashHandInBody) => api.post<CashReceipt>(`/api/v1/cash-receipts/${id}/hand-in`, body),
  deposit: (id: string, body: CashDepositBody) => api.post<CashReceipt>(`/api/v1/cash-receipts/${id}/deposit`, body),
  sandboxView: (id: string, signal?: AbortSignal) => api.get<SandboxCheckoutView>(`/api/public/sandbox-pay/${id}`, undefined, signal),
  sandboxPay: (id: string) => api.post<SandboxCheckoutView>(`/api/public/sandbox-pay/${id}/pay`, {}, { noAuthRedirect: true }),
};
