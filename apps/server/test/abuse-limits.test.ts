// Abuse limits through the API, on whichever engine runs the suite (PGlite, or PostgreSQL with DATABASE_URL):
// failures counted by the database under parallel guessing, one answer for unknown / wrong / locked, the limits per
// client address, account name and phone (429 + Retry-After), the administrator's unlock, and floods of anonymous
// requests that leave a counter instead of one audit row each. Client addresses are given by X-Forwarded-For, which
// TRUST_PROXY=loopback (set here, as behind a reverse proxy on the same machine) accepts from app.inject's 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { PageOf, ThrottleCounter } from '@chengguan/contracts';
import { DEFAULT_THROTTLE_LIMITS } from '@chengguan/domain';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { caseKit, decidedCase, ID_CARD, type CaseKit } from './cases-support.ts';
import { createTestContext, errorBody, type TestContext } from './harness.ts';
import { latestCode } from './portal-support.ts';
import { accountKey } from '../src/modules/throttle/index.ts';

const BAD_ID = ID_CARD.slice(0, 17) + (ID_CARD.endsWith('0') ? '1' : '0');
const MINUTE = 60_000;

const loginFrom = (ctx: TestContext, ip: string, username: string, password: string) =>
  ctx.api('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
const answer = (r: LightMyRequestResponse) => ({ status: r.statusCode, ...errorBody(r), correlationId: undefined });
const auditCount = async (ctx: TestContext, action?: string) => {
  let q = ctx.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (action) q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const officerRow = (ctx: TestContext, username: string) =>
  ctx.deps.db
    .selectFrom('officers')
    .select(['id', 'failed_attempts', 'locked_until', 'phone'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

describe('failed logins counted by the database (limits raised out of the way)', () => {
  let ctx: TestContext;
  const open = { limit: 100_000, windowMinutes: 15 };
  beforeAll(async () => {
    ctx = await createTestContext({
      env: { TRUST_PROXY: 'loopback' },
      config: { throttle: { ...DEFAULT_THROTTLE_LIMITS, login_address: open, login_account: open } },
    });
  }, 300_000);
  afterAll(async () => ctx?.close());

  it('60 parallel wrong guesses are each counted once, the fifth locks the account, and the right password is then refused', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => loginFrom(ctx, `10.1.0.${i + 1}`, 'qp_zjj_02', `wrong-guess-${i}`)),
    );
    expect(guesses.map((r) => r.statusCode)).toEqual(Array(60).fill(401));
    const row = await officerRow(ctx, 'qp_zjj_02');
    // Every failure that saw the account unlocked got its own number: 1, 2, … with none lost or repeated.
    const counted = await ctx.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'auth.login_failed').execute();
    const numbers = counted.map((a) => (a.data as { failedAttempts: number }).failedAttempts).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(row.failed_attempts).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThanOrEqual(5);
    expect(numbers.length + (await auditCount(ctx, 'auth.login_refused_locked'))).toBe(60);
    expect(new Date(row.locked_until!).getTime()).toBe(ctx.clock.now().getTime() + 15 * MINUTE);

    const right = await loginFrom(ctx, '10.2.0.1', 'qp_zjj_02', DEMO_PASSWORD);
    const unknown = await loginFrom(ctx, '10.2.0.2', 'nobody_at_all', 'wrong-guess-x');
    expect(answer(right)).toEqual(answer(unknown));
    expect(answer(right)).toMatchObject({ status: 401, code: 'AUTH_INVALID_CREDENTIALS' });

    // The officer — not the guesser — hears of the lock, once, on the phone on record.
    const notices = await ctx.deps.db.selectFrom('messages').select(['to_address', 'text']).where('purpose', '=', 'notice').execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to_address: row.phone });
    expect(notices[0]!.text).toContain('已被临时锁定');
  }, 300_000);

  it('an administrator unlocks the account on the officer page: lock and daily limit cleared, audited with the state before', async () => {
    await loginFrom(ctx, '10.4.0.1', 'qp_zjj_03', 'wrong-guess');
    for (let i = 0; i < 5; i++) await loginFrom(ctx, '10.4.0.1', 'qp_zjj_01', `wrong-guess-${i}`);
    const qpAdmin = await ctx.login('qp_admin');
    const id = (await officerRow(ctx, 'qp_zjj_01')).id;
    expect((await ctx.api('GET', `/api/v1/officers/${id}`, { token: qpAdmin })).json().locked).toBe(true);
    const r = await ctx.api('POST', `/api/v1/officers/${id}/unlock`, { token: qpAdmin });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ locked: false, lockedUntil: null });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'data'])
      .where('action', '=', 'officer.unlock')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe((await officerRow(ctx, 'qp_admin')).id);
    expect(audit.data).toMatchObject({
      before: { locked: true, failedAttempts: 5 },
      after: { locked: false, failedAttempts: 0 },
      accountLimitCleared: true,
    });
    const windows = (await ctx.deps.db.selectFrom('throttle_counters').select('subject').where('rule', '=', 'login_account').execute()).map(
      (w) => w.subject,
    );
    expect(windows).not.toContain(accountKey('qp_zjj_01').subject);
    expect(windows).toContain(accountKey('qp_zjj_03').subject);
    expect((await loginFrom(ctx, '10.4.0.2', 'qp_zjj_01', DEMO_PASSWORD)).statusCode).toBe(200);
    // Outside his bureau the officer does not exist for him.
    expect((await ctx.api('POST', `/api/v1/officers/${id}/unlock`, { token: await ctx.login('pd_admin') })).statusCode).toBe(404);
  });

  it('answers an unknown name, a wrong password and a locked account alike, and a lock runs out after 15 minutes', async () => {
    const wrong = await loginFrom(ctx, '10.3.0.1', 'qp_zjj_01', 'wrong-guess-1');
    const unknown = await loginFrom(ctx, '10.3.0.1', 'qp_zjj_99', 'wrong-guess-1');
    const locked = await loginFrom(ctx, '10.3.0.1', 'qp_zjj_02', 'wrong-guess-1');
    expect(answer(wrong)).toEqual(answer(unknown));
    expect(answer(locked)).toEqual(answer(unknown));
    ctx.clock.advance(15 * MINUTE);
    expect((await loginFrom(ctx, '10.3.0.1', 'qp_zjj_02', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await officerRow(ctx, 'qp_zjj_02')).failed_attempts).toBe(0);
  });
});

