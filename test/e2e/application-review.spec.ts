import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ServerConfig } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { closedPort } from '../support/closed-port';
import { expect, loginAs, screenshotPath, test } from './fixtures';
import { cellText } from './review-world';

/**
 * 职称申报审核 from the local cache: the unit administrator sees the counts and the list, filters, searches
 * and opens an application; the server goes away and the list and details keep working under an offline
 * banner; the server comes back on the same address and the client syncs again by itself.
 *
 * This journey owns its server (so it can stop it) and its web client, apart from the shared one.
 */

let dir: string;
let config: ServerConfig;
let port: number;
let server: RunningServer;
let client: RunningWebClient;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-review-'));
  config = {
    database: { kind: 'sqlite', file: path.join(dir, 'server', 'platform.sqlite') },
    filesDir: path.join(dir, 'server', 'files'),
    demo: true,
    sessionIdleMinutes: 480,
  };
  port = await closedPort();
  server = await startServer(config, { port });
  client = await runWebClient({
    ...process.env,
    DATA_DIR: path.join(dir, 'client'),
    SERVER_URL: server.url,
    WEB_PORT: '0',
    OFFLINE_PROBE_SECONDS: '1',
  });
});

test.afterAll(async () => {
  await client.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function openReview(page: Page) {
  await page.goto(client.host.newLoginUrl());
  await loginAs(page, 'unitadmin', 'Unit@2026');
  await page.getByRole('menuitem', { name: '单位中心' }).click();
  await page.getByRole('button', { name: '职称申报审核' }).click();
  await expect(page.getByText('已同步')).toBeVisible();
}

/** The label of a status filter option, e.g. 待单位审核(12). */
function filterOption(page: Page, label: string) {
  return page.locator('.ant-segmented-item').filter({ hasText: label });
}

test('the list with counts, filter, search and details; offline from the cache; back online by itself', async ({
  page,
}) => {
  // Online, offline and online again in one journey, waiting for real syncs.
  test.slow();
  await openReview(page);

  // Counts per status; 待单位审核 is the default filter and holds the demo's twelve.
  await expect(filterOption(page, '待单位审核')).toContainText('12');
  await expect(page.locator('.ant-segmented-item-selected')).toContainText('待单位审核');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(12);
  for (const column of ['申请书编号', '姓名', '申请资格', '申报类型', '状态', '提交时间', '提交次数']) {
    await expect(page.getByRole('columnheader', { name: column })).toBeVisible();
  }
  // ID numbers never appear in full in the list.
  await expect(page.locator('.ant-table-tbody')).not.toContainText(/\d{17}[\dX]/);
  await page.screenshot({ path: screenshotPath('application-review'), fullPage: true });

  // Another status, then all of them.
  await filterOption(page, '单位公示中').click();
  await expect(rows).toHaveCount(3);
  await filterOption(page, '全部').click();
  await expect(rows).toHaveCount(20);
  await expect(page.getByText('共 24 条')).toBeVisible();

  // Search by a name from the list, then by the application number.
  const name = await cellText(page, rows.first(), '姓名');
  const applicationNo = await cellText(page, rows.first(), '申请书编号');
  const search = page.getByPlaceholder('请输入姓名、申请书编号或身份证号');
  await search.fill(name);
  await search.press('Enter');
  await expect(rows.first()).toContainText(name);
  await search.fill(applicationNo);
  await search.press('Enter');
  await expect(rows).toHaveCount(1);

  // Read-only details with every section, the full ID number, and the history.
  await rows.first().getByRole('button', { name: '查看' }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('申请书详情')).toBeVisible();
  await expect(drawer).toContainText(name);
  for (const section of [
    '申报信息',
    '基本信息',
    '教育经历',
    '工作经历',
    '继续教育',
    '年度考核',
    '诚信承诺',
    '审核历史',
  ]) {
    await expect(drawer.getByText(section, { exact: true }).first()).toBeVisible();
  }
  await expect(drawer).toContainText(/\d{17}[\dX]/);
  await page.screenshot({ path: screenshotPath('application-detail') });
  await page.keyboard.press('Escape');
  await search.fill('');
  await search.press('Enter');

  // The server goes away: the next sync says offline, and the cache still answers.
  await server.close();
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByText(/无法连接到服务器,当前显示的是本机缓存的数据/)).toBeVisible();
  await expect(page.getByText('离线', { exact: true })).toBeVisible();
  await filterOption(page, '待单位审核').click();
  await expect(rows).toHaveCount(12);
  await search.fill(name);
  await search.press('Enter');
  await expect(rows.first()).toContainText(name);
  await rows.first().getByRole('button', { name: '查看' }).click();
  await expect(drawer).toContainText(name);
  await expect(drawer.getByText('基本信息', { exact: true }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.screenshot({ path: screenshotPath('application-review-offline') });

  // A reload while offline lands on the same list, searched as it was, under the connection bar.
  const connectionBar = page.getByText(/^无法连接到服务器\(/);
  await page.reload();
  await expect(search).toHaveValue(name);
  await expect(page.locator('.ant-segmented-item-selected')).toContainText('待单位审核');
  await expect(rows.first()).toContainText(name);
  await expect(connectionBar).toBeVisible();

  // The server returns on the same address: the client notices and syncs without a click, and the
  // connection bar the reload brought leaves with the offline banner.
  server = await startServer(config, { port });
  await expect(page.getByText(/无法连接到服务器,当前显示的是本机缓存的数据/)).toHaveCount(0, {
    timeout: 15_000,
  });
  await expect(page.getByText('已同步')).toBeVisible();
  await expect(connectionBar).toHaveCount(0);

  // 立即同步 right after a reload syncs and ends at 已同步, not at 正在同步 0/0 until the next sync.
  for (let round = 0; round < 3; round += 1) {
    await page.reload();
    await expect(page.getByText('已同步')).toBeVisible();
    const syncNow = page.getByRole('button', { name: '立即同步' });
    await syncNow.click();
    // Once the click's answer is in (the button stops spinning), whatever order it came in.
    await expect(syncNow).not.toHaveClass(/ant-btn-loading/);
    await expect(page.getByText('已同步')).toBeVisible();
    await expect(page.getByText(/正在同步/)).toHaveCount(0);
    await expect(syncNow).toBeEnabled();
  }

  await page.getByRole('button', { name: '退出登录' }).click();
});
