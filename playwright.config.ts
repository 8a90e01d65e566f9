import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * End-to-end journeys in Debian's Chromium against the web host (project `e2e`), and the Electron
 * smoke test (project `electron`), which skips with a printed reason where no Electron binary exists.
 * No browser is downloaded (test/support/chromium.ts).
 */

export default defineConfig({
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  projects: [
    {
      name: 'e2e',
      testDir: './test/e2e',
      use: {
        browserName: 'chromium',
        locale: 'zh-CN',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: './test/electron',
    },
  ],
});