describe('limits per client address, account name and phone', () => {
  let ctx: TestContext;
  let kit: CaseKit;
  let decided: { id: string; number: string };
  let adminToken: string;
  // Small login limits keep the argon2 work of this file down; the portal and anonymous limits are the defaults.
  const LOGIN_ADDRESS = 6;
  const LOGIN_ACCOUNT = 4;
  beforeAll(async () => {
    ctx = await createTestContext({
      env: { TRUST_PROXY: 'loopback' },
      config: {
        throttle: {
          ...DEFAULT_THROTTLE_LIMITS,
          login_address: { limit: LOGIN_ADDRESS, windowMinutes: 15 },
          login_account: { limit: LOGIN_ACCOUNT, windowMinutes: 24 * 60 },
        },
      },
    });
    kit = await caseKit(ctx);
    adminToken = kit.tokens.admin!;
    const d = await decidedCase(kit, 1_000);
    decided = { id: d.id, number: d.documents.find((x) => x.docType === 'decision')!.number };
  }, 300_000);
  afterAll(async () => ctx?.close());

  it('refuses the failed login past the limit of a window from one address with 429 and Retry-After; successes do not count; other addresses go on', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < LOGIN_ADDRESS - 1; i++) expect((await loginFrom(ctx, ip, `nobody_${i}`, 'wrong-guess')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await loginFrom(ctx, ip, 'pd_ljz_01', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await loginFrom(ctx, ip, 'nobody_x', 'wrong-guess')).statusCode).toBe(401);
    const refused = await loginFrom(ctx, ip, 'pd_ljz_01', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(errorBody(refused).message).toMatch(/本地址登录失败次数过多，请 \d+ 分钟后再试/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await loginFrom(ctx, '203.0.113.8', 'pd_ljz_01', DEMO_PASSWORD)).statusCode).toBe(200);
    ctx.clock.advance(retryAfter * 1000);
    expect((await loginFrom(ctx, ip, 'pd_ljz_01', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('parallel successful logins from one address (fewer than its limit) all succeed: taking back a counted success never goes below zero', async () => {
    const ip = '203.0.113.9';
    const answers = await Promise.all(Array.from({ length: 3 }, () => loginFrom(ctx, ip, 'pd_ljz_01', DEMO_PASSWORD)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(3).fill(200));
    const rows = await ctx.deps.db.selectFrom('throttle_counters').select('hits').where('subject', 'like', '%203.0.113.9%').execute();
    expect(rows.every((r) => r.hits >= 0 && r.hits <= 1)).toBe(true);
  });

  it('limits failed logins per account name the same for a known and an unknown name, so the 429 tells nothing', async () => {
    const run = async (username: string, net: number) => {
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_ACCOUNT; i++)
        statuses.push((await loginFrom(ctx, `198.18.${net}.${i + 1}`, username, `wrong-${i}`)).statusCode);
      return statuses;
    };
    const known = await run('qp_zjj_01', 1);
    const unknown = await run('qp_zjj_77', 2);
    expect(known).toEqual([...Array(LOGIN_ACCOUNT).fill(401), 429]);
    expect(unknown).toEqual(known);
    // The right password is refused too, until the window ends or an administrator unlocks the account.
    expect((await loginFrom(ctx, '198.18.3.1', 'qp_zjj_01', DEMO_PASSWORD)).statusCode).toBe(429);
  });

  it('limits portal codes per address (429) and per phone (same answer, no SMS), so neither reveals the number', async () => {
    const codeFrom = (ip: string, documentNumber: string) =>
      ctx.api('POST', '/api/portal/code', { body: { documentNumber }, headers: { 'x-forwarded-for': ip } });
    const sent = async () =>
      Number(
        (
          await ctx.deps.db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', decided.id)
            .where('purpose', '=', 'otp')
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Fixed windows: start at the top of an hour so the six requests fall in one window of the phone's limit.
    ctx.clock.set(new Date(Math.ceil(ctx.clock.now().getTime() / (60 * MINUTE)) * 60 * MINUTE));
    const answers: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await codeFrom(`192.0.2.${i + 1}`, decided.number);
      expect(r.statusCode, r.body).toBe(200);
      answers.push(r.json());
      ctx.clock.advance(MINUTE + 1000);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await sent()).toBe(5);
    const outcomes = await ctx.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'portal.code_request').execute();
    expect(outcomes.map((o) => (o.data as { outcome: string }).outcome).filter((o) => o === 'phone_limit')).toHaveLength(1);

    const ip = '192.0.2.100';
    for (let i = 0; i < 20; i++) expect((await codeFrom(ip, `浦东城管罚字〔2026〕第${900 + i}号`)).statusCode).toBe(200);
    const refused = await codeFrom(ip, '浦东城管罚字〔2026〕第999号');
    expect(refused.statusCode).toBe(429);
    expect(errorBody(refused).message).toContain('本地址获取验证码次数过多');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('1,000 refused anonymous attempts from one address write a handful of audit rows (and 200 forged callbacks, 200 failed QR confirmations), the counter holds the count', async () => {
    const confirmation = await ctx.api('POST', '/api/v1/party-confirmations', { token: kit.tokens.pd_ljz_01!, body: {} });
    const token = (confirmation.json() as { token: string }).token;
    const code = await latestCode(ctx, decided.id);
    const floods: Record<string, (i: number) => { url: string; body: unknown }> = {
      portalLogin: (i) => ({
        url: '/api/portal/session',
        body: { documentNumber: decided.number, code: String(i).padStart(6, '0') === code ? '999999' : String(i).padStart(6, '0') },
      }),
      partyConfirmation: () => ({
        url: `/api/public/party-confirmations/${token}`,
        body: { partyType: 'natural_person', name: '钱七', idType: 'id_card', idNumber: BAD_ID },
      }),
      forgedCallback: (i) => ({
        url: '/api/public/payments/sandbox/callback',
        body: { txnId: `t${i}`, outTradeNo: 'x', amountFen: 1, sign: 'forged' },
      }),
    };
    const sizes: Record<string, number> = { portalLogin: 1_000, partyConfirmation: 200, forgedCallback: 200 };
    const limit = DEFAULT_THROTTLE_LIMITS.public_address.limit;
    let octet = 10;
    for (const [name, make] of Object.entries(floods)) {
      const N = sizes[name]!;
      const ip = `100.64.0.${octet++}`;
      const before = await auditCount(ctx);
      let throttled = 0;
      for (let i = 0; i < N; i++) {
        const { url, body } = make(i);
        const r = await ctx.api('POST', url, { body, headers: { 'x-forwarded-for': ip } });
        expect(r.statusCode, `${name} #${i}: ${r.body}`).toBeGreaterThanOrEqual(400);
        if (r.statusCode === 429 && r.headers['retry-after']) throttled++;
      }
      const written = (await auditCount(ctx)) - before;
      // Each attempt within the limit is audited as before; past it only the first refusal is.
      expect(written, name).toBeLessThanOrEqual(limit + 1);
      expect(throttled, name).toBe(N - limit);
      const counter = await ctx.api('GET', `/api/v1/throttle-counters?rule=public_address&subject=${ip}`, { token: adminToken });
      expect((counter.json() as PageOf<ThrottleCounter>).items).toEqual([
        expect.objectContaining({ rule: 'public_address', subject: ip, hits: N, limit, refused: N - limit }),
      ]);
    }
    expect(await auditCount(ctx, 'throttle.engaged')).toBeGreaterThanOrEqual(3);
  });

  it('shows the counters to the city bureau only, filtered, paged and exported', async () => {
    const refused = await ctx.api('GET', '/api/v1/throttle-counters?refusedOnly=true&pageSize=2', { token: adminToken });
    const page = refused.json() as PageOf<ThrottleCounter>;
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((c) => c.refused > 0)).toBe(true);
    const xlsx = await ctx.api('GET', '/api/v1/throttle-counters/export.xlsx?refusedOnly=true', { token: adminToken });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const district = await ctx.api('GET', '/api/v1/throttle-counters', { token: await ctx.login('pd_admin') });
    expect(district.statusCode).toBe(403);
    const bad = await ctx.api('GET', '/api/v1/throttle-counters?rule=everything', { token: adminToken });
    expect(errorBody(bad).field).toBe('rule');
  });

  it('counts a client that is not a trusted proxy by its own address, whatever X-Forwarded-For it sends', async () => {
    const from = (forwarded: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.9',
        headers: { 'x-forwarded-for': forwarded },
        payload: { username: `nobody_${forwarded.split('.')[3]}`, password: 'wrong-guess' },
      });
    for (let i = 0; i < LOGIN_ADDRESS; i++) expect((await from(`10.77.0.${i}`)).statusCode).toBe(401);
    expect((await from('10.77.1.99')).statusCode).toBe(429);
    const subjects = await ctx.deps.db.selectFrom('throttle_counters').select('subject').where('rule', '=', 'login_address').execute();
    expect(subjects.map((s) => s.subject)).toContain('198.51.100.9');
    expect(subjects.some((s) => s.subject.startsWith('10.77.'))).toBe(false);
  });
});
