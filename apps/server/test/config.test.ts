// Settings are read once at start; a bad value stops the process naming the variable.
import { exchangeBannerLine } from '../src/modules/tickets/index.ts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicAddressBannerLines, publicBaseUrlIsLocal } from '../src/config.ts';

const base = { DATABASE_URL: '' } as NodeJS.ProcessEnv;

describe('settings', () => {
  it('defaults: the verify origin follows PORT; no document or sandbox secret; callbacks to this process', () => {
    const c = loadConfig({ ...base, PORT: '3917' });
    expect(c).toMatchObject({
      publicBaseUrl: 'http://localhost:3917',
      docKeySecret: null,
      paymentCallbackBaseUrl: null,
      paymentSandboxSecret: null,
      messageProvider: 'local',
    });
  });

  it('reads the document, payment and message settings (trailing slashes dropped, hex lower-cased)', () => {
    const c = loadConfig({
      ...base,
      PUBLIC_BASE_URL: 'https://zf.example.gov.cn/',
      DOC_KEY_SECRET: 'a-long-enough-secret',
      PAYMENT_CALLBACK_BASE_URL: 'http://10.0.0.5:3000//',
      PAYMENT_SANDBOX_SECRET: 'AB'.repeat(32),
    });
    expect(c).toMatchObject({
      publicBaseUrl: 'https://zf.example.gov.cn',
      docKeySecret: 'a-long-enough-secret',
      paymentCallbackBaseUrl: 'http://10.0.0.5:3000',
      paymentSandboxSecret: 'ab'.repeat(32),
    });
  });

  it('PUBLIC_BASE_URL: set or not; the banner warns when it is local and, on PostgreSQL without it, that documents are refused', () => {
    const server = { DATABASE_URL: 'postgres://u@db/chengguan' } as NodeJS.ProcessEnv;
    const demo = loadConfig(base);
    expect([demo.publicBaseUrlSet, publicBaseUrlIsLocal(demo)]).toEqual([false, true]);
    expect(publicAddressBannerLines(demo)).toHaveLength(1);
    expect(publicAddressBannerLines(demo)[0]).toContain('警告');
    const bare = loadConfig(server);
    expect(publicAddressBannerLines(bare)).toHaveLength(2);
    expect(publicAddressBannerLines(bare)[1]).toContain('不签发文书');
    expect(publicBaseUrlIsLocal(loadConfig({ ...server, PUBLIC_BASE_URL: 'http://127.0.0.1:8080' }))).toBe(true);
    const set = loadConfig({ ...server, PUBLIC_BASE_URL: 'https://zf.example.gov.cn' });
    expect([set.publicBaseUrlSet, publicBaseUrlIsLocal(set)]).toEqual([true, false]);
    expect(publicAddressBannerLines(set)).toEqual(['  对外访问地址 / public address: https://zf.example.gov.cn']);
  });

  it('the sandbox payment provider: on for the embedded database, off with DATABASE_URL, unless PAYMENT_SANDBOX says', () => {
    const server = { DATABASE_URL: 'postgres://u@db/chengguan' } as NodeJS.ProcessEnv;
    expect(loadConfig(base).paymentSandbox).toBe(true);
    expect(loadConfig(server).paymentSandbox).toBe(false);
    expect(loadConfig({ ...server, PAYMENT_SANDBOX: 'true' }).paymentSandbox).toBe(true);
    expect(loadConfig({ ...base, PAYMENT_SANDBOX: 'false' }).paymentSandbox).toBe(false);
  });

  it('the ticket exchange: the simulator for the embedded database, off with DATABASE_URL, unless TICKET_EXCHANGE says', () => {
    const server = { DATABASE_URL: 'postgres://u@db/chengguan' } as NodeJS.ProcessEnv;
    expect(loadConfig(base).ticketExchange).toBe('simulator');
    expect(loadConfig(server).ticketExchange).toBe('off');
    expect(loadConfig({ ...server, TICKET_EXCHANGE: 'simulator' }).ticketExchange).toBe('simulator');
    expect(loadConfig({ ...base, TICKET_EXCHANGE_SECRET: 'CD'.repeat(32) }).ticketExchangeSecret).toBe('cd'.repeat(32));
    expect(exchangeBannerLine(loadConfig(base))).toContain('模拟 12345 平台');
    expect(exchangeBannerLine(loadConfig(server))).toContain('未启用');
  });

  it('safe defaults: this machine only, no proxy trusted, plain cookies on a plain-http address', () => {
    expect(loadConfig(base)).toMatchObject({ host: '127.0.0.1', trustProxy: false, cookieSecure: false });
    expect(loadConfig({ ...base, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('TRUST_PROXY: every hop, none, or the named proxies (addresses, CIDRs, proxy-addr range names)', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.2, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.2',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['3', 'proxy.example.gov.cn', '10.0.0.0/33', '10.0.0.2,', '300.1.1.1'])('refuses TRUST_PROXY=%s naming the variable', (value) => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow('TRUST_PROXY');
  });

  it('Secure cookies when the public address is https; COOKIE_SECURE still decides when it is set', () => {
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://zf.example.gov.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'http://10.0.0.5:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ ...base, COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    // The console reached over a plain-http intranet address while the QR codes print the https one.
    expect(loadConfig({ ...base, PUBLIC_BASE_URL: 'https://zf.example.gov.cn', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });

  it.each([
    ['PAYMENT_SANDBOX', 'maybe'],
    ['PUBLIC_BASE_URL', 'zf.example.gov.cn'],
    ['DOC_KEY_SECRET', 'short'],
    ['PAYMENT_CALLBACK_BASE_URL', 'ftp://host'],
    ['PAYMENT_SANDBOX_SECRET', 'not-hex'],
    ['MESSAGE_PROVIDER', 'carrier-x'],
    ['TICKET_EXCHANGE', 'real'],
    ['TICKET_EXCHANGE_SECRET', 'not-hex'],
    ['PORT', '70000'],
  ])('a bad %s stops the start naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(name);
  });
});
