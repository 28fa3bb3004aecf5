// The contract every GPS-feed adapter passes (the local simulator here; a real 渣土车 GPS platform later, through its
// own test environment): the signed endpoint accepts a signed batch and refuses a bad signature, a changed body, an
// old timestamp and a replayed nonce (401, the platform's error format, nothing stored); the same batch id delivered
// again is taken once and answers the same counts; a batch with points out of order, repeated, impossibly fast or with
// invalid coordinates is cleaned and counted, and what was kept is stored in the day's partition.
import { describe, expect, it } from 'vitest';
import type { GpsBatch, GpsBatchAnswer } from '@chengguan/contracts';
import { GPS_INBOUND_PATH } from '../src/modules/waste/index.ts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import type { TestContext } from './harness.ts';

export type GpsContractSubject = { ctx: () => TestContext; secret: () => string; day: string; startMs: number };

export function gpsFeedContract(name: string, s: GpsContractSubject): void {
  let serial = 0;
  const batch = (plate: string, fixes: [number, number, number][]): GpsBatch => {
    serial += 1;
    return { batchId: `CT-${name}-${serial}`, points: fixes.map(([sec, lng, lat]) => ({ plate, at: s.startMs + sec * 1000, lng, lat })) };
  };
  const deliver = (b: GpsBatch, headers?: Record<string, string>) =>
    s.ctx().app.inject({
      method: 'POST',
      url: GPS_INBOUND_PATH,
      headers: { 'content-type': 'application/json', ...(headers ?? signedHeaders(s.secret(), b, s.ctx().clock.now())) },
      payload: b,
    });
  const stored = async (plate: string) =>
    Number(
      (
        await s
          .ctx()
          .deps.db.selectFrom('waste_points')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('day', '=', s.day)
          .where('plate', '=', plate)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe(`GPS feed contract: ${name}`, () => {
    it('a signed batch is stored once; the same batch id again answers the same counts, flagged duplicate', async () => {
      const b = batch('沪C·CT001', [
        [0, 121.6, 31.2],
        [10, 121.6008, 31.2],
        [20, 121.6016, 31.2],
      ]);
      const r = await deliver(b);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({
        batchId: b.batchId,
        duplicate: false,
        counts: { received: 3, kept: 3, outOfOrder: 0, duplicates: 0, impossibleSpeed: 0, invalid: 0 },
      });
      const again = await deliver(b);
      expect(again.statusCode, again.body).toBe(200);
      expect((again.json() as GpsBatchAnswer).duplicate).toBe(true);
      expect((again.json() as GpsBatchAnswer).counts.kept).toBe(3);
      expect(await stored('沪C·CT001')).toBe(3);
    });

    it('a wrong signature, a changed body, a wrong key, an old timestamp or a replayed nonce is refused with 401', async () => {
      const b = batch('沪C·CT002', [[0, 121.6, 31.2]]);
      const now = s.ctx().clock.now();
      const good = signedHeaders(s.secret(), b, now);
      for (const [headers, body] of [
        [{ ...good, 'x-exchange-signature': good['x-exchange-signature'].replace(/^./, (c) => (c === '0' ? '1' : '0')) }, b],
        [good, { ...b, points: [{ ...b.points[0]!, lat: 31.3 }] }],
        [signedHeaders('ab'.repeat(32), b, now), b],
        [signedHeaders(s.secret(), b, new Date(now.getTime() - 10 * 60_000)), b],
        [{}, b],
      ] as const) {
        const r = await deliver(body as GpsBatch, headers as Record<string, string>);
        expect(r.statusCode, r.body).toBe(401);
        expect(r.json()).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
      }
      expect((await deliver(b, good)).statusCode).toBe(200);
      const replay = await deliver({ ...b, batchId: `${b.batchId}-r` }, good);
      expect(replay.statusCode).toBe(401);
      expect(await stored('沪C·CT002')).toBe(1);
    });

    it('a bad batch is cleaned and counted: out of order, repeated, an impossible jump, invalid coordinates', async () => {
      const b = batch('沪C·CT003', [
        [0, 121.6, 31.2],
        [20, 121.6016, 31.2],
        [10, 121.6008, 31.2],
        [10, 121.6008, 31.2],
        [30, 121.6, 31.65],
        [40, 121.6024, 31.2],
        [50, 200, 31.2],
      ]);
      const r = await deliver(b);
      expect(r.statusCode, r.body).toBe(200);
      expect((r.json() as GpsBatchAnswer).counts).toEqual({
        received: 7,
        kept: 4,
        outOfOrder: 2,
        duplicates: 1,
        impossibleSpeed: 1,
        invalid: 1,
      });
      expect(await stored('沪C·CT003')).toBe(4);
    });
  });
}
