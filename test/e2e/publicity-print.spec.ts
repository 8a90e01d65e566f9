import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { pageTexts } from '../print/poppler';
import { expect, screenshotPath, test } from './fixtures';
import {
  approveWithDefaultPeriod,
  cellText,
  closeDialog,
  expectDecisionApplied,
  findRow,
  firstWaiting,
  listRows,
  openReviewDialog,
  signIn,
  signOut,
  statusFilter,
  UNIT,
  useReviewWorld,
} from './review-world';

/**
 * 公示表: 审核通过,打印公示表 opens the preview of the form (drawn by the core from the cache) with the
 * applicant's name; 另存为PDF saves the same PDF; 再次打印公示表 draws it again; three approved applications
 * picked in the list print as one PDF, and as one 公示名单.
 */

const world = useReviewWorld('print');

function printDialog(page: Page, title: '打印公示表' | '打印公示名单'): Locator {
  return page.getByRole('dialog', { name: title });
}

/** The preview's pages, once pdf.js has drawn all of them. */
async function expectPreview(dialog: Locator, texts: readonly string[]) {
  await expect(dialog.getByText(/^共\d+页$/)).toBeVisible({ timeout: 30_000 });
  for (const text of texts) await expect(dialog.getByText(text).first()).toBeAttached();
}

test('approve and print, save the PDF, print again, print three as one batch and as a 公示名单', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, world, UNIT);
  const applicationNo = await firstWaiting(page);
  const name = await cellText(page, await findRow(page, applicationNo), '姓名');

  // 审核通过,打印公示表: the preview opens at once with the form.
  const dialog = await openReviewDialog(page, applicationNo);
  await approveWithDefaultPeriod(page, dialog);
  const forms = printDialog(page, '打印公示表');
  await expectPreview(forms, [name, applicationNo]);
  await expect(forms.getByText('共1页')).toBeVisible();
  await page.screenshot({ path: screenshotPath('publicity-preview') });

  // 保存并重新生成 from the keyboard and Tab on at once: Tab reaches the preview's 打印 while the settings are
  // saved, and the new preview takes that button away. The focus goes back to 保存并重新生成, never to the
  // page (Tab reaches 关闭 instead should the core answer first: in the dialog all the same).
  const regenerate = forms.getByRole('button', { name: '保存并重新生成' });
  await forms.getByLabel('受理(监督)部门及电话').fill('院人事科 023-63891234');
  await regenerate.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expectPreview(forms, [name]);
  await expect(forms.locator(':focus')).toHaveAccessibleName(/保存并重新生成|关闭/);

  // 另存为PDF: the file is the form, text and all.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    forms.getByRole('button', { name: '另存为PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`公示表-${applicationNo}-${name}.pdf`);
  const saved = await readFile(await download.path());
  expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = (await pageTexts(saved)).join('\n');
  expect(text).toContain('重庆市职称申报综合情况');
  expect(text).toContain(name);

  await forms.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(forms).toBeHidden();
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);

  // 再次打印公示表 from the dialog of the approved application.
  const again = await openReviewDialog(page, applicationNo);
  await again.getByRole('button', { name: '再次打印公示表' }).click();
  await expectPreview(forms, [name]);
  await forms.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(again.getByRole('button', { name: '再次打印公示表' })).toBeFocused();
  await closeDialog(again);

  // Three applications in 单位公示中, picked in the list: one PDF of three forms, then their 公示名单.
  await page.getByPlaceholder('请输入姓名、申请书编号或身份证号').fill('');
  await page.getByPlaceholder('请输入姓名、申请书编号或身份证号').press('Enter');
  await statusFilter(page, '单位公示中').click();
  const picked: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const row = listRows(page).nth(index);
    picked.push(await cellText(page, row, '姓名'));
    await row.getByRole('checkbox').check();
  }
  const bar = page.getByRole('toolbar', { name: '批量打印' });
  await expect(bar).toContainText('已选择3份申报书');
  await bar.getByRole('button', { name: '打印公示表' }).click();
  await expectPreview(forms, picked);
  const pages = Number((await forms.getByText(/^共\d+页$/).innerText()).replace(/\D/g, ''));
  expect(pages).toBeGreaterThanOrEqual(3);
  await forms.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  // The focus is back where the batch was printed from, not on the page.
  await expect(bar.getByRole('button', { name: '打印公示表' })).toBeFocused();

  await bar.getByRole('button', { name: '打印公示名单' }).click();
  const list = printDialog(page, '打印公示名单');
  await expectPreview(list, [...picked, '公示名单']);
  await page.screenshot({ path: screenshotPath('publicity-list') });
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(bar.getByRole('button', { name: '打印公示名单' })).toBeFocused();
  await signOut(page);
});
