import { defineConfig } from 'vitest/config';

// `npm test` runs the small (pure) and medium (real database) tiers.
// The database is embedded PGlite unless DATABASE_URL points at a PostgreSQL server;
// each medium test file gets a database of its own, so files run in parallel safely.
export default defineConfig({
  test: {
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
