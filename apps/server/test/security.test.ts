// Safe defaults at the HTTP edge: the client address that reaches the audit log, the security headers on every
// answer, Secure cookies on an https address, and the origin check on cookie-authenticated writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import cookie from '@fastify/cookie';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { setPortalCookie } from '../src/modules/portal/portal-session.ts';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';

const FORGED = '203.0.113.7';

let ctx: TestContext;
let webDist: string;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  // A stand-in for the built console: the headers do not depend on what the page holds.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-web-'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>城管</title><script type="module" src="/assets/a.js"></script>',
  );
  ctx = await createTestContext({ env: { WEB_DIST: webDist } });
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await ctx?.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

type Call = (method: string, url: string, o?: { body?: unknown; headers?: Record<string, string> }) => Promise<LightMyRequestResponse>;

/** The same database served by an app with other settings (as environment variables). */
async function appWith(env: Record<string, string>): Promise<Call> {
  const config = {
    ...loadConfig({ ...env, DATABASE_URL: '' }),
    databaseUrl: ctx.config.databaseUrl,
    dataDir: ctx.config.dataDir,
    webDist: null,
  };
  const app = await buildApp({ deps: { ...ctx.deps, config }, databaseKind: ctx.database.kind });
  apps.push(app);
  return (method, url, o = {}) =>
    app.inject({ method: method as 'GET', url, headers: o.headers ?? {}, ...(o.body !== undefined ? { payload: o.body as object } : {}) });
}

function loginFrom(call: Call, username: string, headers: Record<string, string>) {
  return call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, headers });
}

async function loginAuditIp(username: string): Promise<string | null> {
  const row = await ctx.deps.db
    .selectFrom('audit_log')
    .select(['ip', 'data'])
    .where('action', '=', 'auth.login')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  expect((row.data as { username: string }).username).toBe(username);
  return row.ip;
}

function setCookies(r: LightMyRequestResponse): string[] {
  return ([] as string[]).concat(r.headers['set-cookie'] ?? []);
}

describe('the client address in the audit log', () => {
  it("by default is the connection's: a client's X-Forwarded-For does not reach the login's audit row", async () => {
    const r = await loginFrom(ctx.api, 'pd_ljz_01', { 'x-forwarded-for': FORGED });
    expect(r.statusCode, r.body).toBe(200);
    expect(await loginAuditIp('pd_ljz_01')).toBe('127.0.0.1');
  });

  it('is the forwarded one when the request comes through a trusted proxy (TRUST_PROXY names it, or true)', async () => {
    for (const trust of ['127.0.0.0/8,10.0.0.2', 'loopback', 'true']) {
      const r = await loginFrom(await appWith({ TRUST_PROXY: trust }), 'pd_ljz_01', { 'x-forwarded-for': FORGED });
      expect(r.statusCode, r.body).toBe(200);
      expect(await loginAuditIp('pd_ljz_01'), trust).toBe(FORGED);
    }
  });

  it('stays the connection’s when the request does not come from a proxy named in TRUST_PROXY', async () => {
    const r = await loginFrom(await appWith({ TRUST_PROXY: '10.0.0.2' }), 'pd_ljz_01', { 'x-forwarded-for': FORGED });
    expect(r.statusCode, r.body).toBe(200);
    expect(await loginAuditIp('pd_ljz_01')).toBe('127.0.0.1');
  });
});

