import type { Page } from '@playwright/test';
import { expect, screenshotPath, test } from './fixtures';
import {
  cellText,
  DEPT,
  listRows,
  section,
  signIn,
  signOut,
  statusFilter,
  UNIT,
  useReviewWorld,
} from './review-world';

/**
 * 键盘审核: after the list is open (sign-in and the menu with the mouse), a reviewer works with the keyboard
 * alone: a row of the list, 审核 with Enter, fields with J/K and sections with N/P, a comment written in the
 * field's box (letters there are text, not shortcuts), Esc back to the field, the next application with
 * Alt+↓, the ? overlay, and 审核通过 with T through its confirmation. Not one click after the list opened.
 */

const world = useReviewWorld('review-keyboard');

/** What has the focus, by its aria-label (a field's 意见, a section) or its text. */
async function focusName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });
}

async function expectFocus(page: Page, name: string) {
  await expect.poll(() => focusName(page)).toBe(name);
}

test('a reviewer reviews from the keyboard: fields, sections, a comment, the next application, ? and 审核通过', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, world, UNIT);
  const rows = listRows(page);
  await expect(rows.nth(1)).toBeVisible();
  const firstNo = await cellText(page, rows.nth(0), '申请书编号');
  const secondNo = await cellText(page, rows.nth(1), '申请书编号');

  // Tab reaches the list's first row (after the filters, the search and the headers).
  const rowFocused = () => page.evaluate(() => document.activeElement?.matches('tr.ant-table-row') ?? false);
  for (let presses = 0; presses < 80 && !(await rowFocused()); presses += 1) await page.keyboard.press('Tab');
  await expect(rows.nth(0)).toBeFocused();
  // ↓/↑ move between rows; Enter opens 审核.
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '申请书审核' });
  // The first opening reads the application and its scans into the cache: on a busy machine it takes a while.
  await expect(dialog.getByText(firstNo).first()).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('基本信息的修改意见', { exact: true })).toBeVisible();

  // J/K over the fields, N/P over the sections, with the focus always to be seen.
  await page.keyboard.press('j');
  await expectFocus(page, '意见:申报信息 申请书编号');
  await page.keyboard.press('j');
  await expectFocus(page, '意见:申报信息 年度');
  await page.keyboard.press('k');
  await expectFocus(page, '意见:申报信息 申请书编号');
  await page.keyboard.press('n');
  await expectFocus(page, '基本信息');
  await page.keyboard.press('n');
  await expectFocus(page, '教育经历');
  await expect(section(dialog, '教育经历')).toBeInViewport();
  await page.keyboard.press('p');
  await expectFocus(page, '基本信息');
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('j');
  await expectFocus(page, '意见:基本信息 手机号');
  const phone = dialog.getByLabel('意见:基本信息 手机号', { exact: true });
  // The ring around the stop is drawn (not only the browser's default for a click).
  expect(await phone.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');

  // Enter opens the field's box; what is typed there is text, however many J/K/T it has.
  await page.keyboard.press('Enter');
  const box = dialog.getByLabel('基本信息 手机号的修改意见', { exact: true });
  await expect(box).toBeFocused();
  await page.keyboard.type('手机号无法接通,请核对 (jk tnp)');
  await expect(box).toHaveValue('手机号无法接通,请核对 (jk tnp)');
  await expect(box).toBeFocused();
  await expect(page.getByText(/公示表需在单位公示不少于/)).toBeHidden();
  // Esc leaves the box for its field; the dialog stays, the comment is saved.
  await page.keyboard.press('Escape');
  await expect(phone).toBeFocused();
  await expect(dialog).toBeVisible();
  const ownGroup = dialog
    .getByRole('group')
    .filter({ has: page.getByLabel('基本信息 手机号的修改意见', { exact: true }) });
  await expect(ownGroup.last()).toContainText('已保存');
  await expect(dialog.getByText('此申请书有1条修改意见,是否全部显示')).toBeVisible();

  // Alt+↓: the next application of the list, in the same dialog.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(dialog.getByText(secondNo).first()).toBeVisible();
  await expect(dialog.getByText('此申请书有0条修改意见,是否全部显示')).toBeVisible();
  await expect(dialog.getByRole('button', { name: '下一份' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Alt+ArrowDown',
  );

  // ? lists the keys over the dialog; Esc closes the list and only the list.
  await page.keyboard.press('Shift+?');
  const overlay = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(overlay).toBeVisible();
  await expect(overlay.getByText('在意见框中插入常用意见')).toBeVisible();
  await expect(overlay.getByText('下一份申请书(按列表顺序)')).toBeVisible();
  await page.screenshot({ path: screenshotPath('review-shortcuts') });
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await expect(dialog).toBeVisible();

  // T opens 审核通过's confirmation with its 确定 focused; Enter confirms the default publicity period.
  const approve = dialog.getByRole('button', { name: '审核通过,打印公示表' });
  await expect(approve).toHaveAttribute('aria-keyshortcuts', 'T');
  await expect(approve.locator('kbd')).toHaveText('T');
  await page.keyboard.press('t');
  const period = page.locator('.ant-modal').filter({ hasText: /公示表需在单位公示不少于5个工作日/ });
  await expect(period).toBeVisible();
  await expect(period.getByRole('button', { name: '确定', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  // The 公示表 preview opens at once; Esc closes it.
  const preview = page.getByRole('dialog', { name: '打印公示表' });
  await expect(preview.getByText(/共\d+页/)).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(dialog.getByTestId('decision-status')).toContainText(/待同步|已生效/);
  // The focus is back on the application, to be seen (the confirmation it was in has gone meanwhile).
  await expect(dialog.locator('[data-review-stop]:focus-visible')).toHaveCount(1);
  // 再次打印公示表 (offered while the approval waits to be sent): Esc on its preview gives the focus back to it.
  const reprint = dialog.getByRole('button', { name: '再次打印公示表' });
  await reprint.focus();
  await page.keyboard.press('Enter');
  await expect(preview.getByText(/共\d+页/)).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(reprint).toBeFocused();

  // Esc closes the dialog; the focus is back on the list (the approved application has left 待单位审核), on
  // the row after it, ready for ↓ and Enter.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('tr.ant-table-row:focus')).toHaveCount(1);
  await expect(page.locator('tr.ant-table-row:focus')).not.toContainText(secondNo);
});

test('the department reviews from the keyboard: 审核通过 confirmed, and 回退 to the unit chosen with the arrows', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The client is still signed in as the unit from the journey before (the session is the core's).
  await page.goto(world.client.host.newLoginUrl());
  const signedIn = page.getByRole('button', { name: '退出登录' });
  const login = page.getByRole('button', { name: '登录' });
  await expect(signedIn.or(login)).toBeVisible();
  if (await signedIn.isVisible()) await signOut(page);
  await signIn(page, world, DEPT);
  await statusFilter(page, '待主管部门审核').click();
  const rows = listRows(page);
  await expect(rows.nth(1)).toBeVisible();
  const firstNo = await cellText(page, rows.nth(0), '申请书编号');
  const secondNo = await cellText(page, rows.nth(1), '申请书编号');
  // (The mouse's last use: the filter. From here the keyboard alone.)
  await rows.nth(0).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '申请书审核' });
  await expect(dialog.getByText(firstNo).first()).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByLabel('申报信息的修改意见', { exact: true })).toBeVisible();

  // T opens 审核通过's confirmation with 确定 focused; Esc cancels it and gives the focus back to the field.
  await page.keyboard.press('j');
  const field = dialog.getByLabel('意见:申报信息 申请书编号', { exact: true });
  await expect(field).toBeFocused();
  const question = page.locator('.ant-popconfirm').filter({ hasText: '确定审核通过,报送评委会?' });
  const confirm = question.getByRole('button', { name: '确定' });
  await page.keyboard.press('t');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(field).toBeFocused();
  // Opened again, 确定 has the focus again.
  await page.keyboard.press('t');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field).toBeFocused();

  // A comment on the section, then H: 退回到 chosen with the arrows (退回单位 or 退回个人), sent with Enter.
  await page.keyboard.press('p');
  await page.keyboard.press('Enter');
  await page.keyboard.type('请单位核实任职时间后重新上报');
  await page.keyboard.press('Escape');
  await expect(dialog.getByText('此申请书有1条修改意见,是否全部显示')).toBeVisible();
  await page.keyboard.press('h');
  const returning = page.locator('.ant-modal').filter({ hasText: /将随本次退回发送1条修改意见/ });
  await expect(returning).toBeVisible();
  const toUnit = returning.getByRole('radio', { name: '退回单位' });
  const toApplicant = returning.getByRole('radio', { name: '退回个人' });
  // The chosen target has the focus, as 确定 has in 审核通过's confirmation: Enter sends it.
  await expect(toUnit).toBeChecked();
  await expect(toUnit).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toApplicant).toBeChecked();
  await page.keyboard.press('ArrowLeft');
  await expect(toUnit).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(returning).toBeHidden();
  await expect(dialog.getByTestId('decision-status')).toContainText('已生效', { timeout: 30_000 });
  await expect(dialog.getByTestId('decision-status')).toContainText('退回单位');

  // Alt+↓: the next one, approved with T and Enter.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(dialog.getByText(secondNo).first()).toBeVisible();
  await page.keyboard.press('t');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('decision-status')).toContainText('已生效', { timeout: 30_000 });
  await expect(dialog.getByTestId('decision-status')).toContainText('审核通过');
});
