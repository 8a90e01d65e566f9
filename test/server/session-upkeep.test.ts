import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { hashToken } from '../../src-server/identity/sessions';
import { describeEachDatabase } from './databases';
import { getJson, login, testClock, testConfig } from './helpers';

/** Sessions on the server's clock: activity written at most once a minute, dead sessions deleted by logins. */
describeEachDatabase('session upkeep', (fresh) => {
  let server: RunningServer;
  const clock = testClock('2026-03-10T02:00:00.000Z');

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { now: clock.now, sessionIdleMinutes: 30 }));
  });
  afterAll(async () => {
    await server?.close();
  });

  const me = (token: string) => getJson(`${server.url}/api/auth/me`, token);
  const lastSeen = async (token: string) =>
    (
      await server.platform.db
        .selectFrom('sessions')
        .select('last_seen_at')
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow()
    ).last_seen_at;
  const sessionCount = async () =>
    Number(
      (
        await server.platform.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('writes a session’s activity at most once a minute', async () => {
    const token = await login(server.url, 'newuser', 'User@2026');
    const signedIn = await lastSeen(token);
    clock.advanceSeconds(59);
    expect((await me(token)).status).toBe(200);
    expect(await lastSeen(token)).toBe(signedIn);
    clock.advanceSeconds(1);
    expect((await me(token)).status).toBe(200);
    expect(await lastSeen(token)).toBe(clock.now().toISOString());
    clock.advanceSeconds(30);
    expect((await me(token)).status).toBe(200);
    expect(await lastSeen(token)).not.toBe(clock.now().toISOString());
  });

  it(
    'deletes sessions past their lifetime or idle limit on a login, at most once a minute',
    { timeout: 120_000 },
    async () => {
      clock.advanceMinutes(2);
      const idle = await login(server.url, 'deptadmin', 'Dept@2026');
      clock.advanceMinutes(31);
      // The login that finds `idle` idle sweeps it, and nothing else is left but the new session.
      const fresh = await login(server.url, 'newuser', 'User@2026');
      expect(await sessionCount()).toBe(1);
      expect((await me(fresh)).status).toBe(200);
      expect((await me(idle)).status).toBe(401);

      // Within a minute of a sweep a login does not sweep again; the next one after the minute does.
      clock.advanceSeconds(29 * 60 + 30);
      await login(server.url, 'newuser', 'User@2026');
      clock.advanceSeconds(45);
      await login(server.url, 'newuser', 'User@2026');
      expect(await sessionCount()).toBe(3);
      clock.advanceSeconds(15);
      await login(server.url, 'newuser', 'User@2026');
      expect(await sessionCount()).toBe(3);
      expect((await me(fresh)).status).toBe(401);

      // A session used all along still ends after its lifetime (a day), and the next sweep deletes it.
      const allDay = await login(server.url, 'unitadmin', 'Unit@2026');
      const rowOf = (token: string) =>
        server.platform.db
          .selectFrom('sessions')
          .select('id')
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirst();
      for (let uses = 0; uses < 57; uses += 1) {
        clock.advanceMinutes(25);
        expect((await me(allDay)).status).toBe(200);
      }
      clock.advanceMinutes(25);
      expect((await me(allDay)).status).toBe(401);
      expect(await rowOf(allDay)).toBeDefined();
      await login(server.url, 'newuser', 'User@2026');
      expect(await rowOf(allDay)).toBeUndefined();
      expect(await sessionCount()).toBe(1);
    },
  );
});
