import { afterAll, beforeAll, expect, it } from 'vitest';
import { captchaSchema, resetStartResponseSchema } from '../../src-shared/contracts/accounts';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import {
  devOutbox,
  expectError,
  expectOk,
  getJson,
  postJson,
  solveCaptcha,
  testClock,
  testConfig,
} from './helpers';

describeEachDatabase('image captcha', (fresh) => {
  let server: RunningServer;
  const clock = testClock();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now }));
  });
  afterAll(async () => {
    await server?.close();
  });

  /** 重置密码 step 1 spends a captcha first; it is the probe for whether one is accepted. */
  const resetStart = (captcha: { captchaId: string; captchaAnswer: string }) =>
    postJson(`${server.url}/api/reset/start`, { identifier: 'unitadmin', ...captcha });

  it('issues an SVG image with an id and a two-minute life', async () => {
    const captcha = await expectOk(await getJson(`${server.url}/api/captcha`), captchaSchema);
    expect(captcha.svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(captcha.svg).toContain('<path');
    expect(captcha.captchaId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(captcha.expiresInSeconds).toBe(120);
    // The answer is not in the image as text, only as drawn paths.
    const { captchas } = await devOutbox(server.url);
    const answer = captchas.find((issued) => issued.captchaId === captcha.captchaId)!.answer;
    expect(captcha.svg).not.toContain(`>${answer}<`);
  });

  it('uses four characters and none that look alike (0 o O 1 i l I)', async () => {
    for (let i = 0; i < 20; i += 1) await getJson(`${server.url}/api/captcha`);
    const { captchas } = await devOutbox(server.url);
    expect(captchas.length).toBeGreaterThanOrEqual(20);
    for (const { answer } of captchas) expect(answer).toMatch(/^[2-9a-hjkmnp-zA-HJ-NP-Z]{4}$/);
    expect(new Set(captchas.map((captcha) => captcha.captchaId)).size).toBe(captchas.length);
  });

  it('accepts the answer in any case', async () => {
    const lower = await solveCaptcha(server.url);
    await expectOk(
      await resetStart({ ...lower, captchaAnswer: lower.captchaAnswer.toLowerCase() }),
      resetStartResponseSchema,
    );
    const upper = await solveCaptcha(server.url);
    await expectOk(
      await resetStart({ ...upper, captchaAnswer: upper.captchaAnswer.toUpperCase() }),
      resetStartResponseSchema,
    );
  });

  it('is good for one use only', async () => {
    const captcha = await solveCaptcha(server.url);
    await expectOk(await resetStart(captcha), resetStartResponseSchema);
    const again = await expectError(await resetStart(captcha), 400, 'CAPTCHA_INVALID');
    expect(again.fields).toEqual({ captchaAnswer: '图片验证码错误或已过期,请重新输入' });
  });

  it('is spent by a wrong guess too, so the right answer cannot follow it', async () => {
    const captcha = await solveCaptcha(server.url);
    await expectError(await resetStart({ ...captcha, captchaAnswer: 'zzzz' }), 400, 'CAPTCHA_INVALID');
    await expectError(await resetStart(captcha), 400, 'CAPTCHA_INVALID');
  });

  it('expires after two minutes', async () => {
    const inTime = await solveCaptcha(server.url);
    const late = await solveCaptcha(server.url);
    clock.advanceSeconds(119);
    await expectOk(await resetStart(inTime), resetStartResponseSchema);
    clock.advanceSeconds(1);
    await expectError(await resetStart(late), 400, 'CAPTCHA_INVALID');
  });

  it('refuses an unknown captcha id and a malformed answer', async () => {
    await expectError(
      await resetStart({ captchaId: 'x'.repeat(32), captchaAnswer: 'abcd' }),
      400,
      'CAPTCHA_INVALID',
    );
    const { captchaId } = await solveCaptcha(server.url);
    const malformed = await expectError(
      await resetStart({ captchaId, captchaAnswer: 'ab' }),
      400,
      'BAD_REQUEST',
    );
    expect(malformed.fields).toEqual({ captchaAnswer: '图片验证码为4位字母或数字' });
  });
});
