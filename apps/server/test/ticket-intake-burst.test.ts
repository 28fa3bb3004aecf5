// A burst of intake requests is taken in together (a batch per transaction: use-cases/intake.ts createTickets under
// http/write-together.ts), and each request is answered exactly as if it had come alone: its own refusal, its own
// ticket, the same sender's number one ticket, the same Idempotency-Key one write, an audit row and a duty-log line
// per ticket, the audit chain whole. And `writeTogether` itself: a batch that fails as a whole is run again request
// by request, so one request's fault costs the others nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '@chengguan/contracts';
import { AppError } from '../src/errors/app-error.ts';
import { afterUnitOfWork } from '../src/db/unit-of-work.ts';
import { writeTogether, type WrittenItem } from '../src/http/write-together.ts';
import { verifyAuditChain } from '../src/modules/audit/index.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
const tokens: Record<string, string> = {};
const LJZ = { lon: 121.51, lat: 31.235, crs: 'wgs84' as const };
const QINGPU = { lon: 121.05, lat: 31.11, crs: 'wgs84' as const };

const hotline = (externalNo: string, extra: Record<string, unknown> = {}) => ({
  channel: 'hotline_12345',
  externalNo,
  categoryCode: 'SR04',
  content: '小区楼下饭店油烟直排，影响居民生活',
  address: `上海市浦东新区陆家嘴环路${externalNo.slice(-3)}号`,
  point: LJZ,
  reporterPhone: '13800002222',
  ...extra,
});
const post = (user: string, body: unknown, key?: string) =>
  ctx.api('POST', '/api/v1/tickets', { token: tokens[user]!, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T02:00:00.000Z');
  for (const u of ['pd_command', 'qp_command', 'pd_ljz_01']) tokens[u] = await ctx.login(u);
}, 240_000);
afterAll(async () => {
  await ctx?.close();
});

