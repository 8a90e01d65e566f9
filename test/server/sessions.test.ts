import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionUserSchema } from '../../src-shared/contracts/identity';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import { expectError, getJson, login, postJson, testClock, testConfig } from './helpers';

describeEachDatabase('sessions: /api/auth/me and /api/auth/logout', (fresh) => {
  let server: RunningServer;
  const me = (token?: string) => getJson(`${server.url}/api/auth/me`, token);
  const logout = (token?: string) => postJson(`${server.url}/api/auth/logout`, {}, token);
  const signIn = () => login(server.url, 'deptadmin', 'Dept@2026');
  const sessionOf = (token: string) =>
    server.platform.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { sessionIdleMinutes: 30 }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the signed-in user for a valid token', async () => {
    const res = await me(await signIn());
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: unknown };
    expect(sessionUserSchema.parse(user)).toMatchObject({
      account: 'deptadmin',
      name: '王芳',
      memberships: [{ unitName: '重庆市卫生健康委员会', unitKind: 'department', role: 'deptAdmin' }],
    });
  });

  it('refuses a missing, malformed or unknown token with 401 UNAUTHENTICATED', async () => {
    await expectError(await me(), 401, 'UNAUTHENTICATED');
    await expectError(await me('not-a-token'), 401, 'UNAUTHENTICATED');
    await expectError(await me('A'.repeat(43)), 401, 'UNAUTHENTICATED');
    const res = await fetch(`${server.url}/api/auth/me`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    await expectError(res, 401, 'UNAUTHENTICATED');
    await expectError(await logout(), 401, 'UNAUTHENTICATED');
  });

  it('stores only the SHA-256 of a token', async () => {
    const token = await signIn();
    const session = await sessionOf(token);
    expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = await server.platform.db.selectFrom('sessions').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('logout revokes that token only', async () => {
    const first = await signIn();
    const second = await signIn();
    const res = await logout(first);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await expectError(await me(first), 401, 'UNAUTHENTICATED');
    await expectError(await logout(first), 401, 'UNAUTHENTICATED');
    expect((await me(second)).status).toBe(200);
    expect((await sessionOf(first)).revoked_at).not.toBeNull();
  });

  it('expires a session idle for longer than sessionIdleMinutes', async () => {
    const token = await signIn();
    const { id } = await sessionOf(token);
    const idleSince = (minutes: number) =>
      server.platform.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - minutes * 60_000).toISOString() })
        .where('id', '=', id)
        .execute();

    await idleSince(29);
    expect((await me(token)).status).toBe(200);
    // That use counted as activity: the clock starts again.
    expect(Date.now() - Date.parse((await sessionOf(token)).last_seen_at)).toBeLessThan(60_000);

    await idleSince(31);
    await expectError(await me(token), 401, 'UNAUTHENTICATED');
  });

  it('ends a session at its absolute expiry however active it is', async () => {
    const token = await signIn();
    await server.platform.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', (await sessionOf(token)).id)
      .execute();
    await expectError(await me(token), 401, 'UNAUTHENTICATED');
  });
});

describeEachDatabase('sessions on the server clock', (fresh) => {
  it('expires an idle session when the clock passes sessionIdleMinutes, fractions included', async () => {
    const clock = testClock();
    const server = await startServer(testConfig(await fresh(), { now: clock.now, sessionIdleMinutes: 0.5 }));
    try {
      const me = (token: string) => getJson(`${server.url}/api/auth/me`, token);
      const token = await login(server.url, 'newuser', 'User@2026');
      clock.advanceSeconds(29);
      expect((await me(token)).status).toBe(200);
      clock.advanceSeconds(29);
      expect((await me(token)).status).toBe(200);
      clock.advanceSeconds(30);
      await expectError(await me(token), 401, 'UNAUTHENTICATED');
      // A new login is a new session, with a new token.
      const again = await login(server.url, 'newuser', 'User@2026');
      expect(again).not.toBe(token);
      expect((await me(again)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
