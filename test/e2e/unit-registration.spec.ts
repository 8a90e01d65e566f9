import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_UNITS } from '../../src-server/demo/accounts';
import { creditCodeCheckChar } from '../../src-shared/domain/validation';
import { expect, loginAs, screenshotPath, test } from './fixtures';

/**
 * 单位注册 (manual 3.1) and 下级单位注册审核: a person registers a unit, its department rejects it with a
 * reason, the person corrects and resubmits it, the department approves, and 单位中心 opens.
 */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const UNIT_NAME = '重庆市示例科技有限公司';
const DEPARTMENT = '重庆市卫生健康委员会';
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid credit code no one has registered yet (the server's database lives for the whole run). */
function freshCreditCode(): string {
  const tail = Array.from({ length: 7 }, () => CREDIT_CODE_CHARS.charAt(randomInt(CREDIT_CODE_CHARS.length)));
  const first17 = `91500103MA${tail.join('')}`;
  return first17 + creditCodeCheckChar(first17);
}

const hospitalCreditCode = DEMO_UNITS.find((u) => u.key === 'hospital')?.creditCode ?? '';
const newUserName = DEMO_ACCOUNTS.find((a) => a.account === 'newuser')?.name ?? '';

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

async function openForm(page: Page) {
  await page.getByRole('menuitem', { name: '注册管理员' }).click();
  await page.getByRole('button', { name: '注册单位' }).click();
  await expect(page.getByRole('button', { name: '提交注册' })).toBeVisible();
}

/** Picks `option` in the Select labelled `label`, typing `search` first where the Select searches. */
async function choose(page: Page, label: string, option: string, search?: string) {
  const input = page.getByLabel(label, { exact: true });
  if (search === undefined) await input.click({ force: true });
  else await input.fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function fillForm(page: Page, creditCode: string) {
  await page.getByLabel('单位名称').fill(UNIT_NAME);
  await page.getByLabel('统一社会信用代码').fill(creditCode);
  await choose(page, '单位性质', '民营企业');
  await choose(page, '所属行业', '信息传输、软件和信息技术服务业', '信息');
  await choose(page, '所在区县', '渝中区', '渝中');
  await choose(page, '上级主管部门', DEPARTMENT, '卫生健康');
  await page.getByLabel('单位地址').fill('重庆市渝中区示例路1号');
  await page.getByLabel('单位负责人').fill('王强');
  await page.getByLabel('联系电话').fill('023-61234567');
}

async function uploadScan(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator('input[type="file"]').setInputFiles(file);
}

const fieldOf = (page: Page, label: string) =>
  page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) });

/** A row of the review list (the details drawer has rows of its own). */
const rowOf = (page: Page, name: string) => page.locator('.ant-table-row').filter({ hasText: name });

async function openForReview(page: Page, name: string) {
  await loginAs(page, 'deptadmin', 'Dept@2026');
  await page.getByRole('menuitem', { name: '下级单位注册审核' }).click();
  await rowOf(page, name).getByRole('button', { name: '审核', exact: true }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: '单位注册详情' });
  await expect(drawer).toContainText(name);
  return drawer;
}

