import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core driving Debian's chromium against the built console.
// E2E_BASE_URL points at a running server; otherwise global-setup.ts starts one on a fresh
// embedded database (demo data loaded on first start) and stops it afterwards.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['src/**/*.e2e.ts'],
    globalSetup: ['./src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
    // A failed comparison prints everything it compared (a layout walk's findings, a request body), not an ellipsis.
    chaiConfig: { truncateThreshold: 0 },
  },
});
