import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src-shared/contracts/http';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  expectError,
  expectOk,
  freshMobile,
  idNumberBornOn,
  insertUser,
  postJson,
  solveCaptcha,
  testClock,
  testConfig,
  wrongCaptcha,
} from './helpers';

/** 14:20:30 in Beijing. */
const AFTERNOON = '2026-03-10T06:20:30.000Z';

describeEachDatabase('login defences: captcha after 3 failures, lock after 5', (fresh) => {
  let server: RunningServer;
  const clock = testClock(AFTERNOON);

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
  });
  afterAll(async () => {
    await server?.close();
  });

  const attempt = (
    identifier: string,
    password: string,
    captcha?: { captchaId: string; captchaAnswer: string },
  ) => postJson(`${server.url}/api/auth/login`, { identifier, password, ...captcha });

  let people = 0;
  async function person() {
    people += 1;
    const who = {
      account: `guard_user${people}`,
      password: 'Right@2026',
      mobile: freshMobile(),
      idNumber: idNumberBornOn('19800101', String(500 + people)),
    };
    await insertUser(server.platform.db, who);
    return who;
  }

  /** Five wrong passwords, with a captcha where one is needed; returns each answer's error. */
  async function failFiveTimes(identifier: string) {
    const errors = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await attempt(
        identifier,
        'Wrong@2026',
        i >= 3 ? await solveCaptcha(server.url) : undefined,
      );
      errors.push(
        await expectError(res, i < 4 ? 401 : 423, i < 4 ? 'INVALID_CREDENTIALS' : 'ACCOUNT_LOCKED'),
      );
    }
    return errors;
  }

  it('asks for a captcha from the third failure on, and locks at the fifth until a stated time', async () => {
    const who = await person();
    const errors = await failFiveTimes(who.account);
    expect(errors.slice(0, 2)).toEqual([
      { code: 'INVALID_CREDENTIALS', message: '用户名/手机号码/身份证号或密码错误,请检查后重试' },
      { code: 'INVALID_CREDENTIALS', message: '用户名/手机号码/身份证号或密码错误,请检查后重试' },
    ]);
    expect(errors[2]).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: '用户名/手机号码/身份证号或密码错误,再错2次账号将锁定15分钟',
      captchaRequired: true,
    });
    expect(errors[3]?.message).toBe('用户名/手机号码/身份证号或密码错误,再错1次账号将锁定15分钟');
    // Locked at 14:20:30 for 15 minutes: until 14:35:30, said as the minute it is over.
    expect(errors[4]).toEqual({
      code: 'ACCOUNT_LOCKED',
      message: '密码错误次数过多,账号已锁定至 14:36,请届时再试,或通过“忘记密码?”重置密码',
      retryAfterSeconds: 900,
    });
  });

  it('refuses even the right password while locked, and lets it in after 15 minutes', async () => {
    const who = await person();
    const lockedAt = clock.now().getTime();
    await failFiveTimes(who.account);
    const during = await expectError(await attempt(who.account, who.password), 423, 'ACCOUNT_LOCKED');
    expect(during.retryAfterSeconds).toBe(900 - Math.round((clock.now().getTime() - lockedAt) / 1000));
    // The ID number and the mobile name the same account, and the same lock.
    await expectError(await attempt(who.idNumber, who.password), 423, 'ACCOUNT_LOCKED');
    await expectError(await attempt(who.mobile, who.password), 423, 'ACCOUNT_LOCKED');

    clock.advanceMinutes(14);
    const later = await expectError(
      await attempt(who.account, who.password, await solveCaptcha(server.url)),
      423,
      'ACCOUNT_LOCKED',
    );
    expect(later.retryAfterSeconds).toBe(60);
    clock.advanceMinutes(1);
    // Unlocked, the count starts again: no captcha needed.
    await expectOk(await attempt(who.account, who.password), loginResponseSchema);
  });

  it('checks the captcha before the password, without counting a failure', async () => {
    const who = await person();
    for (let i = 0; i < 3; i += 1) await attempt(who.account, 'Wrong@2026');

    // Without a captcha, or with a wrong one, even the right password is not looked at.
    const missing = await expectError(await attempt(who.account, who.password), 400, 'CAPTCHA_REQUIRED');
    expect(missing).toEqual({
      code: 'CAPTCHA_REQUIRED',
      message: '请输入图片验证码',
      fields: { captchaAnswer: '请输入图片验证码' },
      captchaRequired: true,
    });
    for (let i = 0; i < 5; i += 1) {
      const wrong = await expectError(
        await attempt(who.account, who.password, await wrongCaptcha(server.url)),
        400,
        'CAPTCHA_INVALID',
      );
      expect(wrong.captchaRequired).toBe(true);
    }
    // None of that counted: with a solved captcha, this wrong password is the fourth failure.
    const captcha = await solveCaptcha(server.url);
    const fourth = await expectError(
      await attempt(who.account, 'Wrong@2026', captcha),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(fourth.message).toBe('用户名/手机号码/身份证号或密码错误,再错1次账号将锁定15分钟');
    // A spent captcha is as good as a wrong one.
    await expectError(await attempt(who.account, who.password, captcha), 400, 'CAPTCHA_INVALID');
    await expectOk(
      await attempt(who.account, who.password, await solveCaptcha(server.url)),
      loginResponseSchema,
    );
  });

  it('clears the count at a successful login', async () => {
    const who = await person();
    for (let i = 0; i < 2; i += 1) await attempt(who.account, 'Wrong@2026');
    await expectOk(await attempt(who.account, who.password), loginResponseSchema);
    for (let i = 0; i < 2; i += 1) {
      const error = await expectError(await attempt(who.account, 'Wrong@2026'), 401, 'INVALID_CREDENTIALS');
      expect(error.captchaRequired).toBeUndefined();
    }
  });

  it('treats an unknown account exactly like a known one', async () => {
    const who = await person();
    const known = await failFiveTimes(who.account);
    const unknown = await failFiveTimes('nobody_at_all');
    expect(unknown).toEqual(known);
    const unknownMobile = await failFiveTimes('13999999999');
    expect(unknownMobile).toEqual(known);

    // An unknown identifier needs the captcha after three failures, too.
    const newcomer = 'never_seen_before';
    for (let i = 0; i < 3; i += 1) await attempt(newcomer, 'Wrong@2026');
    const missing = await expectError(await attempt(newcomer, 'Wrong@2026'), 400, 'CAPTCHA_REQUIRED');
    const known2 = await person();
    for (let i = 0; i < 3; i += 1) await attempt(known2.account, 'Wrong@2026');
    expect(await expectError(await attempt(known2.account, 'Wrong@2026'), 400, 'CAPTCHA_REQUIRED')).toEqual(
      missing,
    );
  });

  it('counts an unknown identifier however it is written', async () => {
    for (let i = 0; i < 3; i += 1) await attempt(i % 2 === 0 ? 'Ghost_User' : 'ghost_user', 'Wrong@2026');
    await expectError(await attempt('GHOST_USER', 'Wrong@2026'), 400, 'CAPTCHA_REQUIRED');
  });
});
