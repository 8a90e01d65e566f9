import { expect, loginAs, screenshotPath, test } from './fixtures';
import {
  approveWithDefaultPeriod,
  closeDialog,
  closeFormsPreview,
  confirmDecision,
  expectDecisionApplied,
  findRow,
  firstWaiting,
  openReviewDialog,
  signIn,
  signOut,
  UNIT,
  useReviewWorld,
} from './review-world';

/**
 * 节假日安排: the 职改办 (cqadmin) declares a day off inside a unit's running publicity, and the unit's
 * period ends later: its list, the review dialog and the 上报主管部门 gate count by the new table after
 * the unit's client has synced, and the unit reports up only after the moved end.
 *
 * Time: every clock of the world starts on Monday 2026-03-02 (a week without holidays in the shipped
 * 2026 notice), so the default period is Monday to Friday, and then moves as the journey needs.
 */

const world = useReviewWorld('holidays');
const OFFICE = { account: 'cqadmin', password: 'Admin@2026' };

test('the 职改办 adds a holiday inside a running publicity, and the unit’s period ends later', async ({
  page,
}) => {
  // Three sign-ins, two clock moves and four synced decisions.
  test.setTimeout(240_000);
  await world.setClocks(page, '2026-03-02');

  // The unit approves with the default period: Monday to Friday.
  await signIn(page, world, UNIT);
  const applicationNo = await firstWaiting(page);
  let dialog = await openReviewDialog(page, applicationNo);
  expect(await approveWithDefaultPeriod(page, dialog)).toBe('2026-03-06');
  await closeFormsPreview(page, applicationNo);
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('公示至2026-03-06');
  await signOut(page);

  // The 职改办 declares Wednesday a day off.
  await page.goto(world.client.host.newLoginUrl());
  await loginAs(page, OFFICE.account, OFFICE.password);
  await page.getByRole('menuitem', { name: '节假日安排' }).click();
  await expect(page.getByLabel('通知名称')).toHaveValue('国务院办公厅关于2026年部分节假日安排的通知');
  await expect(page.getByLabel('第2个节日的节日名称')).toHaveValue('春节');
  await expect(page.getByLabel('第2个节日的放假日期')).toHaveValue('2026-02-15至2026-02-23');
  await page.getByRole('button', { name: '添加节日' }).click();
  await page.getByLabel('第8个节日的节日名称').fill('临时休假');
  // A mistake first: the message stands beside the field, the text stays as typed.
  await page.getByLabel('第8个节日的放假日期').fill('2026-03-4');
  await page.getByRole('button', { name: '保存2026年节假日安排' }).click();
  await expect(page.getByText('“2026-03-4”不是有效日期,请按YYYY-MM-DD填写')).toBeVisible();
  await expect(page.getByLabel('第8个节日的节日名称')).toHaveValue('临时休假');
  await page.getByLabel('第8个节日的放假日期').fill('2026-03-04');
  await page.getByLabel('第8个节日的放假日期').blur();
  await page.getByRole('combobox', { name: '年份' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('holidays') });
  await page.getByRole('button', { name: '保存2026年节假日安排' }).click();
  await expect(page.getByText(/已保存2026年节假日安排/)).toBeVisible();
  await expect(page.getByRole('button', { name: '保存2026年节假日安排' })).toBeDisabled();
  const saved = await world.server.platform.db
    .selectFrom('holiday_years')
    .select(['holidays', 'updated_by'])
    .where('year', '=', 2026)
    .executeTakeFirstOrThrow();
  expect(saved.holidays).toContain('"临时休假"');
  expect(saved.updated_by).toContain('(cqadmin)');
  await signOut(page);

  // The unit's client syncs at login and counts by the new table: the publicity ends on Monday.
  await signIn(page, world, UNIT);
  await expect(await findRow(page, applicationNo)).toContainText('公示至2026-03-09');
  dialog = await openReviewDialog(page, applicationNo);
  await expect(dialog.getByText('2026-03-02 至 2026-03-09(因节假日安排顺延,原定2026-03-06)')).toBeVisible();
  await closeDialog(dialog);

  // Saturday, the day after the original end: still too early.
  await world.setClocks(page, '2026-03-07');
  await page.reload();
  await expect(page.getByText('登录已失效,请重新登录')).toBeVisible();
  await signIn(page, world, UNIT);
  dialog = await openReviewDialog(page, applicationNo);
  const reportUp = dialog.getByRole('button', { name: '上报主管部门', exact: true });
  await expect(reportUp).toBeDisabled();
  await reportUp.locator('..').hover();
  await expect(
    page.getByText('因节假日安排,公示期顺延至2026-03-09结束(原定2026-03-06),结束后才能上报主管部门'),
  ).toBeVisible();
  await closeDialog(dialog);

  // Tuesday after the moved end: it goes up.
  await world.setClocks(page, '2026-03-10');
  await page.reload();
  await expect(page.getByText('登录已失效,请重新登录')).toBeVisible();
  await signIn(page, world, UNIT);
  await expect(await findRow(page, applicationNo)).toContainText('可上报');
  dialog = await openReviewDialog(page, applicationNo);
  await confirmDecision(page, dialog, '上报主管部门');
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('待主管部门审核');
});
