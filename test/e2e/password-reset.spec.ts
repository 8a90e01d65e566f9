import type { Page } from '@playwright/test';
import { maskMobile } from '../../src-shared/domain/masking';
import {
  type Person,
  newPerson,
  passSmsCooldown,
  register,
  smsCode,
  solveCaptcha,
  wrongCaptchaAnswer,
  currentCaptchaId,
} from './accounts';
import { expect, loginAs, openClient, screenshotPath, test } from './fixtures';

/** 重置密码 (manual 2.3) by phone, and 人工找回 as the person files it and 职改办 handles it. */

async function startReset(page: Page, identifier: string) {
  await page.getByRole('button', { name: '忘记密码?' }).click();
  await page.getByPlaceholder('用户账号/手机号码/身份证号').fill(identifier);
  await solveCaptcha(page);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByText(/您正在为【.+】找回密码,请选择验证方式/)).toBeVisible();
}

interface ManualRequest {
  name: string;
  idNumber: string;
  contact: string;
  reason: string;
}

async function fileManualRequest(page: Page, request: ManualRequest): Promise<string> {
  await page.getByText('通过人工找回>>').click();
  await page.getByLabel('姓名', { exact: true }).fill(request.name);
  await page.getByLabel('身份证号', { exact: true }).fill(request.idNumber);
  await page.getByLabel('联系电话').fill(request.contact);
  await page.getByLabel('找回原因').fill(request.reason);
  await solveCaptcha(page);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('人工找回申请已提交')).toBeVisible();
  await expect(page.getByText(/职改办工作人员将核实您的身份后/)).toBeVisible();
  const requestId = (await page.locator('.ant-result-subtitle strong').first().textContent()) ?? '';
  expect(requestId).not.toBe('');
  return requestId;
}

async function openRequests(page: Page) {
  await loginAs(page, 'cqadmin', 'Admin@2026');
  await page.getByRole('menuitem', { name: '人工找回申请' }).click();
}

const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

