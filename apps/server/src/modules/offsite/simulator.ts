// The local device simulator (issue 14 §2): cameras and drones of the district play realistic events into the intake
// through the signed interface — most lawful, some repeats of the same plate or shop and scene (grouped into one
// review item), some bad ones (an unregistered device, an image whose SM3 does not match, a scene the device was not
// reviewed for). The console labels it 「模拟设备」; nothing here reaches a real device. Randomness is the seed.
import type { OffsiteEventBody, OffsiteSimulatorBody, OffsiteSimulatorResult } from '@chengguan/contracts';
import type { Actor, Deps, RequestMeta } from '../../context.ts';
import { signedHeaders } from '../../shared/connector-signing.ts';
import { sm3Hex } from '../../shared/sm3.ts';
import { assertPermission } from '../../shared/access.ts';
import { recordAudit } from '../audit/index.ts';
import { getOrgRowOrFail } from '../org/index.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { deviceSecret, receiveDeviceEvent, signedFieldsOf, SIMULATOR_VENDOR } from './intake.ts';
import type { DeviceRow } from './devices.ts';

/** A 1×1 PNG; each simulated image carries its own trailing bytes so that every event has its own SM3. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** mulberry32: a small seeded generator (the same seed plays the same stream). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLATES = ['沪A3K21Q', '沪B7M55L', '沪C1N88T', '沪D6P02X', '沪E9R47W', '沪F2S63Y', '沪AD1234', '沪BF5678'];
const SHOPS = ['兰州拉面', '鲜果店', '五金店', '早餐铺', '便利店', '洗车行'];
const SCENE_TEXT: Record<string, string> = { cross_door: '店外', stall: '人行道', car_wash: '路边', muck: '道路' };

/** Delivers one event signed with the device's key, through the intake the outside devices use. */
export type DeviceTransport = (
  headers: Record<string, string>,
  body: OffsiteEventBody,
) => Promise<{ result: string; duplicate: boolean; reasonCode: string | null }>;

export function inProcessTransport(deps: Deps): DeviceTransport {
  return async (headers, body) => receiveDeviceEvent(deps, headers, body);
}

