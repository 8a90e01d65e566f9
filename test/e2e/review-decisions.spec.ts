import { chinaDateOf } from '../../src-shared/domain/calendar';
import { resubmitAsApplicant } from '../support/applicant-client';
import { expect, loginAs, screenshotPath, test } from './fixtures';
import {
  approveWithDefaultPeriod,
  closeDialog,
  closeFormsPreview,
  confirmDecision,
  dayAfter,
  DEPT,
  expectDecisionApplied,
  findRow,
  firstWaiting,
  openReviewDialog,
  RETURN,
  returnWith,
  section,
  signIn,
  signOut,
  UNIT,
  useReviewWorld,
  writeComment,
} from './review-world';

/**
 * 申请书审核 from start to end, as the unit and the competent department do it: comments on sections and a
 * field, a return, the applicant's resubmission (through the applicant API), the changes since the return,
 * approval with a publicity period, 上报主管部门 once the period is over, a return by the department to
 * the unit, reporting up again and the department's approval. Then the same work offline: drafts and a
 * decision kept through a page reload and a restart of the web host, sent once when the server returns.
 *
 * Time: the server's, the core's and the page's clocks move together by `clockOffsetMs`, so the end of a
 * publicity period arrives without waiting a week.
 */

const world = useReviewWorld('decisions');

test('the unit returns with comments, approves the resubmission, reports up; the department returns and approves', async ({
  page,
}) => {
  // Five role changes and a dozen synced decisions.
  test.setTimeout(360_000);
  await signIn(page, world, UNIT);
  const applicationNo = await firstWaiting(page);
  const applicationId = await world.applicationIdOf(applicationNo);

  // Round 1: comments on two sections and one field, then 审核不通过,回退 to the applicant.
  let dialog = await openReviewDialog(page, applicationNo);
  await expect(dialog.getByText('此申请书有0条修改意见,是否全部显示')).toBeVisible();
  await expect(dialog.getByRole('button', { name: RETURN, exact: true })).toBeDisabled();
  await writeComment(dialog, '教育经历的修改意见', '请补充最高学历的学位证书编号');
  await writeComment(dialog, '继续教育的修改意见', '继续教育学时不足,请补充2025年度专业课学时');
  await section(dialog, '基本信息').getByLabel('意见:基本信息 手机号').click();
  await writeComment(dialog, '基本信息 手机号的修改意见', '手机号无法接通,请核对');
  await expect(dialog.getByText('此申请书有3条修改意见,是否全部显示')).toBeVisible();
  // The navigator scrolls to a section and marks the one in view.
  await dialog
    .getByRole('navigation', { name: '申请书目录' })
    .getByRole('link', { name: '继续教育' })
    .click();
  await expect(dialog.locator('.ant-anchor-link-title-active')).toHaveText('继续教育');
  await expect(section(dialog, '继续教育').getByRole('heading', { name: '继续教育' })).toBeInViewport();
  await dialog
    .getByRole('navigation', { name: '申请书目录' })
    .getByRole('link', { name: '基本信息' })
    .click();
  await expect(dialog.locator('.ant-anchor-link-title-active')).toHaveText('基本信息');
  await page.screenshot({ path: screenshotPath('review-dialog') });
  await returnWith(page, dialog, '退回个人');
  await expect(dialog.getByTestId('decision-status')).toContainText(/待同步|已生效/);
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('单位退回');

  // The applicant fixes the phone and adds continuing education, then submits again.
  const newMobile = '13983001234';
  await resubmitAsApplicant(world.server, applicationId, (content) => {
    const basicInfo = content.basicInfo;
    if (!basicInfo || Array.isArray(basicInfo)) throw new Error('no 基本信息');
    basicInfo.mobile = newMobile;
    const rowsOf = content.continuingEducation;
    if (!Array.isArray(rowsOf)) throw new Error('no 继续教育 rows');
    rowsOf.push({ year: '2025', project: '医疗质量安全专题培训', hours: 24, category: '专业课' });
  });
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(await findRow(page, applicationNo)).toContainText('待单位审核');

  // Round 2: the earlier comments under their targets, what changed marked, nothing counted yet.
  dialog = await openReviewDialog(page, applicationNo);
  await expect(dialog.getByText('此申请书有0条修改意见,是否全部显示')).toBeVisible();
  await expect(dialog.getByText('标有“已修改”的内容是申报人在上次退回后修改的')).toBeVisible();
  const continuing = section(dialog, '继续教育');
  await expect(continuing).toContainText('请补充2025年度专业课学时');
  await expect(continuing).toContainText('第1轮');
  await expect(continuing).toContainText('医疗质量安全专题培训');
  await expect(continuing.getByText('已修改').first()).toBeVisible();
  const basicInfo = section(dialog, '基本信息');
  await expect(basicInfo.getByText(newMobile)).toBeVisible();
  await expect(basicInfo.locator('td').filter({ hasText: newMobile }).getByText('已修改')).toBeVisible();
  await dialog.getByLabel('是', { exact: true }).check();
  await expect(basicInfo).toContainText('手机号无法接通,请核对');
  await basicInfo.getByText('手机号无法接通,请核对').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('review-dialog-resubmitted') });

  // 审核通过,打印公示表 with the default period (today and five working days on).
  const end = await approveWithDefaultPeriod(page, dialog);
  await closeFormsPreview(page, applicationNo);
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('单位公示中');

  // Before the end date 上报主管部门 is not offered as possible.
  dialog = await openReviewDialog(page, applicationNo);
  await expect(dialog.getByText(`至 ${end}`)).toBeVisible();
  await expect(dialog.getByRole('button', { name: '上报主管部门', exact: true })).toBeDisabled();
  await closeDialog(dialog);

  // The day after the period: the unit reports it up.
  // A week on, the server has ended the session (its maximum age): the reviewer signs in again.
  await world.setClocks(page, dayAfter(end));
  await page.reload();
  await expect(page.getByText('登录已失效,请重新登录')).toBeVisible();
  await signIn(page, world, UNIT);
  dialog = await openReviewDialog(page, applicationNo);
  await confirmDecision(page, dialog, '上报主管部门');
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('待主管部门审核');
  await signOut(page);

  // The department returns it to the unit with a comment.
  await signIn(page, world, DEPT);
  dialog = await openReviewDialog(page, applicationNo);
  await writeComment(dialog, '论文的修改意见', '请单位核实论文的刊号后重新上报');
  await returnWith(page, dialog, '退回单位');
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('主管部门退回');
  await signOut(page);

  // The unit has checked and reports it up again.
  await signIn(page, world, UNIT);
  dialog = await openReviewDialog(page, applicationNo);
  await expect(dialog).toContainText('请单位核实论文的刊号后重新上报');
  await confirmDecision(page, dialog, '上报主管部门');
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await signOut(page);

  // The department approves: on to the review committee.
  await signIn(page, world, DEPT);
  dialog = await openReviewDialog(page, applicationNo);
  await confirmDecision(page, dialog, '审核通过');
  await expectDecisionApplied(dialog);
  await closeDialog(dialog);
  await expect(await findRow(page, applicationNo)).toContainText('待评委会受理');

  // The server's history has every step once, in order.
  const history = await world.server.platform.db
    .selectFrom('application_events')
    .select('action')
    .where('application_id', '=', applicationId)
    .where('action', '!=', 'saved')
    .orderBy('seq')
    .execute();
  expect(history.map((event) => event.action).slice(-7)).toEqual([
    'unitReturn',
    'resubmit',
    'unitApprove',
    'reportUp',
    'deptReturnToUnit',
    'reportUpAgain',
    'deptApprove',
  ]);
  await signOut(page);
});

