import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { createTestContext, errorBody, type TestContext } from './harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('login and sessions', () => {
  it('logs in with the demo password, sets the session cookie and answers /me', async () => {
    const r = await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_ljz_leader', password: 'Chengguan#2026' } });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/cg_session=.+HttpOnly/i);
    const body = r.json();
    expect(body.user.roles).toEqual(['squad_leader']);
    expect(body.user.orgName).toBe('陆家嘴街道中队');
    const me = await ctx.api('GET', '/api/v1/me', { headers: { cookie: `cg_session=${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('pd_ljz_leader');
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const a = await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_ljz_01', password: 'wrong-password' } });
    const b = await ctx.api('POST', '/api/auth/login', { body: { username: 'nobody_here', password: 'wrong-password' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(errorBody(a).code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(errorBody(a).message).toBe(errorBody(b).message);
  });

  it('locks the account after 5 failures, refuses the right password while locked with the same 401, and an admin unlocks it', async () => {
    const unknown = await ctx.api('POST', '/api/auth/login', { body: { username: 'nobody_here', password: 'bad-0' } });
    for (let i = 0; i < 5; i++) {
      const r = await ctx.api('POST', '/api/auth/login', { body: { username: 'qp_zjj_02', password: `bad-${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const right = await ctx.api('POST', '/api/auth/login', { body: { username: 'qp_zjj_02', password: 'Chengguan#2026' } });
    expect(right.statusCode).toBe(401);
    expect({ ...errorBody(right), correlationId: undefined }).toEqual({ ...errorBody(unknown), correlationId: undefined });

    const admin = await ctx.login('qp_admin');
    const list = await ctx.api('GET', '/api/v1/officers?q=qp_zjj_02', { token: admin });
    const officer = list.json().items[0];
    expect(officer.locked).toBe(true);
    expect(officer.lockedUntil).toBe(new Date(ctx.clock.now().getTime() + 15 * 60_000).toISOString());
    const unlock = await ctx.api('POST', `/api/v1/officers/${officer.id}/unlock`, { token: admin });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ locked: false, lockedUntil: null });
    expect(await ctx.login('qp_zjj_02')).toBeTruthy();
  });

  it('ends a session after the idle limit and after logout', async () => {
    const token = await ctx.login('pd_ljz_01');
    expect((await ctx.api('GET', '/api/v1/me', { token })).statusCode).toBe(200);
    ctx.clock.advance((ctx.config.sessionIdleMinutes + 1) * 60_000);
    const expired = await ctx.api('GET', '/api/v1/me', { token });
    expect(expired.statusCode).toBe(401);
    expect(errorBody(expired).code).toBe('AUTH_SESSION_EXPIRED');

    const t2 = await ctx.login('pd_ljz_01');
    expect((await ctx.api('POST', '/api/auth/logout', { token: t2 })).statusCode).toBe(204);
    expect((await ctx.api('GET', '/api/v1/me', { token: t2 })).statusCode).toBe(401);
  });

  it('answers 401 with no token at all', async () => {
    const r = await ctx.api('GET', '/api/v1/officers');
    expect(r.statusCode).toBe(401);
    expect(errorBody(r).code).toBe('AUTH_REQUIRED');
  });
});

describe('password policy and TOTP', () => {
  it('refuses a weak new password at the field and accepts a strong one', async () => {
    const token = await ctx.login('pd_legal');
    const weak = await ctx.api('POST', '/api/v1/me/password', { token, body: { currentPassword: 'Chengguan#2026', newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(errorBody(weak).code).toBe('PASSWORD_POLICY');
    expect(errorBody(weak).field).toBe('newPassword');
    const wrongCurrent = await ctx.api('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: 'nope', newPassword: 'Str0ng&Longer!' },
    });
    expect(errorBody(wrongCurrent).field).toBe('currentPassword');
    const ok = await ctx.api('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: 'Chengguan#2026', newPassword: 'Str0ng&Longer!' },
    });
    expect(ok.statusCode).toBe(204);
    expect(await ctx.login('pd_legal', 'Str0ng&Longer!')).toBeTruthy();
  });

  it('enables a second factor and then requires the code at login', async () => {
    const token = await ctx.login('pd_super');
    const setup = await ctx.api('POST', '/api/v1/me/totp/setup', { token });
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');
    const codeAt = () => authenticator.clone({ epoch: ctx.clock.now().getTime() }).generate(secret);
    const bad = await ctx.api('POST', '/api/v1/me/totp/enable', { token, body: { code: '000000' === codeAt() ? '111111' : '000000' } });
    expect(errorBody(bad).code).toBe('AUTH_TOTP_INVALID');
    expect((await ctx.api('POST', '/api/v1/me/totp/enable', { token, body: { code: codeAt() } })).statusCode).toBe(204);

    const noCode = await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_super', password: 'Chengguan#2026' } });
    expect(errorBody(noCode).code).toBe('AUTH_TOTP_REQUIRED');
    const withCode = await ctx.api('POST', '/api/auth/login', {
      body: { username: 'pd_super', password: 'Chengguan#2026', totp: codeAt() },
    });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().user.totpEnabled).toBe(true);
  });
});

describe('bad input: auth routes', () => {
  it('names the missing field', async () => {
    const r = await ctx.api('POST', '/api/auth/login', { body: { username: 'admin' } });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('password');
    expect(errorBody(r).messageEn).toContain('password');
  });
  it('answers malformed JSON with a 400 naming the body, never a 500', async () => {
    const r = await ctx.api('POST', '/api/auth/login', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(errorBody(r).field).toBe('body');
  });
});
