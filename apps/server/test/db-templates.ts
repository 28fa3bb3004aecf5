// Template databases for the medium tests: migrating and seeding a database costs more than most test files'
// own work, so it is done once per `npm test` (vitest globalSetup) and every test file starts from a copy —
// `CREATE DATABASE … TEMPLATE` on PostgreSQL, a data-directory dump loaded into a fresh PGlite otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openPlatform } from '../src/bootstrap.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import type { Clock } from '../src/context.ts';

/** Where each template is: a PostgreSQL database name, or a file holding a PGlite data-directory dump. */
export type DbTemplates = { kind: 'postgresql' | 'pglite'; seeded: string; empty: string };

const ENV = 'CG_TEST_DB_TEMPLATES';

/** The templates made by the global setup of this run, if any (test files run in child processes). */
export function dbTemplates(): DbTemplates | null {
  const raw = process.env[ENV];
  return raw ? (JSON.parse(raw) as DbTemplates) : null;
}

export function databaseUrlFor(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Builds both templates (migrated; migrated and seeded with the demo data) and exports their places. */
export async function buildDbTemplates(clock: Clock): Promise<() => Promise<void>> {
  // Made already by another project's global setup in this run: that setup's teardown removes them.
  if (dbTemplates()) return async () => undefined;
  const adminUrl = process.env.DATABASE_URL || null;
  const build = async (seeded: boolean, databaseUrl: string | null) => {
    const config = { ...loadConfig({ ...process.env, DATABASE_URL: databaseUrl ?? '' }), dataDir: 'memory://', webDist: null };
    const platform = await openPlatform({ config, clock, migrate: true });
    if (seeded) await seedDemo(platform.deps);
    const dump = platform.database.dump ? await platform.database.dump() : null;
    await platform.database.close();
    return dump;
  };
  if (adminUrl) {
    const stem = `cg_tpl_${randomBytes(4).toString('hex')}`;
    const names = { seeded: `${stem}_seeded`, empty: `${stem}_empty` };
    for (const [kind, name] of Object.entries(names)) {
      await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      await build(kind === 'seeded', databaseUrlFor(adminUrl, name));
    }
    process.env[ENV] = JSON.stringify({ kind: 'postgresql', ...names } satisfies DbTemplates);
    return async () => {
      for (const name of Object.values(names)) await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tpl-'));
  const files = { seeded: path.join(dir, 'seeded.tar'), empty: path.join(dir, 'empty.tar') };
  for (const [kind, file] of Object.entries(files)) {
    const dump = await build(kind === 'seeded', null);
    fs.writeFileSync(file, Buffer.from(await dump!.arrayBuffer()));
  }
  process.env[ENV] = JSON.stringify({ kind: 'pglite', ...files } satisfies DbTemplates);
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}