test.describe('单位注册', () => {
  test('registered, rejected, corrected, approved: then 单位中心 opens', async ({ app }) => {
    // Four people's steps in one journey: on a loaded 2-core machine it outlasts the default minute.
    test.slow();
    const creditCode = freshCreditCode();
    await loginAs(app, 'newuser', 'User@2026');
    await expect(app.getByRole('menuitem', { name: '单位中心' })).toHaveCount(0);
    await openForm(app);
    await expect(app.getByLabel('联系人')).toHaveValue(newUserName);
    await fillForm(app, creditCode);
    await uploadScan(app, { name: '营业执照.png', mimeType: 'image/png', buffer: PNG });
    await expect(app.getByTestId('licence-file-name')).toHaveText('营业执照.png');
    await app.screenshot({
      path: screenshotPath('unit-registration'),
      animations: 'disabled',
      fullPage: true,
    });
    await app.getByRole('button', { name: '提交注册' }).click();
    const mine = app.getByTestId('my-registration').filter({ hasText: creditCode });
    await expect(mine).toContainText('待审核');
    await expect(mine).toContainText(DEPARTMENT);
    await logout(app);

    let drawer = await openForReview(app, UNIT_NAME);
    await expect(drawer).toContainText(creditCode);
    await expect(drawer).toContainText('023-61234567');
    await expect(drawer.getByRole('img', { name: '营业执照.png' })).toBeVisible();
    await expect(rowOf(app, UNIT_NAME)).toContainText('023****4567');
    await app.screenshot({ path: screenshotPath('unit-review'), animations: 'disabled' });
    await drawer.getByRole('button', { name: '审核不通过' }).click();
    const reject = app.getByRole('dialog').filter({ hasText: '审核不通过原因' });
    await reject.getByRole('button', { name: '确定' }).click();
    await expect(reject.getByText('请填写审核不通过的原因')).toBeVisible();
    await reject.getByLabel('审核不通过原因').fill('单位地址不完整,请补充门牌号');
    await reject.getByRole('button', { name: '确定' }).click();
    await expect(rowOf(app, UNIT_NAME)).toHaveCount(0);
    await logout(app);

    await loginAs(app, 'newuser', 'User@2026');
    await app.getByRole('menuitem', { name: '注册管理员' }).click();
    await expect(mine).toContainText('审核不通过');
    await expect(mine).toContainText('单位地址不完整,请补充门牌号');
    await mine.getByRole('button', { name: '修改后重新提交' }).click();
    await expect(app.getByLabel('单位名称')).toHaveValue(UNIT_NAME);
    await expect(app.getByLabel('统一社会信用代码')).toHaveValue(creditCode);
    await expect(fieldOf(app, '上级主管部门')).toContainText(DEPARTMENT);
    await expect(app.getByTestId('licence-file-name')).toHaveText('营业执照.png');
    await app.getByLabel('单位地址').fill('重庆市渝中区示例路1号2单元');
    await app.getByRole('button', { name: '重新提交' }).click();
    await expect(mine).toContainText('待审核');
    await logout(app);

    drawer = await openForReview(app, UNIT_NAME);
    await expect(drawer).toContainText('重庆市渝中区示例路1号2单元');
    await expect(drawer).toContainText('单位地址不完整,请补充门牌号');
    await drawer.getByRole('button', { name: '审核通过' }).click();
    await app.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await expect(rowOf(app, UNIT_NAME)).toHaveCount(0);
    await app.getByText('审核通过', { exact: true }).first().click();
    await expect(rowOf(app, UNIT_NAME)).toContainText('审核通过');
    await logout(app);

    await loginAs(app, 'newuser', 'User@2026');
    await app.reload();
    await expect(app.getByTestId('current-user')).toContainText('单位管理员');
    await app.getByRole('menuitem', { name: '单位中心' }).click();
    await expect(app.getByRole('main')).toContainText(UNIT_NAME);
    await expect(app.getByRole('button', { name: '职称申报审核' })).toBeEnabled();
    await app.screenshot({ path: screenshotPath('unit-center'), animations: 'disabled' });
  });

  test('the form says what is wrong and keeps what was typed', async ({ app }) => {
    await loginAs(app, 'newuser', 'User@2026');
    await openForm(app);

    await app.getByLabel('统一社会信用代码').fill('91500103MA12345678');
    await expect(fieldOf(app, '统一社会信用代码')).toContainText('统一社会信用代码校验位错误');

    await fillForm(app, hospitalCreditCode);
    await app.getByRole('button', { name: '提交注册' }).click();
    await expect(fieldOf(app, '营业执照/法人证书')).toContainText('请上传营业执照/法人证书扫描件');

    await uploadScan(app, { name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('不是扫描件') });
    await expect(fieldOf(app, '营业执照/法人证书')).toContainText(
      '只能上传PDF、JPG或PNG格式的营业执照/法人证书扫描件',
    );
    await expect(app.getByTestId('licence-file-name')).toHaveCount(0);

    await uploadScan(app, { name: '法人证书.png', mimeType: 'image/png', buffer: PNG });
    await expect(app.getByTestId('licence-file-name')).toHaveText('法人证书.png');
    await app.getByRole('button', { name: '提交注册' }).click();
    await expect(fieldOf(app, '统一社会信用代码')).toContainText('该统一社会信用代码已注册');
    await expect(app.getByLabel('单位名称')).toHaveValue(UNIT_NAME);
    await expect(app.getByLabel('单位地址')).toHaveValue('重庆市渝中区示例路1号');
    await expect(fieldOf(app, '上级主管部门')).toContainText(DEPARTMENT);
    await expect(app.getByTestId('licence-file-name')).toHaveText('法人证书.png');
  });

  test('a PDF scan is offered as 下载查看', async ({ app }) => {
    const seeded = DEMO_UNITS.find((u) => u.key === 'communityCentre');
    const drawer = await openForReview(app, seeded?.name ?? '');
    const link = drawer.getByRole('link', { name: '下载查看' });
    await expect(link).toHaveAttribute('href', /^blob:/);
    const download = app.waitForEvent('download');
    await link.click();
    expect((await download).suggestedFilename()).toBe(seeded?.registration?.licenceFileName);
    await app.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
  });
});
