// One step of a joint order, one transaction: the reader's scope (403 for a role without joint work) → the order in
// it, locked (404) → the machine's side, state and reason (403 / 409 / 400) → the step's own facts (the report's
// result and photos, a linked case) → a conditional UPDATE on the old state → the timeline event (late when past the
// clock) → the audit row.
import type { JointOrderActionCode, JointOrderDetail, JointOrderStepBody } from '@chengguan/contracts';
import { isLate, jointOrderDue, jointOrderStep, type JointOrderDirection, type JointOrderState } from '@chengguan/domain';
import type { Updateable } from 'kysely';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { recordAudit } from '../../audit/index.ts';
import { findCase, inJurisdiction } from '../../cases/index.ts';
import { heldBy } from '../../files/index.ts';
import { writerOf } from '../coordination.access.ts';
import { findOrder, insertOrderEvent, updateOrderFrom } from '../coordination.repository.ts';
import type { JointOrdersTable } from '../coordination.tables.ts';
import { getJointOrder } from './joint-orders.ts';
import { enqueuePartnerCallback } from '../connector/partner-connector.ts';

export async function takeJointOrderStep(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  action: JointOrderActionCode,
  body: JointOrderStepBody,
): Promise<JointOrderDetail> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const reader = await writerOf(trx, actor);
    const o = await findOrder(trx, reader.scope, id, true);
    if (!o) throw new AppError('NOT_FOUND');
    const from = o.state as JointOrderState;
    const step = jointOrderStep(from, action, o.direction as JointOrderDirection, reader.party, body.reason);
    if (!step.ok) {
      const { code, messageZh, messageEn } = step.refusal;
      if (code === 'REASON_REQUIRED') throw fieldError('reason', messageZh, `reason: ${messageEn}`);
      throw new AppError(code, { message: messageZh, messageEn });
    }
    const set: Updateable<JointOrdersTable> = { state: step.to, updated_at: now };
    let note: string | null = body.reason?.trim() || null;
    let late = false;
    switch (action) {
      case 'accept':
        set.accepted_at = now;
        late = isLate(now, new Date(o.accept_due_at));
        break;
      case 'report': {
        const text = body.resultText?.trim();
        if (!text) throw fieldError('resultText', '请填写处置结果', 'resultText: say what was done');
        const photos = body.photoSm3s ?? [];
        const held = await heldBy(trx, photos, 'bureau', o.bureau_id);
        const missing = photos.findIndex((p) => !held.has(p));
        if (missing >= 0) throw fieldError(`photoSm3s[${missing}]`, '照片未上传', `photoSm3s[${missing}]: no such uploaded photo`);
        if (body.caseId) {
          // 立案查处: the case registered on the order, in the handler's jurisdiction.
          const c = await findCase(trx, body.caseId);
          if (!c || reader.party !== 'bureau' || !inJurisdiction(actor, c.org_path) || c.bureau_id !== o.bureau_id) {
            throw new AppError('NOT_FOUND', { field: 'caseId', message: '案件不存在', messageEn: 'caseId: no such case' });
          }
          set.case_id = c.id;
        }
        set.result_text = text;
        set.result_photos = photos;
        set.reported_at = now;
        late = isLate(now, new Date(o.handle_due_at));
        note = text;
        break;
      }
      case 'confirm':
        set.closed_at = now;
        break;
      case 'reject':
        set.reported_at = null;
        break;
      case 'return':
        set.return_reason = note;
        break;
      case 'redispatch': {
        // A new dispatch starts new clocks with the order's own limits.
        const due = jointOrderDue(now, { acceptHours: o.accept_hours, handleDays: o.handle_days });
        Object.assign(set, {
          accept_due_at: due.acceptDueAt,
          handle_due_at: due.handleDueAt,
          accepted_at: null,
          reported_at: null,
          return_reason: null,
        });
        break;
      }
      case 'cancel':
        set.closed_at = now;
        break;
    }
    if (!(await updateOrderFrom(trx, o.id, from, set))) throw new AppError('STATE_CONFLICT');
    await insertOrderEvent(trx, {
      id: deps.newId(),
      order_id: o.id,
      action,
      from_state: from,
      to_state: step.to,
      actor_id: actor.id,
      actor_name: actor.name,
      note,
      late,
      at: now,
    });
    // An order the partner's system filed: the step goes back to it as a callback (queued in this transaction).
    await enqueuePartnerCallback(trx, deps, o, {
      action,
      state: step.to,
      late,
      note,
      resultText: action === 'report' ? (set.result_text as string) : null,
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: `jointOrder.${action}`,
      entityType: 'joint_order',
      entityId: o.id,
      bureauId: o.bureau_id,
      data: { ...body, from, to: step.to, late },
    });
    return getJointOrder(deps, actor, o.id, trx);
  });
}
