import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';

/**
 * The desktop app as a user starts it: the built main process, the embedded server in its utility
 * process, the renderer on app:// behind the preload. Skips, saying why, where there is no Electron
 * binary (never downloading one: Playwright's default would `require('electron')`, which does).
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary();
if ('missing' in binary) console.log(`Skipping the Electron smoke test: ${binary.missing}`);

test.describe('desktop app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let dataDir: string;
  test.beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-electron-'));
  });
  test.afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('unitadmin logs in on the embedded server', async () => {
    if (!('path' in binary)) return;
    const main = path.join(repoRoot, 'dist', 'electron', 'main.js');
    expect(existsSync(main), 'dist/electron/main.js is missing: run `npm run build` first').toBe(true);

    const app = await electron.launch({
      executablePath: binary.path,
      // The checkout as the app: package.json's main is dist/electron/main.js, as in the packaged app.
      // Chromium refuses to run as root with its sandbox (CI containers); the renderer sandbox stays on.
      args: [repoRoot, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, ZHICHENG_SERVER_URL: '' },
      timeout: 30_000,
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveURL(/^app:\/\/zhicheng\/index\.html/);
      // The page sees the named methods and nothing of Node.
      expect(await page.evaluate(() => Object.keys(window.api ?? {}).sort())).toEqual([
        'getConnection',
        'getSession',
        'login',
        'logout',
      ]);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );

      await page.getByPlaceholder('用户名/手机号码/身份证号').fill('unitadmin');
      await page.getByLabel('密码').fill('Unit@2026');
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByText('李明')).toBeVisible({ timeout: 20_000 });
    } finally {
      await app.close();
    }
  });
});