test.describe('重置密码', () => {
  // Registered first and reset last, so that the other tests run while the phone's 60 s SMS cooldown
  // from the registration code passes.
  let registered: Person;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await browser.newPage();
    await openClient(page);
    registered = newPerson();
    await register(page, registered);
    await page.getByRole('button', { name: '立即登录' }).click();
    await page.close();
  });

  test('刷脸找回 says it is only in the mobile app', async ({ app }) => {
    await startReset(app, 'newuser');
    await app.getByRole('button', { name: '刷脸找回' }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toContainText('渝快办');
    await dialog.getByRole('button', { name: '知道了' }).click();
    await expect(app.getByRole('button', { name: '手机找回' })).toBeVisible();
  });

  test('a 人工找回 request is filed, seen by 职改办 and handled', async ({ app }) => {
    const person = newPerson();
    await register(app, person);
    await app.getByRole('button', { name: '立即登录' }).click();
    await startReset(app, person.mobile);
    const requestId = await fileManualRequest(app, {
      name: person.name,
      idNumber: person.idNumber,
      contact: '023-68881234',
      reason: '原手机号已停用,无法接收短信验证码',
    });
    await app.getByRole('button', { name: '返回登录' }).last().click();

    await openRequests(app);
    const row = rowOf(app, person.name);
    await expect(row).toContainText(person.account);
    await expect(row).toContainText('待处理');
    await expect(row).toContainText('原手机号已停用');
    await expect(row).not.toContainText(person.idNumber);
    await app.screenshot({ path: screenshotPath('manual-reset-requests'), animations: 'disabled' });
    await row.getByRole('button', { name: '处理' }).click();
    const dialog = app.getByRole('dialog');
    await expect(dialog).toContainText(person.idNumber);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(dialog.getByText('请填写处理说明')).toBeVisible();
    await dialog.getByLabel('处理说明').fill(`已电话核实本人身份,申请编号${requestId}`);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(rowOf(app, person.name)).toHaveCount(0);

    await app.getByText('已处理', { exact: true }).first().click();
    await expect(rowOf(app, person.name)).toContainText('已处理');
    await app.getByRole('button', { name: '退出登录' }).click();
  });

  test('an expired session asks to log in again over the dialog, which keeps its text', async ({ app }) => {
    const person = newPerson();
    await startReset(app, 'newuser');
    await fileManualRequest(app, {
      name: person.name,
      idNumber: person.idNumber,
      contact: person.mobile,
      reason: '手机丢失,无法接收验证码',
    });
    await app.getByRole('button', { name: '返回登录' }).last().click();
    await openRequests(app);
    await rowOf(app, person.name).getByRole('button', { name: '处理' }).click();
    const dialog = app.getByRole('dialog').filter({ hasText: '处理人工找回申请' });
    await dialog.getByText('驳回', { exact: true }).click();
    await dialog.getByLabel('处理说明').fill('身份信息与账号不符');

    // Another window of the same client logs out: this window's session is over too.
    const other = await app.context().newPage();
    await other.goto(app.url());
    await other.getByRole('button', { name: '退出登录' }).click();
    await expect(other.getByRole('button', { name: '登录' })).toBeVisible();
    await other.close();

    await dialog.getByRole('button', { name: '确定' }).click();
    const relogin = app.getByRole('dialog').filter({ hasText: '登录已失效,请重新登录' });
    await expect(relogin).toBeVisible();
    await expect(dialog.getByLabel('处理说明')).toHaveValue('身份信息与账号不符');
    await app.screenshot({ path: screenshotPath('session-expired'), animations: 'disabled' });
    await expect(relogin.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue('cqadmin');
    await relogin.getByLabel('密码').fill('Admin@2026');
    await relogin.getByRole('button', { name: '登录', exact: true }).click();
    await expect(relogin).toBeHidden();
    await expect(dialog.getByLabel('处理说明')).toHaveValue('身份信息与账号不符');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(rowOf(app, person.name)).toHaveCount(0);
    await app.getByText('已驳回', { exact: true }).first().click();
    await expect(rowOf(app, person.name)).toContainText('已驳回');
    await expect(rowOf(app, person.name)).toContainText('未匹配');
    await app.getByRole('button', { name: '退出登录' }).click();
  });

  test('a registered user resets the password by phone and logs in with the new one', async ({ app }) => {
    test.setTimeout(150_000);
    // The button's countdown runs on the page's clock, which the test can move (see the cooldown below).
    await app.clock.install();
    const person = registered;
    await app.getByRole('button', { name: '忘记密码?' }).click();
    await app.getByPlaceholder('用户账号/手机号码/身份证号').fill(person.account);
    // A wrong captcha first: said on its field, the account kept.
    const firstId = await currentCaptchaId(app);
    await app.getByPlaceholder('请输入图片验证码').fill(await wrongCaptchaAnswer(firstId));
    await app.getByRole('button', { name: '下一步' }).click();
    await expect(app.getByText('图片验证码错误或已过期,请重新输入')).toBeVisible();
    await expect(app.getByPlaceholder('用户账号/手机号码/身份证号')).toHaveValue(person.account);
    await solveCaptcha(app, firstId);
    await app.getByRole('button', { name: '下一步' }).click();

    const masked = maskMobile(person.mobile);
    await expect(app.getByText(`如果您的手机${masked}还在正常使用请选择此方式`)).toBeVisible();
    await expect(app.getByText(/您的姓名:\*\*.,身份证号:5\*+[\dX]/)).toBeVisible();
    await app.screenshot({ path: screenshotPath('reset'), fullPage: true, animations: 'disabled' });
    await app.getByRole('button', { name: '手机找回' }).click();

    await expect(app.getByText('您正在使用手机进行校验')).toBeVisible();
    await expect(app.getByLabel('手机号')).toHaveValue(masked);
    // The registration code went to the same phone, perhaps less than the 60 s per phone ago: then the
    // server says how long to wait, the button counts it down, and the code is sent after it. The minute
    // passes on clocks, not in real time: the server's record of the last SMS and the page's clock move.
    const sendButton = app.getByRole('button', { name: /获取短信验证码|秒后重新获取/ });
    const sent = app.getByText(`短信验证码已发送至${masked}`, { exact: false });
    const tooSoon = app.getByText(/请\d+秒后/);
    const captchaId = await solveCaptcha(app);
    await sendButton.click();
    await expect(sent.or(tooSoon)).toBeVisible();
    if (await tooSoon.isVisible()) {
      await expect(sendButton).toHaveText(/秒后重新获取/);
      await passSmsCooldown(person.mobile);
      await app.clock.fastForward('01:01');
      await expect(sendButton).toHaveText('获取短信验证码');
      await solveCaptcha(app, captchaId);
      await sendButton.click();
      await expect(sent).toBeVisible();
    }
    await expect(sendButton).toBeDisabled();
    const code = await smsCode(person.mobile, 'reset');
    // A wrong code is said on its field and costs nothing else.
    await app.getByLabel('短信验证码').fill(code === '000000' ? '111111' : '000000');
    await app.getByRole('button', { name: '下一步' }).click();
    await expect(app.getByText(/短信验证码错误/)).toBeVisible();
    await app.getByLabel('短信验证码').fill(code);
    await app.getByRole('button', { name: '下一步' }).click();

    const newPassword = 'Reset#2027';
    await app.getByLabel('新密码').fill('abcdefgh1');
    await expect(
      app.getByText('登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种'),
    ).toBeVisible();
    await app.getByLabel('新密码').fill(newPassword);
    await app.getByLabel('确认密码').fill('Reset#2028');
    await expect(app.getByText('两次输入的密码不一致')).toBeVisible();
    await app.getByLabel('确认密码').fill(newPassword);
    await app.getByRole('button', { name: '下一步' }).click();
    await expect(app.getByText('密码重置成功')).toBeVisible();
    await app.getByRole('main').getByRole('button', { name: '返回登录' }).click();

    await expect(app.getByPlaceholder('用户名/手机号码/身份证号')).toHaveValue(person.account);
    await app.getByLabel('密码').fill(person.password);
    await app.getByRole('button', { name: '登录' }).click();
    await expect(app.getByRole('alert')).toContainText('用户名/手机号码/身份证号或密码错误');
    await app.getByLabel('密码').fill(newPassword);
    await app.getByRole('button', { name: '登录' }).click();
    await expect(app.getByTestId('current-user')).toContainText(person.name);
    await app.getByRole('button', { name: '退出登录' }).click();
  });
});