test('offline: drafts and an approval survive a reload and a restart of the web host, and land once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await world.setClocks(page, chinaDateOf(new Date()));
  await signIn(page, world, UNIT);
  const approved = await firstWaiting(page, 0);
  const drafted = await firstWaiting(page, 1);

  // The server goes away.
  await world.stopServer();
  await page.getByRole('button', { name: '立即同步' }).click();
  await expect(page.getByText('离线', { exact: true })).toBeVisible();

  // A comment and 审核通过 on one application, a draft on another.
  let dialog = await openReviewDialog(page, approved);
  await writeComment(dialog, '工作经历的修改意见', '工作经历与档案记载一致,已核对');
  await approveWithDefaultPeriod(page, dialog);
  // Printed offline, from the cache, with the period waiting to be sent.
  await closeFormsPreview(page, approved);
  await expect(dialog.getByTestId('decision-status')).toContainText('待同步');
  await closeDialog(dialog);
  await expect(await findRow(page, approved)).toContainText('待同步');
  dialog = await openReviewDialog(page, drafted);
  await writeComment(dialog, '年度考核的修改意见', '请上传2024年度考核表');
  await closeDialog(dialog);

  // A reload: the core kept everything, and the page lands on the list it was on.
  await page.reload();
  await expect(page.getByRole('button', { name: /返回单位中心/ })).toBeVisible();
  await expect(await findRow(page, approved)).toContainText('待同步');
  dialog = await openReviewDialog(page, drafted);
  await expect(dialog.getByLabel('年度考核的修改意见', { exact: true })).toHaveValue('请上传2024年度考核表');
  await closeDialog(dialog);

  // The web host restarts (its session is held in memory, so the user signs in again once the server
  // is back); the cache on disk is the same.
  await world.restartClient();
  await page.goto(world.client.host.newLoginUrl());
  await loginAs(page, UNIT.account, UNIT.password);
  await expect(page.getByText(/无法连接|网络/).first()).toBeVisible();

  // The server returns: sign in, the waiting decision is sent by the first sync, once.
  await world.startServer();
  await signIn(page, world, UNIT);
  await expect(await findRow(page, approved)).toContainText('单位公示中', { timeout: 30_000 });
  dialog = await openReviewDialog(page, drafted);
  await expect(dialog.getByLabel('年度考核的修改意见', { exact: true })).toHaveValue('请上传2024年度考核表');
  await closeDialog(dialog);

  const approvals = await world.server.platform.db
    .selectFrom('application_events')
    .select('action')
    .where('application_id', '=', await world.applicationIdOf(approved))
    .where('action', '=', 'unitApprove')
    .execute();
  expect(approvals).toHaveLength(1);
  await signOut(page);
});
