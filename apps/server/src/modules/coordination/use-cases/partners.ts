// Partner departments as configured data: the city-wide units (migration 044) and a bureau's own; accounts of the
// partner role linked to their unit by the bureau's administrator.
import type { CreatePartnerUnitBody, PartnerAccountBody, PartnerUnit } from '@chengguan/contracts';
import { checkJointOrderLimits, jointOrderLimits } from '@chengguan/domain';
import type { Actor, Deps, RequestMeta } from '../../../context.ts';
import { AppError, fieldError } from '../../../errors/app-error.ts';
import { assertPermission, isCityWide } from '../../../shared/access.ts';
import { recordAudit } from '../../audit/index.ts';
import { isPartner } from '../coordination.access.ts';
import {
  findPartnerUnit,
  insertPartnerUnit,
  linkPartnerAccount,
  listPartnerUnits,
  officerForLink,
  partnerCodeTaken,
  partnerOfOfficer,
  type PartnerUnitRow,
} from '../coordination.repository.ts';

function toPartnerUnit(r: PartnerUnitRow): PartnerUnit {
  const limits = jointOrderLimits({ acceptHours: r.accept_hours, handleDays: r.handle_days });
  return {
    id: r.id,
    bureauId: r.bureau_id,
    code: r.code,
    name: r.name,
    kind: r.kind as PartnerUnit['kind'],
    region: r.region,
    ...limits,
    ownLimits: r.accept_hours !== null || r.handle_days !== null,
    active: r.active,
  };
}

/** The units the reader may work with: city-wide ones and his bureau's (a partner account: its own unit). */
export async function listPartners(deps: Deps, actor: Actor): Promise<PartnerUnit[]> {
  if (isPartner(actor)) {
    assertPermission(actor, 'joint:partner');
    const own = await partnerOfOfficer(deps.db, actor.id);
    const unit = own ? await findPartnerUnit(deps.db, own) : undefined;
    return unit ? [toPartnerUnit(unit)] : [];
  }
  assertPermission(actor, 'joint:read');
  return (await listPartnerUnits(deps.db, actor.bureauId, isCityWide(actor))).map(toPartnerUnit);
}

/** A bureau's administrator adds a unit of his bureau; the city administrator a city-wide one. */
export async function createPartner(deps: Deps, actor: Actor, meta: RequestMeta, body: CreatePartnerUnitBody): Promise<PartnerUnit> {
  assertPermission(actor, 'config:write');
  const issues = checkJointOrderLimits(body);
  if (issues[0]) throw fieldError(issues[0].field, issues[0].messageZh, issues[0].messageEn);
  const bureauId = isCityWide(actor) ? null : actor.bureauId;
  if (!isCityWide(actor) && !bureauId) throw new AppError('FORBIDDEN');
  return deps.db.transaction().execute(async (trx) => {
    if (await partnerCodeTaken(trx, body.code)) throw fieldError('code', '编码已被使用', 'code: already in use', 'DUPLICATE');
    const id = deps.newId();
    await insertPartnerUnit(trx, {
      id,
      bureau_id: bureauId,
      code: body.code,
      name: body.name,
      kind: body.kind,
      region: body.region ?? '上海市',
      accept_hours: body.acceptHours ?? null,
      handle_days: body.handleDays ?? null,
      created_at: deps.clock.now(),
    });
    await recordAudit(trx, deps, actor, meta, {
      action: 'partnerUnit.create',
      entityType: 'partner_unit',
      entityId: id,
      bureauId,
      data: body,
    });
    return toPartnerUnit((await findPartnerUnit(trx, id))!);
  });
}

/** Links an account of the partner role (in the administrator's jurisdiction) to a unit he may work with. */
export async function linkPartnerAccountTo(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  partnerId: string,
  body: PartnerAccountBody,
): Promise<PartnerUnit> {
  assertPermission(actor, 'staff:write');
  return deps.db.transaction().execute(async (trx) => {
    const unit = await findPartnerUnit(trx, partnerId);
    if (!unit || (unit.bureau_id !== null && !isCityWide(actor) && unit.bureau_id !== actor.bureauId)) throw new AppError('NOT_FOUND');
    const officer = await officerForLink(trx, body.officerId);
    if (!officer || !officer.org_path.startsWith(actor.jurisdictionPath)) {
      throw new AppError('NOT_FOUND', { field: 'officerId', message: '账户不存在', messageEn: 'officerId: no such account' });
    }
    if (!officer.is_partner) {
      throw fieldError('officerId', '该账户不是协作部门角色', 'officerId: the account does not hold the partner role', 'STATE_CONFLICT');
    }
    await linkPartnerAccount(trx, officer.id, unit.id);
    await recordAudit(trx, deps, actor, meta, {
      action: 'partnerUnit.linkAccount',
      entityType: 'partner_unit',
      entityId: unit.id,
      bureauId: officer.bureau_id,
      data: body,
    });
    return toPartnerUnit(unit);
  });
}
