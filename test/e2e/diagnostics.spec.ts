import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { APP_VERSION } from '../../src-main/core/app-version';
import { LOG_FILE_NAME, logDirOf } from '../../src-main/core/log/file-log';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { expect, loginAs, test } from './fixtures';

/**
 * 设置 → 诊断信息 → 导出诊断信息 in the web host: the browser downloads the zip the core built, which holds
 * the logs and diagnostics.json with the version, and none of the demo people's ID numbers, mobiles or
 * passwords, although the log folder holds a file from before the scrubbing with all of them in it.
 */

let dataDir: string;
let client: RunningWebClient;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-diagnostics-'));
  await mkdir(logDirOf(dataDir), { recursive: true });
  const older = DEMO_ACCOUNTS.map(
    (person) =>
      `2026-01-01T00:00:00.000Z ERROR [core] 登录失败 ${person.name}(${person.idNumber}) ${person.mobile} password=${person.password}`,
  ).join('\n');
  await writeFile(path.join(logDirOf(dataDir), `${LOG_FILE_NAME}.1`), `${older}\n`);
  client = await runWebClient({
    ...process.env,
    DATA_DIR: dataDir,
    SERVER_URL: '',
    WEB_PORT: '0',
    SERVER_PORT: '0',
  });
});

test.afterAll(async () => {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('exports the diagnostic zip from 设置 and it holds the logs and the version, scrubbed', async ({
  page,
}) => {
  test.slow();
  await page.goto(client.host.newLoginUrl());
  await loginAs(page, 'unitadmin', 'Unit@2026');
  await page.getByRole('menuitem', { name: '设置' }).click();
  const card = page.locator('.ant-card').filter({ hasText: '诊断信息' });
  await expect(card).toContainText('已隐去身份证号、手机号和密码');

  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: '导出诊断信息' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^重庆职称审核-诊断信息-\d{8}-\d{4}\.zip$/);
  await expect(card).toContainText('已导出');

  const files = Object.fromEntries(
    Object.entries(unzipSync(await readFile(await saved.path()))).map(([name, bytes]) => [
      name,
      strFromU8(bytes),
    ]),
  );
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['diagnostics.json', `logs/${LOG_FILE_NAME}.1`]));
  expect(files[`logs/${LOG_FILE_NAME}.1`]).toContain('登录失败');
  const diagnostics = JSON.parse(files['diagnostics.json'] ?? '{}') as {
    app?: { version?: string };
    settings?: { settings?: { server?: { mode?: string } } };
  };
  expect(diagnostics.app?.version).toBe(APP_VERSION);
  expect(diagnostics.settings?.settings?.server?.mode).toBe('embedded');
  const everything = Object.entries(files)
    .map(([name, text]) => `${name}\n${text}`)
    .join('\n');
  for (const person of DEMO_ACCOUNTS) {
    for (const secret of [person.idNumber, person.mobile, person.password])
      expect(everything).not.toContain(secret);
  }
  await page.getByRole('button', { name: '退出登录' }).click();
});
