import { afterAll, beforeAll, expect, it } from 'vitest';
import { serverInfoSchema } from '../../src-shared/contracts/http';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, getJson, login, postJson, testConfig } from './helpers';
import { capturedLog } from './log-capture';

describeEachDatabase('HTTP envelope', (fresh) => {
  let server: RunningServer;
  const log = capturedLog();
  const loginUrl = () => `${server.url}/api/auth/login`;

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { logger: log.logger }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('GET /api/info names the platform, its version and demo mode', async () => {
    const res = await getJson(`${server.url}/api/info`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(serverInfoSchema.parse(await res.json())).toEqual({
      name: 'zhicheng-platform',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      demo: true,
    });
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const error = await expectError(
      await postJson(loginUrl(), '{"identifier": "unitadmin",'),
      400,
      'BAD_REQUEST',
    );
    expect(error.message).toBe('请求内容的格式不正确,无法读取');
  });

  it('names each missing or wrong field in Chinese', async () => {
    const missing = await expectError(await postJson(loginUrl(), {}), 400, 'BAD_REQUEST');
    expect(missing.fields).toEqual({ identifier: '此项为必填项', password: '此项为必填项' });

    const empty = await expectError(
      await postJson(loginUrl(), { identifier: '  ', password: '' }),
      400,
      'BAD_REQUEST',
    );
    expect(empty.fields).toEqual({ identifier: '请输入用户名/手机号码/身份证号', password: '请输入密码' });

    const wrongType = await expectError(
      await postJson(loginUrl(), { identifier: 42, password: 'x'.repeat(129) }),
      400,
      'BAD_REQUEST',
    );
    expect(wrongType.fields).toEqual({ identifier: '填写的格式不正确', password: '不能超过128个字符' });

    for (const message of Object.values({ ...missing.fields, ...empty.fields, ...wrongType.fields })) {
      expect(message).toMatch(/^[\u4e00-\u9fff]/);
    }
  });

  it('treats a request without a body as an empty one', async () => {
    const res = await fetch(loginUrl(), { method: 'POST' });
    const error = await expectError(res, 400, 'BAD_REQUEST');
    expect(Object.keys(error.fields ?? {})).toEqual(['identifier', 'password']);
  });

  it('refuses fields a route does not take', async () => {
    const token = await login(server.url, 'unitadmin', 'Unit@2026');
    const error = await expectError(
      await postJson(`${server.url}/api/auth/logout`, { all: true }, token),
      400,
      'BAD_REQUEST',
    );
    expect(error.fields).toEqual({ all: '不支持此字段' });
  });

  it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = { identifier: 'unitadmin', password: 'x'.repeat(1024 * 1024 + 1) };
    await expectError(await postJson(loginUrl(), body), 413, 'PAYLOAD_TOO_LARGE');
  });

  /** Every POST form of the accounts API with a valid-looking body, for the envelope checks below. */
  const FORMS: Record<string, Record<string, unknown>> = {
    '/api/sms/send': {
      purpose: 'register',
      mobile: '13912345678',
      captchaId: 'x'.repeat(32),
      captchaAnswer: 'abcd',
    },
    '/api/register/basic': {
      account: 'envelope1',
      password: 'Env@2026x',
      confirmPassword: 'Env@2026x',
      name: '封装',
      idType: '身份证',
      idNumber: '360426199101010071',
      mobile: '13912345678',
      smsCode: '123456',
      agreed: true,
    },
    '/api/register/verify': { ticket: 'A'.repeat(43) },
    '/api/reset/start': { identifier: 'unitadmin', captchaId: 'x'.repeat(32), captchaAnswer: 'abcd' },
    '/api/reset/method': { ticket: 'A'.repeat(43), method: 'phone' },
    '/api/reset/verify': { ticket: 'A'.repeat(43), smsCode: '123456' },
    '/api/reset/password': { ticket: 'A'.repeat(43), password: 'Env@2026x', confirmPassword: 'Env@2026x' },
    '/api/reset/manual': {
      name: '封装',
      idNumber: '360426199101010071',
      contact: '13912345678',
      reason: '手机号已停用很久',
      captchaId: 'x'.repeat(32),
      captchaAnswer: 'abcd',
    },
  };

  it('refuses fields an accounts form does not have', async () => {
    for (const [path, body] of Object.entries(FORMS)) {
      const error = await expectError(
        await postJson(`${server.url}${path}`, { ...body, isAdmin: true }),
        400,
        'BAD_REQUEST',
      );
      expect(error.fields, path).toEqual({ isAdmin: '不支持此字段' });
    }
    const noPurpose = await expectError(
      await postJson(`${server.url}/api/sms/send`, { mobile: '13912345678' }),
      400,
      'BAD_REQUEST',
    );
    expect(noPurpose.fields).toHaveProperty('purpose');
  });

  it('refuses oversize and malformed bodies on every accounts form, as JSON without a stack', async () => {
    for (const [path, body] of Object.entries(FORMS)) {
      await expectError(
        await postJson(`${server.url}${path}`, { ...body, padding: 'x'.repeat(1024 * 1024) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      await expectError(await postJson(`${server.url}${path}`, '{"ticket": '), 400, 'BAD_REQUEST');
      await expectError(await postJson(`${server.url}${path}`, '[1, 2]'), 400, 'BAD_REQUEST');
    }
  });

  it('answers unknown routes with JSON 404', async () => {
    await expectError(await getJson(`${server.url}/api/no-such-route`), 404, 'NOT_FOUND');
    await expectError(await postJson(`${server.url}/api/auth/me`, {}), 404, 'NOT_FOUND');
    await expectError(await getJson(`${server.url}/`), 404, 'NOT_FOUND');
  });

  it('answers an internal failure with 500 and logs the stack on the server only', async () => {
    const token = await login(server.url, 'unitadmin', 'Unit@2026');
    // Pull the database from under the running app: the next query throws inside a handler.
    await server.platform.db.destroy();
    const body = { identifier: 'unitadmin', password: 'Unit@2026' };
    await expectError(await getJson(`${server.url}/api/auth/me`, token), 500, 'SERVER_ERROR');
    await expectError(await postJson(loginUrl(), body), 500, 'SERVER_ERROR');
    const failures = log.entries().filter((entry) => entry.level === 'error');
    expect(failures.length).toBe(2);
    expect(JSON.stringify(failures)).toMatch(/\\n\s+at /);
    // The log names the route but not what was posted to it.
    expect(failures[1]).toMatchObject({
      req: { method: 'POST', path: '/api/auth/login' },
      res: { statusCode: 500 },
    });
    expect(log.lines.join('\n')).not.toContain('Unit@2026');
  });
});
