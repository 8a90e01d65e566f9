import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * End-to-end journeys in Debian's Chromium against the web host (project `e2e`), and the Electron
 * smoke test (project `electron`), which skips with a printed reason where no Electron binary exists.
 * No browser is downloaded (test/support/chromium.ts).
 */

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each spec file has a world of its own (fixtures.ts, review-world.ts), so files could run side by
  // side (E2E_WORKERS=2). On the 2-core machines here two at once were slower (11-13 min against about
  // 8 serial, load 12) and a first 公示表 preview then outran its wait: one file at a time by default.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
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
        // The app then draws without antd's animations (src-renderer/app/use-reduced-motion.ts): a
        // dialog's button that is still zooming in cannot move between aiming a click and its landing.
        reducedMotion: 'reduce',
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
