// Reads of the console: the case tab, the lists (orders, reconciliation runs and mismatches, cash receipts), their
// Excel exports, and resolving a mismatch with a note. Role × jurisdiction on each.
import type {
  CasePayments,
  CashReceipt,
  CashReceiptListQuery,
  MismatchListQuery,
  PageOf,
  PaymentMismatch,
  PaymentOrderListItem,
  PaymentOrderListQuery,
  ReconciliationRun,
  ResolveMismatchBody,
  RunListQuery,
} from '@chengguan/contracts';
import { MISMATCH_KIND_ZH, PAYMENT_ORDER_STATUS_ZH } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { shanghaiDate } from '../../../shared/time.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail } from '../../cases/index.ts';
import { paymentSummary } from '../payments.api.ts';
import { toCashReceipt, toDeferral, toMismatch, toOrderListItem, toRefund, toRun, toTransaction } from '../payments.mapper.ts';
import { overpaymentsOfCase } from '../overpayments.repository.ts';
import * as repo from '../payments.repository.ts';
import { toOverpayment } from './overpayments.ts';

const paging = (q: { page?: number; pageSize?: number }, max = 200) => {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, max);
  return { page, pageSize, offset: (page - 1) * pageSize };
};

export async function getCasePayments(deps: Deps, actor: Actor, caseId: string): Promise<CasePayments> {
  assertPermission(actor, 'case:read');
  await getCaseRowOrFail(deps.db, actor, caseId);
  const [summary, transactions, refunds, deferrals, cash, overpayments] = await Promise.all([
    paymentSummary(deps.db, deps, caseId),
    repo.transactionsOfCase(deps.db, caseId),
    repo.refundsOfCase(deps.db, caseId),
    repo.deferralsOfCase(deps.db, caseId),
    repo.cashReceiptOfCase(deps.db, caseId),
    overpaymentsOfCase(deps.db, caseId),
  ]);
  const instalments = await repo.instalmentsOf(
    deps.db,
    deferrals.map((d) => d.id),
  );
  return {
    summary,
    transactions: transactions.map(toTransaction),
    refunds: refunds.map(toRefund),
    applications: deferrals.map((d) => toDeferral(d, instalments)),
    cashReceipt: cash ? toCashReceipt(cash, summary.asOf) : null,
    overpayments: overpayments.map(toOverpayment),
  };
}

