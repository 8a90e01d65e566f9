import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src-main/core/app-core';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { LOGIN_TOKEN_TTL_MS } from '../../src-main/web/web-access';
import { startDemoServer, type DemoServer } from '../support/demo-server';

/**
 * The web host's gate, on loopback over a core signed in to the real demo server: a browser gets in only
 * through a one-time address traded for an HttpOnly cookie; Origin and Host are checked; the page holds
 * no secret; unknown addresses and errors answer in Chinese.
 */
let rendererDir: string;
let server: DemoServer;
let core: AppCore;
let host: WebHost;
let clockMs = Date.parse('2026-12-01T02:00:00.000Z');

const INDEX_HTML =
  '<!doctype html><html><head><title>职称系统</title></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(os.tmpdir(), 'zhicheng-web-'));
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'app.js'), 'console.log("app")');
  server = await startDemoServer();
  core = createAppCore({ serverUrl: server.url, dataDir: server.clientDataDir, mode: 'embedded' });
  host = await startWebHost({
    call: (method, input) => dispatchAppCall(core.handlers, method, input),
    events: core.events,
    rendererDir,
    access: { now: () => clockMs },
  });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await server?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP exchange, so a test controls every header (fetch would not send a foreign Host). */
function send(
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const ownOrigin = () => `http://127.0.0.1:${host.port}`;
const pathOf = (url: string) => url.slice(host.url.length);

/** Opens a fresh one-time address as a browser would; answers the cookie the host set. */
async function signIn(): Promise<string> {
  const answer = await send(pathOf(host.newLoginUrl()));
  expect(answer.status).toBe(303);
  const setCookie = answer.headers['set-cookie']?.[0] ?? '';
  return setCookie.split(';')[0] ?? '';
}

/** An app API call as the page makes it: same origin, with whatever cookie the browser holds. */
function callApi(method: string, input: unknown, headers: Record<string, string>) {
  return send(`/app-api/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: ownOrigin(),
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: JSON.stringify({ input }),
  });
}

describe('web host: signing a browser in', () => {
  it('trades a one-time address for an HttpOnly, SameSite=Strict session cookie and drops the token from the address', async () => {
    const loginUrl = host.newLoginUrl();
    expect(loginUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{43}$`));
    const answer = await send(pathOf(loginUrl));
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['cache-control']).toBe('no-store');
    const cookies = answer.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const [pair, ...attributes] = (cookies[0] ?? '').split(/;\s*/);
    expect(pair).toMatch(new RegExp(`^${host.cookieName}=[\\w-]{43}$`));
    expect(host.cookieName).toContain(String(host.port));
    expect(attributes.map((a) => a.toLowerCase()).sort()).toEqual(['httponly', 'path=/', 'samesite=strict']);
    // Nothing of the token in the cookie: they are separate secrets.
    expect(pair).not.toContain(new URL(loginUrl).searchParams.get('token'));
  });

  it('takes each address once only', async () => {
    const loginPath = pathOf(host.newLoginUrl());
    expect((await send(loginPath)).status).toBe(303);
    const again = await send(loginPath);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['content-type']).toMatch(/^text\/html/);
    expect(again.body).toContain('该地址已失效');
    expect(again.body).toContain('按回车键可获得新的地址');
  });

  it('refuses an address after its lifetime and one it never issued', async () => {
    const late = pathOf(host.newLoginUrl());
    const inTime = pathOf(host.newLoginUrl());
    clockMs += LOGIN_TOKEN_TTL_MS - 1;
    expect((await send(inTime)).status).toBe(303);
    clockMs += 1;
    expect((await send(late)).status).toBe(401);
    expect((await send(`/?token=${'A'.repeat(43)}`)).status).toBe(401);
    expect((await send('/?token=a&token=b')).status).toBe(401);
  });

  it('lets a browser that is already signed in open a used address again', async () => {
    const loginPath = pathOf(host.newLoginUrl());
    const cookie = (await send(loginPath)).headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    const again = await send(loginPath, { headers: { cookie } });
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();
  });
});

