import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  registerBasicResponseSchema,
  resetChooseMethodResponseSchema,
  resetPasswordResponseSchema,
  resetStartResponseSchema,
  resetVerifyResponseSchema,
  sendSmsCodeResponseSchema,
} from '../../src-shared/contracts/accounts';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  expectError,
  expectOk,
  freshMobile,
  getJson,
  idNumberBornOn,
  insertUser,
  latestSms,
  login,
  postJson,
  registrationCode,
  solveCaptcha,
  testClock,
  testConfig,
  wrongCaptcha,
} from './helpers';

describeEachDatabase('重置密码: /api/reset/*', (fresh) => {
  let server: RunningServer;
  const clock = testClock();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: unknown) => postJson(`${server.url}${path}`, body);
  const start = async (identifier: string) =>
    expectOk(
      await post('/api/reset/start', { identifier, ...(await solveCaptcha(server.url)) }),
      resetStartResponseSchema,
    );
  const chooseMethod = (ticket: string) => post('/api/reset/method', { ticket, method: 'phone' });
  const sendCode = async (ticket: string) =>
    post('/api/sms/send', { purpose: 'reset', ticket, ...(await solveCaptcha(server.url)) });
  const verify = (ticket: string, smsCode: string) => post('/api/reset/verify', { ticket, smsCode });
  const setPassword = (ticket: string, password: string) =>
    post('/api/reset/password', { ticket, password, confirmPassword: password });

  let people = 0;
  /** An account of its own for each test: resets change passwords and end sessions. */
  async function person() {
    people += 1;
    const account = `reset_user${people}`;
    const mobile = freshMobile();
    const password = 'Before@2026';
    const idNumber = idNumberBornOn('19850505', String(400 + people));
    await insertUser(server.platform.db, { account, password, mobile, idNumber, name: '欧阳小飞' });
    return { account, mobile, password, idNumber };
  }

  /** Steps 1-3 of the flow; returns the ticket for the new password. */
  async function verifiedTicket(identifier: string, mobile: string) {
    const started = await start(identifier);
    const chosen = await expectOk(await chooseMethod(started.ticket), resetChooseMethodResponseSchema);
    await expectOk(await sendCode(chosen.ticket), sendSmsCodeResponseSchema);
    const { code } = await latestSms(server.url, mobile);
    return (await expectOk(await verify(chosen.ticket, code), resetVerifyResponseSchema)).ticket;
  }

  it('resets the password in five steps, ending every session of the account', async () => {
    const who = await person();
    const phoneSession = await login(server.url, who.account, who.password);
    const desktopSession = await login(server.url, who.mobile, who.password);

    const started = await start(who.idNumber);
    expect(started).toEqual({
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      // 'reset_user1' → 're********1'
      maskedAccount: `${who.account.slice(0, 2)}${'*'.repeat(who.account.length - 3)}${who.account.slice(-1)}`,
      maskedMobile: `${who.mobile.slice(0, 3)}****${who.mobile.slice(7)}`,
      maskedName: '***飞',
      maskedIdNumber: `5${'*'.repeat(16)}${who.idNumber.slice(-1)}`,
      expiresInSeconds: 600,
    });
    const chosen = await expectOk(await chooseMethod(started.ticket), resetChooseMethodResponseSchema);
    expect(chosen.maskedMobile).toBe(started.maskedMobile);

    const sent = await expectOk(await sendCode(chosen.ticket), sendSmsCodeResponseSchema);
    expect(sent.maskedMobile).toBe(started.maskedMobile);
    const sms = await latestSms(server.url, who.mobile);
    expect(sms.purpose).toBe('reset');
    expect(sms.text).toContain('重置密码');

    const verified = await expectOk(await verify(chosen.ticket, sms.code), resetVerifyResponseSchema);
    const done = await expectOk(
      await setPassword(verified.ticket, 'After#2026'),
      resetPasswordResponseSchema,
    );
    expect(done).toEqual({ account: who.account });

    await expectError(await getJson(`${server.url}/api/auth/me`, phoneSession), 401, 'UNAUTHENTICATED');
    await expectError(await getJson(`${server.url}/api/auth/me`, desktopSession), 401, 'UNAUTHENTICATED');
    await expectError(
      await post('/api/auth/login', { identifier: who.account, password: who.password }),
      401,
      'INVALID_CREDENTIALS',
    );
    const token = await login(server.url, who.account, 'After#2026');
    expect((await getJson(`${server.url}/api/auth/me`, token)).status).toBe(200);
  });

  it('finds the account by 用户账号 (any case), 手机号码 or 身份证号', async () => {
    const who = await person();
    for (const identifier of [who.account.toUpperCase(), `+86${who.mobile}`, who.idNumber.toLowerCase()]) {
      expect((await start(identifier)).maskedMobile).toBe(
        `${who.mobile.slice(0, 3)}****${who.mobile.slice(7)}`,
      );
    }
  });

  it('answers an unknown account only after a correct captcha, and a wrong captcha gives no hint', async () => {
    const unknown = await expectError(
      await post('/api/reset/start', { identifier: 'no_such_user', ...(await solveCaptcha(server.url)) }),
      404,
      'ACCOUNT_NOT_FOUND',
    );
    expect(unknown.message).toBe('未找到该账号,请核对后重新输入');

    const answers = [];
    for (const identifier of ['no_such_user', 'unitadmin']) {
      const res = await post('/api/reset/start', { identifier, ...(await wrongCaptcha(server.url)) });
      answers.push(await expectError(res, 400, 'CAPTCHA_INVALID'));
    }
    expect(answers[0]).toEqual(answers[1]);
  });

  it('lifts a login lock, so the owner can sign in with the new password at once', async () => {
    const who = await person();
    for (let i = 0; i < 5; i += 1) {
      await post('/api/auth/login', {
        identifier: who.account,
        password: 'Wrong@2026',
        ...(i >= 3 ? await solveCaptcha(server.url) : {}),
      });
    }
    await expectError(
      await post('/api/auth/login', { identifier: who.account, password: who.password }),
      423,
      'ACCOUNT_LOCKED',
    );
    await expectOk(
      await setPassword(await verifiedTicket(who.account, who.mobile), 'Unlocked#26'),
      resetPasswordResponseSchema,
    );
    await login(server.url, who.account, 'Unlocked#26');
  });

  it('keeps the step ticket after a wrong code, and takes the right one', async () => {
    const who = await person();
    const chosen = await expectOk(
      await chooseMethod((await start(who.account)).ticket),
      resetChooseMethodResponseSchema,
    );
    await expectOk(await sendCode(chosen.ticket), sendSmsCodeResponseSchema);
    const { code } = await latestSms(server.url, who.mobile);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await expectError(await verify(chosen.ticket, wrong), 400, 'SMS_CODE_INVALID');
    await expectOk(await verify(chosen.ticket, code), resetVerifyResponseSchema);
    await expectError(await verify(chosen.ticket, code), 410, 'TICKET_INVALID');
  });

  it('takes a reset code only for the account of the ticket', async () => {
    const owner = await person();
    const other = await person();
    const ownerTicket = (
      await expectOk(await chooseMethod((await start(owner.account)).ticket), resetChooseMethodResponseSchema)
    ).ticket;
    const otherTicket = (
      await expectOk(await chooseMethod((await start(other.account)).ticket), resetChooseMethodResponseSchema)
    ).ticket;
    await expectOk(await sendCode(ownerTicket), sendSmsCodeResponseSchema);
    const { code } = await latestSms(server.url, owner.mobile);
    await expectError(await verify(otherTicket, code), 400, 'SMS_CODE_INVALID');
  });

  it('uses each ticket once', async () => {
    const who = await person();
    const started = await start(who.account);
    await expectOk(await chooseMethod(started.ticket), resetChooseMethodResponseSchema);
    await expectError(await chooseMethod(started.ticket), 410, 'TICKET_INVALID');

    const passwordTicket = await verifiedTicket(who.account, who.mobile);
    await expectOk(await setPassword(passwordTicket, 'Once#2026a'), resetPasswordResponseSchema);
    await expectError(await setPassword(passwordTicket, 'Twice#2026'), 410, 'TICKET_INVALID');
    await login(server.url, who.account, 'Once#2026a');
  });

  it('lets no ticket open another step than its own', async () => {
    const who = await person();
    const methodTicket = (await start(who.account)).ticket;
    await expectError(await verify(methodTicket, '123456'), 410, 'TICKET_INVALID');
    await expectError(await setPassword(methodTicket, 'Skip#2026ab'), 410, 'TICKET_INVALID');
    await expectError(await sendCode(methodTicket), 410, 'TICKET_INVALID');
    await expectError(await post('/api/register/verify', { ticket: methodTicket }), 410, 'TICKET_INVALID');

    // A registration ticket opens no reset step either.
    const mobile = freshMobile();
    const registration = await expectOk(
      await post('/api/register/basic', {
        account: 'Cross_Step1',
        password: 'Cross@2026',
        confirmPassword: 'Cross@2026',
        name: '跨步骤',
        idType: '身份证',
        idNumber: idNumberBornOn('19910101', '499'),
        mobile,
        smsCode: await registrationCode(server.url, mobile),
        agreed: true,
      }),
      registerBasicResponseSchema,
    );
    await expectError(await chooseMethod(registration.ticket), 410, 'TICKET_INVALID');
    await expectError(await setPassword(registration.ticket, 'Cross#2026x'), 410, 'TICKET_INVALID');

    // None of the refusals above spent the method ticket.
    await expectOk(await chooseMethod(methodTicket), resetChooseMethodResponseSchema);
  });

  it('expires each ticket after ten minutes', async () => {
    const who = await person();
    const methodTicket = (await start(who.account)).ticket;
    const verifyTicket = (
      await expectOk(await chooseMethod((await start(who.account)).ticket), resetChooseMethodResponseSchema)
    ).ticket;
    const passwordTicket = await verifiedTicket(who.account, who.mobile);
    clock.advanceSeconds(600);
    await expectError(await chooseMethod(methodTicket), 410, 'TICKET_INVALID');
    await expectError(await sendCode(verifyTicket), 410, 'TICKET_INVALID');
    await expectError(await setPassword(passwordTicket, 'Late#2026ab'), 410, 'TICKET_INVALID');
    await login(server.url, who.account, who.password);
  });

  it('asks for the new password by the same rules as registration', async () => {
    const who = await person();
    const ticket = await verifiedTicket(who.account, who.mobile);
    const weak = await expectError(await setPassword(ticket, 'password'), 400, 'BAD_REQUEST');
    expect(weak.fields).toEqual({
      password: '登录密码须为8-20位,且包含大写字母、小写字母、数字和特殊字符中的至少三种',
    });
    const mismatch = await expectError(
      await post('/api/reset/password', { ticket, password: 'Good#2026ab', confirmPassword: 'Good#2026ac' }),
      400,
      'BAD_REQUEST',
    );
    expect(mismatch.fields).toEqual({ confirmPassword: '两次输入的密码不一致' });
    // Refused input does not spend the ticket.
    await expectOk(await setPassword(ticket, 'Good#2026ab'), resetPasswordResponseSchema);
  });
});
