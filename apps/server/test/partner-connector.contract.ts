// The contract every partner-department connector passes (the local simulator here; a partner's own system later,
// through its test environment): a signed order is taken once per partner order number (the same number again answers
// the same order, duplicate); a bad signature, an old timestamp and a replayed nonce are refused (401); a point in no
// squad's area is refused naming the field; the callbacks of the order's steps reach the partner, a refused or lost
// answer is retried by the outbox and each callback is applied once on the other side.
import { describe, expect, it } from 'vitest';
import type { PartnerOrderMessage } from '@chengguan/contracts';
import { PARTNER_INBOUND_PATH } from '../src/modules/coordination/index.ts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import type { TestContext } from './harness.ts';

export type PartnerContractSubject = {
  ctx: () => TestContext;
  secret: () => string;
  /** A filed order: the district code, a point inside one of its squads' areas. */
  order: () => Omit<PartnerOrderMessage, 'partnerOrderNo' | 'at'>;
  /** Takes city management's step on the order filed under the partner's number (accept, report …). */
  step: (partnerOrderNo: string, action: 'accept' | 'report') => Promise<void>;
  /** Runs the outbox's due jobs once (the worker's pass), after the retry backoff when `later`. */
  runJobs: (later?: boolean) => Promise<void>;
  received: (partnerOrderNo: string) => Promise<{ status: string; deliveries: number }[]>;
  failNext: (faults: ('refuse' | 'lose')[]) => void;
};

export function partnerConnectorContract(name: string, s: PartnerContractSubject): void {
  let serial = 0;
  const message = (over: Partial<PartnerOrderMessage> = {}): PartnerOrderMessage => ({
    ...s.order(),
    partnerOrderNo: `JJ-CONTRACT-${Date.now().toString(36)}-${++serial}`,
    at: s.ctx().clock.now().toISOString(),
    ...over,
  });
  const post = (m: PartnerOrderMessage, headers?: Record<string, string>) =>
    s.ctx().app.inject({
      method: 'POST',
      url: PARTNER_INBOUND_PATH,
      headers: { 'content-type': 'application/json', ...(headers ?? signedHeaders(s.secret(), m, s.ctx().clock.now())) },
      payload: m,
    });

  describe(`partner connector contract: ${name}`, () => {
    it('takes a signed order once per partner number; refuses a bad signature, an old timestamp, a replay, a point outside', async () => {
      const m = message();
      const first = await post(m);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ partnerOrderNo: m.partnerOrderNo, state: 'dispatched', duplicate: false });
      const again = await post(m);
      expect(again.json()).toMatchObject({ number: (first.json() as { number: string }).number, duplicate: true });
      const bad = await post(message(), signedHeaders(s.secret(), m, s.ctx().clock.now()));
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
      const stale = message();
      expect((await post(stale, signedHeaders(s.secret(), stale, new Date(s.ctx().clock.now().getTime() - 10 * 60_000)))).statusCode).toBe(
        401,
      );
      const replayed = message();
      const h = signedHeaders(s.secret(), replayed, s.ctx().clock.now());
      expect((await post(replayed, h)).statusCode).toBe(200);
      const replay = await post(replayed, h);
      expect(replay.statusCode).toBe(401);
      expect(replay.json()).toMatchObject({ code: 'EXCHANGE_REPLAYED' });
      const outside = await post(message({ lon: 121.3, lat: 31.0 }));
      expect(outside.statusCode).toBe(422);
      expect(outside.json()).toMatchObject({ field: 'lon' });
      const nobody = await post(message({ partnerCode: 'NO-SUCH' }));
      expect(nobody.statusCode).toBe(404);
      expect(nobody.json()).toMatchObject({ field: 'partnerCode' });
    });

    it('sends each step back; a refused or lost answer is retried and applied once', async () => {
      const m = message();
      expect((await post(m)).statusCode).toBe(200);
      await s.step(m.partnerOrderNo, 'accept');
      s.failNext(['refuse']);
      await s.runJobs();
      expect(await s.received(m.partnerOrderNo)).toEqual([]);
      await s.runJobs(true);
      expect(await s.received(m.partnerOrderNo)).toEqual([{ status: 'accept:accepted', deliveries: 1 }]);
      await s.step(m.partnerOrderNo, 'report');
      s.failNext(['lose']);
      await s.runJobs();
      await s.runJobs(true);
      expect(await s.received(m.partnerOrderNo)).toEqual([
        { status: 'accept:accepted', deliveries: 1 },
        { status: 'report:reported', deliveries: 2 },
      ]);
      await s.runJobs(true);
      expect((await s.received(m.partnerOrderNo)).map((r) => r.deliveries)).toEqual([1, 2]);
    });
  });
}
