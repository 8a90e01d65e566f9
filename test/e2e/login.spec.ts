import { DEMO_ACCOUNTS } from '../../src-server/demo/accounts';
import { expect, loginAs, screenshotPath, test } from './fixtures';

const ROLE_TEXT: Record<string, string> = {
  unitadmin: '单位管理员',
  deptadmin: '主管部门管理员',
  newuser: '个人用户',
  cqadmin: '职改办',
};

test.describe('登录', () => {
  test('shows the manual labels', async ({ app }) => {
    await expect(app.getByText('重庆市政务服务网统一认证中心')).toBeVisible();
    await expect(app.getByRole('tab', { name: '个人用户' })).toBeVisible();
    await expect(app.getByRole('button', { name: '登录' })).toBeVisible();
    await expect(app.getByText('忘记密码?')).toBeVisible();
    await expect(app.getByText('用户注册')).toBeVisible();
    await app.screenshot({ path: screenshotPath('login') });
  });

  for (const account of DEMO_ACCOUNTS) {
    for (const [how, identifier] of [
      ['account name', account.account],
      ['phone number', account.mobile],
      ['ID number', account.idNumber],
    ] as const) {
      test(`${account.account} logs in by ${how}`, async ({ app }) => {
        await loginAs(app, identifier, account.password);
        const header = app.getByTestId('current-user');
        await expect(header).toContainText(account.name);
        await expect(header).toContainText(ROLE_TEXT[account.account] ?? '?');
        if (account.account === 'unitadmin') {
          await expect(app.getByText('重庆市示例人民医院')).toBeVisible();
          await expect(app.getByText('演示数据')).toBeVisible();
          await app.screenshot({ path: screenshotPath('home') });
        }
        await app.getByRole('button', { name: '退出登录' }).click();
        await expect(app.getByRole('button', { name: '登录' })).toBeVisible();
      });
    }
  }

  test('a wrong password shows a message and keeps what was typed', async ({ app }) => {
    await loginAs(app, 'unitadmin', 'Wrong@2026');
    await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
    await expect(app.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue('unitadmin');
    await app.screenshot({ path: screenshotPath('login-error') });
  });

  test('an unknown account shows a message', async ({ app }) => {
    await loginAs(app, 'nobody_here', 'Unit@2026');
    await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
  });

  test('empty fields say what to fill in', async ({ app }) => {
    await app.getByRole('button', { name: '登录' }).click();
    await expect(app.getByText('请输入用户名/手机号码/身份证号')).toBeVisible();
    await expect(app.getByText('请输入密码')).toBeVisible();
  });

  test('the session survives a reload', async ({ app }) => {
    await loginAs(app, 'unitadmin', 'Unit@2026');
    await expect(app.getByTestId('current-user')).toContainText('李明');
    await app.reload();
    await expect(app.getByTestId('current-user')).toContainText('李明');
    await app.getByRole('button', { name: '退出登录' }).click();
  });
});