/** The district's simulated devices; three are registered (reviewed, certified, announced) on first use. */
async function simulatedDevices(deps: Deps, actor: Actor, meta: RequestMeta, orgId?: string): Promise<DeviceRow[]> {
  const squad = orgId
    ? { id: orgId }
    : await deps.db
        .selectFrom('orgs')
        .select('id')
        .where('path', 'like', `${actor.jurisdictionPath}%`)
        .where('kind', '=', 'squad')
        .where('active', '=', true)
        .orderBy('path')
        .executeTakeFirst();
  const org = await getOrgRowOrFail(deps.db, actor, squad?.id ?? actor.orgId);
  const existing = await deps.db
    .selectFrom('offsite_devices')
    .selectAll()
    .where('org_id', '=', org.id)
    .where('vendor', '=', SIMULATOR_VENDOR)
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  if (existing.length > 0) return existing;
  const now = deps.clock.now();
  const yearAgo = shanghaiDate(new Date(now.getTime() - 365 * 86_400_000));
  const nextYear = shanghaiDate(new Date(now.getTime() + 365 * 86_400_000));
  const tag = (org.code.replace(/[^A-Za-z0-9]/g, '') || org.id.slice(0, 4)).toUpperCase();
  const base = { lon: 121.505, lat: 31.235 };
  const specs = [
    { code: `SIM-${tag}-CAM1`, kind: 'camera', name: '模拟摄像头（沿街商铺）', scenes: ['cross_door', 'stall'], d: 0 },
    { code: `SIM-${tag}-CAM2`, kind: 'camera', name: '模拟摄像头（路口）', scenes: ['car_wash', 'stall'], d: 0.004 },
    { code: `SIM-${tag}-UAV1`, kind: 'drone', name: '模拟无人机（自动巡飞）', scenes: ['stall', 'muck', 'cross_door'], d: 0.008 },
  ];
  await deps.db.transaction().execute(async (trx) => {
    for (const s of specs) {
      const id = deps.newId();
      const lon = base.lon + s.d;
      const lat = base.lat + s.d / 2;
      await trx
        .insertInto('offsite_devices')
        .values({
          id,
          bureau_id: org.bureau_id ?? org.id,
          org_id: org.id,
          org_path: org.path,
          code: s.code,
          kind: s.kind,
          name: s.name,
          vendor: SIMULATOR_VENDOR,
          address: `${org.name}辖区（模拟设备）`,
          point_lon: lon,
          point_lat: lat,
          area:
            s.kind === 'drone'
              ? JSON.stringify([
                  [lon - 0.01, lat - 0.01],
                  [lon + 0.01, lat - 0.01],
                  [lon + 0.01, lat + 0.01],
                  [lon - 0.01, lat + 0.01],
                ])
              : null,
          scenes: s.scenes,
          legal_review_on: yearAgo,
          legal_reviewer: '法制审核（模拟）',
          legal_review_doc: '模拟审核意见书',
          published_on: yearAgo,
          published_where: '区政府网站（模拟）',
          cert_body: '计量检定机构（模拟）',
          cert_no: `SIM-${s.code}`,
          cert_on: yearAgo,
          cert_until: nextYear,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await recordAudit(trx, deps, actor, meta, {
        action: 'offsite.device.create',
        entityType: 'offsite_device',
        entityId: id,
        data: { code: s.code, simulator: true },
      });
    }
  });
  return simulatedDevices(deps, actor, meta, org.id);
}

/** Plays `count` events (seeded) into the intake and counts the answers. */
export async function playSimulator(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  body: OffsiteSimulatorBody,
  transport: DeviceTransport = inProcessTransport(deps),
): Promise<OffsiteSimulatorResult> {
  assertPermission(actor, 'offsite:device');
  const devices = await simulatedDevices(deps, actor, meta, body.orgId);
  const rand = seeded(body.seed ?? deps.clock.now().getTime() % 2_147_483_647);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = deps.clock.now().getTime();
  const out: OffsiteSimulatorResult = { simulator: true, played: 0, accepted: 0, refused: 0, duplicates: 0, refusals: {} };
  let last: OffsiteEventBody | null = null;
  for (let i = 0; i < body.count; i++) {
    const roll = rand();
    const device = pick(devices);
    const secret = deviceSecret(deps.config, device)!;
    let event: OffsiteEventBody;
    if (last && roll < 0.2) {
      // A repeat: the same party and scene again, a little later (grouped, not fined twice).
      event = {
        ...last,
        eventId: `${last.eventId.replace(/\.r\d+$/, '')}.r${i}`,
        occurredAt: new Date(new Date(last.occurredAt).getTime() + 20 * 60_000).toISOString(),
      };
      event = { ...event, occurredAt: new Date(Math.min(new Date(event.occurredAt).getTime(), now)).toISOString() };
    } else {
      const scene = pick(device.scenes);
      const bytes = Buffer.concat([PNG, Buffer.from(`sim:${body.seed ?? 0}:${i}:${rand()}`)]);
      const vehicle = scene === 'car_wash' || scene === 'muck';
      event = {
        eventId: `SIM-${now.toString(36)}-${i}`,
        deviceCode: device.code,
        occurredAt: new Date(now - Math.floor(rand() * 6 * 3_600_000)).toISOString(),
        scene,
        ...(device.point_lon !== null && device.point_lat !== null
          ? {
              lon: Number((device.point_lon + (rand() - 0.5) * 0.002).toFixed(6)),
              lat: Number((device.point_lat + (rand() - 0.5) * 0.002).toFixed(6)),
            }
          : {}),
        address: `${device.address ?? ''}${SCENE_TEXT[scene] ?? ''}`.slice(0, 200) || '模拟地点',
        ...(vehicle ? { plate: pick(PLATES) } : rand() < 0.7 ? { subjectCode: `SIM-${pick(SHOPS)}` } : {}),
        media: [{ kind: 'image', sm3: sm3Hex(bytes), mime: 'image/png', dataBase64: bytes.toString('base64') }],
      };
      if (roll > 0.92)
        event = { ...event, deviceCode: `${device.code}-X` }; // not in the register
      else if (roll > 0.86)
        event = { ...event, media: [{ ...event.media[0]!, sm3: sm3Hex('tampered') }] }; // SM3 mismatch
      else if (roll > 0.82)
        event = { ...event, scene: ['cross_door', 'stall', 'car_wash', 'muck'].find((s) => !device.scenes.includes(s)) ?? 'muck' };
      else last = event;
    }
    const headers = signedHeaders(secret, signedFieldsOf(event), deps.clock.now()) as unknown as Record<string, string>;
    const a = await transport(headers, event);
    out.played++;
    if (a.duplicate) out.duplicates++;
    if (a.result === 'accepted') out.accepted++;
    else {
      out.refused++;
      const k = a.reasonCode ?? 'OTHER';
      out.refusals[k] = (out.refusals[k] ?? 0) + 1;
    }
  }
  return out;
}
