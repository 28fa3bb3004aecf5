// The device intake (issue 14 §2): POST /api/public/offsite/events, one event of a device, signed with HMAC-SM3 like
// every connector (shared/connector-signing.ts) with the device's own key or its vendor's (OFFSITE_VENDOR_SECRETS).
// The device's event id makes a delivery idempotent: the same id again is the same answer, counted. An event is
// refused — kept with the reason, nothing lost — when the device is not registered, when it fails A5 (处罚法 Art. 41)
// or E11 for the scene on the day, when the scene is unknown, or when a medium's SM3 does not match its bytes. An
// accepted event joins the review item of the same party and scene within the scene's window (处罚法 Art. 29).
import { randomBytes } from 'node:crypto';
import type { OffsiteEventAnswer, OffsiteEventBody } from '@chengguan/contracts';
import { formatCitationZh, joinsGroup } from '@chengguan/domain';
import type { Deps, Executor } from '../../context.ts';
import { AppError } from '../../errors/app-error.ts';
import { useNonce, verifyExchangeSignature } from '../../shared/connector-signing.ts';
import { sm3Hex } from '../../shared/sm3.ts';
import { shanghaiDate } from '../../shared/time.ts';
import { addHolder, findFile, heldBy, storeFile } from '../files/index.ts';
import { fitnessIssues, pudongBureaus, scenesOf, type DeviceRow, type SceneRow } from './devices.ts';

export const INTAKE_PATH = '/api/public/offsite/events';
export const DEVICE_LABEL = { zh: '非现场执法设备事件报文', en: 'device event message' };
/** The vendor the local simulator signs as. */
export const SIMULATOR_VENDOR = 'SIM';

let simulatorSecret: string | null = null;
/** The key a device signs with: its own, else its vendor's from the settings (the simulator's: random per process). */
export function deviceSecret(config: Deps['config'], d: Pick<DeviceRow, 'secret_hex' | 'vendor'>): string | null {
  if (d.secret_hex) return d.secret_hex;
  if (d.vendor && config.offsiteVendorSecrets[d.vendor]) return config.offsiteVendorSecrets[d.vendor]!;
  if (d.vendor === SIMULATOR_VENDOR) {
    simulatorSecret ??= randomBytes(32).toString('hex');
    return simulatorSecret;
  }
  return null;
}

/** The signed fields: everything but the media bytes, which are bound by their SM3 (checked below). */
export function signedFieldsOf(body: OffsiteEventBody): Record<string, unknown> {
  return { ...body, media: body.media.map((m) => ({ kind: m.kind, sm3: m.sm3, mime: m.mime })) };
}

export function partyKeyOf(e: Pick<OffsiteEventBody, 'plate' | 'subjectCode'>): string | null {
  if (e.plate) return `plate:${e.plate.replace(/[\s·-]/g, '').toUpperCase()}`;
  if (e.subjectCode) return `subject:${e.subjectCode}`;
  return null;
}

const RULE_REFS: Record<string, string> = {
  A5: 'A5 行政处罚法 Art. 41',
  E11: 'E11 上海市浦东新区城市管理领域非现场执法规定 Art. 4',
  A4: 'A4 行政处罚法 Art. 46',
};

type Refusal = { code: string; ruleId: string | null; zh: string; en: string };

async function answerOf(db: Executor, deviceCode: string, eventRef: string, duplicate: boolean): Promise<OffsiteEventAnswer | null> {
  const row = await db
    .selectFrom('offsite_deliveries as d')
    .leftJoin('offsite_events as e', 'e.id', 'd.event_id')
    .select(['d.status', 'd.reason_code', 'd.rule_id', 'd.reason', 'd.reason_en', 'e.review_id'])
    .where('d.device_code', '=', deviceCode)
    .where('d.event_ref', '=', eventRef)
    .executeTakeFirst();
  if (!row) return null;
  const refused = row.status === 'refused';
  return {
    eventId: eventRef,
    result: row.status as OffsiteEventAnswer['result'],
    duplicate,
    reviewId: row.review_id ?? null,
    reasonCode: row.reason_code,
    ruleId: row.rule_id,
    reason: row.reason,
    reasonEn: row.reason_en,
    ...(refused
      ? {
          code: 'OFFSITE_EVENT_REFUSED',
          message: `设备事件不予受理：${row.reason ?? ''}`,
          messageEn: `The device event is refused: ${row.reason_en ?? ''}`,
          ...(row.rule_id ? { rule: RULE_REFS[row.rule_id] ?? row.rule_id } : {}),
        }
      : {}),
  };
}

function payloadOf(body: OffsiteEventBody): string {
  return JSON.stringify(signedFieldsOf(body));
}

