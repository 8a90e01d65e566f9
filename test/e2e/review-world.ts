import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { ServerConfig } from '../../src-server/config';
import { startServer, type RunningServer } from '../../src-server/listen';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';
import { SharedClock } from '../../src-main/web/shared-clock';
import { closedPort } from '../support/closed-port';
import { expect, loginAs, test } from './fixtures';

/**
 * A world of its own for the review journeys: the platform server with demo data on a fixed loopback
 * port (so it can stop and come back) and a web client on it, apart from the shared ones of
 * global-setup, since these journeys change applications. The server's, the core's and (through
 * `setClocks`) the page's clocks move together, so a publicity period ends without waiting a week.
 */
export interface ReviewWorld {
  readonly client: RunningWebClient;
  /** The running server; throws while it is stopped. */
  readonly server: RunningServer;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** A new web host on the same data folder, as after closing and opening the client. */
  restartClient(): Promise<void>;
  /** Moves every clock of the world (and the page's) to 10:00 in Beijing on `date` (YYYY-MM-DD). */
  setClocks(page: Page, date: string): Promise<void>;
  applicationIdOf(applicationNo: string): Promise<string>;
}

export function useReviewWorld(name: string): ReviewWorld {
  let dir = '';
  let config: ServerConfig;
  let port = 0;
  let server: RunningServer | null = null;
  let client: RunningWebClient | null = null;
  // Read by the core's thread too: a function cannot cross into it, shared memory can.
  const clock = new SharedClock();
  const now = clock.now;

  const startClient = () =>
    runWebClient(
      {
        ...process.env,
        DATA_DIR: path.join(dir, 'client'),
        SERVER_URL: `http://127.0.0.1:${port}`,
        WEB_PORT: '0',
        OFFLINE_PROBE_SECONDS: '1',
      },
      { clock },
    );

  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `zhicheng-${name}-`));
    config = {
      database: { kind: 'sqlite', file: path.join(dir, 'server', 'platform.sqlite') },
      filesDir: path.join(dir, 'server', 'files'),
      demo: true,
      // The clock jumps weeks ahead; sessions must not expire for idleness because of that.
      sessionIdleMinutes: 60 * 24 * 365,
      now,
    };
    port = await closedPort();
    server = await startServer(config, { port });
    client = await startClient();
  });

  test.afterAll(async () => {
    await client?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const world: ReviewWorld = {
    get client() {
      if (client === null) throw new Error('the web client is not running');
      return client;
    },
    get server() {
      if (server === null) throw new Error('the server is stopped');
      return server;
    },
    async stopServer() {
      const stopping = server;
      server = null;
      await stopping?.close();
    },
    async startServer() {
      server ??= await startServer(config, { port });
    },
    async restartClient() {
      await client?.close();
      client = await startClient();
    },
    async setClocks(page, date) {
      const target = new Date(`${date}T02:00:00.000Z`);
      clock.set(target);
      await page.clock.setFixedTime(target);
    },
    async applicationIdOf(applicationNo) {
      const found = await world.server.platform.db
        .selectFrom('applications')
        .select('id')
        .where('application_no', '=', applicationNo)
        .executeTakeFirstOrThrow();
      return found.id;
    },
  };
  return world;
}

export const UNIT = { account: 'unitadmin', password: 'Unit@2026' };
export const DEPT = { account: 'deptadmin', password: 'Dept@2026' };
export const RETURN = '审核不通过,回退';
export const APPROVE = '审核通过,打印公示表';

/** Signs in on the world's client and opens 单位中心 → 职称申报审核. */
export async function signIn(page: Page, world: ReviewWorld, who: { account: string; password: string }) {
  await page.goto(world.client.host.newLoginUrl());
  await loginAs(page, who.account, who.password);
  await openReviewList(page);
}

/** 单位中心 → 职称申报审核, unless the page is there already (signing in again lands where it was). */
export async function openReviewList(page: Page) {
  await page.getByRole('menuitem', { name: '单位中心' }).click();
  const open = page.getByRole('button', { name: '职称申报审核' });
  const back = page.getByRole('button', { name: /返回单位中心/ });
  await expect(open.or(back)).toBeVisible();
  if (await open.isVisible()) await open.click();
  await expect(back).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

export const listRows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

export function statusFilter(page: Page, label: string): Locator {
  return page.locator('.ant-segmented-item').filter({ hasText: label });
}

/** The list narrowed to one application, whatever its state. */
export async function findRow(page: Page, applicationNo: string): Promise<Locator> {
  await statusFilter(page, '全部').click();
  const search = page.getByPlaceholder('请输入姓名、申请书编号或身份证号');
  await search.fill(applicationNo);
  await search.press('Enter');
  await expect(listRows(page)).toHaveCount(1);
  return listRows(page).first();
}

export async function openReviewDialog(page: Page, applicationNo: string): Promise<Locator> {
  const row = await findRow(page, applicationNo);
  await row.getByRole('button', { name: '审核', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '申请书审核' });
  await expect(dialog.getByText(applicationNo).first()).toBeVisible();
  return dialog;
}

export async function closeDialog(dialog: Locator) {
  await dialog.getByRole('button', { name: '取消', exact: true }).click();
  await expect(dialog).toBeHidden();
}

export const section = (dialog: Locator, title: string) => dialog.locator(`section[aria-label="${title}"]`);

/** Types a comment into the box with this label and waits until the core reports it saved. */
export async function writeComment(dialog: Locator, label: string, text: string) {
  const box = dialog.getByLabel(label, { exact: true });
  await box.fill(text);
  await box.blur();
  // The box's own group (the innermost one holding it) has its save status.
  const own = dialog.getByRole('group').filter({ has: dialog.page().getByLabel(label, { exact: true }) });
  await expect(own.last()).toContainText('已保存');
}

export async function expectDecisionApplied(dialog: Locator) {
  await expect(dialog.getByTestId('decision-status')).toContainText('已生效', { timeout: 30_000 });
}

/** Confirms a decision behind a popconfirm (上报主管部门, 审核通过). */
export async function confirmDecision(page: Page, dialog: Locator, label: string) {
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
}

export async function returnWith(page: Page, dialog: Locator, target: '退回个人' | '退回单位') {
  await dialog.getByRole('button', { name: RETURN, exact: true }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: /将随本次退回发送\d+条修改意见/ });
  await modal.getByLabel(target).check();
  await modal.getByRole('button', { name: '确定退回' }).click();
}

/** 审核通过,打印公示表 with the default period (today and five working days on); answers the end date. */
export async function approveWithDefaultPeriod(page: Page, dialog: Locator): Promise<string> {
  await dialog.getByRole('button', { name: APPROVE, exact: true }).click();
  const publicity = page.locator('.ant-modal').filter({ hasText: /公示表需在单位公示不少于5个工作日/ });
  const end = await publicity.getByLabel('公示结束日期').inputValue();
  await publicity.getByRole('button', { name: '确定', exact: true }).click();
  return end;
}

/** The text of a row's cell in the column with this header (the list may start with checkboxes). */
export async function cellText(page: Page, row: Locator, column: '申请书编号' | '姓名'): Promise<string> {
  const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((text) => text.trim());
  const index = headers.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${headers.join('|')}`);
  // The name cell shows the masked ID number after the name, on the same line.
  return ((await row.locator('td').nth(index).innerText()).trim().split(/\s+/)[0] ?? '').trim();
}

/** The application at `skip` among those waiting for the unit, by its number. */
export async function firstWaiting(page: Page, skip = 0): Promise<string> {
  await statusFilter(page, '待单位审核').click();
  await expect(listRows(page).nth(skip)).toBeVisible();
  return cellText(page, listRows(page).nth(skip), '申请书编号');
}

export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The 公示表 preview that 审核通过,打印公示表 opens: waits for its pages, then closes it. */
export async function closeFormsPreview(page: Page, expected: string) {
  const preview = page.getByRole('dialog', { name: '打印公示表' });
  // The first preview loads the PDF renderer and the fonts: a hang guard, not a budget.
  await expect(preview.getByText(/^共\d+页$/)).toBeVisible({ timeout: 60_000 });
  await expect(preview.getByText(expected).first()).toBeAttached();
  await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(preview).toBeHidden();
}
