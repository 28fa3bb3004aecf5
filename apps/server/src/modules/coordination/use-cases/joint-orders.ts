// 联合工单: creation by either side, the list (filters, server paging, Excel) and the order page with its clocks.
import type { CreateJointOrderBody, JointOrderDetail, JointOrderListQuery, JointOrderSummary, PageOf } from '@chengguan/contracts';
import {
  allowedJointOrderActions,
  jointOrderDue,
  jointOrderLimits,
  readJointClock,
  shanghaiDateOf,
  sideOf,
  type JointOrderDirection,
  type JointOrderState,
} from '@chengguan/domain';
import type { Actor, Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { MAX_EXPORT_ROWS, toXlsx, type XlsxColumn } from '../../../http/xlsx.ts';
import { recordAudit } from '../../audit/index.ts';
import { fileNameFor, findFile, readStoredFileOrFail, type ServedFile } from '../../files/index.ts';
import { cityPointOrFail } from '../../geo/index.ts';
import { findOrg } from '../../org/index.ts';
import { findVisibleTicket } from '../../tickets/index.ts';
import { readerOf, writerOf, type Reader } from '../coordination.access.ts';
import {
  findOrder,
  findPartnerUnit,
  insertOrder,
  insertOrderEvent,
  listOrders,
  orderEvents,
  ticketNumberOf,
  type JointOrderRow,
} from '../coordination.repository.ts';

const STOPPED: ReadonlySet<string> = new Set(['returned', 'cancelled']);

export function toOrderSummary(r: JointOrderRow, now: Date): JointOrderSummary {
  return {
    id: r.id,
    number: r.number,
    direction: r.direction as JointOrderSummary['direction'],
    state: r.state as JointOrderSummary['state'],
    category: r.category as JointOrderSummary['category'],
    title: r.title,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    orgId: r.org_id,
    orgName: r.org_name,
    address: r.address,
    vehiclePlate: r.vehicle_plate,
    createdAt: new Date(r.created_at).toISOString(),
    accept: readJointClock(new Date(r.accept_due_at), r.accepted_at ? new Date(r.accepted_at) : null, STOPPED.has(r.state), now),
    handle: readJointClock(new Date(r.handle_due_at), r.reported_at ? new Date(r.reported_at) : null, STOPPED.has(r.state), now),
  };
}

/** J + the Shanghai date + 8 hex digits of the id's tail (the column is UNIQUE). */
export function orderNumber(prefix: string, id: string, at: Date): string {
  return `${prefix}${shanghaiDateOf(at).replace(/-/g, '')}${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

export async function getJointOrder(deps: Deps, actor: Actor, id: string, db: Executor = deps.db): Promise<JointOrderDetail> {
  const reader = await readerOf(db, actor);
  const r = await findOrder(db, reader.scope, id);
  if (!r) throw new AppError('NOT_FOUND');
  return orderDetail(deps, db, reader, actor, r);
}

/**
 * A photo of the order's report, served only through the order: readable by whoever reads the order (else 404), one
 * of its `resultPhotos` (else 404), the bytes still hashing to the SM3 the report named.
 */
export async function getJointOrderPhoto(deps: Deps, actor: Actor, meta: RequestMeta, id: string, sm3: string): Promise<ServedFile> {
  const reader = await readerOf(deps.db, actor);
  const r = await findOrder(deps.db, reader.scope, id);
  if (!r || !r.result_photos.includes(sm3)) throw new AppError('NOT_FOUND');
  const bytes = await readStoredFileOrFail(deps, sm3, { actor, meta, objectType: 'joint_order', objectId: r.id });
  const file = await findFile(deps.db, sm3);
  const mime = file?.mime ?? 'application/octet-stream';
  return { bytes, mime, sm3, filename: fileNameFor(`联合工单${r.number}-照片${r.result_photos.indexOf(sm3) + 1}`, mime) };
}

async function orderDetail(deps: Deps, db: Executor, reader: Reader, actor: Actor, r: JointOrderRow): Promise<JointOrderDetail> {
  const now = deps.clock.now();
  const direction = r.direction as JointOrderDirection;
  // A bureau reader who may not write (a supervisor) reads without actions.
  const canAct = reader.party === 'partner' || actor.permissions.has('joint:write');
  return {
    ...toOrderSummary(r, now),
    content: r.content,
    point: r.point_lon !== null && r.point_lat !== null ? { lon: r.point_lon, lat: r.point_lat } : null,
    ticketId: r.ticket_id,
    ticketNumber: await ticketNumberOf(db, r.ticket_id),
    partnerOrderNo: r.partner_order_no,
    caseId: r.case_id,
    resultText: r.result_text,
    resultPhotos: r.result_photos,
    returnReason: r.return_reason,
    limits: { acceptHours: r.accept_hours, handleDays: r.handle_days },
    side: sideOf(direction, reader.party),
    allowedActions: canAct ? allowedJointOrderActions(r.state as JointOrderState, direction, reader.party) : [],
    events: (await orderEvents(db, r.id)).map((e) => ({
      seq: e.seq,
      action: e.action,
      from: e.from_state,
      to: e.to_state,
      actorName: e.actor_name,
      note: e.note,
      late: e.late,
      at: new Date(e.at).toISOString(),
    })),
  };
}

/**
 * A partner's account dispatches an inbound order to a squad in its reach (交警拦停 → 派单); a bureau user sends an
 * outbound order from a squad of his jurisdiction to a partner unit, possibly from one of his tickets.
 */
export async function createJointOrder(deps: Deps, actor: Actor, meta: RequestMeta, body: CreateJointOrderBody): Promise<JointOrderDetail> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const reader = await writerOf(trx, actor);
    const partnerId = reader.scope.kind === 'partner' ? reader.scope.partnerId : body.partnerId;
    if (!partnerId) throw fieldError('partnerId', '请选择协作部门', 'partnerId: choose the partner department');
    if (reader.scope.kind === 'partner' && body.partnerId && body.partnerId !== partnerId) {
      throw new AppError('NOT_FOUND', { field: 'partnerId', message: '协作部门不存在', messageEn: 'partnerId: no such partner unit' });
    }
    const org = await findOrg(trx, body.orgId);
    if (!org || !org.active || org.kind !== 'squad' || !org.bureau_id || !org.path.startsWith(actor.jurisdictionPath)) {
      throw new AppError('NOT_FOUND', {
        field: 'orgId',
        message: '承办中队不存在或不在您的范围内',
        messageEn: 'orgId: no such squad within your scope',
        details: [{ field: 'orgId', message: '中队不在您的范围内', messageEn: 'The squad lies outside your scope' }],
      });
    }
    const unit = await findPartnerUnit(trx, partnerId);
    if (!unit || !unit.active || (unit.bureau_id !== null && unit.bureau_id !== org.bureau_id)) {
      throw new AppError('NOT_FOUND', {
        field: 'partnerId',
        message: '协作部门不存在或已停用',
        messageEn: 'partnerId: no such active partner unit',
      });
    }
    let ticketId: string | null = null;
    if (body.ticketId) {
      if (reader.party === 'partner') throw fieldError('ticketId', '协作部门不能关联诉件', 'ticketId: a partner does not link tickets');
      const t = await findVisibleTicket(trx, actor, body.ticketId);
      if (!t || t.bureau_id !== org.bureau_id)
        throw new AppError('NOT_FOUND', { field: 'ticketId', message: '诉件不存在', messageEn: 'ticketId: no such ticket' });
      ticketId = t.id;
    }
    const point = body.point ? cityPointOrFail(body.point, 'point') : null;
    const limits = jointOrderLimits({ acceptHours: unit.accept_hours, handleDays: unit.handle_days });
    const due = jointOrderDue(now, limits);
    const id = deps.newId();
    const direction: JointOrderDirection = reader.party === 'partner' ? 'inbound' : 'outbound';
    await insertOrder(trx, {
      id,
      number: orderNumber('J', id, now),
      bureau_id: org.bureau_id,
      org_id: org.id,
      partner_id: unit.id,
      direction,
      state: 'dispatched',
      category: body.category,
      title: body.title,
      content: body.content,
      address: body.address ?? null,
      point_lon: point?.[0] ?? null,
      point_lat: point?.[1] ?? null,
      vehicle_plate: body.vehiclePlate ?? null,
      ticket_id: ticketId,
      accept_due_at: due.acceptDueAt,
      handle_due_at: due.handleDueAt,
      accept_hours: limits.acceptHours,
      handle_days: limits.handleDays,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await insertOrderEvent(trx, {
      id: deps.newId(),
      order_id: id,
      action: 'dispatch',
      from_state: null,
      to_state: 'dispatched',
      actor_id: actor.id,
      actor_name: actor.name,
      note: direction === 'inbound' ? `${unit.name}派单至${org.name}` : `${org.name}派单至${unit.name}`,
      at: now,
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'jointOrder.create',
      entityType: 'joint_order',
      entityId: id,
      bureauId: org.bureau_id,
      data: { ...body, direction },
    });
    return getJointOrder(deps, actor, id, trx);
  });
}

export async function listJointOrders(deps: Deps, actor: Actor, q: JointOrderListQuery, cap = 200): Promise<PageOf<JointOrderSummary>> {
  const reader = await readerOf(deps.db, actor);
  let orgPath: string | undefined;
  if (q.orgId) {
    const org = await findOrg(deps.db, q.orgId);
    if (!org || (reader.party === 'bureau' && !org.path.startsWith(actor.jurisdictionPath))) {
      throw new AppError('NOT_FOUND', { field: 'orgId', message: '单位不存在', messageEn: 'orgId: no such org' });
    }
    orgPath = org.path;
  }
  const now = deps.clock.now();
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 20, cap);
  const { rows, total } = await listOrders(
    deps.db,
    {
      scope: reader.scope,
      ...(q.state ? { state: q.state } : {}),
      ...(q.direction ? { direction: q.direction } : {}),
      ...(q.partnerId ? { partnerId: q.partnerId } : {}),
      ...(orgPath ? { orgPath } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.overdue ? { overdueAt: now } : {}),
      ...(q.q ? { q: q.q } : {}),
    },
    page,
    pageSize,
  );
  return { items: rows.map((r) => toOrderSummary(r, now)), total, page, pageSize };
}

const STATE_ZH: Record<JointOrderSummary['state'], string> = {
  dispatched: '待接单',
  accepted: '处置中',
  reported: '待确认',
  confirmed: '已办结',
  returned: '已退单',
  cancelled: '已撤单',
};
const CLOCK_ZH: Record<JointOrderSummary['handle']['status'], string> = {
  running: '计时中',
  met: '按期',
  late: '超期反馈',
  overdue: '已超期',
  stopped: '—',
};
const EXPORT_COLUMNS: XlsxColumn<JointOrderSummary>[] = [
  { header: '工单编号', value: (o) => o.number, width: 20 },
  { header: '方向', value: (o) => (o.direction === 'inbound' ? '协作部门派城管' : '城管派协作部门') },
  { header: '协作部门', value: (o) => o.partnerName, width: 24 },
  { header: '中队', value: (o) => o.orgName, width: 18 },
  { header: '事项', value: (o) => o.title, width: 30 },
  { header: '车牌', value: (o) => o.vehiclePlate },
  { header: '地址', value: (o) => o.address, width: 30 },
  { header: '派单时间', value: (o) => new Date(o.createdAt), width: 18 },
  { header: '反馈期限', value: (o) => new Date(o.handle.dueAt), width: 18 },
  { header: '时限状态', value: (o) => CLOCK_ZH[o.handle.status] },
  { header: '状态', value: (o) => STATE_ZH[o.state] },
];

export async function exportJointOrders(deps: Deps, actor: Actor, q: JointOrderListQuery): Promise<Buffer> {
  const page = await listJointOrders(deps, actor, { ...q, page: 1, pageSize: MAX_EXPORT_ROWS }, MAX_EXPORT_ROWS);
  return toXlsx('联合工单', EXPORT_COLUMNS, page.items);
}