async function refuse(deps: Deps, body: OffsiteEventBody, device: DeviceRow | undefined, why: Refusal): Promise<void> {
  const now = deps.clock.now();
  await deps.db
    .insertInto('offsite_deliveries')
    .values({
      id: deps.newId(),
      device_code: body.deviceCode,
      device_id: device?.id ?? null,
      bureau_id: device?.bureau_id ?? null,
      event_ref: body.eventId,
      status: 'refused',
      reason_code: why.code,
      rule_id: why.ruleId,
      reason: why.zh,
      reason_en: why.en,
      payload: payloadOf(body),
      received_at: now,
      last_at: now,
    })
    .onConflict((oc) => oc.columns(['device_code', 'event_ref']).doNothing())
    .execute();
}

/** What is wrong with the event itself, before anything is stored; null when it may be taken in. */
async function refusalOf(deps: Deps, body: OffsiteEventBody, device: DeviceRow, scenes: SceneRow[]): Promise<Refusal | null> {
  const scene = scenes.find((s) => s.code === body.scene);
  if (!scene || !scene.active) {
    return { code: 'SCENE_UNKNOWN', ruleId: null, zh: `未配置的非现场执法场景「${body.scene}」`, en: `Unknown scene "${body.scene}"` };
  }
  const at = new Date(body.occurredAt);
  if (at.getTime() > deps.clock.now().getTime() + 5 * 60_000) {
    return { code: 'TIME_INVALID', ruleId: null, zh: '事件时间晚于当前时间', en: 'The event time lies in the future' };
  }
  const pudong = (await pudongBureaus(deps.db)).has(device.bureau_id);
  const issues = fitnessIssues(device, shanghaiDate(at), body.scene, scenes, pudong);
  if (issues.length > 0) {
    return {
      code: 'DEVICE_NOT_FIT',
      ruleId: issues[0]!.ruleId,
      zh: `${issues.map((i) => i.message).join('；')}。未经审核或者经审核不符合要求的，不得作为行政处罚的证据（依据${formatCitationZh(issues[0]!.basis)}）`,
      en: `${issues.map((i) => i.messageEn).join('; ')} (${issues[0]!.ruleId} ${issues[0]!.basis})`,
    };
  }
  for (const [i, m] of body.media.entries()) {
    if (m.dataBase64 !== undefined) {
      const bytes = Buffer.from(m.dataBase64, 'base64');
      if (bytes.length === 0 || sm3Hex(bytes) !== m.sm3) {
        return {
          code: 'MEDIA_SM3_MISMATCH',
          ruleId: 'A4',
          zh: `第 ${i + 1} 个影像的 SM3 哈希值与内容不符，请重新上传原始影像（依据${formatCitationZh('行政处罚法 Art. 46')}：证据必须经查证属实）`,
          en: `media ${i + 1}: the SM3 does not match the bytes (Administrative Penalty Law Art. 46)`,
        };
      }
    } else {
      const held = await heldBy(deps.db, [m.sm3], 'bureau', device.bureau_id);
      if (!held.has(m.sm3) || !(await findFile(deps.db, m.sm3))) {
        return {
          code: 'MEDIA_MISSING',
          ruleId: 'A4',
          zh: `第 ${i + 1} 个影像既无内容也未曾上传`,
          en: `media ${i + 1}: neither bytes nor an uploaded file`,
        };
      }
    }
  }
  return null;
}

/** The review item the event joins (same party and scene within the window), or a new one. */
async function reviewFor(
  trx: Executor,
  deps: Deps,
  device: DeviceRow,
  body: OffsiteEventBody,
  eventId: string,
  scene: Pick<SceneRow, 'window_hours'>,
): Promise<string> {
  const at = new Date(body.occurredAt);
  const partyKey = partyKeyOf(body);
  if (partyKey) {
    const candidates = await trx
      .selectFrom('offsite_reviews')
      .select(['id', 'party_key', 'scene', 'first_at', 'last_at'])
      .where('bureau_id', '=', device.bureau_id)
      .where('party_key', '=', partyKey)
      .where('scene', '=', body.scene)
      .where('state', '!=', 'dismissed')
      .where('first_at', '<=', at)
      .where('first_at', '>=', new Date(at.getTime() - scene.window_hours * 3_600_000))
      .orderBy('first_at')
      .forUpdate()
      .execute();
    const g = candidates.find((c) =>
      joinsGroup(
        { partyKey: c.party_key, scene: c.scene, firstAt: new Date(c.first_at) },
        { id: eventId, at, scene: body.scene, partyKey },
        { windowHours: scene.window_hours },
      ),
    );
    if (g) {
      await trx
        .updateTable('offsite_reviews')
        .set((eb) => ({
          event_count: eb('event_count', '+', 1),
          last_at: at.getTime() > new Date(g.last_at).getTime() ? at : new Date(g.last_at),
        }))
        .where('id', '=', g.id)
        .execute();
      return g.id;
    }
  }
  const id = deps.newId();
  await trx
    .insertInto('offsite_reviews')
    .values({
      id,
      number: `FX${shanghaiDate(at).replace(/-/g, '')}${randomBytes(4).toString('hex').toUpperCase()}`,
      bureau_id: device.bureau_id,
      org_path: device.org_path,
      scene: body.scene,
      party_key: partyKey,
      first_at: at,
      last_at: at,
      event_count: 1,
      state: 'pending',
      created_at: deps.clock.now(),
    })
    .execute();
  return id;
}

