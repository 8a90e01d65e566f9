import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { runWebClient, type RunningWebClient } from '../../src-main/web/run-web-client';

/**
 * The world of a spec file: a web client of its own (the embedded server over a fresh SQLite file with
 * demo data, the core, the web host, on loopback with random ports), started when the file's first test
 * asks for it and closed when its worker moves on to another file. So no spec sees what another did,
 * they run in any order, and two run at once in two workers. Specs that stop and restart the server
 * build a world of their own instead (review-world.ts).
 */
interface FileWorld {
  file: string;
  dataDir: string;
  client: RunningWebClient;
}

let current: FileWorld | null = null;

async function closeFileWorld(): Promise<void> {
  const closing = current;
  current = null;
  if (closing === null) return;
  await closing.client.close();
  await rm(closing.dataDir, { recursive: true, force: true });
}

/** The web client of the running test's spec file, started on first use. */
export async function fileClient(): Promise<RunningWebClient> {
  const file = test.info().file;
  if (current?.file === file) return current.client;
  // A worker runs one file after another: the previous file's world is done with.
  await closeFileWorld();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `zhicheng-e2e-${path.basename(file, '.spec.ts')}-`));
  const client = await runWebClient({
    ...process.env,
    DATA_DIR: dataDir,
    SERVER_URL: '',
    WEB_PORT: '0',
    SERVER_PORT: '0',
  });
  current = { file, dataDir, client };
  return client;
}

/** The data folder of the spec's web client (its embedded server's SQLite file is under `server/`). */
export async function fileDataDir(): Promise<string> {
  await fileClient();
  if (current === null) throw new Error('the spec file has no web client');
  return current.dataDir;
}

/**
 * A fresh one-time sign-in address of the spec's web client. Each browser context has its own cookies,
 * so each must open one before it can use the client, as a person does.
 */
export async function newLoginUrl(): Promise<string> {
  return (await fileClient()).host.newLoginUrl();
}

/** Opens the spec's web client in the page's browser context, signed in to the host. */
export async function openClient(page: Page): Promise<void> {
  await page.goto(await newLoginUrl());
}

/** Pages open the spec's web client. */
export const test = base.extend<{ app: Page }, { fileWorlds: void }>({
  // The last file's world goes with its worker.
  fileWorlds: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern
    async ({}, use) => {
      await use();
      await closeFileWorld();
    },
    { scope: 'worker', auto: true },
  ],
  app: async ({ page }, use) => {
    await openClient(page);
    await use(page);
    // The tests of one file share its client and so one session: a test that ends signed in would start
    // the next one signed in. A logout the test started may still be on its way (its button spins).
    await expect(page.locator('.ant-btn-loading'))
      .toHaveCount(0)
      .catch(() => undefined);
    // A drawer or dialog a failed test left open would cover the header's button.
    await page.keyboard.press('Escape').catch(() => undefined);
    const logout = page.getByRole('button', { name: '退出登录' });
    if (await logout.isVisible().catch(() => false)) {
      await logout.click({ timeout: 5_000 }).catch(() => undefined);
    }
  },
});

export { expect };

export async function loginAs(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByPlaceholder('用户名/手机号码/身份证号').fill(identifier);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Screenshots that the README shows, retaken by every run so they stay current. */
export function screenshotPath(name: string): string {
  return `docs/screenshots/${name}.png`;
}
