import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_THROTTLE_LIMITS, parseThrottleLimit, type ThrottleLimit } from '@chengguan/domain';
import { THROTTLE_RULES, type ThrottleRule } from '@chengguan/contracts';

/**
 * Environment, parsed once at start. A bad variable stops the process with its name.
 * DATABASE_URL unset → embedded PGlite under DATA_DIR (default ./data).
 */
export type AppConfig = {
  port: number;
  /** HOST: the listener's address; unset → 127.0.0.1 (this machine only). */
  host: string;
  /**
   * TRUST_PROXY: which hops may set X-Forwarded-For / -Proto / -Host (Fastify's `trustProxy`). false (default): the
   * client address is the socket's, so a header the client wrote never reaches the audit log.
   */
  trustProxy: TrustProxy;
  databaseUrl: string | null;
  /** DB_POOL_SIZE: connections the process keeps to a PostgreSQL server (default 10; the embedded database has one). */
  dbPoolSize: number;
  dataDir: string;
  /** FILES_DIR: the content-addressed file store; unset → DATA_DIR/files (in memory when DATA_DIR is memory://). */
  filesDir: string | null;
  /** Apply migrations at start-up (always for the embedded database). */
  migrateOnStart: boolean;
  /**
   * SEED_DEMO: load the demo organisation when the database has none yet. Its accounts share the published password
   * only on the embedded database; with DATABASE_URL each gets a random one-time password (seed/demo-passwords.ts).
   */
  seedDemo: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** COOKIE_SECURE: `Secure` on the session and portal cookies; default true when PUBLIC_BASE_URL is https. */
  cookieSecure: boolean;
  webDist: string | null;
  runWorker: boolean;
  logLevel: string;
  version: string;
  /** MESSAGE_PROVIDER: the SMS / e-mail provider (modules/messaging); `local` logs to the outbox and sends nothing. */
  messageProvider: string;
  /** PUBLIC_BASE_URL: the origin printed in each document's QR code (the public verify page). */
  publicBaseUrl: string;
  /**
   * True when PUBLIC_BASE_URL was set. Outside the embedded demo (with DATABASE_URL) a document is issued only then:
   * its QR code must point to an address the party can reach, not to this machine's default localhost address.
   */
  publicBaseUrlSet: boolean;
  /** DOC_KEY_SECRET (≥ 16 characters): protects the bureaus' SM2 private keys; unset → a random one in DATA_DIR. */
  docKeySecret: string | null;
  /** PAYMENT_CALLBACK_BASE_URL: where the sandbox provider delivers its callbacks; unset → this process. */
  paymentCallbackBaseUrl: string | null;
  /** PAYMENT_SANDBOX_SECRET (64 hex digits): the sandbox merchant's HMAC-SM3 secret; unset → random at creation. */
  paymentSandboxSecret: string | null;
  /** THROTTLE_<RULE> = 'N/M': N attempts per M minutes (see DEFAULT_THROTTLE_LIMITS). */
  throttle: Record<ThrottleRule, ThrottleLimit>;
  /**
   * PAYMENT_SANDBOX: the local sandbox provider and its public cashier exist (no real money moves). On by default for
   * the embedded demo database, off when DATABASE_URL is set; off → no sandbox provider, its routes are not mounted.
   */
  paymentSandbox: boolean;
  /**
   * TICKET_EXCHANGE: the 12345 / 城运 ticket exchange (modules/tickets/exchange). `simulator` — a local simulator of the
   * city side delivers signed tickets and receives the replies (the console labels it 「模拟 12345 平台」); `off` —
   * no exchange: its inbound endpoint does not exist and no reply is queued. Default: simulator for the embedded demo
   * database, off with DATABASE_URL. A real endpoint is a later adapter behind the same contract.
   */
  ticketExchange: 'simulator' | 'off';
  /** TICKET_EXCHANGE_SECRET (64 hex digits): the HMAC-SM3 key shared with the exchange; unset → random per process. */
  ticketExchangeSecret: string | null;
  /** TICKET_EXCHANGE_CALLBACK_BASE_URL: where this installation's public API is reached (simulator); unset → this process. */
  ticketExchangeBaseUrl: string | null;
  /**
   * HOUSING_CONNECTOR: 房屋注记 / 解注记 with the housing department (modules/compounds/housing). `simulator` — a local
   * simulator of the housing register answers signed receipts (the console says 「模拟房屋管理部门」); `off` — requests are
   * kept as 待发送 and no message leaves. Default: simulator.
   */
  housingConnector: 'simulator' | 'off';
  /** HOUSING_CONNECTOR_SECRET (64 hex digits): the HMAC-SM3 key shared with the housing department; unset → random per process. */
  housingConnectorSecret: string | null;
  /**
   * CREDIT_PLATFORM: the city's public credit platform (modules/credit/connector.ts). `simulator` (default) — a local
   * simulator receives the signed credit records and withdrawals (the console labels it 「模拟信用平台」); `off` — records
   * are kept and queued, nothing is sent. A real endpoint is a later adapter behind test/credit-platform.contract.ts.
   */
  creditPlatform: 'simulator' | 'off';
  /** CREDIT_PLATFORM_SECRET (64 hex digits): the HMAC-SM3 key shared with the credit platform; unset → random per process. */
  creditPlatformSecret: string | null;
  /**
   * PARTNER_CONNECTOR: joint orders with partner departments' systems (modules/coordination/connector, docs/coordination.md
   * §5). `simulator` (default) — a local simulator plays a partner (交警): it files signed orders and receives the
   * status callbacks (the console labels it 「模拟协作部门系统」); `off` — the inbound endpoint does not exist and no
   * callback leaves. A real partner system plugs in behind test/partner-connector.contract.ts.
   */
  partnerConnector: 'simulator' | 'off';
  /** PARTNER_CONNECTOR_SECRET (64 hex digits): the HMAC-SM3 key shared with the partner systems; unset → random per process. */
  partnerConnectorSecret: string | null;
  /**
   * OFFSITE_VENDOR_SECRETS: the HMAC-SM3 keys of the device vendors whose devices sign with the vendor's key
   * (`VENDOR=64 hex digits`, separated by commas); a device registered with its own key uses that instead. The
   * local device simulator signs as vendor `SIM` with a random key per process unless one is given here.
   */
  offsiteVendorSecrets: Record<string, string>;
  /**
   * WASTE_GPS: the 建筑垃圾 GPS feed (modules/waste, docs/waste.md §2). `simulator` — a local simulator drives trucks and
   * delivers signed batches (the console labels it 「模拟渣土车 GPS 平台」); `off` — the inbound endpoint does not exist.
   * Default: simulator for the embedded demo database, off with DATABASE_URL.
   */
  wasteGps: 'simulator' | 'off';
  /** WASTE_GPS_SECRET (64 hex digits): the HMAC-SM3 key shared with the GPS platform; unset → random per process. */
  wasteGpsSecret: string | null;
  /**
   * WASTE_ANALYSIS_SESSIONS (1–16, default 2): on PostgreSQL the day's analysis runs over ranges of plates on this many
   * database sessions at once (each truck's day is independent); WASTE_ANALYSIS_WORK_MEM (default 256MB) is each
   * session's work_mem for it, so that its sort and hash tables stay in memory. Ignored on the embedded database.
   */
  wasteAnalysisSessions: number;
  wasteAnalysisWorkMem: string;
  /**
   * TICKET_ALERT_FIRST_CONTACT_LEAD_HOURS / TICKET_ALERT_HANDLING_LEAD_HOURS: 临期 warnings this many hours before the
   * 24-hour first contact and the handling limit run out (U, defaults 4 and 24: the domain's SHANGHAI_TICKET_ALERTS);
   * TICKET_ALERT_SCAN_MINUTES: how often the worker looks (default 10).
   */
  ticketAlerts: { firstContactLeadHours: number; handlingLeadHours: number; scanMinutes: number };
  /** AUDIT_CHECKPOINT_MINUTES: a signed checkpoint of the audit chain's head at least this often (when it moved). */
  auditCheckpointMinutes: number;
  /** AUDIT_CHECKPOINT_ROWS: and whenever this many rows were appended since the last one. */
  auditCheckpointRows: number;
  /**
   * AUDIT_CHECKPOINT_FILE: where checkpoints are also appended (JSON Lines); unset → DATA_DIR/audit/checkpoints.jsonl,
   * none for an in-memory database. Best on storage the database's administrators cannot write.
   */
  auditCheckpointFile: string | null;
  /**
   * DB_APP_ROLE: the PostgreSQL role the application connects as (not the tables' owner). `npm run db:migrate`, run as
   * the owner, then renews its rights (db/roles.ts); unset → db:migrate leaves rights alone.
   */
  dbAppRole: string | null;
  /**
   * The console's base map: MAP_TILE_URL (raster tile URL templates with {z}, {x} and {y}, comma-separated for several
   * hosts), MAP_TILE_ATTRIBUTION (shown on the map), MAP_TILE_CRS (wgs84 — 天地图 and most — or gcj02), MAP_TILE_MAX_ZOOM.
   * Unset → no base map: the maps draw the shipped district boundaries and load nothing from elsewhere.
   */
  map: MapSettings;
};

