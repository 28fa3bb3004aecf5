// The field app's writes as the server sees them (docs/field-app.md): a write kept offline and sent later
// (X-Field-Queued-At) is checked against the officer's 执法证 as of the sync — refused with the reason when it expired,
// accepted with a valid one, and the same Idempotency-Key sent twice is one ticket; a photo whose bytes do not hash to
// the SM3 computed at capture (X-Content-SM3) is refused and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../src/shared/sm3.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { PNG } from './access-fixture.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of ['pd_ljz_01', 'pd_ljz_02']) tokens[u] = await ctx.login(u);
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

const ticket = {
  channel: 'officer',
  categoryCode: 'SR04',
  content: '巡查发现饭店油烟直排',
  point: { lon: 121.51, lat: 31.235, crs: 'wgs84' },
};

describe('field sync', () => {
  it('a queued write is checked against the credential as of the sync; one key is one ticket', async () => {
    const queued = { 'x-field-queued-at': '2026-03-01T09:30:00.000Z', 'idempotency-key': 'field-q-1' };
    const expired = await ctx.api('POST', '/api/v1/tickets', { token: tokens.pd_ljz_02!, body: ticket, headers: queued });
    expect(expired.statusCode).toBe(403);
    expect(errorBody(expired)).toMatchObject({ code: 'CREDENTIAL_NOT_VALID', field: 'x-field-queued-at' });
    expect(errorBody(expired).message).toMatch(/到期|执法证/);
    expect(errorBody(expired).messageEn).toMatch(/hand it over/);
    const first = await ctx.api('POST', '/api/v1/tickets', {
      token: tokens.pd_ljz_01!,
      body: ticket,
      headers: { ...queued, 'idempotency-key': 'field-q-2' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await ctx.api('POST', '/api/v1/tickets', {
      token: tokens.pd_ljz_01!,
      body: ticket,
      headers: { ...queued, 'idempotency-key': 'field-q-2' },
    });
    expect((again.json() as { id: string }).id).toBe((first.json() as { id: string }).id);
  });

  it('a photo whose bytes do not match the SM3 from capture is refused; a matching one is stored', async () => {
    const up = (sm3: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${tokens.pd_ljz_01}`, 'content-type': 'image/png', 'x-content-sm3': sm3 },
        payload: PNG,
      });
    const count = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom('files')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const refused = await up(sm3Hex('another photo'));
    expect(refused.statusCode).toBe(422);
    expect(errorBody(refused)).toMatchObject({ code: 'FILE_HASH_MISMATCH', field: 'x-content-sm3' });
    expect(await count()).toBe(before);
    const stored = await up(sm3Hex(PNG));
    expect(stored.statusCode, stored.body).toBe(201);
  });
});
