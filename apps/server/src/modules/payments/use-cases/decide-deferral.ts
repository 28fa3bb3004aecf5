// Approval or rejection of a 暂缓 / 分期 application by a squad or bureau leader (处罚法 Art. 66). Approval takes the
// case step approveDeferral (until = end of the deferral or the last instalment, G1 moves) in the same
// transaction, and for instalments issues one payment order (缴款码) per instalment in place of the fine order.
import type { DeferralApplication, DeferralDecisionBody } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { getCaseRowOrFail, runCaseStepIn } from '../../cases/index.ts';
import { cancelCheckoutsOfClosedOrders } from '../checkouts.ts';
import { createOrder } from '../payment-orders.ts';
import { toDeferral } from '../payments.mapper.ts';
import {
  decideDeferral as updateDeferral,
  findDeferral,
  instalmentsOf,
  lockDeferral,
  setInstalmentOrder,
  setOpenOrdersOfCase,
} from '../payments.repository.ts';

export async function decideDeferral(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  { id, body }: { id: string; body: DeferralDecisionBody },
): Promise<DeferralApplication> {
  assertPermission(actor, 'case:approve');
  await deps.db.transaction().execute(async (trx) => {
    const found = await findDeferral(trx, id);
    if (!found) throw new AppError('NOT_FOUND');
    const row = await getCaseRowOrFail(trx, actor, found.case_id);
    await lockDeferral(trx, id);
    const d = (await findDeferral(trx, id))!;
    if (d.status !== 'pending')
      throw new AppError('STATE_CONFLICT', { field: 'id', message: '该申请已处理', messageEn: 'Already decided' });
    if (body.approve) {
      const lines = d.kind === 'instalments' ? await instalmentsOf(trx, [d.id]) : [];
      // The plan goes into the case: each instalment falls due, and accrues G2 when missed, on its own day (Art. 66, 72).
      const instalments = lines.map((l) => ({ dueOn: l.due_on, amountFen: Number(l.amount_fen) }));
      await runCaseStepIn(trx, deps, actor, meta, {
        caseId: row.id,
        action: 'approveDeferral',
        body: { date: body.date, until: d.until, reason: d.reason, applicationId: d.id, kind: d.kind },
        input: () => ({ date: body.date, until: d.until, reason: d.reason, ...(instalments.length > 0 ? { instalments } : {}) }),
      });
      if (d.kind === 'instalments') {
        await setOpenOrdersOfCase(trx, row.id, { status: 'superseded', updated_at: deps.clock.now() }, 'fine');
        // A checkout of the replaced fine order can no longer be paid; the instalments get their own.
        await cancelCheckoutsOfClosedOrders(trx, deps, row.id);
        for (const line of lines) {
          const order = await createOrder(trx, deps, {
            caseRow: row,
            kind: 'instalment',
            principalFen: Number(line.amount_fen),
            legalDate: body.date,
            dueOn: line.due_on,
            instalmentNo: line.seq,
            applicationId: d.id,
          });
          await setInstalmentOrder(trx, d.id, line.seq, order.id);
        }
      }
    }
    const ok = await updateDeferral(trx, id, {
      status: body.approve ? 'approved' : 'rejected',
      decided_by: actor.id,
      decided_at: deps.clock.now(),
      decided_on: body.date,
      decision_note: body.note.trim() || null,
    });
    if (!ok) throw new AppError('STATE_CONFLICT');
    await recordAudit(trx, deps, actor, meta, {
      action: body.approve ? 'payment.deferral.approve' : 'payment.deferral.reject',
      entityType: 'payment_deferral',
      entityId: id,
      bureauId: row.bureau_id,
      data: { caseId: row.id, kind: d.kind, until: d.until, date: body.date },
    });
  });
  const d = (await findDeferral(deps.db, id))!;
  return toDeferral(d, await instalmentsOf(deps.db, [id]));
}
