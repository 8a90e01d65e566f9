import type { Page } from '@playwright/test';
import { chinaDateOf } from '../../src-shared/domain/calendar';
import { expect, loginAs, screenshotPath, test } from './fixtures';
import { workbookRows } from './read-workbook';
import {
  approveWithDefaultPeriod,
  cellText,
  closeDialog,
  closeFormsPreview,
  listRows,
  signOut,
  statusFilter,
  UNIT,
  useReviewWorld,
} from './review-world';

/**
 * 单位中心's start page: the unit administrator sees what waits, opens 待我审核 and finds exactly those
 * applications, decides one while the server is away, and the numbers follow: one less to review, one
 * 待同步 (which, still offline, exports to Excel as the list shows it), and none once the server is back
 * and has it. In a world of its own: it decides an application.
 */

const world = useReviewWorld('unit-center');

/** The number on a tile of the start page, read from its accessible name (待我审核:12份). */
async function tileCount(page: Page, label: string): Promise<number> {
  const tile = page.getByRole('button', { name: new RegExp(`^${label}:\\d+份$`) });
  await expect(tile).toBeVisible();
  const name = (await tile.getAttribute('aria-label')) ?? '';
  return Number(/:(\d+)份$/.exec(name)?.[1]);
}

/** The 单位公示中 bar's number in the chart by state (0 without a bar). */
async function publicityBar(page: Page): Promise<number> {
  const bar = page
    .getByRole('region', { name: '按状态' })
    .getByRole('listitem')
    .filter({ hasText: '单位公示中' });
  if ((await bar.count()) === 0) return 0;
  return Number(/(\d+)份/.exec(await bar.innerText())?.[1]);
}

const tile = (page: Page, label: string, count: number) =>
  page.getByRole('button', { name: `${label}:${count}份`, exact: true });

test('the start page counts what waits, opens exactly those, and follows a decision made offline', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await world.setClocks(page, chinaDateOf(new Date()));
  await page.goto(world.client.host.newLoginUrl());
  await loginAs(page, UNIT.account, UNIT.password);
  await page.getByRole('menuitem', { name: '单位中心' }).click();

  // The demo hospital: every application waiting for the unit is waiting for this reviewer.
  await expect(tile(page, '待同步', 0)).toBeVisible();
  const waiting = await tileCount(page, '待我审核');
  expect(waiting).toBeGreaterThan(1);
  const byState = page.getByRole('region', { name: '按状态' });
  await expect(byState.getByRole('listitem').filter({ hasText: '待单位审核' })).toContainText(`${waiting}份`);
  await expect(page.getByRole('region', { name: '按申报系列' }).getByRole('listitem').first()).toBeVisible();
  const inPublicity = await publicityBar(page);
  await page.screenshot({ path: screenshotPath('unit-overview'), fullPage: true });

  // 待我审核 opens the list narrowed to exactly those, on their tab, with a chip saying so.
  await tile(page, '待我审核', waiting).click();
  await expect(page.getByRole('status', { name: '筛选:待我审核' })).toBeVisible();
  await expect(statusFilter(page, '待单位审核')).toHaveClass(/ant-segmented-item-selected/);
  await expect(listRows(page)).toHaveCount(waiting);
  await expect(listRows(page).filter({ hasText: '待单位审核' })).toHaveCount(waiting);

  // The server goes away; the reviewer approves the first one all the same.
  await world.stopServer();
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByText('离线', { exact: true })).toBeVisible();
  const decided = await cellText(page, listRows(page).first(), '申请书编号');
  await listRows(page).first().getByRole('button', { name: '审核', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '申请书审核' });
  await expect(dialog.getByText(decided).first()).toBeVisible();
  await approveWithDefaultPeriod(page, dialog);
  await closeFormsPreview(page, decided);
  await expect(dialog.getByTestId('decision-status')).toContainText('待同步');
  await closeDialog(dialog);
  // Decided here: no longer waiting for the reviewer, though the server has not heard of it.
  await expect(listRows(page)).toHaveCount(waiting - 1);
  await expect(listRows(page).filter({ hasText: decided })).toHaveCount(0);

  // The chip's × gives back the whole tab, the decided one among them, marked 待同步.
  await page.getByRole('button', { name: '取消“待我审核”筛选' }).click();
  await expect(page.getByRole('status', { name: /筛选/ })).toBeHidden();
  await expect(listRows(page)).toHaveCount(waiting);
  await expect(listRows(page).filter({ hasText: decided })).toContainText('待同步');

  // Back on the start page: one less to review, one 待同步.
  await page.getByRole('button', { name: /返回单位中心/ }).click();
  await expect(tile(page, '待我审核', waiting - 1)).toBeVisible();
  await expect(tile(page, '待同步', 1)).toBeVisible();
  await tile(page, '待同步', 1).click();
  await expect(page.getByRole('status', { name: '筛选:待同步' })).toBeVisible();
  await expect(listRows(page)).toHaveCount(1);
  await expect(listRows(page).first()).toContainText(decided);

  // Still offline, 导出Excel writes that list from the cache: the one application, not its whole tab.
  await page.getByRole('button', { name: '导出Excel' }).click();
  const exportDialog = page.getByRole('dialog', { name: '导出Excel' });
  await expect(exportDialog.getByRole('radio', { name: '当前筛选结果(1条)' })).toBeChecked();
  const download = page.waitForEvent('download');
  await exportDialog.getByRole('button', { name: /导\s*出/ }).click();
  const exported = await workbookRows(await download);
  await expect(exportDialog.getByText('已导出1条')).toBeVisible();
  // As the row shows it: the server's state, and the approval on its way.
  expect(exported.map((row) => [row['申请书编号'], row['状态']])).toEqual([[decided, '待单位审核(待同步)']]);
  await exportDialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(exportDialog).toBeHidden();

  // The server returns and takes the decision: nothing waits to be sent, and the chart has it in publicity.
  await world.startServer();
  await page.getByRole('button', { name: /返回单位中心/ }).click();
  await expect(tile(page, '待同步', 0)).toBeVisible({ timeout: 30_000 });
  await expect(tile(page, '待我审核', waiting - 1)).toBeVisible();
  expect(await publicityBar(page)).toBe(inPublicity + 1);
  await signOut(page);
});