function orderFilter(actor: Actor, q: PaymentOrderListQuery): repo.OrderFilter {
  return {
    jurisdictionPath: actor.jurisdictionPath,
    ...(q.status ? { status: q.status } : {}),
    ...(q.orgId ? { orgId: q.orgId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
}

export async function listPaymentOrders(
  deps: Deps,
  actor: Actor,
  q: PaymentOrderListQuery,
  max = 200,
): Promise<PageOf<PaymentOrderListItem>> {
  assertPermission(actor, 'case:read');
  const { page, pageSize, offset } = paging(q, max);
  const { items, total } = await repo.listOrders(deps.db, orderFilter(actor, q), pageSize, offset);
  return { items: items.map(toOrderListItem), total, page, pageSize };
}

const yuan = (f: number | null) => (f === null ? null : f / 100);

const ORDER_COLUMNS: XlsxColumn<PaymentOrderListItem>[] = [
  { header: '缴款码', value: (o) => o.paymentCode, width: 24 },
  { header: '案件编号', value: (o) => o.caseNumber, width: 30 },
  { header: '当事人（脱敏）', value: (o) => o.partyName },
  { header: '承办单位', value: (o) => o.orgName, width: 20 },
  { header: '类型', value: (o) => (o.kind === 'fine' ? '罚款' : `分期第 ${o.instalmentNo} 期`), width: 12 },
  { header: '本金（元）', value: (o) => yuan(o.principalFen), width: 12 },
  { header: '已缴（元）', value: (o) => yuan(o.paidFen), width: 12 },
  { header: '期限', value: (o) => o.dueOn, width: 12 },
  { header: '状态', value: (o) => PAYMENT_ORDER_STATUS_ZH[o.status], width: 10 },
  { header: '缴款日期', value: (o) => o.paidOn, width: 12 },
  { header: '生成时间', value: (o) => o.createdAt, width: 22 },
];

export async function exportPaymentOrders(deps: Deps, actor: Actor, q: PaymentOrderListQuery): Promise<Buffer> {
  const page = await listPaymentOrders(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('缴款单', ORDER_COLUMNS, page.items);
}

export async function listReconciliationRuns(deps: Deps, actor: Actor, q: RunListQuery): Promise<PageOf<ReconciliationRun>> {
  assertPermission(actor, 'payment:reconcile');
  const { page, pageSize, offset } = paging(q);
  const { items, total } = await repo.listRuns(deps.db, pageSize, offset);
  return { items: items.map(toRun), total, page, pageSize };
}

function mismatchFilter(actor: Actor, q: MismatchListQuery): repo.MismatchFilter {
  return {
    jurisdictionPath: actor.jurisdictionPath,
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

export async function listMismatches(deps: Deps, actor: Actor, q: MismatchListQuery, max = 200): Promise<PageOf<PaymentMismatch>> {
  assertPermission(actor, 'payment:reconcile');
  const { page, pageSize, offset } = paging(q, max);
  const { items, total } = await repo.listMismatches(deps.db, mismatchFilter(actor, q), pageSize, offset);
  return { items: items.map(toMismatch), total, page, pageSize };
}

const MISMATCH_COLUMNS: XlsxColumn<PaymentMismatch>[] = [
  { header: '对账日期', value: (m) => m.statementDate, width: 12 },
  { header: '渠道', value: (m) => m.provider, width: 10 },
  { header: '差异类型', value: (m) => MISMATCH_KIND_ZH[m.kind], width: 18 },
  { header: '渠道交易号', value: (m) => m.providerTxnId, width: 30 },
  { header: '案件编号', value: (m) => m.caseNumber, width: 30 },
  { header: '渠道金额（元）', value: (m) => yuan(m.providerAmountFen), width: 14 },
  { header: '本系统金额（元）', value: (m) => yuan(m.ourAmountFen), width: 14 },
  { header: '说明', value: (m) => m.detail, width: 50 },
  { header: '状态', value: (m) => (m.status === 'open' ? '待处理' : '已处理'), width: 10 },
  { header: '处理说明', value: (m) => m.note, width: 30 },
  { header: '处理人', value: (m) => m.resolvedByName, width: 10 },
];

export async function exportMismatches(deps: Deps, actor: Actor, q: MismatchListQuery): Promise<Buffer> {
  const page = await listMismatches(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('对账差异', MISMATCH_COLUMNS, page.items);
}

export async function resolveMismatch(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { id, body }: { id: string; body: ResolveMismatchBody },
): Promise<PaymentMismatch> {
  assertPermission(actor, 'payment:reconcile');
  const filter = { jurisdictionPath: actor.jurisdictionPath };
  const m = await repo.findMismatch(deps.db, filter, id);
  if (!m) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.resolveMismatch(trx, id, {
      status: 'resolved',
      note: body.note.trim(),
      resolved_by: actor.id,
      resolved_at: deps.clock.now(),
    });
    if (!ok) throw new AppError('STATE_CONFLICT', { field: 'id', message: '该差异已处理', messageEn: 'Already resolved' });
    await recordAudit(trx, deps, actor, meta, {
      action: 'payment.mismatch.resolve',
      entityType: 'payment_mismatch',
      entityId: id,
      bureauId: m.bureau_id,
      data: { kind: m.kind, ref: m.ref, note: body.note },
    });
  });
  return toMismatch((await repo.findMismatch(deps.db, filter, id))!);
}

function cashFilter(actor: Actor, q: CashReceiptListQuery, today: string): repo.CashFilter {
  return {
    jurisdictionPath: actor.jurisdictionPath,
    today,
    ...(q.stage ? { stage: q.stage } : {}),
    ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
    ...(q.orgId ? { orgId: q.orgId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
}

export async function listCashReceipts(deps: Deps, actor: Actor, q: CashReceiptListQuery, max = 200): Promise<PageOf<CashReceipt>> {
  assertPermission(actor, 'case:read');
  const today = shanghaiDate(deps.clock.now());
  const { page, pageSize, offset } = paging(q, max);
  const { items, total } = await repo.listCashReceipts(deps.db, cashFilter(actor, q, today), pageSize, offset);
  return { items: items.map((r) => toCashReceipt(r, today)), total, page, pageSize };
}

const CASH_COLUMNS: XlsxColumn<CashReceipt>[] = [
  { header: '票据号', value: (r) => r.receiptNumber, width: 20 },
  { header: '案件编号', value: (r) => r.caseNumber, width: 30 },
  { header: '当事人（脱敏）', value: (r) => r.partyName },
  { header: '承办单位', value: (r) => r.orgName, width: 20 },
  { header: '金额（元）', value: (r) => yuan(r.amountFen), width: 10 },
  { header: '收缴日期', value: (r) => r.collectedOn, width: 12 },
  { header: '交款期限', value: (r) => r.handInDue, width: 12 },
  { header: '交款日期', value: (r) => r.handedInOn, width: 12 },
  { header: '交款逾期', value: (r) => (r.handInOverdue ? '是' : '否'), width: 8 },
  { header: '存行期限', value: (r) => r.depositDue, width: 12 },
  { header: '存行日期', value: (r) => r.depositedOn, width: 12 },
  { header: '存行逾期', value: (r) => (r.depositOverdue ? '是' : '否'), width: 8 },
  { header: '银行回单号', value: (r) => r.bankSlipNo, width: 20 },
];

export async function exportCashReceipts(deps: Deps, actor: Actor, q: CashReceiptListQuery): Promise<Buffer> {
  const page = await listCashReceipts(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('当场收缴', CASH_COLUMNS, page.items);
}