describe('a burst of intake requests', () => {
  it('answers each request as if it came alone, whichever requests are written together', async () => {
    const auditBefore = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(ctx.deps.db)).rows[0]!.n);
    const sent = await Promise.all([
      ...[1, 2, 3, 4, 5, 6].map((i) => post('pd_command', hotline(`BURST-00${i}`), `burst-key-${i}`)),
      post('pd_command', hotline('BURST-101', { categoryCode: 'ZZ99' }), 'burst-key-bad-category'),
      post('pd_command', hotline('BURST-102', { point: QINGPU }), 'burst-key-outside'),
      // The same sender's number twice under different keys: one ticket.
      post('pd_command', hotline('BURST-201'), 'burst-key-201a'),
      post('pd_command', hotline('BURST-201'), 'burst-key-201b'),
      // The same request twice under one key: one write, the other replayed.
      post('pd_command', hotline('BURST-301'), 'burst-key-301'),
      post('pd_command', hotline('BURST-301'), 'burst-key-301'),
      // Another district's command centre and an officer's own discovery, in the same moment.
      post('qp_command', hotline('BURST-401', { point: QINGPU, address: '上海市青浦区城中东路1号' }), 'burst-key-401'),
      post('pd_ljz_01', { channel: 'officer', categoryCode: 'SR04', content: '巡查发现占道经营', address: '陆家嘴环路9号', point: LJZ }),
    ]);
    const [good, badCategory, outside, sameNo, sameKey, qingpu, own] = [
      sent.slice(0, 6),
      sent[6]!,
      sent[7]!,
      sent.slice(8, 10),
      sent.slice(10, 12),
      sent[12]!,
      sent[13]!,
    ];
    for (const r of good) expect(r.statusCode, r.body).toBe(201);
    const goodTickets = good.map((r) => r.json() as TicketDetail);
    expect(new Set(goodTickets.map((t) => t.id)).size).toBe(6);
    for (const t of goodTickets) {
      expect(t.orgId).toBe(ctx.seed.ids.orgs.get('pd-ljz'));
      expect(t.timeline.map((e) => e.action)).toEqual(['intake']);
      expect(t.handlingDueOn).toBe('2026-03-09');
    }

    expect(badCategory.statusCode).toBe(400);
    expect(errorBody(badCategory)).toMatchObject({ field: 'categoryCode' });
    expect(outside.statusCode).toBe(422);
    expect(errorBody(outside)).toMatchObject({ code: 'POINT_OUTSIDE_BUREAU', field: 'point' });

    expect(sameNo.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(sameNo.map((r) => (r.json() as TicketDetail).id)).size).toBe(1);

    expect(sameKey.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(sameKey.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(sameKey[0]!.json()).toEqual(sameKey[1]!.json());

    expect(qingpu.statusCode, qingpu.body).toBe(201);
    expect((qingpu.json() as TicketDetail).bureauId).toBe(ctx.seed.ids.orgs.get('qp'));
    expect(own.statusCode, own.body).toBe(201);
    expect((own.json() as TicketDetail).state).toBe('dispatched');

    // What was written: one ticket per sender's number, none for the refused.
    const numbers = await ctx.deps.db
      .selectFrom('tickets')
      .select(['id', 'external_no'])
      .where('external_no', 'like', 'BURST-%')
      .orderBy('external_no')
      .execute();
    expect(numbers.map((t) => t.external_no)).toEqual([
      'BURST-001',
      'BURST-002',
      'BURST-003',
      'BURST-004',
      'BURST-005',
      'BURST-006',
      'BURST-201',
      'BURST-301',
      'BURST-401',
    ]);
    const created = [...numbers.map((t) => t.id), (own.json() as TicketDetail).id];
    // One audit row and one duty-log line per ticket; the chain whole.
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'ticket.create')
      .where('entity_id', 'in', created)
      .execute();
    expect(audits.map((a) => a.entity_id).sort()).toEqual([...created].sort());
    const auditAfter = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(ctx.deps.db)).rows[0]!.n);
    expect(auditAfter - auditBefore).toBe(created.length);
    const logged = await ctx.deps.db
      .selectFrom('duty_log_entries')
      .select('source_id')
      .where('source', '=', 'ticket')
      .where('source_id', 'in', created)
      .execute();
    expect(logged.map((l) => l.source_id).sort()).toEqual([...created].sort());
    expect((await verifyAuditChain({ db: ctx.deps.db })).ok).toBe(true);

    // The keys: kept with the answer sent for the written, not kept for the refused.
    const keys = await ctx.deps.db
      .selectFrom('idempotency_keys')
      .select(['key', 'state', 'status_code', 'response'])
      .where('key', 'like', 'burst-key-%')
      .execute();
    const byKey = new Map(keys.map((k) => [k.key, k]));
    expect(byKey.has('burst-key-bad-category')).toBe(false);
    expect(byKey.has('burst-key-outside')).toBe(false);
    expect(byKey.get('burst-key-1')).toMatchObject({ state: 'done', status_code: 201, response: { json: good[0]!.json() } });

    // The answer is the ticket's page.
    const page = await ctx.api('GET', `/api/v1/tickets/${goodTickets[0]!.id}`, { token: tokens.pd_command! });
    expect(page.json()).toMatchObject({
      id: goodTickets[0]!.id,
      number: goodTickets[0]!.number,
      orgId: goodTickets[0]!.orgId,
      handlingDueOn: goodTickets[0]!.handlingDueOn,
      timeline: goodTickets[0]!.timeline,
    });
  });

  it('repeats within a burst are flagged as they would be one after the other (two within 30 days)', async () => {
    const same = { address: '上海市浦东新区银城中路501号', reporterPhone: '13911112222' };
    const sent = await Promise.all(['BURST-R01', 'BURST-R02', 'BURST-R03', 'BURST-R04'].map((n) => post('pd_command', hotline(n, same))));
    for (const r of sent) expect(r.statusCode, r.body).toBe(201);
    // The first at that address and from that reporter is not a repeat; each later one is, whichever went together.
    expect(sent.map((r) => (r.json() as TicketDetail).repeated).sort()).toEqual([false, true, true, true]);
  });

  it('a retry after the burst replays the stored answer; another request under a used key is refused', async () => {
    const again = await post('pd_command', hotline('BURST-001'), 'burst-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await post('pd_command', hotline('BURST-999'), 'burst-key-1');
    expect(other.statusCode).toBe(422);
    expect(errorBody(other)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('writeTogether', () => {
  beforeAll(async () => {
    await sql`CREATE TABLE together_probe (name text PRIMARY KEY)`.execute(ctx.deps.db);
  });
  const claim = (key: string) => ({ scope: 'test:together', key, method: 'POST', path: '/probe', requestHash: `hash-${key}` });
  /** Writes each name; "boom" fails the statement (and so the transaction), "refuse" is refused on its own. */
  const write = async (names: readonly string[]): Promise<WrittenItem[]> => {
    const out: WrittenItem[] = [];
    for (const name of names) {
      if (name === 'refuse') {
        out.push({ ok: false, error: new AppError('VALIDATION_FAILED', { field: 'name', message: '拒绝', messageEn: 'refused' }) });
        continue;
      }
      if (name === 'boom') await sql`SELECT 1 / 0`.execute(ctx.deps.db);
      await sql`INSERT INTO together_probe (name) VALUES (${name})`.execute(ctx.deps.db);
      out.push({ ok: true, status: 201, text: JSON.stringify({ name }) });
    }
    return out;
  };
  const names = async () =>
    (await sql<{ name: string }>`SELECT name FROM together_probe ORDER BY name`.execute(ctx.deps.db)).rows.map((r) => r.name);

  it('a batch that fails as a whole is run again request by request: the faulty one fails alone', async () => {
    const items = ['a', 'boom', 'refuse', 'c'].map((n) => ({ claim: claim(`k-${n}`), input: n }));
    const out = await writeTogether(ctx.deps, items, write);
    expect(out.map((o) => ('later' in o ? 'later' : o.ok ? 'ok' : 'error'))).toEqual(['ok', 'error', 'error', 'ok']);
    expect(String((out[1] as { error: unknown }).error)).toMatch(/division by zero/);
    expect((out[2] as { error: unknown }).error).toBeInstanceOf(AppError);
    expect(await names()).toEqual(['a', 'c']);
    const keys = await ctx.deps.db
      .selectFrom('idempotency_keys')
      .select(['key', 'state'])
      .where('scope', '=', 'test:together')
      .orderBy('key')
      .execute();
    expect(keys).toEqual([
      { key: 'k-a', state: 'done' },
      { key: 'k-c', state: 'done' },
    ]);
  });

  it('the same key twice in one batch: the second waits for the next batch, then replays the first', async () => {
    const first = await writeTogether(
      ctx.deps,
      [
        { claim: claim('k-d'), input: 'd' },
        { claim: claim('k-d'), input: 'd' },
        { claim: null, input: 'e' },
      ],
      write,
    );
    expect(first.map((o) => ('later' in o ? 'later' : o.ok))).toEqual([true, 'later', true]);
    const next = await writeTogether(ctx.deps, [{ claim: claim('k-d'), input: 'd' }], write);
    expect(next[0]).toEqual({ ok: true, value: { replay: { status: 201, stored: { json: { name: 'd' } } } } });
    expect(await names()).toEqual(['a', 'c', 'd', 'e']);
  });

  it('a conflict key keeps two requests out of one batch', async () => {
    const out = await writeTogether(
      ctx.deps,
      [
        { claim: null, input: 'f1' },
        { claim: null, input: 'f2' },
      ],
      write,
      { conflictKeyOf: (n) => n.slice(0, 1) },
    );
    expect(out.map((o) => ('later' in o ? 'later' : o.ok))).toEqual([true, 'later']);
  });
});

describe('writeTogether and writes deferred to the unit’s end', () => {
  it('a batch run again request by request writes each deferred write once', async () => {
    await sql`CREATE TABLE together_deferred (name text)`.execute(ctx.deps.db);
    const write = async (names: readonly string[]): Promise<WrittenItem[]> => {
      for (const name of names) {
        if (name !== 'fails') continue;
        // What must be recorded whatever becomes of the request, then a fault that fails its transaction.
        await afterUnitOfWork(async () => {
          await sql`INSERT INTO together_deferred (name) VALUES (${name})`.execute(ctx.deps.db);
        });
        await sql`SELECT 1 / 0`.execute(ctx.deps.db);
      }
      return names.map((name) => ({ ok: true, status: 201, text: JSON.stringify({ name }) }));
    };
    const out = await writeTogether(
      ctx.deps,
      ['fine', 'fails'].map((input) => ({ claim: null, input })),
      write,
    );
    expect(out.map((o) => ('later' in o ? 'later' : o.ok))).toEqual([true, false]);
    const rows = await sql<{ name: string }>`SELECT name FROM together_deferred`.execute(ctx.deps.db);
    expect(rows.rows.map((r) => r.name)).toEqual(['fails']);
  });
});

describe('sessions read together', () => {
  it('officers asking at the same moment are each answered as themselves', async () => {
    const users = ['pd_command', 'qp_command', 'pd_ljz_01'];
    const answers = await Promise.all(
      [...users, ...users, ...users].map((u) => ctx.api('GET', '/api/v1/me', { token: tokens[u]! }).then((r) => [u, r.json()] as const)),
    );
    for (const [u, me] of answers) expect(me).toMatchObject({ username: u });
    const revoked = await ctx.login('pd_ljz_01');
    await ctx.api('POST', '/api/auth/logout', { token: revoked });
    const after = await Promise.all([
      ctx.api('GET', '/api/v1/me', { token: revoked }),
      ctx.api('GET', '/api/v1/me', { token: tokens.pd_ljz_01! }),
    ]);
    expect(after.map((r) => r.statusCode)).toEqual([401, 200]);
  });
});
