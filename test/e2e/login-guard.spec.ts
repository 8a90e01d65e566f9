import { randomInt } from 'node:crypto';
import { solveCaptcha } from './accounts';
import { expect, loginAs, test } from './fixtures';

/**
 * Password guessing: from the third failure on the login form shows the image captcha, the fifth locks.
 * An unknown account is counted like a known one, so a made-up name keeps the demo accounts untouched.
 */
test('repeated wrong passwords bring the captcha, then a lock that says until when', async ({ app }) => {
  const identifier = `ghost_${Date.now().toString(36)}${randomInt(1000)}`;
  const captchaField = app.getByPlaceholder('请输入图片验证码');

  await loginAs(app, identifier, 'Wrong@2026');
  await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
  await expect(captchaField).toBeHidden();
  await app.getByRole('button', { name: '登录' }).click();
  await expect(captchaField).toBeVisible();

  const captchaId = await solveCaptcha(app);
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
  await solveCaptcha(app, captchaId);
  await app.getByRole('button', { name: '登录' }).click();
  await expect(app.getByRole('alert')).toContainText(/账号已锁定至 \d{2}:\d{2}/);
  await expect(app.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue(identifier);
  await expect(app.getByLabel('密码', { exact: true })).toHaveValue('Wrong@2026');
});
