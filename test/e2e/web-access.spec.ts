import { expect, fileClient, loginAs, newLoginUrl, test } from './fixtures';

/**
 * Who may use the web client: a browser that opened the one-time address the program printed. Another
 * browser (or a local process that fetches the page) sees only a Chinese page saying where to look.
 */
test('the printed address signs a browser in once, and leaves no token in the address bar', async ({
  browser,
}) => {
  // Three tabs in two browsers and a sign-in.
  test.slow();
  const loginUrl = await newLoginUrl();
  const baseUrl = (await fileClient()).host.url;

  const strangerBrowser = await browser.newContext();
  const ownerBrowser = await browser.newContext();
  const stranger = await strangerBrowser.newPage();
  await stranger.goto(baseUrl);
  await expect(stranger.getByRole('heading', { name: '请从程序显示的地址打开' })).toBeVisible();
  await expect(stranger.getByText('按回车键可获得新的地址')).toBeVisible();
  await expect(stranger.getByRole('button', { name: '登录' })).toHaveCount(0);

  const owner = await ownerBrowser.newPage();
  await owner.goto(loginUrl);
  await expect(owner).toHaveURL(`${baseUrl}/`);
  await expect(owner.getByRole('button', { name: '登录' })).toBeVisible();
  // The session cookie is HttpOnly: the page's own scripts cannot read it.
  expect(await owner.evaluate(() => document.cookie)).toBe('');
  await loginAs(owner, 'unitadmin', 'Unit@2026');
  await expect(owner.getByTestId('current-user')).toContainText('李明');

  // The same address in another browser: already spent. A new tab of the signed-in browser is in.
  await stranger.goto(loginUrl);
  await expect(stranger.getByRole('heading', { name: '该地址已失效' })).toBeVisible();
  const secondTab = await ownerBrowser.newPage();
  await secondTab.goto(baseUrl);
  await expect(secondTab.getByTestId('current-user')).toContainText('李明');

  await owner.getByRole('button', { name: '退出登录' }).click();
  await expect(owner.getByRole('button', { name: '登录' })).toBeVisible();
  await strangerBrowser.close();
  await ownerBrowser.close();
});
