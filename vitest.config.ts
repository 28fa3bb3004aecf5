import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Migrated (and seeded) template databases, made once and copied by each test file.
          globalSetup: ['./test/global-setup.ts'],
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
