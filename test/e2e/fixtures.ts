import { test as base, expect, type Page } from '@playwright/test';

/**
 * A fresh one-time sign-in address of the web client started by global-setup. Each browser context has
 * its own cookies, so each must open one before it can use the client, as a person does.
 */
export async function newLoginUrl(): Promise<string> {
  const desk = process.env.E2E_LOGIN_DESK_URL;
  if (!desk) throw new Error('E2E_LOGIN_DESK_URL is not set: global-setup did not start the web client');
  const response = await fetch(desk);
  if (!response.ok) throw new Error(`the login desk answered ${response.status}`);
  return response.text();
}

/** Opens the web client started by global-setup in the page's browser context, signed in to the host. */
export async function openClient(page: Page): Promise<void> {
  await page.goto(await newLoginUrl());
}

/** Pages open the web client started by global-setup. */
export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    await openClient(page);
    await use(page);
    // All pages share one client and so one session: a test that ends signed in would start the next
    // one signed in. A logout the test started may still be on its way (its button spins): let it end.
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
