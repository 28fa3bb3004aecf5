// The contract of the device intake as an outside device calls it (a camera or a drone of any vendor; the local
// simulator plays through the same interface): POST /api/public/offsite/events with the signed headers of every
// connector (HMAC-SM3 over the flat fields, media bound by their SM3). A signed event of a registered, reviewed and
// certified device is accepted into the review queue; the same event id again is the same answer, counted; a bad
// signature and a replayed nonce are 401 before anything is read; an unregistered device, a device that fails A5 and
// an image whose SM3 does not match its bytes are refused (422) naming the rule — and kept with the reason.
import { expect, it } from 'vitest';
import type { OffsiteEventAnswer, OffsiteEventBody } from '@chengguan/contracts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import { sm3Hex } from '../src/shared/sm3.ts';
import type { TestContext } from './harness.ts';

export type DeviceContractSubject = {
  ctx: () => TestContext;
  /** A registered, reviewed, certified camera for `scene`, and its key. */
  device: () => { code: string; secret: string; scene: string };
  /** A registered camera whose technical certification has lapsed, and its key. */
  lapsed: () => { code: string; secret: string; scene: string };
};

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let serial = 0;

export function image(tag: string): { kind: 'image'; sm3: string; mime: 'image/png'; dataBase64: string } {
  const bytes = Buffer.concat([PNG, Buffer.from(tag)]);
  return { kind: 'image', sm3: sm3Hex(bytes), mime: 'image/png', dataBase64: bytes.toString('base64') };
}

export function deviceEvent(code: string, scene: string, extra: Partial<OffsiteEventBody> = {}, at = new Date()): OffsiteEventBody {
  serial += 1;
  return {
    eventId: `EV-${Date.now().toString(36)}-${serial}`,
    deviceCode: code,
    occurredAt: new Date(at.getTime() - 30 * 60_000).toISOString(),
    scene,
    lon: 121.51,
    lat: 31.235,
    address: '上海市浦东新区陆家嘴环路1000号',
    media: [image(`contract-${serial}`)],
    ...extra,
  };
}

/** The fields the signature covers: every field, media by their SM3 (the bytes are bound by it). */
export function signed(body: OffsiteEventBody): Record<string, unknown> {
  return { ...body, media: body.media.map((m) => ({ kind: m.kind, sm3: m.sm3, mime: m.mime })) };
}

export async function postEvent(ctx: TestContext, secret: string, body: OffsiteEventBody, headers?: Record<string, string>) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/public/offsite/events',
    headers: { 'content-type': 'application/json', ...(headers ?? signedHeaders(secret, signed(body), ctx.clock.now())) },
    payload: JSON.stringify(body),
  });
}

export function offsiteDeviceContract(s: DeviceContractSubject): void {
  it('contract: a signed event is accepted once; the same event id again gives the same answer', async () => {
    const ctx = s.ctx();
    const d = s.device();
    const e = deviceEvent(d.code, d.scene, { plate: '沪A12345' }, ctx.clock.now());
    const first = await postEvent(ctx, d.secret, e);
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json() as OffsiteEventAnswer;
    expect(a).toMatchObject({ eventId: e.eventId, result: 'accepted', duplicate: false });
    expect(a.reviewId).toBeTruthy();
    const again = await postEvent(ctx, d.secret, e);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ result: 'accepted', duplicate: true, reviewId: a.reviewId });
  });

  it('contract: a bad signature, an old timestamp and a replayed nonce are 401', async () => {
    const ctx = s.ctx();
    const d = s.device();
    const e = deviceEvent(d.code, d.scene, {}, ctx.clock.now());
    const wrong = await postEvent(ctx, 'ab'.repeat(32), e);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
    const old = await postEvent(ctx, d.secret, e, signedHeaders(d.secret, signed(e), new Date(ctx.clock.now().getTime() - 3_600_000)));
    expect(old.statusCode).toBe(401);
    const headers = signedHeaders(d.secret, signed(e), ctx.clock.now()) as unknown as Record<string, string>;
    expect((await postEvent(ctx, d.secret, e, headers)).statusCode).toBe(200);
    const replay = await postEvent(ctx, d.secret, { ...e }, headers);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'EXCHANGE_REPLAYED' });
  });

  it('contract: unregistered and uncertified devices, and a wrong SM3, are refused with the rule and kept', async () => {
    const ctx = s.ctx();
    const d = s.device();
    const unknown = deviceEvent('NO-SUCH-DEVICE', d.scene, {}, ctx.clock.now());
    const r1 = await postEvent(ctx, d.secret, unknown);
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ result: 'refused', reasonCode: 'DEVICE_UNREGISTERED', ruleId: 'A5', code: 'OFFSITE_EVENT_REFUSED' });
    const l = s.lapsed();
    const r2 = await postEvent(ctx, l.secret, deviceEvent(l.code, l.scene, {}, ctx.clock.now()));
    expect(r2.statusCode).toBe(422);
    expect(r2.json()).toMatchObject({ result: 'refused', reasonCode: 'DEVICE_NOT_FIT', ruleId: 'A5' });
    expect((r2.json() as OffsiteEventAnswer).reason).toContain('技术审核');
    const e = deviceEvent(d.code, d.scene, {}, ctx.clock.now());
    const tampered = { ...e, media: [{ ...e.media[0]!, sm3: sm3Hex('another picture') }] };
    const r3 = await postEvent(ctx, d.secret, tampered);
    expect(r3.statusCode).toBe(422);
    expect(r3.json()).toMatchObject({ reasonCode: 'MEDIA_SM3_MISMATCH' });
    // Nothing lost: the refused delivery is kept and answers the same again.
    const r4 = await postEvent(ctx, d.secret, tampered);
    expect(r4.json()).toMatchObject({ reasonCode: 'MEDIA_SM3_MISMATCH', duplicate: true });
  });
}
