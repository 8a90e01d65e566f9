import {
  currentCaptchaId,
  fillBasics,
  getRegistrationCode,
  idNumberBornIn,
  newPerson,
  register,
  wrongCaptchaAnswer,
} from './accounts';
import { expect, loginAs, screenshotPath, test } from './fixtures';

test.describe('用户注册', () => {
  test('a new user registers through the three steps and logs in', async ({ app }) => {
    const person = newPerson();
    await app.getByRole('button', { name: '用户注册' }).click();
    await expect(app.getByText('新用户注册')).toBeVisible();
    await fillBasics(app, person);
    await getRegistrationCode(app, person.mobile);
    await expect(app.getByText(/短信验证码已发送至/)).toBeVisible();
    await app.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await app.screenshot({ path: screenshotPath('register'), fullPage: true, animations: 'disabled' });
    await app.getByRole('button', { name: '注册' }).click();

    await expect(app.getByText(person.name, { exact: true })).toBeVisible();
    await expect(app.getByText(`${person.idNumber[0]}${'*'.repeat(16)}${person.idNumber[17]}`)).toBeVisible();
    await app.getByRole('button', { name: '开始实名认证' }).click();
    await expect(app.getByText(/已注册并通过实名认证/)).toBeVisible();
    await app.getByRole('button', { name: '立即登录' }).click();

    await expect(app.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue(person.account);
    await app.getByLabel('密码').fill(person.password);
    await app.getByRole('button', { name: '登录' }).click();
    await expect(app.getByTestId('current-user')).toContainText(person.name);
    await expect(app.getByTestId('current-user')).toContainText('个人用户');
    await app.getByRole('button', { name: '退出登录' }).click();

    // The same person logs in by phone and by ID number too.
    await loginAs(app, person.mobile, person.password);
    await expect(app.getByTestId('current-user')).toContainText(person.name);
    await app.getByRole('button', { name: '退出登录' }).click();
    await loginAs(app, person.idNumber, person.password);
    await expect(app.getByTestId('current-user')).toContainText(person.name);
    await app.getByRole('button', { name: '退出登录' }).click();
  });

  test('each field says what is wrong and nothing typed is lost', async ({ app }) => {
    const person = newPerson();
    await app.getByRole('button', { name: '用户注册' }).click();
    const cases: [label: string, typed: string, message: string][] = [
      ['用户账号', '1abc', '用户账号须以字母开头,由4-30位字母、数字或下划线组成'],
      ['登录密码', 'abcdefgh1', '登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种'],
      ['确认密码', 'abcdefgh2', '两次输入的密码不一致'],
      ['身份证号码', '36042619910102009X', '身份证号码校验位错误,请核对最后一位'],
      ['手机号', '12345678901', '手机号码应以13-19开头'],
    ];
    for (const [label, typed, message] of cases) {
      await app.getByLabel(label, { exact: true }).fill(typed);
      await expect(app.getByText(message)).toBeVisible();
    }
    await app.getByLabel('用户姓名').fill(person.name);
    for (const [label, typed] of cases)
      await expect(app.getByLabel(label, { exact: true })).toHaveValue(typed);

    // Sending a code checks the mobile (and the captcha) first.
    await app.getByRole('button', { name: '获取短信验证码' }).click();
    await expect(app.getByText('请输入图片验证码')).toBeVisible();

    // A wrong captcha: said on its field, a new image, everything else kept.
    await fillBasics(app, person);
    const firstId = await currentCaptchaId(app);
    await app.getByPlaceholder('请输入图片验证码').fill(await wrongCaptchaAnswer(firstId));
    await app.getByRole('button', { name: '获取短信验证码' }).click();
    await expect(app.getByText('图片验证码错误或已过期,请重新输入')).toBeVisible();
    await currentCaptchaId(app, firstId);
    await expect(app.getByLabel('用户账号')).toHaveValue(person.account);
    await expect(app.getByLabel('手机号')).toHaveValue(person.mobile);

    // A wrong SMS code: said on its field when registering, everything else kept.
    const code = await getRegistrationCode(app, person.mobile);
    await app.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
    await app.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await app.getByRole('button', { name: '注册' }).click();
    await expect(app.getByText(/短信验证码错误/)).toBeVisible();
    await app.screenshot({ path: screenshotPath('register-errors'), fullPage: true, animations: 'disabled' });
    await expect(app.getByLabel('用户账号')).toHaveValue(person.account);
    await expect(app.getByLabel('登录密码')).toHaveValue(person.password);
    await expect(app.getByLabel('身份证号码')).toHaveValue(person.idNumber);

    // The right code then goes through.
    await app.getByLabel('短信验证码').fill(code);
    await app.getByRole('button', { name: '注册' }).click();
    await expect(app.getByRole('button', { name: '开始实名认证' })).toBeVisible();
  });

  test('a taken account is said on its field', async ({ app }) => {
    const first = newPerson();
    await register(app, first);
    await app.getByRole('button', { name: '立即登录' }).click();

    const second = { ...newPerson(), account: first.account };
    await app.getByRole('button', { name: '用户注册' }).click();
    await fillBasics(app, second);
    await getRegistrationCode(app, second.mobile);
    await app.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await app.getByRole('button', { name: '注册' }).click();
    await expect(app.getByText('该用户账号已被注册')).toBeVisible();
    await expect(app.getByLabel('用户账号')).toHaveValue(first.account);
    await expect(app.getByLabel('用户姓名')).toHaveValue(second.name);
  });

  test('a failed 实名认证 shows the reason and goes back with everything typed', async ({ app }) => {
    // Valid checksum, but the holder is a child: the local verifier refuses.
    const person = { ...newPerson(), idNumber: idNumberBornIn(new Date().getFullYear() - 5) };
    await app.getByRole('button', { name: '用户注册' }).click();
    await fillBasics(app, person);
    await getRegistrationCode(app, person.mobile);
    await app.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await app.getByRole('button', { name: '注册' }).click();
    await app.getByRole('button', { name: '开始实名认证' }).click();
    await expect(app.getByText('实名认证未通过', { exact: true })).toBeVisible();
    await expect(app.getByText(/未满16周岁不能注册/)).toBeVisible();
    await app.getByRole('button', { name: '返回修改基本信息' }).click();

    await expect(app.getByLabel('用户账号')).toHaveValue(person.account);
    await expect(app.getByLabel('用户姓名')).toHaveValue(person.name);
    await expect(app.getByLabel('身份证号码')).toHaveValue(person.idNumber);
    await expect(app.getByLabel('短信验证码')).toHaveValue('');

    // The first code was used on the way to step 2: a new one is needed, after the cooldown.
    await expect(app.getByRole('button', { name: /秒后重新获取|获取短信验证码/ })).toBeVisible();
    await expect(app.getByRole('button', { name: '注册' })).toBeVisible();
  });

  test('the agreement can be read', async ({ app }) => {
    await app.getByRole('button', { name: '用户注册' }).click();
    await app.getByRole('link', { name: '《重庆市政务服务网统一认证中心注册协议》' }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog.getByText('二、账号注册与实名认证')).toBeVisible();
    await dialog.getByRole('button', { name: '同意并继续' }).click();
    await expect(app.getByRole('checkbox', { name: /我已阅读并同意/ })).toBeChecked();
    await app.getByRole('button', { name: '返回登录' }).click();
    await expect(app.getByRole('button', { name: '登录' })).toBeVisible();
  });
});
