// 诉件 from a joint order (docs/coordination.md §6). A partner's order (by its account or its connector) arrives at the
// command centre like a hotline ticket does; the centre decides whether it becomes a 诉件: most do (then it follows the
// normal dispatch — 签收, 派遣, 处置, 回复 — and the ticket clocks, and it is counted where tickets are counted), some
// are handled on the order alone (a partner's request for information, an order returned as not ours). So the ticket
// is made on the centre's decision, not on arrival: POST /api/v1/joint-orders/:id/ticket with the ticket category.
// The ticket has the channel 'joint_order' and the order's number as its external number (made once: a second call
// answers the same ticket); the order keeps the ticket's id, and the ticket page lists the order, in one transaction
// with the ticket's intake, its timeline event and the audit rows.
import type { JointOrderDetail, JointOrderTicketBody } from '@chengguan/contracts';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { intakeTicket } from '../../tickets/index.ts';
import { writerOf } from '../coordination.access.ts';
import { findOrder, insertOrderEvent } from '../coordination.repository.ts';
import { getJointOrder } from './joint-orders.ts';

export async function ticketFromJointOrder(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  body: JointOrderTicketBody,
): Promise<JointOrderDetail> {
  const reader = await writerOf(deps.db, actor);
  if (reader.party !== 'bureau') throw new AppError('FORBIDDEN');
  assertPermission(actor, 'ticket:dispatch');
  if (!actor.roles.includes('commander')) {
    throw new AppError('FORBIDDEN', {
      message: '只有指挥中心可以将联合工单转为诉件',
      messageEn: 'Only the command centre makes tickets of joint orders',
    });
  }
  const o = await findOrder(deps.db, reader.scope, id);
  if (!o) throw new AppError('NOT_FOUND');
  if (o.direction !== 'inbound') {
    throw new AppError('STATE_CONFLICT', {
      message: '城管派出的联合工单来自诉件，不能再转为诉件',
      messageEn: 'An outbound order comes from a ticket; it is not made into one',
    });
  }
  if (o.ticket_id) {
    throw new AppError('STATE_CONFLICT', { message: '该联合工单已生成诉件', messageEn: 'This joint order already has its ticket' });
  }
  if (o.state === 'cancelled' || o.state === 'returned') {
    throw new AppError('STATE_CONFLICT', {
      message: '已撤单或退单的工单不能转为诉件',
      messageEn: 'A cancelled or returned order is not made a ticket',
    });
  }
  const now = deps.clock.now();
  const link = async (trx: Executor, ticketId: string) => {
    const r = await trx
      .updateTable('joint_orders')
      .set({ ticket_id: ticketId, updated_at: now })
      .where('id', '=', o.id)
      .where('ticket_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('STATE_CONFLICT', { message: '该联合工单已生成诉件', messageEn: 'This joint order already has its ticket' });
    const t = await trx.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirstOrThrow();
    await insertOrderEvent(trx, {
      id: deps.newId(),
      order_id: o.id,
      action: 'ticket',
      from_state: o.state,
      to_state: o.state,
      actor_id: actor.id,
      actor_name: actor.name,
      note: `生成诉件 ${t.number}`,
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'jointOrder.ticket',
      entityType: 'joint_order',
      entityId: o.id,
      bureauId: o.bureau_id,
      data: { ticketId, ticketNumber: t.number, categoryCode: body.categoryCode },
    });
  };
  const content = `【${o.partner_name}联合工单 ${o.number}】${o.title}：${o.content}`.slice(0, 2000);
  const r = await intakeTicket(
    deps,
    { id: actor.id, name: actor.name, bureauId: o.bureau_id, orgId: actor.orgId, jurisdictionPath: actor.jurisdictionPath },
    meta,
    {
      channel: 'joint_order',
      externalNo: o.number,
      categoryCode: body.categoryCode,
      ...(body.dispatchLevel ? { dispatchLevel: body.dispatchLevel } : {}),
      content,
      ...(o.address ? { address: o.address } : {}),
      ...(o.point_lon !== null && o.point_lat !== null ? { point: { lon: o.point_lon, lat: o.point_lat, crs: 'wgs84' as const } } : {}),
      orgId: o.org_id,
    },
    link,
  );
  // A ticket made before under this order's number (an earlier call whose link was lost) is linked now.
  if (!r.created) await deps.db.transaction().execute((trx) => link(trx, r.id));
  return getJointOrder(deps, actor, o.id);
}
