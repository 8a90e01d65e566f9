import { afterAll, beforeAll, expect, it } from 'vitest';
import { captchaSchema } from '../../src-shared/contracts/accounts';
import { loginResponseSchema } from '../../src-shared/contracts/http';
import type { DatabaseConfig } from './databases';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, expectOk, freshMobile, getJson, postJson, testClock, testConfig } from './helpers';

/** 20 seconds into a minute, so a 60 s window has 40 s left. */
const START = '2026-03-10T02:00:20.000Z';

describeEachDatabase('rate limits per client IP', (fresh) => {
  let database: DatabaseConfig;
  let server: RunningServer;
  let second: RunningServer;
  const clock = testClock(START);
  const rateLimits = {
    login: { max: 3, windowSeconds: 60 },
    captcha: { max: 4, windowSeconds: 60 },
    sms: { max: 2, windowSeconds: 60 },
    flows: { max: 2, windowSeconds: 60 },
  };

  beforeAll(async () => {
    database = await fresh();
    server = await startServer(testConfig(database, { now: clock.now, rateLimits }));
    // A second instance on the same database, as behind a load balancer.
    second = await startServer(testConfig(database, { now: clock.now, rateLimits }));
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
  });

  const login = (url: string) =>
    postJson(`${url}/api/auth/login`, { identifier: 'newuser', password: 'User@2026' });

  it('limits logins, counted across server instances, until the window ends', async () => {
    await expectOk(await login(server.url), loginResponseSchema);
    await expectOk(await login(second.url), loginResponseSchema);
    await expectOk(await login(server.url), loginResponseSchema);
    const res = await login(second.url);
    expect(res.headers.get('retry-after')).toBe('40');
    const error = await expectError(res, 429, 'RATE_LIMITED');
    expect(error).toEqual({
      code: 'RATE_LIMITED',
      message: '操作过于频繁,请40秒后再试',
      retryAfterSeconds: 40,
    });
    // Malformed requests count as well, and are refused before they are read.
    await expectError(await postJson(`${server.url}/api/auth/login`, {}), 429, 'RATE_LIMITED');

    clock.advanceSeconds(40);
    await expectOk(await login(server.url), loginResponseSchema);
  });

  it('limits captchas, SMS and the flows each in its own bucket', async () => {
    clock.advanceSeconds(60);
    for (let i = 0; i < 4; i += 1) await expectOk(await getJson(`${server.url}/api/captcha`), captchaSchema);
    await expectError(await getJson(`${server.url}/api/captcha`), 429, 'RATE_LIMITED');

    const sms = {
      purpose: 'register',
      mobile: freshMobile(),
      captchaId: 'x'.repeat(32),
      captchaAnswer: 'abcd',
    };
    for (let i = 0; i < 2; i += 1) {
      await expectError(await postJson(`${server.url}/api/sms/send`, sms), 400, 'CAPTCHA_INVALID');
    }
    await expectError(await postJson(`${server.url}/api/sms/send`, sms), 429, 'RATE_LIMITED');

    // 注册, 重置 and 人工找回 share the flows bucket.
    await expectError(
      await postJson(`${server.url}/api/register/verify`, { ticket: 'A'.repeat(43) }),
      410,
      'TICKET_INVALID',
    );
    await expectError(
      await postJson(`${server.url}/api/reset/method`, { ticket: 'A'.repeat(43), method: 'phone' }),
      410,
      'TICKET_INVALID',
    );
    for (const path of [
      '/api/reset/start',
      '/api/reset/verify',
      '/api/reset/password',
      '/api/register/basic',
      '/api/reset/manual',
    ]) {
      await expectError(await postJson(`${server.url}${path}`, {}), 429, 'RATE_LIMITED');
    }

    // Logins have their own allowance in this window.
    await expectOk(await login(server.url), loginResponseSchema);
  });

  it('keeps only live windows in the database', async () => {
    clock.advanceSeconds(120);
    await expectOk(await login(server.url), loginResponseSchema);
    const rows = await server.platform.db.selectFrom('rate_limits').selectAll().execute();
    expect(rows).toEqual([
      { key: expect.stringMatching(/^login\|/), count: 1, expires_at: expect.any(String) },
    ]);
  });
});