describe('web host: the page', () => {
  it('serves the build as it is, with no secret in it, to a signed-in browser only', async () => {
    const cookie = await signIn();
    const page = await send('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(await readFile(path.join(rendererDir, 'index.html'), 'utf8'));
    expect(page.body).not.toContain(cookie.split('=')[1]);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await send('/app.js', { headers: { cookie } })).status).toBe(200);
  });

  it('tells a browser without the cookie, in Chinese, to open the address the program printed', async () => {
    for (const target of ['/', '/app.js', '/index.html']) {
      const refused = await send(target);
      expect(refused.status, target).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.body).toContain('请从程序显示的地址打开');
      expect(refused.body).toContain('Web UI:');
      expect(refused.body).not.toContain('<div id="root">');
    }
    const forged = await send('/', { headers: { cookie: `${host.cookieName}=${'x'.repeat(43)}` } });
    expect(forged.status).toBe(401);
  });

  it('answers an unknown address with a Chinese page, an unknown API path with Chinese JSON', async () => {
    const cookie = await signIn();
    const page = await send('/settings', { headers: { cookie } });
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('页面不存在');
    const posted = await send('/upload', { method: 'POST', headers: { cookie } });
    expect(posted.status).toBe(404);
    expect(posted.body).toContain('页面不存在');

    for (const [method, target] of [
      ['GET', '/app-api/listApplications'],
      ['GET', '/app-api'],
      ['PUT', '/app-api/login'],
    ] as const) {
      const api = await send(target, { method, headers: { cookie, origin: ownOrigin() } });
      expect(api.status, `${method} ${target}`).toBe(404);
      expect(JSON.parse(api.body)).toEqual({
        ok: false,
        error: { code: 'NOT_FOUND', message: '本机客户端没有这个接口' },
      });
    }
  });

  it('refuses requests addressed to another host name (DNS rebinding), even with a valid address', async () => {
    const loginPath = pathOf(host.newLoginUrl());
    const rebound = await send(loginPath, { headers: { host: `evil.example:${host.port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(rebound.body)).toMatchObject({ ok: false, error: { message: '不允许的访问地址' } });
    const cookie = await signIn();
    expect((await send('/', { headers: { cookie, host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await send('/', { headers: { cookie, host: `localhost:${host.port}` } })).status).toBe(200);
  });
});

describe('web host: the app API', () => {
  it('answers calls from its own page that carry the cookie, validated like the IPC adapter', async () => {
    const cookie = await signIn();
    const connection = await callApi('getConnection', undefined, { cookie });
    expect(connection.status).toBe(200);
    expect(JSON.parse(connection.body)).toMatchObject({
      ok: true,
      value: { reachable: true, mode: 'embedded' },
    });
    const unknown = await callApi('dropTables', undefined, { cookie });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    const bad = await callApi('login', { identifier: 42 }, { cookie });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
  });

  it('refuses calls without the cookie, with a Chinese JSON error that says what to do', async () => {
    const strangers: Record<string, string>[] = [
      {},
      { cookie: `${host.cookieName}=${'x'.repeat(43)}` },
      { 'x-app-secret': 'guess' },
    ];
    for (const headers of strangers) {
      const refused = await callApi('getConnection', undefined, headers);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            '未获授权:请在浏览器中打开启动程序时显示的一次性地址(在运行程序的窗口中按回车键可获得新的地址)',
        },
      });
    }
  });

  it('refuses calls from another origin, or without one, even with the cookie', async () => {
    const cookie = await signIn();
    const cases: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://localhost:${host.port}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of cases) {
      const refused = await callApi('getConnection', undefined, { cookie, ...headers });
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({
        ok: false,
        error: { message: '不允许从其他网页调用本机客户端' },
      });
    }
    const noOrigin = await send('/app-api/getConnection', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it("keeps a second browser without the cookie out of the first one's signed-in session", async () => {
    const first = await signIn();
    const login = await callApi(
      'login',
      { identifier: 'unitadmin', password: 'Unit@2026' },
      { cookie: first },
    );
    expect(JSON.parse(login.body)).toMatchObject({ ok: true, value: { user: { account: 'unitadmin' } } });
    const list = await callApi('listApplications', {}, { cookie: first });
    expect(list.status).toBe(200);

    for (const method of ['getSession', 'listApplications']) {
      const stranger = await callApi(method, method === 'getSession' ? undefined : {}, {});
      expect(stranger.status).toBe(401);
      expect(stranger.body).not.toContain('unitadmin');
      expect(stranger.body).not.toContain('李明');
    }
    const page = await send('/');
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('李明');

    await callApi('logout', undefined, { cookie: first });
  });

  it('answers malformed JSON with a Chinese JSON error', async () => {
    const cookie = await signIn();
    const response = await send('/app-api/login', {
      method: 'POST',
      headers: { cookie, origin: ownOrigin(), 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '请求内容不正确,请检查填写的内容后重试' },
    });
  });
});

describe('web host: the event stream', () => {
  const status = {
    phase: 'offline' as const,
    progress: null,
    error: null,
    lastSyncedAt: '2026-11-27T01:00:00.000Z',
    cachedCount: 3,
  };

  it('refuses a client without the cookie, and a page of another origin with it', async () => {
    expect((await send('/app-api/events')).status).toBe(401);
    const cookie = await signIn();
    expect(
      (await send('/app-api/events', { headers: { cookie, origin: 'http://evil.example' } })).status,
    ).toBe(403);
    expect(
      (await send('/app-api/events', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status,
    ).toBe(403);
  });

  it("streams the core's events, the latest status first, to a signed-in page", async () => {
    const cookie = await signIn();
    core.events.emit({ name: 'syncStatus', payload: status });
    const controller = new AbortController();
    // A same-origin GET from the page comes without Origin; fetch here sends none either.
    const res = await fetch(`${host.url}/app-api/events`, {
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const frames: string[] = [];
    // The next sync status frame; the connection's events (replayed first when the core has one) aside.
    const read = async (): Promise<string | undefined> => {
      for (;;) {
        const found = frames.shift();
        if (found !== undefined && found.includes('"syncStatus"')) return found;
        if (found !== undefined) continue;
        const { value, done } = await reader.read();
        if (done) return undefined;
        frames.push(...new TextDecoder().decode(value).split(/(?<=\n\n)/));
      }
    };
    expect(await read()).toBe(`data: ${JSON.stringify({ name: 'syncStatus', payload: status })}\n\n`);
    const next = { ...status, phase: 'idle' as const };
    core.events.emit({ name: 'syncStatus', payload: next });
    expect(await read()).toBe(`data: ${JSON.stringify({ name: 'syncStatus', payload: next })}\n\n`);
    controller.abort();
  });
});