/** Signature (401 before anything is read), then the device's answer for this event. */
export async function receiveDeviceEvent(
  deps: Deps,
  headers: Partial<Record<string, string | string[] | undefined>>,
  body: OffsiteEventBody,
): Promise<OffsiteEventAnswer> {
  const device = await deps.db.selectFrom('offsite_devices').selectAll().where('code', '=', body.deviceCode).executeTakeFirst();
  const secret = device ? deviceSecret(deps.config, device) : null;
  if (device && secret) {
    const { nonce } = verifyExchangeSignature(secret, headers, signedFieldsOf(body), deps.clock.now(), DEVICE_LABEL);
    await useNonce(deps.db, deps, `offsite:${device.code}`, nonce);
  }
  const seen = await answerOf(deps.db, body.deviceCode, body.eventId, true);
  if (seen) {
    await deps.db
      .updateTable('offsite_deliveries')
      .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_at: deps.clock.now() }))
      .where('device_code', '=', body.deviceCode)
      .where('event_ref', '=', body.eventId)
      .execute();
    return seen;
  }
  if (!device) {
    await refuse(deps, body, undefined, {
      code: 'DEVICE_UNREGISTERED',
      ruleId: 'A5',
      zh: `设备 ${body.deviceCode} 未在设备台账登记，请先登记并完成法制和技术审核（依据${formatCitationZh('行政处罚法 Art. 41')}）`,
      en: `Device ${body.deviceCode} is not registered (A5, Administrative Penalty Law Art. 41)`,
    });
    return (await answerOf(deps.db, body.deviceCode, body.eventId, false))!;
  }
  if (!secret) {
    throw new AppError('EXCHANGE_SIGNATURE_INVALID', {
      message: `${DEVICE_LABEL.zh}签名验证失败：设备及其厂商均未配置密钥`,
      messageEn: `The ${DEVICE_LABEL.en} signature is invalid: no key for the device or its vendor`,
    });
  }
  const scenes = await scenesOf(deps.db);
  const why = await refusalOf(deps, body, device, scenes);
  if (why) {
    await refuse(deps, body, device, why);
    return (await answerOf(deps.db, body.deviceCode, body.eventId, false))!;
  }
  // Bytes first (content addressing: the same bytes twice are one file), then the rows in one transaction.
  const now = deps.clock.now();
  const scene = scenes.find((x) => x.code === body.scene)!;
  let reviewId: string;
  try {
    reviewId = await deps.db.transaction().execute(async (trx) => {
      for (const m of body.media) {
        if (m.dataBase64 !== undefined) {
          await storeFile(deps, trx, {
            bytes: Buffer.from(m.dataBase64, 'base64'),
            mime: m.mime,
            bureauId: device.bureau_id,
            createdBy: null,
          });
        }
        await addHolder(trx, m.sm3, 'bureau', device.bureau_id);
      }
      const eventId = deps.newId();
      const reviewId = await reviewFor(trx, deps, device, body, eventId, scene);
      await trx
        .insertInto('offsite_events')
        .values({
          id: eventId,
          review_id: reviewId,
          device_id: device.id,
          bureau_id: device.bureau_id,
          event_ref: body.eventId,
          occurred_at: new Date(body.occurredAt),
          scene: body.scene,
          point_lon: body.lon ?? device.point_lon,
          point_lat: body.lat ?? device.point_lat,
          address: body.address ?? device.address,
          plate: body.plate ?? null,
          subject_code: body.subjectCode ?? null,
          party_key: partyKeyOf(body),
          media: JSON.stringify(body.media.map((m) => ({ kind: m.kind, sm3: m.sm3, mime: m.mime }))),
          received_at: now,
        })
        .execute();
      await trx
        .insertInto('offsite_deliveries')
        .values({
          id: deps.newId(),
          device_code: body.deviceCode,
          device_id: device.id,
          bureau_id: device.bureau_id,
          event_ref: body.eventId,
          status: 'accepted',
          event_id: eventId,
          payload: payloadOf(body),
          received_at: now,
          last_at: now,
        })
        .execute();
      return reviewId;
    });
  } catch (err) {
    // A concurrent delivery of the same event won the race: its answer.
    const raced = await answerOf(deps.db, body.deviceCode, body.eventId, true);
    if (raced) return raced;
    throw err;
  }
  // The answer of the rows just committed (what answerOf reads back for an accepted delivery).
  return {
    eventId: body.eventId,
    result: 'accepted',
    duplicate: false,
    reviewId,
    reasonCode: null,
    ruleId: null,
    reason: null,
    reasonEn: null,
  };
}
