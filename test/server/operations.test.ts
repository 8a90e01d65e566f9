import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../src-shared/contracts/http';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, getJson, postJson, testConfig } from './helpers';
import { capturedLog } from './log-capture';
import { rawRequest } from '../support/raw-http';

/** The headers helmet must put on every answer, whatever its status. */
function expectSecurityHeaders(headers: Headers | Record<string, string | string[] | undefined>) {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name] as string | undefined);
  expect(get('content-security-policy')).toContain("default-src 'none'");
  expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(get('x-content-type-options')).toBe('nosniff');
  expect(get('x-frame-options')).toBe('SAMEORIGIN');
  expect(get('referrer-policy')).toBe('no-referrer');
  expect(get('cache-control')).toBe('no-store');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachDatabase('what an operator needs', (fresh) => {
  let server: RunningServer;
  const log = capturedLog();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { logger: log.logger }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('/healthz and /readyz answer 200 on a running, migrated server', async () => {
    const health = await getJson(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('puts the security headers on success, error and 404 answers', async () => {
    const ok = await getJson(`${server.url}/api/info`);
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers);
    const bad = await postJson(`${server.url}/api/auth/login`, '{');
    expect(bad.status).toBe(400);
    expectSecurityHeaders(bad.headers);
    const missing = await getJson(`${server.url}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
    const unauthenticated = await getJson(`${server.url}/api/auth/me`);
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers);
  });

  it('gives each request an id, echoes it, and keeps a sane incoming one', async () => {
    const generated = await getJson(`${server.url}/api/info`);
    expect(generated.headers.get('x-request-id')).toMatch(UUID);
    const kept = await fetch(`${server.url}/api/info`, { headers: { 'x-request-id': 'lb-42.abc' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-42.abc');
    const replaced = await fetch(`${server.url}/api/info`, {
      headers: { 'x-request-id': `${'x'.repeat(200)}` },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    const ids = log.entries().map((entry) => entry.requestId);
    expect(ids).toContain('lb-42.abc');
    expect(ids).toContain(generated.headers.get('x-request-id'));
  });

  it('logs JSON lines with the request id and without ID numbers, phones, passwords or tokens', async () => {
    const idNumber = '500101199001011234';
    const mobile = '13800138123';
    const password = 'Secret#Pass2026';
    log.lines.splice(0);
    await postJson(`${server.url}/api/auth/login`, { identifier: idNumber, password });
    await postJson(`${server.url}/api/auth/login`, { identifier: mobile, password });
    const login = await postJson(`${server.url}/api/auth/login`, {
      identifier: 'unitadmin',
      password: 'Unit@2026',
    });
    const { token } = (await login.json()) as { token: string };
    await getJson(`${server.url}/api/auth/me`, token);
    // Personal data in the path and query (a lookup by ID number) is masked or left out as well.
    await getJson(`${server.url}/api/applications/${idNumber}?mobile=${mobile}`, token);
    await getJson(`${server.url}/api/no-such-route/${token}/${mobile}`, token);

    expect(log.lines.length).toBeGreaterThanOrEqual(6);
    for (const line of log.lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry.requestId).toEqual(expect.any(String));
      expect(entry.level).toEqual(expect.any(String));
    }
    const text = log.lines.join('\n');
    for (const secret of [idNumber, mobile, password, 'Unit@2026', token]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('/api/auth/login');
  });

  it('answers a malformed percent-encoding in every path parameter with 400, in Chinese', async () => {
    const withParams = Object.entries(HTTP_ROUTES).filter(([, spec]) => spec.path.includes('/:'));
    expect(withParams.length).toBeGreaterThanOrEqual(11);
    for (const [name, spec] of withParams) {
      const path = spec.path.replace(/:[A-Za-z]+/g, '%zz');
      const res = await fetch(`${server.url}${path}`, {
        method: spec.method,
        ...(spec.method === 'GET' || (spec.method as string) === 'DELETE'
          ? {}
          : { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      const error = await expectError(res, 400, 'BAD_REQUEST');
      expect(error.message, name).toBe('地址中的编号格式不正确,请检查链接');
    }
  });

  it('answers headers over 16 KB with 431 and a Chinese JSON error', async () => {
    const res = await rawRequest(server.url, {
      path: '/api/info',
      headers: { 'x-filler': 'a'.repeat(20 * 1024) },
    });
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual({
      error: expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/请求头过大/) }),
    });
    expectSecurityHeaders(res.headers);
  });

  it('answers a body over the limit from Content-Length, and the client still writing receives the 413', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const total = 8 * chunk.length;
    const res = await rawRequest(server.url, {
      path: '/api/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(total) },
      writeBody: (req) => {
        let written = 0;
        const writeMore = () => {
          while (written < total) {
            written += chunk.length;
            if (written >= total) req.end(chunk);
            else if (!req.write(chunk)) return void req.once('drain', writeMore);
          }
        };
        writeMore();
      },
    });
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers a large upload refused before reading (no session) with its 401, not a reset', async () => {
    const body = JSON.stringify({ fileName: 'a.pdf', contentBase64: 'A'.repeat(12 * 1024 * 1024) });
    const res = await rawRequest(server.url, {
      path: HTTP_ROUTES.uploadLicence.path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('says not ready while draining', async () => {
    server.platform.lifecycle.draining = true;
    try {
      const ready = await getJson(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', reason: 'shutting down' });
      expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      server.platform.lifecycle.draining = false;
    }
  });

  it('says not ready when the database is unreachable', async () => {
    await server.platform.db.destroy();
    const ready = await getJson(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', reason: 'database unreachable' });
    expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
  });
});

describeEachDatabase('the Host header', (fresh) => {
  let loopback: RunningServer;
  let everywhere: RunningServer;
  let database: Awaited<ReturnType<typeof fresh>>;

  beforeAll(async () => {
    database = await fresh();
    loopback = await startServer(testConfig(database), { host: '127.0.0.1' });
    // Bound to every address, as a deployment is: reached here through loopback only.
    everywhere = await startServer(testConfig(database), { host: '0.0.0.0' });
  });
  afterAll(async () => {
    await everywhere?.close();
    await loopback?.close();
  });

  const ask = (port: number, host: string, path = '/api/dev/outbox') =>
    rawRequest(`http://127.0.0.1:${port}`, { path, headers: { host } });

  it('a loopback server answers only loopback names (DNS rebinding gets 421 and no SMS codes)', async () => {
    for (const host of ['attacker.example', `attacker.example:${loopback.port}`, '192.0.2.1']) {
      const res = await ask(loopback.port, host);
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.text)).toEqual({
        error: expect.objectContaining({
          code: 'FORBIDDEN',
          message: expect.stringMatching(/不允许的访问地址/),
        }),
      });
      expectSecurityHeaders(res.headers);
    }
    for (const host of [
      `127.0.0.1:${loopback.port}`,
      `localhost:${loopback.port}`,
      'localhost',
      `[::1]:${loopback.port}`,
    ]) {
      expect((await ask(loopback.port, host)).status, host).toBe(200);
    }
  });

  it('a server bound to a network address is a deployment and answers any name', async () => {
    expect((await ask(everywhere.port, 'zhicheng.example.gov.cn', '/api/info')).status).toBe(200);
  });
});

describeEachDatabase('request timeouts', (fresh) => {
  it('answers a request whose body stalls with 408 and a Chinese JSON error once the request timeout passes', async () => {
    const server = await startServer(
      testConfig(await fresh(), { httpTimeouts: { headersSeconds: 1, requestSeconds: 1 } }),
    );
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(
            'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
              'Content-Length: 100\r\n\r\n{"identifier":',
          );
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('请求发送超时');
    } finally {
      await server.close();
    }
  });
});