export type MapSettings = {
  baseMap: { tiles: string[]; attribution: string; crs: 'wgs84' | 'gcj02'; maxZoom: number } | null;
  /** The origins of the tile hosts, allowed in the Content-Security-Policy. */
  tileOrigins: string[];
};

/** What Fastify's `trustProxy` takes from a setting: every hop (true), none (false), or the proxies' addresses / CIDRs. */
export type TrustProxy = boolean | string[];

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

function vendorSecretsVar(env: NodeJS.ProcessEnv, name: string): Record<string, string> {
  const raw = env[name]?.trim();
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const pair of raw.split(',')) {
    const m = /^\s*([A-Za-z0-9_-]{1,60})=([0-9a-fA-F]{64})\s*$/u.exec(pair);
    if (!m) throw new ConfigError(`${name} must be VENDOR=<64 hexadecimal digits>, separated by commas`);
    out[m[1]!] = m[2]!.toLowerCase();
  }
  return out;
}

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

function trustProxyVar(env: NodeJS.ProcessEnv, name: string): TrustProxy {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return false;
  const lower = raw.toLowerCase();
  if (['true', 'yes'].includes(lower)) return true;
  if (['false', 'no', '0'].includes(lower)) return false;
  // Fastify 5 ignores a hop count (it cannot tell whether the nearest peer is a proxy at all, so a client could forge
  // the headers): refused here rather than silently trusting nothing.
  if (/^\d+$/.test(raw)) {
    throw new ConfigError(
      `${name}: a hop count is not accepted (it cannot check the nearest proxy); name the proxies' addresses or CIDRs, got "${raw}"`,
    );
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `${name} must be true, false, or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.2,10.1.0.0/16), got "${bad || raw}"`,
    );
  }
  return entries;
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

