// The local simulator of a partner department's system (PARTNER_CONNECTOR=simulator; the console labels it
// 「模拟协作部门系统」). It plays the partner both ways: it files signed orders like a traffic-police post that stopped
// a muck truck (`playPartnerOrder`, through the same signed inbound endpoint any partner uses), and it receives the
// status and result callbacks, checking the signature, the timestamp window and the nonce, and applying each
// idempotency key once (partner_sim_callbacks counts the deliveries). Faults for the contract test (partner-connector.ts):
// the next answers may be refused (nothing applied) or lost on the way back (applied), so the retries are exercised.
import type {
  PartnerCallbackAnswer,
  PartnerCallbackMessage,
  PartnerConnectorStatus,
  PartnerOrderMessage,
  PartnerSimulatorPlayBody,
  PartnerSimulatorQueued,
} from '@chengguan/contracts';
import type { Actor, Deps } from '../../../context.ts';
import { AppError } from '../../../errors/app-error.ts';
import { assertPermission } from '../../../shared/access.ts';
import { receiveAsSimulator } from '../../../shared/connector-link.ts';
import { signedHeaders } from '../../../shared/connector-signing.ts';
import { findOrg } from '../../org/index.ts';
import { enqueueJob, type JobHandlers } from '../../scheduler/index.ts';
import { findPartnerUnit } from '../coordination.repository.ts';
import { LABEL, PARTNER_INBOUND_PATH, partnerAdapter, partnerLink, partnerSecret, partnerTransport } from './partner-connector.ts';

export async function receivePartnerCallback(
  deps: Deps,
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: PartnerCallbackMessage,
): Promise<PartnerCallbackAnswer> {
  if (!partnerAdapter(deps.config)?.simulator) throw new AppError('NOT_FOUND');
  return receiveAsSimulator(deps, {
    link: partnerLink,
    secret: partnerSecret(deps.config),
    label: LABEL,
    channel: 'partner_connector_sim',
    headers,
    body: body as unknown as Record<string, unknown> & { idempotencyKey: string },
    receipts: {
      deliveries: async (trx, key) =>
        (
          await trx
            .selectFrom('partner_sim_callbacks')
            .select('deliveries')
            .where('idempotency_key', '=', key)
            .forUpdate()
            .executeTakeFirst()
        )?.deliveries ?? null,
      count: async (trx, key, deliveries) => {
        await trx.updateTable('partner_sim_callbacks').set({ deliveries }).where('idempotency_key', '=', key).execute();
      },
      apply: async (trx, now) => {
        await trx
          .insertInto('partner_sim_callbacks')
          .values({
            idempotency_key: body.idempotencyKey,
            partner_code: body.partnerCode,
            partner_order_no: body.partnerOrderNo,
            status: `${body.action}:${body.state}`,
            deliveries: 1,
            received_at: now,
          })
          .execute();
      },
    },
  });
}

/** What the simulated partner holds for one of its orders: the callbacks received, in order. */
export async function simulatorCallbacks(deps: Deps, partnerOrderNo: string): Promise<{ status: string; deliveries: number }[]> {
  return deps.db
    .selectFrom('partner_sim_callbacks')
    .select(['status', 'deliveries'])
    .where('partner_order_no', '=', partnerOrderNo)
    .orderBy('received_at')
    .orderBy('idempotency_key')
    .execute();
}

const PLATES = ['沪A', '沪B', '沪D', '沪E', '沪F'];

export const JOB_PARTNER_SIM_FILE = 'partner.simulator.file';

/**
 * The simulated partner files one order at a place of the squad's service area (the centre of its box): a muck truck
 * stopped with its load uncovered. Queued as a job (answered 202 with the partner's number): the worker signs it and
 * posts it to the inbound endpoint like any partner's system, outside this request's transaction.
 */
