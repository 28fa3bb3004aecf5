import { Type } from '@sinclair/typebox';
import {
  CallbackAnswer,
  CasePayments,
  CashDepositBody,
  CashHandInBody,
  CashReceipt,
  CashReceiptListQuery,
  Checkout,
  Code,
  DeferralApplication,
  DeferralApplicationBody,
  DeferralDecisionBody,
  ErrorBody,
  MismatchListQuery,
  OverpaymentListQuery,
  OverpaymentPage,
  OverpaymentRefundBody,
  Overpayment,
  Page,
  PaymentChannel,
  PaymentMismatch,
  PaymentOrderListItem,
  PaymentOrderListQuery,
  PaymentRefund,
  ReconcileBody,
  ReconciliationRun,
  RefundBody,
  ResolveMismatchBody,
  RunListQuery,
  SandboxCheckoutView,
  Uuid,
} from '@chengguan/contracts';
import type { Deps } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { actorOf, metaOf } from '../../http/auth-hook.ts';
import { listWithExportRoutes } from '../../http/xlsx.ts';
import { assertPermission } from '../../shared/access.ts';
import { getCaseRowOrFail } from '../cases/index.ts';
import { addressKey, throttleGate } from '../throttle/index.ts';
import { applyForDeferral, startCheckout } from './payments.api.ts';
import { toDeferral } from './payments.mapper.ts';
import { findDeferral, instalmentsOf } from './payments.repository.ts';
import { recordCashDeposit, recordCashHandIn } from './use-cases/cash-receipts.ts';
import { decideDeferral } from './use-cases/decide-deferral.ts';
import {
  exportCashReceipts,
  exportMismatches,
  exportPaymentOrders,
  getCasePayments,
  listCashReceipts,
  listMismatches,
  listPaymentOrders,
  listReconciliationRuns,
  resolveMismatch,
} from './use-cases/payment-queries.ts';
import { receivePaymentCallback } from './use-cases/receive-callback.ts';
import { reconcile } from './use-cases/reconcile.ts';
import { refundPayment } from './use-cases/refund-payment.ts';
import { confirmSandboxPayment, getSandboxCheckout } from './use-cases/sandbox-cashier.ts';
import { exportOverpayments, listOverpayments, refundOverpayment } from './use-cases/overpayments.ts';
import { defaultProvider, paymentChannel } from './providers/registry.ts';
import type { RouteApp } from '../../platform/server-module.ts';

