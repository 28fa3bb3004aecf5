// 多缴 / 错缴款: money received that was not booked against the fine (receive-callback.ts decides which). Listed
// within the jurisdiction with filters and an Excel export, and refunded (退付) through the provider by a bureau leader:
// exactly the over-paid amount goes back, the over-payment is marked refunded and its reconciliation line resolved.
import {
  OVERPAYMENT_REASON_ZH,
  OVERPAYMENT_STATUS_ZH,
  type Overpayment,
  type OverpaymentListQuery,
  type OverpaymentRefundBody,
  type PageOf,
} from '@chengguan/contracts';
import { maskName } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { keepWritesOnRefusal } from '../../../db/unit-of-work.ts';
import { AppError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import * as repo from '../overpayments.repository.ts';
import { refundTransaction } from './refund-payment.ts';

export function toOverpayment(v: repo.OverpaymentRow): Overpayment {
  return {
    id: v.id,
    transactionId: v.transaction_id,
    caseId: v.case_id,
    caseNumber: v.case_number,
    partyName: v.party_name === null ? null : v.party_type === 'natural_person' ? maskName(v.party_name) : v.party_name,
    orgName: v.org_name,
    provider: v.provider,
    providerTxnId: v.provider_txn_id,
    amountFen: Number(v.amount_fen),
    dueFen: v.due_fen === null ? null : Number(v.due_fen),
    reason: v.reason,
    detail: v.detail,
    paidOn: v.paid_on,
    status: v.status,
    refundId: v.refund_id,
    refundedAt: v.refunded_at ? v.refunded_at.toISOString() : null,
    createdAt: v.created_at.toISOString(),
  };
}

function filterOf(actor: Actor, q: OverpaymentListQuery): repo.OverpaymentFilter {
  return {
    jurisdictionPath: actor.jurisdictionPath,
    ...(q.status ? { status: q.status } : {}),
    ...(q.reason ? { reason: q.reason } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
}

export async function listOverpayments(
  deps: Deps,
  actor: Actor,
  q: OverpaymentListQuery,
  max = 200,
): Promise<PageOf<Overpayment> & { totalFen: number }> {
  assertPermission(actor, 'case:read');
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, max);
  const { items, total, totalFen } = await repo.listOverpayments(deps.db, filterOf(actor, q), pageSize, (page - 1) * pageSize);
  return { items: items.map(toOverpayment), total, page, pageSize, totalFen };
}

const yuan = (f: number | null) => (f === null ? null : f / 100);

const COLUMNS: XlsxColumn<Overpayment>[] = [
  { header: '缴款日期', value: (v) => v.paidOn, width: 12 },
  { header: '案件编号', value: (v) => v.caseNumber, width: 30 },
  { header: '当事人（脱敏）', value: (v) => v.partyName },
  { header: '承办单位', value: (v) => v.orgName, width: 20 },
  { header: '渠道', value: (v) => v.provider, width: 10 },
  { header: '渠道交易号', value: (v) => v.providerTxnId, width: 30 },
  { header: '多缴错缴金额（元）', value: (v) => yuan(v.amountFen), width: 16 },
  { header: '当时应缴（元）', value: (v) => yuan(v.dueFen), width: 14 },
  { header: '原因', value: (v) => OVERPAYMENT_REASON_ZH[v.reason], width: 24 },
  { header: '说明', value: (v) => v.detail, width: 40 },
  { header: '状态', value: (v) => OVERPAYMENT_STATUS_ZH[v.status], width: 10 },
  { header: '退还时间', value: (v) => v.refundedAt, width: 22 },
];

export async function exportOverpayments(deps: Deps, actor: Actor, q: OverpaymentListQuery): Promise<Buffer> {
  const page = await listOverpayments(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('多缴错缴款', COLUMNS, page.items);
}

/**
 * 退付: the over-paid amount goes back through the provider. Refunded once: the refund claims the over-payment in the
 * transaction that records it (a second refund finds it claimed, 409); a failed refund frees it for another attempt.
 */
export async function refundOverpayment(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { id, body }: { id: string; body: OverpaymentRefundBody },
): Promise<Overpayment> {
  assertPermission(actor, 'payment:refund');
  const filter = { jurisdictionPath: actor.jurisdictionPath };
  const v = await repo.findOverpayment(deps.db, filter, id);
  if (!v) throw new AppError('NOT_FOUND');
  const taken = () =>
    new AppError('STATE_CONFLICT', { field: 'id', message: '该款项已退还或正在退还', messageEn: 'Already refunded or being refunded' });
  if (v.status !== 'open' || v.refund_id !== null) throw taken();
  const refund = await refundTransaction(deps, actor, meta, {
    transactionId: v.transaction_id,
    caseId: v.case_id,
    amountFen: Number(v.amount_fen),
    reason: body.reason,
    auditData: { overpaymentId: v.id, overpaymentReason: v.reason },
    onRequested: async (trx, refundId) => {
      if (!(await repo.claimOverpaymentRefund(trx, v.id, refundId))) throw taken();
    },
    onCompleted: async (trx, refund) => {
      const now = deps.clock.now();
      await repo.settleOverpaymentRefund(trx, v.id, refund.id, refund.status === 'succeeded', now);
      if (refund.status !== 'succeeded') return;
      await repo.resolveOverpaymentMismatch(trx, v.id, `已退还（渠道退款号 ${refund.providerRefundId ?? refund.id}）`, actor.id, now);
      await recordAudit(trx, deps, actor, meta, {
        action: 'payment.overpayment.refunded',
        entityType: 'payment_overpayment',
        entityId: v.id,
        bureauId: v.bureau_id,
        data: { transactionId: v.transaction_id, refundId: refund.id, amountFen: Number(v.amount_fen), reason: body.reason },
      });
    },
  });
  if (refund.status !== 'succeeded') {
    // The attempt and the provider's answer stay recorded (the refund row, its audit rows); the money is still held.
    keepWritesOnRefusal();
    throw new AppError('PAYMENT_REFUND_FAILED', {
      field: 'id',
      message: `渠道退款未成功：${refund.failure_reason ?? ''}`,
      messageEn: `The provider did not refund: ${refund.failure_reason ?? ''}`,
    });
  }
  return toOverpayment((await repo.findOverpayment(deps.db, filter, id))!);
}
