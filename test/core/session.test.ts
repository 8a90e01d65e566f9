import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAppCall } from '../../src-main/core/app-api/dispatch';
import { createAppCore } from '../../src-main/core/app-core';
import { MemoryTokenVault } from '../../src-main/core/session/token-vault';
import { closedPort } from '../support/closed-port';
import { startDemoServer, type DemoServer } from '../support/demo-server';

/** The core against the real platform server on loopback, over a real SQLite file. */
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer();
});

afterAll(() => server.close());

describe('core session', () => {
  it('logs in, keeps the token out of the answer, and logs out', async () => {
    const vault = new MemoryTokenVault();
    const core = createAppCore({
      serverUrl: server.url,
      dataDir: server.clientDataDir,
      mode: 'embedded',
      tokenVault: vault,
    });

    const login = await dispatchAppCall(core.handlers, 'login', {
      identifier: 'unitadmin',
      password: 'Unit@2026',
    });
    expect(login.ok).toBe(true);
    expect(JSON.stringify(login)).not.toMatch(/token/i);
    const token = await vault.load();
    expect(token).toBeTruthy();
    expect(JSON.stringify(login)).not.toContain(token);
    if (!login.ok) return;
    expect(login.value).toMatchObject({
      user: { name: '李明', memberships: [{ unitName: '重庆市示例人民医院', role: 'unitAdmin' }] },
    });

    const again = await dispatchAppCall(core.handlers, 'getSession', undefined);
    expect(again).toMatchObject({ ok: true, value: { user: { account: 'unitadmin' } } });

    await dispatchAppCall(core.handlers, 'logout', undefined);
    expect(await vault.load()).toBeNull();
    expect(await dispatchAppCall(core.handlers, 'getSession', undefined)).toEqual({
      ok: true,
      value: { user: null },
    });

    // The old token was revoked on the server, not only forgotten locally.
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
  });

  it('answers a session asked for while a sign-in is on its way with its outcome (a window reloaded right after 登录)', async () => {
    const core = createAppCore({
      serverUrl: server.url,
      dataDir: server.clientDataDir,
      mode: 'embedded',
      tokenVault: new MemoryTokenVault(),
    });
    const login = dispatchAppCall(core.handlers, 'login', { identifier: 'unitadmin', password: 'Unit@2026' });
    const reloaded = dispatchAppCall(core.handlers, 'getSession', undefined);
    expect(await reloaded).toMatchObject({ ok: true, value: { user: { account: 'unitadmin' } } });
    expect(await login).toMatchObject({ ok: true });

    const logout = dispatchAppCall(core.handlers, 'logout', undefined);
    expect(await dispatchAppCall(core.handlers, 'getSession', undefined)).toEqual({
      ok: true,
      value: { user: null },
    });
    await logout;
  });

  it('says the password is wrong in Chinese', async () => {
    const core = createAppCore({ serverUrl: server.url, dataDir: server.clientDataDir, mode: 'embedded' });
    const result = await dispatchAppCall(core.handlers, 'login', {
      identifier: 'unitadmin',
      password: 'nope',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    if (!result.ok) expect(result.error.message).toMatch(/密码错误/);
  });

  it('rejects invalid input before it reaches the server', async () => {
    const core = createAppCore({ serverUrl: server.url, dataDir: server.clientDataDir, mode: 'embedded' });
    const result = await dispatchAppCall(core.handlers, 'login', { identifier: '  ', password: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    if (!result.ok)
      expect(result.error.fields).toMatchObject({ identifier: '请输入用户名/手机号码/身份证号' });
    expect(await dispatchAppCall(core.handlers, 'noSuchMethod', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CALL' },
    });
  });

  it('reports an unreachable server clearly', async () => {
    const core = createAppCore({
      serverUrl: `http://127.0.0.1:${await closedPort()}`,
      dataDir: server.clientDataDir,
      mode: 'remote',
    });
    const result = await dispatchAppCall(core.handlers, 'login', {
      identifier: 'unitadmin',
      password: 'Unit@2026',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SERVER_UNREACHABLE' } });
    const connection = await dispatchAppCall(core.handlers, 'getConnection', undefined);
    expect(connection).toMatchObject({ ok: true, value: { reachable: false, mode: 'remote' } });
  });
});

describe('core session expiry', () => {
  it('forgets a session the server has expired, and says so', async () => {
    // The server's clock, moved past the idle limit instead of waiting it out.
    let now = Date.now();
    const idleServer = await startDemoServer({ sessionIdleMinutes: 1, now: () => new Date(now) });
    try {
      const vault = new MemoryTokenVault();
      const core = createAppCore({
        serverUrl: idleServer.url,
        dataDir: idleServer.clientDataDir,
        mode: 'embedded',
        tokenVault: vault,
      });
      const login = await dispatchAppCall(core.handlers, 'login', {
        identifier: 'cqadmin',
        password: 'Admin@2026',
      });
      expect(login.ok).toBe(true);
      now += 61_000;

      const expired = await dispatchAppCall(core.handlers, 'getSession', undefined);
      expect(expired).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '登录已失效,请重新登录' },
      });
      expect(await vault.load()).toBeNull();
      expect(await dispatchAppCall(core.handlers, 'getSession', undefined)).toEqual({
        ok: true,
        value: { user: null },
      });
    } finally {
      await idleServer.close();
    }
  });
});