const TAGS = ['payments'];
const IdParams = Type.Object({ id: Uuid });
const ERRORS = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** The console's side, under the authenticated /api/v1 scope. */
export function paymentRoutes(app: RouteApp, deps: Deps): void {
  app.get(
    '/api/v1/payments/channel',
    {
      schema: {
        tags: TAGS,
        summary: '缴款渠道（沙箱 / 真实渠道 / 未配置）/ where payments go',
        response: { 200: PaymentChannel },
      },
    },
    async () => paymentChannel(deps.config),
  );
  app.get(
    '/api/v1/cases/:id/payments',
    {
      schema: {
        tags: TAGS,
        summary: '案件缴款情况 / payments of a case',
        params: IdParams,
        response: { 200: CasePayments, 404: ErrorBody },
      },
    },
    async (request) => getCasePayments(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cases/:id/payments/checkout',
    { schema: { tags: TAGS, summary: '发起缴款（收银台）/ start a checkout', params: IdParams, response: { 200: Checkout, ...ERRORS } } },
    async (request) => {
      const actor = actorOf(request);
      assertPermission(actor, 'case:write');
      await getCaseRowOrFail(deps.db, actor, request.params.id);
      return startCheckout(deps, { caseId: request.params.id, channel: 'officer' });
    },
  );
  app.post(
    '/api/v1/cases/:id/payments/deferrals',
    {
      schema: {
        tags: TAGS,
        summary: '暂缓或分期缴纳申请（处罚法第六十六条）/ apply for deferral or instalments',
        params: IdParams,
        body: DeferralApplicationBody,
        response: { 201: DeferralApplication, ...ERRORS },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { id: appId } = await applyForDeferral(deps, actorOf(request), metaOf(request), {
        ...body,
        caseId: request.params.id,
        via: 'officer',
      });
      const d = (await findDeferral(deps.db, appId))!;
      return reply.status(201).send(toDeferral(d, await instalmentsOf(deps.db, [appId])));
    },
  );
  app.post(
    '/api/v1/payment-deferrals/:id/decision',
    {
      schema: {
        tags: TAGS,
        summary: '审批暂缓或分期缴纳 / approve or reject',
        params: IdParams,
        body: DeferralDecisionBody,
        response: { 200: DeferralApplication, ...ERRORS },
      },
    },
    async (request) => decideDeferral(deps, actorOf(request), metaOf(request), { id: request.params.id, body: request.body }),
  );
  app.post(
    '/api/v1/cases/:id/payments/refunds',
    {
      schema: {
        tags: TAGS,
        summary: '退款 / refund a payment',
        params: IdParams,
        body: RefundBody,
        response: { 200: PaymentRefund, ...ERRORS },
      },
    },
    async (request) => refundPayment(deps, actorOf(request), metaOf(request), { caseId: request.params.id, body: request.body }),
  );
  listWithExportRoutes<PaymentOrderListQuery>(app, {
    path: '/api/v1/payment-orders',
    tags: TAGS,
    summary: '缴款单 / payment orders',
    exportSummary: '导出缴款单 / export (Excel)',
    querystring: PaymentOrderListQuery,
    response: { 200: Page(PaymentOrderListItem) },
    filename: '缴款单.xlsx',
    list: (actor, query) => listPaymentOrders(deps, actor, query),
    exportXlsx: (actor, query) => exportPaymentOrders(deps, actor, query),
  });
  app.get(
    '/api/v1/payments/reconciliation-runs',
    {
      schema: {
        tags: TAGS,
        summary: '对账记录 / reconciliation runs',
        querystring: RunListQuery,
        response: { 200: Page(ReconciliationRun), 403: ErrorBody },
      },
    },
    async (request) => listReconciliationRuns(deps, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/payments/reconciliation-runs',
    { schema: { tags: TAGS, summary: '立即对账 / reconcile now', body: ReconcileBody, response: { 200: ReconciliationRun, ...ERRORS } } },
    async (request) => {
      const actor = actorOf(request);
      assertPermission(actor, 'payment:reconcile');
      const body = request.body;
      const provider = body.provider ?? defaultProvider(deps.config)?.name;
      if (!provider) throw new AppError('PAYMENT_PROVIDER_NOT_CONFIGURED', { field: 'provider' });
      return reconcile(deps, { provider, date: body.date, trigger: 'manual', actor });
    },
  );
  listWithExportRoutes<MismatchListQuery>(app, {
    path: '/api/v1/payments/mismatches',
    tags: TAGS,
    summary: '对账差异 / mismatches',
    exportSummary: '导出对账差异 / export (Excel)',
    querystring: MismatchListQuery,
    response: { 200: Page(PaymentMismatch), 403: ErrorBody },
    filename: '对账差异.xlsx',
    list: (actor, query) => listMismatches(deps, actor, query),
    exportXlsx: (actor, query) => exportMismatches(deps, actor, query),
  });
  app.post(
    '/api/v1/payments/mismatches/:id/resolve',
    {
      schema: {
        tags: TAGS,
        summary: '处理差异 / resolve with a note',
        params: IdParams,
        body: ResolveMismatchBody,
        response: { 200: PaymentMismatch, ...ERRORS },
      },
    },
    async (request) => resolveMismatch(deps, actorOf(request), metaOf(request), { id: request.params.id, body: request.body }),
  );
  listWithExportRoutes<OverpaymentListQuery>(app, {
    path: '/api/v1/payments/overpayments',
    tags: TAGS,
    summary: '多缴错缴款（待退还）/ over-payments to refund',
    exportSummary: '导出多缴错缴款 / export (Excel)',
    querystring: OverpaymentListQuery,
    response: { 200: OverpaymentPage, 403: ErrorBody },
    filename: '多缴错缴款.xlsx',
    list: (actor, query) => listOverpayments(deps, actor, query),
    exportXlsx: (actor, query) => exportOverpayments(deps, actor, query),
  });
  app.post(
    '/api/v1/payments/overpayments/:id/refund',
    {
      schema: {
        tags: TAGS,
        summary: '退还多缴错缴款（经支付渠道）/ refund an over-payment through the provider',
        params: IdParams,
        body: OverpaymentRefundBody,
        response: { 200: Overpayment, ...ERRORS },
      },
    },
    async (request) => refundOverpayment(deps, actorOf(request), metaOf(request), { id: request.params.id, body: request.body }),
  );
  listWithExportRoutes<CashReceiptListQuery>(app, {
    path: '/api/v1/cash-receipts',
    tags: TAGS,
    summary: '当场收缴 / on-the-spot cash receipts (B4)',
    exportSummary: '导出当场收缴 / export (Excel)',
    querystring: CashReceiptListQuery,
    response: { 200: Page(CashReceipt) },
    filename: '当场收缴.xlsx',
    list: (actor, query) => listCashReceipts(deps, actor, query),
    exportXlsx: (actor, query) => exportCashReceipts(deps, actor, query),
  });
  app.post(
    '/api/v1/cash-receipts/:id/hand-in',
    {
      schema: {
        tags: TAGS,
        summary: '登记交至行政机关（B4）/ hand-in',
        params: IdParams,
        body: CashHandInBody,
        response: { 200: CashReceipt, ...ERRORS },
      },
    },
    async (request) => recordCashHandIn(deps, actorOf(request), metaOf(request), { id: request.params.id, body: request.body }),
  );
  app.post(
    '/api/v1/cash-receipts/:id/deposit',
    {
      schema: {
        tags: TAGS,
        summary: '登记缴付银行（B4）/ bank deposit',
        params: IdParams,
        body: CashDepositBody,
        response: { 200: CashReceipt, ...ERRORS },
      },
    },
    async (request) => recordCashDeposit(deps, actorOf(request), metaOf(request), { id: request.params.id, body: request.body }),
  );
}

/**
 * Public: the provider's callback (authenticated by its signature only) and — only when PAYMENT_SANDBOX is on — the
 * sandbox provider's cashier, which stands in for a real provider's hosted page. Off, its routes do not exist (404).
 */
export function publicPaymentRoutes(app: RouteApp, deps: Deps): void {
  app.post(
    '/api/public/payments/:provider/callback',
    {
      // A forged signature counts against the sender's limit of failed anonymous attempts (a verified one gives its
      // attempt back): a flood of forgeries is refused with 429 after a few audited ones.
      preHandler: throttleGate(deps, (request) => [addressKey('public_address', request.ip)]),
      schema: {
        tags: TAGS,
        summary: '支付渠道回调（验签）/ provider callback (signed)',
        security: [],
        params: Type.Object({ provider: Code('^[a-z0-9_-]{1,40}$', 40) }),
        response: { 200: CallbackAnswer, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => receivePaymentCallback(deps, metaOf(request), request.params.provider, request.body),
  );
  if (!deps.config.paymentSandbox) return;
  app.get(
    '/api/public/sandbox-pay/:id',
    {
      schema: {
        tags: TAGS,
        summary: '沙箱收银台 / sandbox cashier (public)',
        security: [],
        params: IdParams,
        response: { 200: SandboxCheckoutView, 404: ErrorBody },
      },
    },
    async (request) => getSandboxCheckout(deps, request.params.id),
  );
  app.post(
    '/api/public/sandbox-pay/:id/pay',
    {
      schema: {
        tags: TAGS,
        summary: '沙箱确认支付 / sandbox: the payer confirms (public)',
        security: [],
        params: IdParams,
        response: { 200: SandboxCheckoutView, 404: ErrorBody, 410: ErrorBody },
      },
    },
    async (request) => confirmSandboxPayment(deps, metaOf(request), request.params.id),
  );
}
