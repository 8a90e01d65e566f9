import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary';
import { APP_METHOD_NAMES } from '../../src-shared/contracts/app-method-names';

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

  test('unitadmin logs in on the embedded server, previews a 公示表, and cannot navigate away', async () => {
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
      expect(await page.evaluate(() => Object.keys(window.api ?? {}).sort())).toEqual(
        [...APP_METHOD_NAMES].sort(),
      );
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      // Chromium's own words (the print and save dialogs, a form's hints) are Chinese on any Windows.
      expect(await page.evaluate(() => navigator.language)).toBe('zh-CN');

      await page.getByPlaceholder('用户名/手机号码/身份证号').fill('unitadmin');
      await page.getByLabel('密码').fill('Unit@2026');
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByText('李明')).toBeVisible({ timeout: 20_000 });

      // A review: the list from the cache, an approved application's 公示表 previewed with its name.
      await page.getByRole('menuitem', { name: '单位中心' }).click();
      await page.getByRole('button', { name: '职称申报审核' }).click();
      await page.locator('.ant-segmented-item').filter({ hasText: '单位公示中' }).click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await row.getByRole('button', { name: '审核', exact: true }).click();
      const review = page.getByRole('dialog', { name: '申请书审核' });
      await review.getByRole('button', { name: '再次打印公示表' }).click();
      const preview = page.getByRole('dialog', { name: '打印公示表' });
      await expect(preview.getByText(/^共\d+页$/)).toBeVisible({ timeout: 30_000 });
      await expect(preview.getByText('重庆市职称申报综合情况(公示)表').first()).toBeAttached();
      // The desktop prints through the system dialog.
      expect(await page.evaluate(async () => (await window.api?.getConnection())?.ok)).toBe(true);

      // Navigation away and new windows are refused; the page stays on the app. The main process
      // records the attempt, so the test knows the guard had its say instead of waiting a while.
      await app.evaluate(({ BrowserWindow }) => {
        const record = globalThis as { navigationAttempts?: string[] };
        record.navigationAttempts = [];
        BrowserWindow.getAllWindows()[0]?.webContents.on('will-navigate', (_event, url) => {
          record.navigationAttempts?.push(url);
        });
      });
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await expect
        .poll(() => app.evaluate(() => (globalThis as { navigationAttempts?: string[] }).navigationAttempts))
        .toEqual(['https://example.com/']);
      await expect(page).toHaveURL(/^app:\/\/zhicheng\//);
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
