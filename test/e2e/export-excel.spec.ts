import type { Page } from '@playwright/test';
import { expect, loginAs, screenshotPath, test } from './fixtures';
import { workbookRows } from './read-workbook';
import { cellText, listRows, openReviewList, statusFilter } from './review-world';

/**
 * 导出Excel: the unit administrator filters and sorts the list, exports it, and the saved workbook holds the
 * rows the screen shows, in its order, with masked ID numbers; then picks applications in publicity and
 * exports their 公示名单 from the print preview. Exporting changes no data, so it runs on the shared client.
 */

async function shownRows(page: Page): Promise<{ applicationNo: string; name: string; maskedId: string }[]> {
  const shown = [];
  for (const row of await listRows(page).all()) {
    const nameCell = await row
      .locator('td')
      .filter({ hasText: /\*{4,}/ })
      .innerText();
    shown.push({
      applicationNo: await cellText(page, row, '申请书编号'),
      name: await cellText(page, row, '姓名'),
      // The name, then the masked ID number on the same line.
      maskedId: nameCell.trim().split(/\s+/)[1] ?? '',
    });
  }
  return shown;
}

test('export the filtered list and the 公示名单 to Excel, and read the files back', async ({ app: page }) => {
  await loginAs(page, 'unitadmin', 'Unit@2026');
  await openReviewList(page);

  // 待单位审核, sorted by 申请书编号 from the last.
  await statusFilter(page, '待单位审核').click();
  await page.locator('.ant-table-thead th').filter({ hasText: '申请书编号' }).click();
  await page.locator('.ant-table-thead th').filter({ hasText: '申请书编号' }).click();
  await expect(page.locator('.ant-table-thead th[aria-sort="descending"]')).toContainText('申请书编号');
  await expect(listRows(page)).toHaveCount(12);
  const shown = await shownRows(page);

  await page.getByRole('button', { name: '导出Excel' }).click();
  const dialog = page.getByRole('dialog', { name: '导出Excel' });
  await expect(dialog.getByRole('radio', { name: '当前筛选结果(12条)' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '导出完整身份证号' })).not.toBeChecked();
  await page.screenshot({ path: screenshotPath('export-excel') });
  const listDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /导\s*出/ }).click();
  const listFile = await listDownload;
  expect(listFile.suggestedFilename()).toMatch(/^职称申报审核_重庆市示例人民医院_\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(dialog.getByText('已导出12条')).toBeVisible();
  const exported = await workbookRows(listFile);
  expect(exported.map((row) => [row['申请书编号'], row['姓名'], row['身份证号'], row['状态']])).toEqual(
    shown.map((row) => [row.applicationNo, row.name, row.maskedId, '待单位审核']),
  );
  expect(exported.every((row) => row['提交时间'] instanceof Date)).toBe(true);
  // 关闭 takes the focus from 导出 (gone); Enter closes, and the focus is back on the list's 导出Excel.
  const close = dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator(':focus')).toHaveText('导出Excel');

  // Two applications in publicity, picked, their 公示名单 previewed and exported.
  await statusFilter(page, '单位公示中').click();
  await expect(listRows(page).first()).toBeVisible();
  const picked: string[] = [];
  const count = Math.min(2, await listRows(page).count());
  for (let index = 0; index < count; index += 1) {
    const row = listRows(page).nth(index);
    picked.push(await cellText(page, row, '姓名'));
    await row.getByRole('checkbox').check();
  }
  await page.getByRole('toolbar', { name: '批量打印' }).getByRole('button', { name: '打印公示名单' }).click();
  const preview = page.getByRole('dialog', { name: '打印公示名单' });
  await expect(preview.getByText(/^共\d+页$/)).toBeVisible({ timeout: 30_000 });
  const publicityDownload = page.waitForEvent('download');
  await preview.getByRole('button', { name: '导出Excel' }).click();
  const publicityFile = await publicityDownload;
  expect(publicityFile.suggestedFilename()).toMatch(/^公示名单_重庆市示例人民医院_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const posted = await workbookRows(publicityFile);
  expect(posted.map((row) => row['姓名'])).toEqual(picked);
  expect(posted.every((row) => row['公示开始日期'] instanceof Date)).toBe(true);
  await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(preview).toBeHidden();
  await expect(
    page.getByRole('toolbar', { name: '批量打印' }).getByRole('button', { name: '打印公示名单' }),
  ).toBeFocused();
  await page.getByRole('button', { name: '取消选择' }).click();
});
