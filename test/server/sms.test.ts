import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerBasicResponseSchema, sendSmsCodeResponseSchema } from '../../src-shared/contracts/accounts';
import { HttpSmsGateway } from '../../src-server/accounts/sms-gateway';
import { DEFAULT_SMS_CONFIG } from '../../src-server/config';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  devOutbox,
  expectError,
  expectOk,
  freshMobile,
  idNumberBornOn,
  latestSms,
  postJson,
  registrationCode,
  solveCaptcha,
  testClock,
  testConfig,
} from './helpers';

/** 10:00 in Beijing: 14 hours before the next China midnight. */
const MORNING = '2026-03-10T02:00:00.000Z';

describeEachDatabase('SMS verification codes', (fresh) => {
  let server: RunningServer;
  const clock = testClock(MORNING);

  beforeAll(async () => {
    server = await startServer(
      testConfig(await fresh(), { now: clock.now, sms: { ...DEFAULT_SMS_CONFIG, dailyLimitPerPhone: 3 } }),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const send = async (mobile: string) =>
    postJson(`${server.url}/api/sms/send`, {
      purpose: 'register',
      mobile,
      ...(await solveCaptcha(server.url)),
    });

  let accountSequence = 0;
  /** 用户注册 step 1 checks the code; it is the probe for whether a code is accepted. */
  const registerBasic = (mobile: string, smsCode: string) => {
    accountSequence += 1;
    return postJson(`${server.url}/api/register/basic`, {
      account: `smstest${accountSequence}`,
      password: 'Sms@2026x',
      confirmPassword: 'Sms@2026x',
      name: '周测试',
      idType: '身份证',
      idNumber: idNumberBornOn('19900101', String(100 + accountSequence)),
      mobile,
      smsCode,
      agreed: true,
    });
  };
  /** Another six digits than `code`. */
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sends six digits through the outbox, with the text, and stores only a hash', async () => {
    const mobile = freshMobile();
    const sent = await expectOk(await send(mobile), sendSmsCodeResponseSchema);
    expect(sent).toEqual({
      maskedMobile: `${mobile.slice(0, 3)}****${mobile.slice(7)}`,
      cooldownSeconds: 60,
      expiresInSeconds: 300,
    });
    const sms = await latestSms(server.url, mobile);
    expect(sms.code).toMatch(/^\d{6}$/);
    expect(sms.purpose).toBe('register');
    expect(sms.sentAt).toBe(MORNING);
    expect(sms.text).toBe(
      `【重庆市专业技术人员服务平台】您正在注册账号,验证码为${sms.code},5分钟内有效。如非本人操作,请忽略本短信。`,
    );
    const rows = await server.platform.db
      .selectFrom('sms_codes')
      .selectAll()
      .where('mobile', '=', mobile)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(sms.code);
  });

  it('needs a solved captcha, and spends it', async () => {
    const mobile = freshMobile();
    const captcha = await solveCaptcha(server.url);
    const body = { purpose: 'register', mobile, ...captcha };
    await expectError(
      await postJson(`${server.url}/api/sms/send`, { ...body, captchaAnswer: 'zzzz' }),
      400,
      'CAPTCHA_INVALID',
    );
    await expectError(await postJson(`${server.url}/api/sms/send`, body), 400, 'CAPTCHA_INVALID');
    const missing = await expectError(
      await postJson(`${server.url}/api/sms/send`, { purpose: 'register', mobile }),
      400,
      'BAD_REQUEST',
    );
    expect(Object.keys(missing.fields ?? {}).sort()).toEqual(['captchaAnswer', 'captchaId']);
  });

  it('accepts a code once', async () => {
    const mobile = freshMobile();
    const code = await registrationCode(server.url, mobile);
    await expectOk(await registerBasic(mobile, code), registerBasicResponseSchema);
    const error = await expectError(await registerBasic(mobile, code), 400, 'SMS_CODE_INVALID');
    expect(error.fields).toEqual({ smsCode: '短信验证码错误或已过期,请重新获取' });
  });

  it('expires a code after five minutes', async () => {
    const early = freshMobile();
    const late = freshMobile();
    const earlyCode = await registrationCode(server.url, early);
    const lateCode = await registrationCode(server.url, late);
    clock.advanceSeconds(299);
    await expectOk(await registerBasic(early, earlyCode), registerBasicResponseSchema);
    clock.advanceSeconds(1);
    await expectError(await registerBasic(late, lateCode), 400, 'SMS_CODE_INVALID');
  });

  it('kills a code after five wrong tries, saying how many are left', async () => {
    const mobile = freshMobile();
    const code = await registrationCode(server.url, mobile);
    const messages = [];
    for (let i = 0; i < 5; i += 1) {
      messages.push(
        (await expectError(await registerBasic(mobile, wrong(code)), 400, 'SMS_CODE_INVALID')).message,
      );
    }
    expect(messages).toEqual([
      '短信验证码错误,还可再试4次',
      '短信验证码错误,还可再试3次',
      '短信验证码错误,还可再试2次',
      '短信验证码错误,还可再试1次',
      '短信验证码错误次数过多,已失效,请重新获取',
    ]);
    await expectError(await registerBasic(mobile, code), 400, 'SMS_CODE_INVALID');
  });

  it('does not count a right code as a wrong try', async () => {
    const mobile = freshMobile();
    const code = await registrationCode(server.url, mobile);
    for (let i = 0; i < 4; i += 1) await registerBasic(mobile, wrong(code));
    await expectOk(await registerBasic(mobile, code), registerBasicResponseSchema);
  });

  it('replaces an earlier code with the newer one', async () => {
    const mobile = freshMobile();
    const first = await registrationCode(server.url, mobile);
    clock.advanceSeconds(60);
    const second = await registrationCode(server.url, mobile);
    if (first !== second) await expectError(await registerBasic(mobile, first), 400, 'SMS_CODE_INVALID');
    await expectOk(await registerBasic(mobile, second), registerBasicResponseSchema);
  });

  it('sends to one phone at most once a minute, saying how long to wait', async () => {
    const mobile = freshMobile();
    await registrationCode(server.url, mobile);
    const now = await expectError(await send(mobile), 429, 'SMS_TOO_FREQUENT');
    expect(now.retryAfterSeconds).toBe(60);
    expect(now.message).toBe('短信验证码已发送,请60秒后再重新获取');
    clock.advanceSeconds(45);
    const res = await send(mobile);
    expect(res.headers.get('retry-after')).toBe('15');
    expect((await expectError(res, 429, 'SMS_TOO_FREQUENT')).retryAfterSeconds).toBe(15);
    clock.advanceSeconds(15);
    await expectOk(await send(mobile), sendSmsCodeResponseSchema);
    // Another phone was never held up.
    await expectOk(await send(freshMobile()), sendSmsCodeResponseSchema);
  });

  it('sends one phone at most the daily limit, until midnight in China', async () => {
    const day = testClock(MORNING);
    const dayServer = await startServer(
      testConfig(await fresh(), { now: day.now, sms: { ...DEFAULT_SMS_CONFIG, dailyLimitPerPhone: 3 } }),
    );
    try {
      const mobile = freshMobile();
      const sendThere = async () =>
        postJson(`${dayServer.url}/api/sms/send`, {
          purpose: 'register',
          mobile,
          ...(await solveCaptcha(dayServer.url)),
        });
      for (let i = 0; i < 3; i += 1) {
        await expectOk(await sendThere(), sendSmsCodeResponseSchema);
        day.advanceSeconds(61);
      }
      const capped = await expectError(await sendThere(), 429, 'SMS_TOO_FREQUENT');
      expect(capped.message).toBe('该手机号今天已获取3次短信验证码,达到每日上限,请明天再试');
      // 10:00 plus 3 × 61 s in Beijing; the count starts again at midnight.
      expect(capped.retryAfterSeconds).toBe(14 * 3600 - 3 * 61);
      day.advanceSeconds(14 * 3600 - 3 * 61 - 1);
      await expectError(await sendThere(), 429, 'SMS_TOO_FREQUENT');
      day.advanceSeconds(1);
      await expectOk(await sendThere(), sendSmsCodeResponseSchema);
    } finally {
      await dayServer.close();
    }
  });

  it('keeps the outbox newest first', async () => {
    const { sms } = await devOutbox(server.url);
    const times = sms.map((message) => message.sentAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});

/** A stand-in SMS provider on loopback that records what it is sent. */
async function fakeProvider(status = 200) {
  const received: Array<{ method: string; contentType: string | undefined; body: unknown }> = [];
  const provider = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(body),
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(provider.address() as AddressInfo).port}/sms/send`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        provider.closeAllConnections();
        provider.close(() => resolve());
      }),
  };
}

describe('HTTP SMS provider adapter', () => {
  it('POSTs the mobile and the text as JSON', async () => {
    const provider = await fakeProvider();
    try {
      await new HttpSmsGateway(provider.url).send({
        mobile: '13912345678',
        purpose: 'reset',
        code: '123456',
        text: '验证码123456',
      });
      expect(provider.received).toEqual([
        {
          method: 'POST',
          contentType: 'application/json',
          body: { mobile: '13912345678', text: '验证码123456' },
        },
      ]);
    } finally {
      await provider.close();
    }
  });

  it('throws when the provider refuses', async () => {
    const provider = await fakeProvider(503);
    try {
      await expect(
        new HttpSmsGateway(provider.url).send({
          mobile: '13912345678',
          purpose: 'reset',
          code: '1',
          text: 'x',
        }),
      ).rejects.toThrow(/HTTP 503/);
    } finally {
      await provider.close();
    }
  });
});

describeEachDatabase('SMS through the HTTP provider', (fresh) => {
  it('renders the configured template into the message, and skips the outbox', async () => {
    const provider = await fakeProvider();
    const server = await startServer(
      testConfig(await fresh(), {
        sms: {
          provider: { kind: 'http', url: provider.url },
          template: '【职称】{purpose}验证码:{code},{minutes}分钟有效',
          dailyLimitPerPhone: 10,
        },
      }),
    );
    try {
      const mobile = freshMobile();
      const res = await postJson(`${server.url}/api/sms/send`, {
        purpose: 'register',
        mobile,
        ...(await solveCaptcha(server.url)),
      });
      await expectOk(res, sendSmsCodeResponseSchema);
      expect(provider.received).toHaveLength(1);
      expect(provider.received[0]!.body).toEqual({
        mobile,
        text: expect.stringMatching(/^【职称】注册账号验证码:\d{6},5分钟有效$/),
      });
      expect((await devOutbox(server.url)).sms).toEqual([]);
    } finally {
      await server.close();
      await provider.close();
    }
  });

  it('answers a provider failure with a message, and the unsent code is not usable', async () => {
    const provider = await fakeProvider(500);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await startServer(
      testConfig(await fresh(), {
        sms: { ...DEFAULT_SMS_CONFIG, provider: { kind: 'http', url: provider.url } },
      }),
    );
    try {
      const mobile = freshMobile();
      const res = await postJson(`${server.url}/api/sms/send`, {
        purpose: 'register',
        mobile,
        ...(await solveCaptcha(server.url)),
      });
      const error = await expectError(res, 500, 'SERVER_ERROR');
      expect(error.message).toBe('短信发送失败,请稍后重试');
      const codes = await server.platform.db.selectFrom('sms_codes').selectAll().execute();
      expect(codes).toEqual([]);
      // The log names the phone masked only.
      const log = logged.mock.calls.flat().join('\n');
      expect(log).toContain(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      expect(log).not.toContain(mobile);
    } finally {
      logged.mockRestore();
      await server.close();
      await provider.close();
    }
  });
});