describe('security headers', () => {
  let https: Call;
  beforeAll(async () => {
    https = await appWith({ PUBLIC_BASE_URL: 'https://zf.example.gov.cn' });
  });

  function directives(r: LightMyRequestResponse): Map<string, string> {
    const csp = String(r.headers['content-security-policy'] ?? '');
    return new Map(
      csp
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)] as [string, string]),
    );
  }

  it('every answer — JSON, an error, the console page — carries the CSP, nosniff, DENY and a strict Referrer-Policy', async () => {
    const answers = [
      await ctx.api('GET', '/api/health'),
      await ctx.api('GET', '/api/v1/me'),
      await ctx.api('GET', '/api/v1/nothing-here'),
      await ctx.api('POST', '/api/auth/login', { body: { username: 'x' } }),
      await ctx.api('GET', '/cases'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 400, 200]);
    for (const r of answers) {
      const d = directives(r);
      expect(d.get('default-src')).toBe("'self'");
      expect(d.get('script-src')).toBe("'self'");
      expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(d.get('object-src')).toBe("'none'");
      expect(d.get('frame-ancestors')).toBe("'none'");
      expect(d.has('upgrade-insecure-requests')).toBe(false);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the portal and the pages whose address carries a code send no Referer anywhere', async () => {
    for (const url of ['/portal', '/verify/0190c0de-0000-7000-8000-000000000001?c=ABCD1234', '/confirm/some-token', '/sandbox-pay/x']) {
      const r = await ctx.api('GET', url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(directives(r).get('script-src')).toBe("'self'");
    }
    expect((await ctx.api('GET', '/portals')).headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('the Swagger UI is served under the same policy', async () => {
    const r = await ctx.api('GET', '/api/docs/');
    expect(r.statusCode).toBe(200);
    expect(directives(r).get('script-src')).toBe("'self'");
    // Only scripts from files: the page itself holds none inline.
    expect(r.body).not.toMatch(/<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('with an https public address: HSTS, upgrade-insecure-requests, and Secure session and portal cookies', async () => {
    const r = await https('GET', '/api/health');
    expect(r.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(directives(r).has('upgrade-insecure-requests')).toBe(true);

    const login = await https('POST', '/api/auth/login', { body: { username: 'pd_ljz_01', password: DEMO_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const session = setCookies(login).find((c) => c.startsWith('cg_session='));
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Strict/);
    const plain = setCookies(await ctx.api('POST', '/api/auth/login', { body: { username: 'pd_ljz_01', password: DEMO_PASSWORD } }));
    expect(plain.find((c) => c.startsWith('cg_session='))).not.toMatch(/Secure/);

    // The portal's cookie is set by the same setting (its login needs a served document; the cookie is the point here).
    for (const [publicBaseUrl, secure] of [
      ['https://zf.example.gov.cn', true],
      ['http://localhost:3000', false],
    ] as const) {
      const portal = Fastify();
      await portal.register(cookie);
      const deps = { ...ctx.deps, config: loadConfig({ PUBLIC_BASE_URL: publicBaseUrl, DATABASE_URL: '' }) };
      portal.get('/', async (_request, reply) => {
        setPortalCookie(reply, deps, 'token', new Date('2026-03-02T06:00:00Z'));
        return 'ok';
      });
      const set = setCookies(await portal.inject({ method: 'GET', url: '/' })).find((c) => c.startsWith('cg_portal='));
      await portal.close();
      expect(set).toMatch(/; HttpOnly/);
      expect(set).toMatch(/; SameSite=Strict/);
      expect(/; Secure/.test(set ?? ''), publicBaseUrl).toBe(secure);
    }
  });
});

describe('origin check on writes authenticated by a cookie', () => {
  let call: Call;
  let token: string;
  beforeAll(async () => {
    call = await appWith({ PUBLIC_BASE_URL: 'https://zf.example.gov.cn' });
    token = await ctx.login('admin');
  });

  const verifyWith = (headers: Record<string, string>) => call('POST', '/api/v1/audit/verify', { headers });

  it('refuses another site, a null origin, and a write that names no origin at all, with 403 CROSS_SITE_REQUEST', async () => {
    const cookie = `cg_session=${token}`;
    const cases: Record<string, string>[] = [
      { cookie, origin: 'https://evil.example.com' },
      { cookie, origin: 'null' },
      { cookie, origin: 'http://zf.example.gov.cn' }, // the public host over another scheme is another origin
      { cookie, referer: 'https://evil.example.com/page?x=1' },
      { cookie },
    ];
    for (const headers of cases) {
      const r = await verifyWith(headers);
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
      expect(errorBody(r).code).toBe('CROSS_SITE_REQUEST');
      expect(r.headers['content-security-policy']).toBeTruthy();
    }
  });

  it("accepts the platform's own pages: the public address, the address the request was sent to, a same-origin Referer", async () => {
    const cookie = `cg_session=${token}`;
    const cases: Record<string, string>[] = [
      { cookie, origin: 'https://zf.example.gov.cn' },
      { cookie, origin: OWN_ORIGIN },
      { cookie, referer: 'https://zf.example.gov.cn/audit' },
      { cookie, origin: 'http://10.0.0.5:3000', host: '10.0.0.5:3000' },
    ];
    for (const headers of cases) {
      const r = await verifyWith(headers);
      expect(r.statusCode, `${JSON.stringify(headers)} ${r.body}`).toBe(200);
    }
  });

  it('leaves bearer-token clients alone, whatever Origin they send', async () => {
    const bearer = `Bearer ${token}`;
    expect((await call('POST', '/api/v1/audit/verify', { headers: { authorization: bearer } })).statusCode).toBe(200);
    const foreign = await call('POST', '/api/v1/audit/verify', { headers: { authorization: bearer, origin: 'https://evil.example.com' } });
    expect(foreign.statusCode).toBe(200);
  });

  it("checks the portal's cookie the same way, and reads need no origin", async () => {
    const cookie = 'cg_portal=not-a-session';
    const foreign = await call('DELETE', '/api/portal/session', { headers: { cookie, origin: 'https://evil.example.com' } });
    expect(foreign.statusCode).toBe(403);
    expect(errorBody(foreign).code).toBe('CROSS_SITE_REQUEST');
    const own = await call('POST', '/api/portal/statement', { headers: { cookie, origin: OWN_ORIGIN }, body: { content: '陈述' } });
    expect(errorBody(own).code).not.toBe('CROSS_SITE_REQUEST');
    expect((await call('GET', '/api/v1/me', { headers: { cookie: `cg_session=${token}` } })).statusCode).toBe(200);
  });
});
