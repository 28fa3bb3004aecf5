import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/** Server test files that replace a module (vi.mock): they need a process of their own (test/own-process.test.ts). */
const NEEDS_OWN_PROCESS = ['test/enforcement.court.test.ts'];
const SERVER = {
  root: './apps/server',
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks',
  // Migrated (and seeded) template databases, made once per run and copied by each test file.
  globalSetup: ['./test/global-setup.ts'],
} as const;

// `npm test` runs the small (pure) and medium (real database) tiers.
// The database is embedded PGlite unless DATABASE_URL points at a PostgreSQL server;
// each medium test file gets a database of its own, so files run in parallel safely.
// Vitest's default is one worker per core but one, which on a 2-core machine runs the files one at a time while the
// other core idles; a medium file spends much of its time waiting on its database, so use every core.
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'domain',
          root: './packages/domain',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          ...SERVER,
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...NEEDS_OWN_PROCESS],
          // A worker runs its files one after another in one process: the server's modules are imported and its
          // routes' validators compiled once per worker, not once per file (a file's database is still its own).
          isolate: false,
        },
      },
      {
        test: {
          ...SERVER,
          name: 'server-isolated',
          include: NEEDS_OWN_PROCESS,
        },
      },
      {
        test: {
          name: 'web',
          root: './apps/web',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'bench',
          root: './bench',
          include: ['src/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'drill',
          root: './drill',
          include: ['src/**/*.test.ts'],
        },
      },
    ],
  },
});
