import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { closedPort } from '../support/closed-port';
import { expect, loginAs, test } from './fixtures';

/** A client pointed at a server that is not there: the user learns why and keeps what they typed. */
let client: RunningWebClient;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-down-'));
  const deadUrl = `http://127.0.0.1:${await closedPort()}`;
  client = await runWebClient({ ...process.env, DATA_DIR: dataDir, SERVER_URL: deadUrl, WEB_PORT: '0' });
});

test.afterAll(async () => {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('a server that is down shows a clear message', async ({ page }) => {
  await page.goto(client.host.newLoginUrl());
  await expect(page.getByText('无法连接到服务器').first()).toBeVisible();
  await loginAs(page, 'unitadmin', 'Unit@2026');
  await expect(
    page.getByRole('alert').filter({ hasText: '无法连接到服务器,请检查网络连接或服务器设置后重试' }),
  ).toBeVisible();
  await expect(page.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue('unitadmin');
});
