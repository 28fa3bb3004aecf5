// The contract every credit-platform connector passes (the local simulator here; the city's 公共信用信息服务平台 later,
// through its own test environment): a signed message is accepted and applied; a bad signature, an old timestamp and
// a replayed nonce are refused (401, the platform's error format); the same idempotency key delivered twice is applied
// once; an answer refused or lost is retried by the outbox and the record is applied once on the other side.
import { describe, expect, it } from 'vitest';
import type { CreditPlatformMessage } from '@chengguan/contracts';
import { CREDIT_SIM_PATH } from '../src/modules/credit/index.ts';
import { signedHeaders } from '../src/shared/connector-signing.ts';
import type { TestContext } from './harness.ts';

export type CreditContractSubject = {
  ctx: () => TestContext;
  secret: () => string;
  /** A credit record queued for publication (its id); each call makes a new one. */
  newRecord: () => Promise<string>;
  /** Runs the outbox's due jobs once (the worker's pass), after the retry backoff when `later`. */
  runJobs: (later?: boolean) => Promise<void>;
  applied: (recordId: string) => Promise<{ op: string; deliveries: number }[]>;
  outbox: (recordId: string) => Promise<{ status: string; attempts: number }[]>;
  failNext: (faults: ('refuse' | 'lose')[]) => void;
};

export function creditPlatformContract(name: string, s: CreditContractSubject): void {
  const message = (over: Partial<CreditPlatformMessage> = {}): CreditPlatformMessage => ({
    idempotencyKey: `contract:${Math.random().toString(36).slice(2)}`,
    op: 'publish',
    recordId: '0190a000-0000-7000-8000-000000000001',
    subjectName: '上海某某餐饮有限公司',
    subjectCode: '91310115MA1FL00001',
    documentNumber: '浦城管罚〔2026〕1号',
    decidedOn: '2026-01-20',
    publishUntil: '2029-01-20',
    at: s.ctx().clock.now().toISOString(),
    ...over,
  });
  const post = (m: CreditPlatformMessage, headers?: Record<string, string>) =>
    s.ctx().app.inject({
      method: 'POST',
      url: CREDIT_SIM_PATH,
      headers: { 'content-type': 'application/json', ...(headers ?? signedHeaders(s.secret(), m, s.ctx().clock.now())) },
      payload: m,
    });

  describe(`credit platform contract: ${name}`, () => {
    it('accepts a signed message once per idempotency key; refuses a bad signature, an old timestamp and a replay', async () => {
      const m = message();
      const first = await post(m);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ applied: true, deliveries: 1 });
      const again = await post(m);
      expect(again.json()).toEqual({ applied: false, deliveries: 2 });
      const bad = await post(message(), { ...signedHeaders(s.secret(), m, s.ctx().clock.now()) });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID' });
      const old = new Date(s.ctx().clock.now().getTime() - 10 * 60_000);
      const stale = message();
      expect((await post(stale, signedHeaders(s.secret(), stale, old))).statusCode).toBe(401);
      const replayed = message();
      const h = signedHeaders(s.secret(), replayed, s.ctx().clock.now());
      expect((await post(replayed, h)).statusCode).toBe(200);
      const replay = await post(replayed, h);
      expect(replay.statusCode).toBe(401);
      expect(replay.json()).toMatchObject({ code: 'EXCHANGE_REPLAYED' });
    }, 240_000);

    it('a refused or lost answer is retried; the record is applied once', async () => {
      const refused = await s.newRecord();
      s.failNext(['refuse']);
      await s.runJobs();
      expect(await s.applied(refused)).toEqual([]);
      expect((await s.outbox(refused))[0]).toMatchObject({ status: 'retrying', attempts: 1 });
      await s.runJobs(true);
      expect(await s.applied(refused)).toEqual([{ op: 'publish', deliveries: 1 }]);
      expect((await s.outbox(refused))[0]!.status).toBe('sent');

      const lost = await s.newRecord();
      s.failNext(['lose']);
      await s.runJobs();
      expect((await s.outbox(lost))[0]!.status).toBe('retrying');
      await s.runJobs(true);
      expect(await s.applied(lost)).toEqual([{ op: 'publish', deliveries: 2 }]);
      expect((await s.outbox(lost))[0]!.status).toBe('sent');
    }, 240_000);
  });
}