function sqlIdentifierVar(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/u.test(raw))
    throw new ConfigError(`${name} must be a lower-case SQL identifier (a-z, 0-9, _), got "${raw}"`);
  return raw;
}

function mapSettings(env: NodeJS.ProcessEnv): MapSettings {
  const raw = env.MAP_TILE_URL?.trim();
  if (!raw) return { baseMap: null, tileOrigins: [] };
  const tiles = raw.split(',').map((t) => t.trim());
  const origins = new Set<string>();
  for (const t of tiles) {
    let origin: string | null = null;
    try {
      const u = new URL(t.replaceAll('{', '%7B').replaceAll('}', '%7D'));
      origin = /^https?:$/.test(u.protocol) && !u.host.includes('%7B') ? u.origin : null;
    } catch {
      origin = null;
    }
    if (!origin || !['{z}', '{x}', '{y}'].every((p) => t.includes(p))) {
      throw new ConfigError(
        `MAP_TILE_URL must be http(s) tile URL templates with {z}, {x} and {y} and a fixed host, comma-separated, got "${t}"`,
      );
    }
    origins.add(origin);
  }
  const attribution = env.MAP_TILE_ATTRIBUTION?.trim() ?? '';
  if (attribution === '') throw new ConfigError('MAP_TILE_ATTRIBUTION must name the base map and its owner when MAP_TILE_URL is set');
  return {
    baseMap: {
      tiles,
      attribution,
      crs: oneOf(env, 'MAP_TILE_CRS', 'wgs84', ['wgs84', 'gcj02']) as 'wgs84' | 'gcj02',
      maxZoom: intVar(env, 'MAP_TILE_MAX_ZOOM', 18, 1, 22),
    },
    tileOrigins: [...origins],
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const embedded = databaseUrl === null;
  const webDist = env.WEB_DIST ?? path.join(REPO_ROOT, 'apps/web/dist');
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const givenBaseUrl = urlVar(env, 'PUBLIC_BASE_URL');
  const publicBaseUrl = givenBaseUrl ?? `http://localhost:${port}`;
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    trustProxy: trustProxyVar(env, 'TRUST_PROXY'),
    databaseUrl,
    dbPoolSize: intVar(env, 'DB_POOL_SIZE', 10, 1, 500),
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, 'data')),
    filesDir: env.FILES_DIR?.trim() ? path.resolve(env.FILES_DIR.trim()) : null,
    migrateOnStart: embedded || boolVar(env, 'MIGRATE_ON_START', false),
    seedDemo: boolVar(env, 'SEED_DEMO', embedded),
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 120, 5, 24 * 60),
    sessionAbsoluteHours: intVar(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    // A browser keeps a Secure cookie only from an https page: on by default exactly when the public address is https.
    cookieSecure: boolVar(env, 'COOKIE_SECURE', publicBaseUrl.startsWith('https://')),
    webDist: webDist === '' ? null : webDist,
    runWorker: boolVar(env, 'RUN_WORKER', true),
    logLevel: env.LOG_LEVEL ?? 'info',
    version: env.APP_VERSION ?? '0.1.0',
    messageProvider: oneOf(env, 'MESSAGE_PROVIDER', 'local', ['local']),
    publicBaseUrl,
    publicBaseUrlSet: givenBaseUrl !== null,
    docKeySecret: secretVar(env, 'DOC_KEY_SECRET', /^.{16,}$/su, 'at least 16 characters'),
    paymentCallbackBaseUrl: urlVar(env, 'PAYMENT_CALLBACK_BASE_URL'),
    paymentSandboxSecret: secretVar(env, 'PAYMENT_SANDBOX_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    throttle: throttleVars(env),
    paymentSandbox: boolVar(env, 'PAYMENT_SANDBOX', embedded),
    ticketExchange: oneOf(env, 'TICKET_EXCHANGE', embedded ? 'simulator' : 'off', ['simulator', 'off']) as 'simulator' | 'off',
    ticketExchangeSecret: secretVar(env, 'TICKET_EXCHANGE_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    ticketExchangeBaseUrl: urlVar(env, 'TICKET_EXCHANGE_CALLBACK_BASE_URL'),
    housingConnector: oneOf(env, 'HOUSING_CONNECTOR', 'simulator', ['simulator', 'off']) as 'simulator' | 'off',
    housingConnectorSecret: secretVar(env, 'HOUSING_CONNECTOR_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    creditPlatform: oneOf(env, 'CREDIT_PLATFORM', 'simulator', ['simulator', 'off']) as 'simulator' | 'off',
    creditPlatformSecret: secretVar(env, 'CREDIT_PLATFORM_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    partnerConnector: oneOf(env, 'PARTNER_CONNECTOR', 'simulator', ['simulator', 'off']) as 'simulator' | 'off',
    partnerConnectorSecret: secretVar(env, 'PARTNER_CONNECTOR_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    offsiteVendorSecrets: vendorSecretsVar(env, 'OFFSITE_VENDOR_SECRETS'),
    wasteGps: oneOf(env, 'WASTE_GPS', embedded ? 'simulator' : 'off', ['simulator', 'off']) as 'simulator' | 'off',
    wasteGpsSecret: secretVar(env, 'WASTE_GPS_SECRET', /^[0-9a-f]{64}$/iu, '64 hexadecimal digits')?.toLowerCase() ?? null,
    wasteAnalysisSessions: intVar(env, 'WASTE_ANALYSIS_SESSIONS', 2, 1, 16),
    wasteAnalysisWorkMem: secretVar(env, 'WASTE_ANALYSIS_WORK_MEM', /^[1-9][0-9]{0,6}(kB|MB|GB)$/u, 'a size such as 256MB') ?? '256MB',
    ticketAlerts: {
      firstContactLeadHours: intVar(env, 'TICKET_ALERT_FIRST_CONTACT_LEAD_HOURS', 4, 0, 23),
      handlingLeadHours: intVar(env, 'TICKET_ALERT_HANDLING_LEAD_HOURS', 24, 0, 24 * 15),
      scanMinutes: intVar(env, 'TICKET_ALERT_SCAN_MINUTES', 10, 1, 24 * 60),
    },
    auditCheckpointMinutes: intVar(env, 'AUDIT_CHECKPOINT_MINUTES', 15, 1, 24 * 60),
    auditCheckpointRows: intVar(env, 'AUDIT_CHECKPOINT_ROWS', 1000, 1, 1_000_000),
    auditCheckpointFile: env.AUDIT_CHECKPOINT_FILE?.trim() ? path.resolve(env.AUDIT_CHECKPOINT_FILE.trim()) : null,
    dbAppRole: sqlIdentifierVar(env, 'DB_APP_ROLE'),
    map: mapSettings(env),
  };
}

/** The public address is this machine's own (localhost, 127.0.0.1, ::1): a printed QR code would point nowhere. */
export function publicBaseUrlIsLocal(config: Pick<AppConfig, 'publicBaseUrl'>): boolean {
  const host = new URL(config.publicBaseUrl).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
}

/**
 * The start banner's lines about the public address: a warning when it is this machine's own (the QR codes printed on
 * documents would point nowhere) and, outside the embedded demo, that documents are refused until it is set.
 */
export function publicAddressBannerLines(config: Pick<AppConfig, 'publicBaseUrl' | 'publicBaseUrlSet' | 'databaseUrl'>): string[] {
  if (!publicBaseUrlIsLocal(config)) return [`  对外访问地址 / public address: ${config.publicBaseUrl}`];
  const lines = [
    `  警告：对外访问地址为本机（${config.publicBaseUrl}），文书核验二维码在其他设备上无法打开 / ` +
      'WARNING: PUBLIC_BASE_URL is local, QR codes on documents will point nowhere; set PUBLIC_BASE_URL',
  ];
  if (config.databaseUrl !== null && !config.publicBaseUrlSet)
    lines.push('  未设置 PUBLIC_BASE_URL 前不签发文书 / documents are refused until PUBLIC_BASE_URL is set');
  return lines;
}
