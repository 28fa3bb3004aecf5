import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type AppConfig } from '../src/config.ts';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { buildApp } from '../src/http/app.ts';
import { demoSeedResult, seedDemo, type SeedResult } from '../src/seed/seed-demo.ts';
import { databaseUrlFor, dbTemplates, withAdmin } from './db-templates.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import type { Clock } from '../src/context.ts';

/**
 * The Origin a browser sends with a write from the platform's own page (app.inject's Host is localhost:80): cookie-
 * authenticated writes need it (http/origin-check.ts).
 */
export const OWN_ORIGIN = 'http://localhost';

/** A clock the test moves by hand: no test depends on the wall clock. */
export type TestClock = Clock & { set(d: Date | string): void; advance(ms: number): void };
export function testClock(start = '2026-03-02T02:00:00.000Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export type TestContext = Platform & {
  app: FastifyInstance;
  clock: TestClock;
  seed: SeedResult;
  /** Logs a demo user in and returns his bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** The settings another process needs to open this test's database (DATA_DIR or DATABASE_URL) and agree on payments. */
  processEnv(): Record<string, string>;
  /** Closes the app and the connection but keeps the data (another process may open it); close() still drops it. */
  detach(): Promise<void>;
  api(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
};

/**
 * An empty database of the engine under test (no migrations, no data, no template) and the platform opened on it
 * without migrating: for tests of an upgrade, which migrate it themselves.
 */
export async function createBlankPlatform(clock: Clock = testClock()): Promise<Platform & { close(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL || null;
  let databaseUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (adminUrl) {
    const name = `cg_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    databaseUrl = databaseUrlFor(adminUrl, name);
    dropDb = () => withAdmin(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  }
  // The test app stands for a configured deployment: its public address counts as set (documents issue on PostgreSQL).
  const config = {
    ...loadConfig({ ...process.env, DATABASE_URL: databaseUrl ?? '' }),
    publicBaseUrlSet: true,
    dataDir: 'memory://',
    webDist: null,
  };
  const platform = await openPlatform({ config, clock, migrate: false });
  return {
    ...platform,
    async close() {
      await platform.database.close();
      if (dropDb) await dropDb();
    },
  };
}

/**
 * A fresh database per test file: embedded PGlite in memory by default; with DATABASE_URL set,
 * a throw-away database created on that PostgreSQL server and dropped afterwards.
 * The sandbox payment provider and the 12345 / 城运 exchange's simulator are on for both engines (PAYMENT_SANDBOX=true,
 * TICKET_EXCHANGE=simulator) so that both run the same tests and publish the same routes; `env` overrides settings
 * (e.g. PAYMENT_SANDBOX=false).
 */
export async function createTestContext(
  opts: {
    seed?: boolean;
    dataDir?: string;
    /** Settings of this app as environment variables (TRUST_PROXY, PUBLIC_BASE_URL …), over the process's own. */
    env?: Record<string, string>;
    config?: Partial<AppConfig>;
  } = {},
): Promise<TestContext> {
  const clock = testClock();
  const adminUrl = process.env.DATABASE_URL || null;
  const seeded = opts.seed !== false;
  // Copies of the run's template databases (test/db-templates.ts) when the global setup made them.
  const templates = dbTemplates();
  let databaseUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (adminUrl) {
    const name = `cg_test_${randomBytes(6).toString('hex')}`;
    const template = templates?.kind === 'postgresql' ? (seeded ? templates.seeded : templates.empty) : null;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
    databaseUrl = databaseUrlFor(adminUrl, name);
    dropDb = () => withAdmin(adminUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  }
  // PGlite in memory, or on disk when another process must open the same database.
  const dataDir = !databaseUrl && opts.dataDir ? opts.dataDir : 'memory://';
  const env = {
    ...process.env,
    PAYMENT_SANDBOX: 'true',
    TICKET_EXCHANGE: 'simulator',
    WASTE_GPS: 'simulator',
    ...opts.env,
    DATABASE_URL: databaseUrl ?? '',
  };
  // No console unless the test names one (WEB_DIST): the API tests need no build of apps/web. The file store in memory
  // unless a test asks for a directory (`config: { filesDir }`, to alter bytes on disk).
  const config = {
    ...loadConfig(env),
    publicBaseUrlSet: true,
    dataDir,
    webDist: opts.env?.WEB_DIST ?? null,
    filesDir: null,
    ...opts.config,
  };
  const dump =
    !databaseUrl && dataDir === 'memory://' && templates?.kind === 'pglite' ? (seeded ? templates.seeded : templates.empty) : null;
  const fromTemplate = databaseUrl ? templates?.kind === 'postgresql' : dump !== null;
  const platform = await openPlatform({
    config,
    clock,
    migrate: true,
    ...(dump ? { loadDataDir: new Blob([fs.readFileSync(dump)]) } : {}),
  });
  const seed = !seeded
    ? { seeded: false, orgs: 0, officers: 0, ids: { orgs: new Map(), officers: new Map() }, oneTimePasswords: null }
    : fromTemplate
      ? await demoSeedResult(platform.deps)
      : await seedDemo(platform.deps);
  const app = await buildApp({ deps: platform.deps, databaseKind: platform.database.kind });
  await app.ready();

  const api: TestContext['api'] = (method, url, o = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.headers ?? {}) },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });

  let detached = false;
  const detach = async () => {
    if (detached) return;
    detached = true;
    await app.close();
    await platform.database.close();
  };
  return {
    ...platform,
    app,
    clock,
    seed,
    api,
    async login(username, password = DEMO_PASSWORD) {
      const r = await api('POST', '/api/auth/login', { body: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      return (r.json() as { token: string }).token;
    },
    processEnv: (): Record<string, string> => ({
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
      PAYMENT_SANDBOX: String(config.paymentSandbox),
      TICKET_EXCHANGE: config.ticketExchange,
      WASTE_GPS: config.wasteGps,
      // A configured deployment, as the in-process app stands for (documents issue on PostgreSQL).
      PUBLIC_BASE_URL: config.publicBaseUrl,
    }),
    detach,
    async close() {
      await detach();
      if (dropDb) await dropDb();
    },
  };
}

/** Asserts a coded error answer and returns its body. */
export function errorBody(r: LightMyRequestResponse) {
  return r.json() as {
    code: string;
    message: string;
    messageEn: string;
    field?: string;
    details?: { field: string }[];
    correlationId?: string;
  };
}
