import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; renderer component tests opt into jsdom
// with a `// @vitest-environment jsdom` docblock so the rest stay fast.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    setupFiles: ['test/setup/vitest.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Server tests share one PostgreSQL database; files run one at a time to keep them apart.
    fileParallelism: false,
  },
});
