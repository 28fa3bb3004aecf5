// A partner's system files a joint order (the signature and nonce are checked by the route before this runs). The
// partner is named by its unit code, the district bureau by its administrative code, the squad by the point (the
// squad whose service area holds it, as tickets are routed). The same partner order number filed again answers the
// order it made (duplicate: true) and changes nothing. Refusals name the field: an unknown or inactive partner
// (partnerCode, 404), an unknown district (unitCode, 404), a partner bound to another district (partnerCode, 404), a
// point outside the city (lon, 422 POINT_OUTSIDE_CITY) or in no squad's area of that district (lon, 422
// POINT_OUTSIDE_BUREAU).
import type { PartnerOrderAnswer, PartnerOrderMessage } from '@chengguan/contracts';
import { jointOrderDue, jointOrderLimits } from '@chengguan/domain';
import type { Deps, Executor, RequestMeta } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { pgErrorCode } from '../../../shared/pg-errors.ts';
import { recordAudit } from '../../audit/index.ts';
import { cityPointOrFail } from '../../geo/index.ts';
import { squadOfPoint } from '../../subjects/index.ts';
import { insertOrder, insertOrderEvent } from '../coordination.repository.ts';
import { orderNumber } from '../use-cases/joint-orders.ts';
import { partnerAdapter } from './partner-connector.ts';

async function answerOf(db: Executor, partnerId: string, partnerOrderNo: string, duplicate: boolean): Promise<PartnerOrderAnswer | null> {
  const r = await db
    .selectFrom('joint_orders as j')
    .innerJoin('orgs as g', 'g.id', 'j.org_id')
    .select(['j.number', 'j.state', 'g.name as org_name'])
    .where('j.partner_id', '=', partnerId)
    .where('j.partner_order_no', '=', partnerOrderNo)
    .executeTakeFirst();
  if (!r) return null;
  return { partnerOrderNo, number: r.number, orgName: r.org_name, state: r.state as PartnerOrderAnswer['state'], duplicate };
}

export async function receivePartnerOrder(deps: Deps, meta: RequestMeta, m: PartnerOrderMessage): Promise<PartnerOrderAnswer> {
  if (!partnerAdapter(deps.config)) throw new AppError('NOT_FOUND');
  const unit = await deps.db.selectFrom('partner_units').selectAll().where('code', '=', m.partnerCode).executeTakeFirst();
  if (!unit || !unit.active) {
    throw new AppError('NOT_FOUND', {
      field: 'partnerCode',
      message: '协作部门不存在或已停用',
      messageEn: 'partnerCode: no such active partner unit',
    });
  }
  const prior = await answerOf(deps.db, unit.id, m.partnerOrderNo, true);
  if (prior) return prior;
  const bureau = await deps.db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('kind', '=', 'district_bureau')
    .where('region_code', '=', m.unitCode)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!bureau)
    throw new AppError('NOT_FOUND', { field: 'unitCode', message: '承办区局不存在', messageEn: 'unitCode: no such district bureau' });
  if (unit.bureau_id !== null && unit.bureau_id !== bureau.id) {
    throw new AppError('NOT_FOUND', {
      field: 'partnerCode',
      message: '该协作部门不与此区局协作',
      messageEn: 'partnerCode: this partner unit does not work with that district',
    });
  }
  const point = cityPointOrFail({ lon: m.lon, lat: m.lat, crs: 'wgs84' }, 'lon');
  const now = deps.clock.now();
  const id = deps.newId();
  let raced = false;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const orgId = await squadOfPoint(trx, bureau.id, point);
      if (!orgId) {
        throw new AppError('POINT_OUTSIDE_BUREAU', {
          field: 'lon',
          message: `地点（东经 ${m.lon}，北纬 ${m.lat}）不在${bureau.name}任何中队的责任区内`,
          messageEn: `lon: the point (${m.lon}, ${m.lat}) lies in no squad's area of the district`,
        });
      }
      const org = await trx.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
      const limits = jointOrderLimits({ acceptHours: unit.accept_hours, handleDays: unit.handle_days });
      const due = jointOrderDue(now, limits);
      await insertOrder(trx, {
        id,
        number: orderNumber('J', id, now),
        bureau_id: bureau.id,
        org_id: orgId,
        partner_id: unit.id,
        direction: 'inbound',
        state: 'dispatched',
        category: m.category,
        title: m.title,
        content: m.content,
        address: m.address ?? null,
        point_lon: point[0],
        point_lat: point[1],
        vehicle_plate: m.vehiclePlate ?? null,
        partner_order_no: m.partnerOrderNo,
        accept_due_at: due.acceptDueAt,
        handle_due_at: due.handleDueAt,
        accept_hours: limits.acceptHours,
        handle_days: limits.handleDays,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      await insertOrderEvent(trx, {
        id: deps.newId(),
        order_id: id,
        action: 'dispatch',
        from_state: null,
        to_state: 'dispatched',
        actor_id: null,
        actor_name: `${unit.name}（系统接口）`,
        note: `${unit.name}经接口派单至${org.name}，对方单号 ${m.partnerOrderNo}`,
        at: now,
      });
      await recordAudit(trx, deps, null, meta, {
        action: 'jointOrder.connector.create',
        entityType: 'joint_order',
        entityId: id,
        bureauId: bureau.id,
        data: { ...m },
      });
    });
  } catch (err) {
    // The same number filed twice at once: the second insert meets the first's unique row.
    if (pgErrorCode(err) !== '23505') throw err;
    raced = true;
  }
  const answer = await answerOf(deps.db, unit.id, m.partnerOrderNo, raced);
  if (!answer) throw new AppError('NOT_SAVED');
  return answer;
}