export async function playPartnerOrder(deps: Deps, actor: Actor, body: PartnerSimulatorPlayBody): Promise<PartnerSimulatorQueued> {
  assertPermission(actor, 'joint:write');
  if (!actor.roles.includes('commander') && !actor.roles.includes('admin')) throw new AppError('FORBIDDEN');
  if (!partnerAdapter(deps.config)?.simulator) {
    throw new AppError('NOT_FOUND', { message: '协作部门接口模拟未启用', messageEn: 'The partner simulator is off' });
  }
  const unit = await findPartnerUnit(deps.db, body.partnerId);
  if (!unit || !unit.active)
    throw new AppError('NOT_FOUND', { field: 'partnerId', message: '协作部门不存在', messageEn: 'partnerId: no such partner' });
  const org = await findOrg(deps.db, body.orgId);
  if (!org || org.kind !== 'squad' || !org.bureau_id || !org.path.startsWith(actor.jurisdictionPath)) {
    throw new AppError('NOT_FOUND', {
      field: 'orgId',
      message: '中队不存在或不在您的范围内',
      messageEn: 'orgId: no such squad within your scope',
    });
  }
  const [area, bureau] = await Promise.all([
    deps.db.selectFrom('org_areas').select(['min_lon', 'max_lon', 'min_lat', 'max_lat']).where('org_id', '=', org.id).executeTakeFirst(),
    findOrg(deps.db, org.bureau_id),
  ]);
  if (!area || !bureau?.region_code) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'orgId',
      message: '该中队尚未设置责任区，模拟协作部门无法选点',
      messageEn: 'orgId: the squad has no service area to place the order in',
    });
  }
  const now = deps.clock.now();
  const serial = `${now.getTime().toString(36)}${deps.newId().replace(/-/g, '').slice(-4)}`.toUpperCase();
  const message: PartnerOrderMessage = {
    partnerCode: unit.code,
    partnerOrderNo: `SIM-${unit.code}-${serial}`,
    unitCode: bureau.region_code,
    category: 'muck_truck',
    title: '渣土车未密闭运输（模拟）',
    content: `模拟${unit.name}：执勤民警拦停一辆渣土车，车厢未密闭、沿途撒漏，已开具交通违法告知，移交城管执法部门核查处置并反馈。`,
    address: `${org.name}辖区`,
    lon: Math.round(((area.min_lon + area.max_lon) / 2) * 1e6) / 1e6,
    lat: Math.round(((area.min_lat + area.max_lat) / 2) * 1e6) / 1e6,
    vehiclePlate: `${PLATES[now.getTime() % PLATES.length]}${String(10000 + (now.getTime() % 90000))}`,
    at: now.toISOString(),
  };
  await enqueueJob(deps.db, {
    id: deps.newId(),
    kind: JOB_PARTNER_SIM_FILE,
    runAt: now,
    payload: { message },
    dedupeKey: `${JOB_PARTNER_SIM_FILE}:${message.partnerOrderNo}`,
    bureauId: org.bureau_id,
    maxAttempts: 5,
  });
  return { partnerOrderNo: message.partnerOrderNo };
}

/** The worker's delivery of a simulated order: signed now; a refusal (4xx) is final, anything else is retried. */
export async function fileSimulatedOrder(deps: Deps, message: PartnerOrderMessage): Promise<void> {
  const flat = { ...message, at: deps.clock.now().toISOString() } as unknown as Record<string, unknown>;
  const base = deps.config.ticketExchangeBaseUrl ?? `http://127.0.0.1:${deps.config.port}`;
  const r = await partnerTransport()(
    `${base}${PARTNER_INBOUND_PATH}`,
    { ...signedHeaders(partnerSecret(deps.config), flat, deps.clock.now()) },
    flat,
  );
  if (r.status >= 500) throw new Error(`simulated partner order ${message.partnerOrderNo}: answered ${r.status}`);
}

export const PARTNER_SIM_JOB_HANDLERS: JobHandlers = {
  [JOB_PARTNER_SIM_FILE]: async (deps, job) => {
    await fileSimulatedOrder(deps, (job.payload as { message: PartnerOrderMessage }).message);
  },
};

/** The connector's state for the console (anyone who reads joint orders). */
export async function partnerConnectorStatus(deps: Deps, actor: Actor): Promise<PartnerConnectorStatus> {
  if (!actor.permissions.has('joint:read') && !actor.permissions.has('joint:partner')) assertPermission(actor, 'joint:read');
  const adapter = partnerAdapter(deps.config);
  const rows = await deps.db
    .selectFrom('partner_connector_outbox as x')
    .innerJoin('orgs as b', 'b.id', 'x.bureau_id')
    .select(['x.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.path', 'like', `${actor.jurisdictionPath}%`)
    .groupBy('x.status')
    .execute();
  const count = (...s: string[]) => rows.filter((r) => s.includes(r.status)).reduce((a, r) => a + Number(r.n), 0);
  return {
    enabled: adapter !== null,
    simulator: adapter?.simulator ?? false,
    labelZh: adapter?.labelZh ?? '协作部门接口未启用',
    labelEn: adapter?.labelEn ?? 'Partner connector off',
    callbacks: { pending: count('pending', 'retrying'), sent: count('sent'), failed: count('failed') },
  };
}
