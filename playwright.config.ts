import { defineConfig } from '@playwright/test';

/**
 * End-to-end journeys in Debian's Chromium against the web host (project `e2e`), and the Electron
 * smoke test (project `electron`), which skips with a printed reason where no Electron binary exists.
 * No browser is downloaded: CHROMIUM_PATH (default /usr/bin/chromium) is the browser.
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: chromiumArgs,
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
