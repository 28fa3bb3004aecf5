// 对账: the provider's statement of one accounting date against our ledger. Every difference is flagged once in
// payment_mismatches: a line at the provider that we never recorded (a callback lost), one of ours the provider
// does not know, an amount that differs, a refund the provider made that we do not show as done — and every
// over-payment received that day and not yet refunded (money held that the fine does not owe), until its refund.
import { type MismatchKind, OVERPAYMENT_REASON_ZH, type ReconciliationRun } from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { recordAudit } from '../../audit/index.ts';
import { overpaymentsOfDay } from '../overpayments.repository.ts';
import { toRun } from '../payments.mapper.ts';
import {
  checkoutsByIds,
  findRun,
  insertMismatchIfNew,
  insertRun,
  refundsByIds,
  setRunCount,
  succeededRefundsOfDay,
  transactionsByProviderIds,
  transactionsOfDay,
} from '../payments.repository.ts';
import { providerOrFail } from '../providers/registry.ts';
import { yuanText } from '@chengguan/domain';

type Found = {
  kind: MismatchKind;
  ref: string;
  providerTxnId: string | null;
  caseId: string | null;
  bureauId: string | null;
  providerAmountFen: number | null;
  ourAmountFen: number | null;
  detail: string;
};

export async function reconcile(
  deps: Deps,
  req: { provider: string; date: string; trigger: 'job' | 'manual'; actor: Actor | null },
): Promise<ReconciliationRun> {
  const provider = providerOrFail(deps.config, req.provider);
  const statement = await provider.dailyStatement(deps.db, req.date);
  const runId = deps.newId();
  await deps.db.transaction().execute(async (trx) => {
    const payments = statement.filter((l) => l.type === 'payment');
    const refunds = statement.filter((l) => l.type === 'refund');
    const [oursOfDay, oursById, checkouts, ourRefundsOfDay, ourRefundsById] = await Promise.all([
      transactionsOfDay(trx, provider.name, req.date),
      transactionsByProviderIds(
        trx,
        provider.name,
        payments.map((l) => l.providerTxnId),
      ),
      checkoutsByIds(
        trx,
        statement.map((l) => l.outTradeNo),
      ),
      succeededRefundsOfDay(trx, provider.name, req.date),
      refundsByIds(
        trx,
        refunds.map((l) => l.outRefundNo ?? ''),
      ),
    ]);
    const ours = new Map(oursById.map((t) => [t.provider_txn_id, t]));
    const checkoutOf = new Map(checkouts.map((c) => [c.id, c]));
    const found: Found[] = [];
    const yuan = (f: number) => yuanText(f, { unit: true });
    for (const l of payments) {
      const t = ours.get(l.providerTxnId);
      const c = checkoutOf.get(l.outTradeNo);
      if (!t) {
        found.push({
          kind: 'missing_ours',
          ref: l.providerTxnId,
          providerTxnId: l.providerTxnId,
          caseId: c?.case_id ?? null,
          bureauId: c?.bureau_id ?? null,
          providerAmountFen: l.amountFen,
          ourAmountFen: null,
          detail: `渠道交易 ${l.providerTxnId}（${yuan(l.amountFen)}）本系统无入账记录（回调未到达？）`,
        });
      } else if (Number(t.amount_fen) !== l.amountFen) {
        found.push({
          kind: 'amount_differs',
          ref: l.providerTxnId,
          providerTxnId: l.providerTxnId,
          caseId: t.case_id,
          bureauId: t.bureau_id,
          providerAmountFen: l.amountFen,
          ourAmountFen: Number(t.amount_fen),
          detail: `渠道 ${yuan(l.amountFen)}，本系统 ${yuan(Number(t.amount_fen))}`,
        });
      }
    }
    const atProvider = new Set(payments.map((l) => l.providerTxnId));
    for (const t of oursOfDay) {
      if (atProvider.has(t.provider_txn_id)) continue;
      found.push({
        kind: 'missing_provider',
        ref: t.provider_txn_id,
        providerTxnId: t.provider_txn_id,
        caseId: t.case_id,
        bureauId: t.bureau_id,
        providerAmountFen: null,
        ourAmountFen: Number(t.amount_fen),
        detail: `本系统入账 ${t.provider_txn_id}（${yuan(Number(t.amount_fen))}）渠道对账单无此交易`,
      });
    }
    const refundOf = new Map(ourRefundsById.map((r) => [r.id, r]));
    for (const l of refunds) {
      const r = l.outRefundNo ? refundOf.get(l.outRefundNo) : undefined;
      const c = checkoutOf.get(l.outTradeNo);
      if (!r || r.status !== 'succeeded') {
        found.push({
          kind: 'refund_not_reflected',
          ref: l.providerTxnId,
          providerTxnId: l.providerTxnId,
          caseId: r?.case_id ?? c?.case_id ?? null,
          bureauId: r?.bureau_id ?? c?.bureau_id ?? null,
          providerAmountFen: l.amountFen,
          ourAmountFen: r ? Number(r.amount_fen) : null,
          detail: `渠道已退款 ${yuan(l.amountFen)}（${l.providerTxnId}），本系统退款状态：${r?.status ?? '无记录'}`,
        });
      } else if (Number(r.amount_fen) !== l.amountFen) {
        found.push({
          kind: 'amount_differs',
          ref: l.providerTxnId,
          providerTxnId: l.providerTxnId,
          caseId: r.case_id,
          bureauId: r.bureau_id,
          providerAmountFen: l.amountFen,
          ourAmountFen: Number(r.amount_fen),
          detail: `退款金额：渠道 ${yuan(l.amountFen)}，本系统 ${yuan(Number(r.amount_fen))}`,
        });
      }
    }
    const refundedAtProvider = new Set(refunds.map((l) => l.outRefundNo));
    for (const r of ourRefundsOfDay) {
      if (refundedAtProvider.has(r.id)) continue;
      found.push({
        kind: 'missing_provider',
        ref: `refund:${r.id}`,
        providerTxnId: r.provider_refund_id,
        caseId: r.case_id,
        bureauId: r.bureau_id,
        providerAmountFen: null,
        ourAmountFen: Number(r.amount_fen),
        detail: `本系统退款 ${yuan(Number(r.amount_fen))} 渠道对账单无此退款`,
      });
    }
    for (const v of await overpaymentsOfDay(trx, provider.name, req.date)) {
      if (v.status !== 'open') continue;
      found.push({
        kind: 'overpayment',
        ref: `overpayment:${v.id}`,
        providerTxnId: v.provider_txn_id,
        caseId: v.case_id,
        bureauId: v.bureau_id,
        providerAmountFen: null,
        ourAmountFen: Number(v.amount_fen),
        detail: `${OVERPAYMENT_REASON_ZH[v.reason]}：${yuan(Number(v.amount_fen))} 未入账，待退还（渠道交易 ${v.provider_txn_id}）`,
      });
    }
    const now = deps.clock.now();
    await insertRun(trx, {
      id: runId,
      provider: provider.name,
      statement_date: req.date,
      trigger: req.trigger,
      started_by: req.actor?.id ?? null,
      started_at: now,
      provider_lines: statement.length,
      our_lines: oursOfDay.length + ourRefundsOfDay.length,
      mismatch_count: 0,
    });
    let flagged = 0;
    for (const f of found) {
      const isNew = await insertMismatchIfNew(trx, {
        id: deps.newId(),
        run_id: runId,
        bureau_id: f.bureauId,
        case_id: f.caseId,
        provider: provider.name,
        statement_date: req.date,
        kind: f.kind,
        ref: f.ref,
        provider_txn_id: f.providerTxnId,
        provider_amount_fen: f.providerAmountFen,
        our_amount_fen: f.ourAmountFen,
        detail: f.detail,
        created_at: now,
      });
      if (isNew) flagged += 1;
    }
    await setRunCount(trx, runId, found.length);
    await recordAudit(
      trx,
      deps,
      req.actor ? { id: req.actor.id, bureauId: req.actor.bureauId } : null,
      { ip: null, correlationId: null },
      {
        action: 'payment.reconcile',
        entityType: 'payment_reconciliation_run',
        entityId: runId,
        bureauId: null,
        data: {
          provider: provider.name,
          date: req.date,
          trigger: req.trigger,
          providerLines: statement.length,
          mismatches: found.length,
          newlyFlagged: flagged,
        },
      },
    );
  });
  return toRun((await findRun(deps.db, runId))!);
}
