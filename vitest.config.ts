import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; renderer component tests opt into jsdom
// with a `// @vitest-environment jsdom` docblock so the rest stay fast.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    setupFiles: ['test/setup/vitest.setup.ts'],
    // Guards against a hung test, not budgets: a renderer test that takes 5 s on a quiet machine took
    // over 20 s with the machine's load at 13, and must not fail for that.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files run side by side: each server test's PostgreSQL database is a schema of its own and each
    // SQLite one a file in a folder of its own (test/server/databases.ts), so none sees another's data.
    fileParallelism: true,
    // Measured back to back on 2 cores (load 2.6-5): 2 forks 252 s; 3 forks 281 s; 2 threads 330 s,
    // and threads cannot run the time-zone tests, which set TZ for their own process.
    pool: 'forks',
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
  },
});
