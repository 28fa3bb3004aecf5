import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { verifyAuditChain } from '../src/modules/audit/use-cases/verify-audit-chain.ts';
import { recordAudit } from '../src/modules/audit/index.ts';
import { auditRowHash, CURRENT_AUDIT_HASH_VERSION } from '@chengguan/domain';
import { sm3Hex } from '../src/shared/sm3.ts';

let ctx: TestContext;
let admin: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  // Some writes by two districts so the chain has content from several actors.
  const pd = await ctx.login('pd_admin');
  const qp = await ctx.login('qp_admin');
  await ctx.api('PATCH', `/api/v1/orgs/${ctx.seed.ids.orgs.get('pd-hm')}`, { token: pd, body: { shortName: '花木' } });
  await ctx.api('PATCH', `/api/v1/orgs/${ctx.seed.ids.orgs.get('qp-zjj')}`, { token: qp, body: { shortName: '朱家角' } });
});
afterAll(async () => ctx?.close());

/** Tampering needs the append-only trigger out of the way, as an attacker with database access would do. */
async function tamper(seq: number, data: unknown) {
  await ctx.deps.db.connection().execute(async (conn) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(conn);
    await sql`UPDATE audit_log SET data = ${JSON.stringify(data)}::jsonb WHERE seq = ${seq}`.execute(conn);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(conn);
  });
}

describe('audit chain (SM3)', () => {
  it('is intact after ordinary work and the verify endpoint says so', async () => {
    const r = await ctx.api('POST', '/api/v1/audit/verify', { token: admin });
    expect(r.statusCode).toBe(200);
    const result = r.json();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(5);
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE on the log', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`.execute(ctx.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE seq = 1`.execute(ctx.deps.db)).rejects.toThrow(/append-only/);
  });

  it('names the first tampered row after someone edits a row directly in the database', async () => {
    const rows = await ctx.deps.db.selectFrom('audit_log').select(['seq', 'data']).orderBy('seq').execute();
    const victim = rows[2]!;
    await tamper(victim.seq, { forged: true });
    const result = await verifyAuditChain({ db: ctx.deps.db, batchSize: 2 });
    expect(result.ok).toBe(false);
    expect(result.firstBrokenSeq).toBe(victim.seq);
    const viaApi = (await ctx.api('POST', '/api/v1/audit/verify', { token: admin })).json();
    expect(viaApi.firstBrokenSeq).toBe(victim.seq);
    await tamper(victim.seq, victim.data);
    expect((await verifyAuditChain({ db: ctx.deps.db })).ok).toBe(true);
  });

  it('continues from the real head when the head this process last appended was rolled back and replaced by another writer', async () => {
    const meta = { ip: null, correlationId: null };
    const event = (n: number) => ({ action: 'test.append', entityType: 'test', entityId: String(n), bureauId: null, data: { n } });
    const head = () =>
      ctx.deps.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await recordAudit(ctx.deps.db, ctx.deps, null, meta, event(1));
    const before = await head();
    // This process appends seq + 1, then its transaction rolls back.
    await expect(
      ctx.deps.db.transaction().execute(async (trx) => {
        await recordAudit(trx, ctx.deps, null, meta, event(2));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await head()).toEqual(before);
    // Another writer (another process) appends a different row at that seq.
    const seq = Number(before.seq) + 1;
    const row = {
      id: ctx.deps.newId(),
      at: new Date().toISOString(),
      actorId: null,
      bureauId: null,
      action: 'test.other',
      entityType: 'test',
      entityId: 'x',
      data: {},
      ip: null,
      correlationId: null,
    };
    const hash = auditRowHash(before.hash, { ...row, seq, hashVersion: CURRENT_AUDIT_HASH_VERSION }, sm3Hex);
    await sql`INSERT INTO audit_log (seq, id, at, bureau_id, action, entity_type, entity_id, data, hash_version, prev_hash, hash)
      VALUES (${seq}, ${row.id}, ${row.at}, null, ${row.action}, ${row.entityType}, ${row.entityId}, '{}'::jsonb, ${CURRENT_AUDIT_HASH_VERSION}, ${before.hash}, ${hash})`.execute(
      ctx.deps.db,
    );
    await recordAudit(ctx.deps.db, ctx.deps, null, meta, event(3));
    const last = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'entity_id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect({ seq: Number(last.seq), prev: last.prev_hash, entity: last.entity_id }).toEqual({ seq: seq + 1, prev: hash, entity: '3' });
    await recordAudit(ctx.deps.db, ctx.deps, null, meta, event(4));
    expect(Number((await head()).seq)).toBe(seq + 2);
    expect((await verifyAuditChain({ db: ctx.deps.db })).ok).toBe(true);
  });
});

describe('audit log browsing', () => {
  it('filters by action and shows each district only what its people did', async () => {
    const all = (await ctx.api('GET', '/api/v1/audit?action=org.update&pageSize=50', { token: admin })).json();
    expect(all.total).toBe(2);
    const pdLeader = await ctx.login('pd_leader');
    const pdView = (await ctx.api('GET', '/api/v1/audit?action=org.update', { token: pdLeader })).json();
    expect(pdView.total).toBe(1);
    expect(pdView.items[0].data.after.shortName).toBe('花木');
    expect(pdView.items[0].actorName).toBeTruthy();
  });

  it('is closed to a field officer', async () => {
    const token = await ctx.login('pd_ljz_01');
    expect((await ctx.api('GET', '/api/v1/audit', { token })).statusCode).toBe(403);
  });

  it('bad input: names the field of a malformed or reversed time range', async () => {
    const bad = await ctx.api('GET', '/api/v1/audit?from=yesterday', { token: admin });
    expect(bad.statusCode).toBe(400);
    expect(errorBody(bad).field).toBe('from');
    const reversed = await ctx.api('GET', '/api/v1/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', { token: admin });
    expect(errorBody(reversed).field).toBe('to');
  });

  it('exports to Excel', async () => {
    const r = await ctx.api('GET', '/api/v1/audit/export.xlsx', { token: admin });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
