// What the devices delivered (accepted and refused, with the reason: nothing is lost) and the connector's state.
import type { OffsiteConnector, OffsiteDelivery, OffsiteDeliveryListQuery, PageOf } from '@chengguan/contracts';
import type { Actor, Deps } from '../../context.ts';
import { assertPermission } from '../../shared/access.ts';
import { INTAKE_PATH, SIMULATOR_VENDOR } from './intake.ts';

/** Deliveries of the actor's jurisdiction: those of his devices (unregistered codes belong to no district: the city sees them). */
function scoped(deps: Deps, actor: Actor) {
  return deps.db
    .selectFrom('offsite_deliveries as d')
    .leftJoin('offsite_devices as v', 'v.id', 'd.device_id')
    .where((eb) =>
      actor.jurisdictionPath.split('/').filter(Boolean).length === 1
        ? eb.or([eb('v.org_path', 'like', `${actor.jurisdictionPath}%`), eb('d.device_id', 'is', null)])
        : eb('v.org_path', 'like', `${actor.jurisdictionPath}%`),
    );
}

export async function listDeliveries(deps: Deps, actor: Actor, q: OffsiteDeliveryListQuery): Promise<PageOf<OffsiteDelivery>> {
  assertPermission(actor, 'offsite:read');
  let base = scoped(deps, actor);
  if (q.status) base = base.where('d.status', '=', q.status);
  if (q.deviceCode) base = base.where('d.device_code', '=', q.deviceCode);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .select([
        'd.id',
        'd.device_code',
        'd.event_ref',
        'd.status',
        'd.reason_code',
        'd.rule_id',
        'd.reason',
        'd.deliveries',
        'd.received_at',
      ])
      .orderBy('d.received_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      deviceCode: r.device_code,
      eventId: r.event_ref,
      status: r.status as OffsiteDelivery['status'],
      reasonCode: r.reason_code,
      ruleId: r.rule_id,
      reason: r.reason,
      deliveries: r.deliveries,
      receivedAt: new Date(r.received_at).toISOString(),
    })),
    total: Number(n),
    page,
    pageSize,
  };
}

export async function offsiteConnector(deps: Deps, actor: Actor): Promise<OffsiteConnector> {
  assertPermission(actor, 'offsite:read');
  const devices = await deps.db
    .selectFrom('offsite_devices')
    .select([
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.sum<string>(eb.case().when('vendor', '=', SIMULATOR_VENDOR).then(1).else(0).end()).as('sim'),
    ])
    .where('org_path', 'like', `${actor.jurisdictionPath}%`)
    .executeTakeFirstOrThrow();
  const counts = await scoped(deps, actor)
    .select(['d.status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('d.status')
    .execute();
  const sim = Number(devices.sim ?? 0);
  return {
    intakePath: INTAKE_PATH,
    simulator: sim > 0,
    labelZh: sim > 0 ? '含模拟设备（本地模拟器，不是真实设备）' : '设备经签名接口接入',
    labelEn: sim > 0 ? 'includes simulated devices (local simulator, not real devices)' : 'devices deliver through the signed intake',
    devices: Number(devices.n),
    simulatedDevices: sim,
    accepted: Number(counts.find((c) => c.status === 'accepted')?.n ?? 0),
    refused: Number(counts.find((c) => c.status === 'refused')?.n ?? 0),
  };
}
