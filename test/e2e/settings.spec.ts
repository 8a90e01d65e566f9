import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { expect, fileClient, loginAs, screenshotPath, test } from './fixtures';

/**
 * 设置 on a client that starts on its embedded default: the central server's address is checked with
 * 测试连接, saved with the unit's print settings, and used from the next start on. The "central" server
 * here is the embedded server of the spec's file world (fixtures.ts).
 */

let dataDir: string;
let client: RunningWebClient;

const start = () =>
  runWebClient({ ...process.env, DATA_DIR: dataDir, SERVER_URL: '', WEB_PORT: '0', SERVER_PORT: '0' });

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-settings-'));
  client = await start();
});

test.afterAll(async () => {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function openSettings(page: Page) {
  await page.goto(client.host.newLoginUrl());
  await loginAs(page, 'unitadmin', 'Unit@2026');
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByRole('radio', { name: '中心服务器' })).toBeVisible();
}

test('switches to a central server checked with 测试连接, from the next start on', async ({ page }) => {
  test.slow();
  const central = (await fileClient()).serverUrl;
  await openSettings(page);
  await expect(page.getByRole('radio', { name: '内置服务器(演示数据)' })).toBeChecked();

  await page.getByRole('radio', { name: '中心服务器' }).check();
  const address = page.getByLabel('中心服务器地址');
  // A wrong address: said beside the field, the text kept.
  await address.fill('ftp://zc.example');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText(/http:\/\/ 或 https:\/\/|网址/).first()).toBeVisible();
  await expect(address).toHaveValue('ftp://zc.example');

  await address.fill(central);
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.getByRole('status')).toContainText('连接成功');
  await page.getByLabel('自动同步间隔').fill('5');
  await page.getByLabel('受理(监督)部门及电话').fill('院人事科 023-63891234');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByText('已保存。服务器设置将在重新启动程序后生效')).toBeVisible();
  await page.screenshot({ path: screenshotPath('settings'), fullPage: true });
  await page.getByRole('button', { name: '退出登录' }).click();

  // The next start uses the central server; the settings are as saved.
  await client.close();
  client = await start();
  expect(client.serverUrl).toBe(central);
  await openSettings(page);
  await expect(page.getByRole('radio', { name: '中心服务器' })).toBeChecked();
  await expect(page.getByLabel('中心服务器地址')).toHaveValue(central);
  await expect(page.getByLabel('自动同步间隔')).toHaveValue('5');
  await expect(page.getByLabel('受理(监督)部门及电话')).toHaveValue('院人事科 023-63891234');
  await page.getByRole('button', { name: '退出登录' }).click();
});
