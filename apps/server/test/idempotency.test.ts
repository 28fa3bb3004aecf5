import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { jpeg } from './cases-support.ts';

let ctx: TestContext;
let token: string;
beforeAll(async () => {
  ctx = await createTestContext();
  token = await ctx.login('pd_admin');
});
afterAll(async () => ctx?.close());

const body = (employeeNo: string) => ({ orgId: ctx.seed.ids.orgs.get('pd-zj'), name: '赵敏', employeeNo, roles: ['field_officer'] });
const countOf = async (employeeNo: string) =>
  (await ctx.deps.db.selectFrom('officers').select('id').where('employee_no', '=', employeeNo).execute()).length;

describe('Idempotency-Key', () => {
  it('returns the first answer to a retry and writes nothing twice', async () => {
    const headers = { 'idempotency-key': 'k-retry-1' };
    const auditsOf = (id: string) =>
      ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('seq').execute();
    const first = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7001'), headers });
    expect(first.statusCode).toBe(201);
    // What one creation writes to the audit log (the officer, the roles granted): each action once.
    const written = (await auditsOf(first.json().id)).map((a) => a.action);
    expect(written).toContain('officer.create');
    expect(new Set(written).size).toBe(written.length);
    const second = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7001'), headers });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect(await countOf('PD-7001')).toBe(1);
    expect((await auditsOf(first.json().id)).map((a) => a.action)).toEqual(written);
  });

  it('lets copies arriving together write once: the later ones wait for the first and replay its answer', async () => {
    const headers = { 'idempotency-key': 'k-race-1' };
    const results = await Promise.all([1, 2, 3].map(() => ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7002'), headers })));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await countOf('PD-7002')).toBe(1);
  });

  it("keeps the answer in the write's own transaction: the stored answer is the one sent", async () => {
    const headers = { 'idempotency-key': 'k-same-trx-1' };
    const first = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7007'), headers });
    expect(first.statusCode).toBe(201);
    const row = await ctx.deps.db
      .selectFrom('idempotency_keys')
      .select(['state', 'status_code', 'response'])
      .where('key', '=', 'k-same-trx-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', status_code: 201, response: { json: first.json() } });
  });

  it('keeps nothing of a refused write: the audit log and the key are rolled back with it', async () => {
    const headers = { 'idempotency-key': 'k-refused-1' };
    const auditBefore = await ctx.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const dup = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7001'), headers });
    expect(dup.statusCode).toBe(409);
    const auditAfter = await ctx.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    expect(
      await ctx.deps.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'k-refused-1').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses the same key with a different request', async () => {
    const headers = { 'idempotency-key': 'k-reuse-1' };
    expect((await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7003'), headers })).statusCode).toBe(201);
    const other = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7004'), headers });
    expect(other.statusCode).toBe(422);
    expect(errorBody(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countOf('PD-7004')).toBe(0);
  });

  it('lets a corrected request reuse the key after a refusal', async () => {
    const headers = { 'idempotency-key': 'k-fix-1' };
    const bad = await ctx.api('POST', '/api/v1/officers', { token, body: { ...body('PD-7005'), phone: '1' }, headers });
    expect(bad.statusCode).toBe(400);
    const good = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7005'), headers });
    expect(good.statusCode).toBe(201);
  });

  it("keys are per user: another user with the same key is not answered with the first user's result", async () => {
    const qp = await ctx.login('qp_admin');
    const headers = { 'idempotency-key': 'k-retry-1' };
    const r = await ctx.api('POST', '/api/v1/officers', {
      token: qp,
      body: { ...body('QP-7001'), orgId: ctx.seed.ids.orgs.get('qp-zjj') },
      headers,
    });
    expect(r.statusCode).toBe(201);
    expect(r.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays a retried file upload (raw bytes) and refuses the key for different bytes', async () => {
    const officer = await ctx.login('pd_ljz_01');
    const upload = (bytes: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        headers: { authorization: `Bearer ${officer}`, 'content-type': 'image/jpeg', 'idempotency-key': 'k-file-1' },
        payload: jpeg(bytes),
      });
    const first = await upload('photo bytes A');
    const retry = await upload('photo bytes A');
    expect(first.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await upload('photo bytes B')).statusCode).toBe(422);
  });

  it('bad input: names the header when the key is malformed', async () => {
    const r = await ctx.api('POST', '/api/v1/officers', { token, body: body('PD-7006'), headers: { 'idempotency-key': 'x'.repeat(201) } });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('Idempotency-Key');
  });
});
