import path from 'node:path';
import { DEFAULT_THROTTLE_LIMITS, parseThrottleLimit, type ThrottleLimit } from '@chengguan/domain';
import { THROTTLE_RULES, type ThrottleRule } from '@chengguan/contracts';

/**
 * Environment, parsed once at start. A bad variable stops the process with its name.
 * DATABASE_URL unset → embedded PGlite under DATA_DIR (default ./data).
 */
export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  /** Apply migrations at start-up (always for the embedded database). */
  migrateOnStart: boolean;
  /** Load the demo data when the database has no organisation yet. */
  seedDemo: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  webDist: string | null;
  runWorker: boolean;
  logLevel: string;
  version: string;
  /** MESSAGE_PROVIDER: the SMS / e-mail provider (modules/messaging); `local` logs to the outbox and sends nothing. */
  messageProvider: string;
  /** PUBLIC_BASE_URL: the origin printed in each document's QR code (the public verify page). */
  publicBaseUrl: string;
  /** DOC_KEY_SECRET (≥ 16 characters): protects the bureaus' SM2 private keys; unset → a random one in DATA_DIR. */
  docKeySecret: string | null;
  /** PAYMENT_CALLBACK_BASE_URL: where the sandbox provider delivers its callbacks; unset → this process. */
  paymentCallbackBaseUrl: string | null;
  /** PAYMENT_SANDBOX_SECRET (64 hex digits): the sandbox merchant's HMAC-SM3 secret; unset → random at creation. */
  paymentSandboxSecret: string | null;
  /**
   * TRUST_PROXY: which peers may name the client in X-Forwarded-For (Fastify's trustProxy: true/false, or addresses,
   * CIDRs and the names loopback / linklocal / uniquelocal). The per-address limits count the client this yields, so
   * trusting everyone would let a guesser pick a new address for every request.
   */
  trustProxy: boolean | string;
  /** THROTTLE_<RULE> = 'N/M': N attempts per M minutes (see DEFAULT_THROTTLE_LIMITS). */
  throttle: Record<ThrottleRule, ThrottleLimit>;
  /**
   * PAYMENT_SANDBOX: the local sandbox provider and its public cashier exist (no real money moves). On by default for
   * the embedded demo database, off when DATABASE_URL is set; off → no sandbox provider, its routes are not mounted.
   */
  paymentSandbox: boolean;
};

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf(env: NodeJS.ProcessEnv, name: string, fallback: string, allowed: readonly string[]): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw;
}

function urlVar(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^https?:\/\/[^/\s]+/.test(raw)) throw new ConfigError(`${name} must start with http:// or https://, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

function secretVar(env: NodeJS.ProcessEnv, name: string, valid: RegExp, what: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!valid.test(raw)) throw new ConfigError(`${name} must be ${what}`);
  return raw;
}

function trustProxyVar(env: NodeJS.ProcessEnv): boolean | string {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '') return 'loopback';
  if (['true', 'false'].includes(raw.toLowerCase())) return raw.toLowerCase() === 'true';
  const parts = raw.split(',').map((p) => p.trim());
  const ok = parts.every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(p));
  if (!ok) throw new ConfigError(`TRUST_PROXY must be true, false, or addresses / CIDRs / loopback, linklocal, uniquelocal, got "${raw}"`);
  return parts.join(',');
}

function throttleVars(env: NodeJS.ProcessEnv): Record<ThrottleRule, ThrottleLimit> {
  const out = { ...DEFAULT_THROTTLE_LIMITS };
  for (const rule of THROTTLE_RULES) {
    const name = `THROTTLE_${rule.toUpperCase()}`;
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const parsed = parseThrottleLimit(raw);
    if (!parsed) throw new ConfigError(`${name} must be N/M (N attempts per M minutes, e.g. 30/15), got "${raw}"`);
    out[rule] = parsed;
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const embedded = databaseUrl === null;
  const webDist = env.WEB_DIST ?? path.join(REPO_ROOT, 'apps/web/dist');
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, 'data')),
    migrateOnStart: embedded || boolVar(env, 'MIGRATE_ON_START', false),
    seedDemo: boolVar(env, 'SEED_DEMO', embedded),
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 120, 5, 24 * 60),
    sessionAbsoluteHours: intVar(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    cookieSecure: boolVar(env, 'COOKIE_SECURE', false),
    webDist: webDist === '' ? null : webDist,
    runWorker: boolVar(env, 'RUN_WORKER', true),
    logLevel: env.LOG_LEVEL ?? 'info',
    version: env.APP_VERSION ?? '0.1.0',
    messageProvider: oneOf(env, 'MESSAGE_PROVIDER', 'local', ['local']),
    publicBaseUrl: urlVar(env, 'PUBLIC_BASE_URL') ?? `http://localhost:${port}`,
    docKeySecret: secretVar(env, 'DOC_KEY_SECRET', /^.{16,}$/su, 'at least 16 characters'),
    paymentCallbackBaseUrl: urlVar(env, 'PAYMENT_CALLBACK_BASE_URL'),
    paymentSandboxSecret: secretVar(env, 'PAYMENT_SANDBOX_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    trustProxy: trustProxyVar(env),
    throttle: throttleVars(env),
    paymentSandbox: boolVar(env, 'PAYMENT_SANDBOX', embedded),
  };
}
