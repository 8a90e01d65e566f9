import { afterEach, describe, expect, it } from 'vitest';
import { httpErrorBodySchema } from '../../src-shared/contracts/http';
import { hashGate } from '../support/hash-gate';
import type { HashGate } from '../support/hash-gate';
import { startDemoServer } from '../support/demo-server';
import type { DemoServer } from '../support/demo-server';
import { expectError, postJson } from './helpers';
import { capturedLog } from './log-capture';

/**
 * The login hash queue, with the hashes held at a gate: the test decides when they finish, so nothing
 * here depends on how fast scrypt runs. The queue keeps no data in the database, so one database
 * (SQLite) is enough.
 */
describe('login hash queue', () => {
  let server: DemoServer | undefined;
  let gate: HashGate;

  afterEach(async () => {
    gate?.open();
    await server?.close();
    server = undefined;
  });

  const log = capturedLog();

  async function start(concurrency: number, queueLength: number) {
    gate = hashGate();
    server = await startDemoServer({
      logger: log.logger,
      loginHashing: { concurrency, queueLength, verifyPassword: gate.verifyPassword },
    });
    return server;
  }

  /** Each login names its own unknown account, so no attempt count or captcha gets in the way. */
  const login = (url: string, n: number, signal?: AbortSignal, requestId?: string) =>
    fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ identifier: `queued_${n}`, password: 'Any@2026' }),
      ...(signal ? { signal } : {}),
    });

  it('runs `concurrency` hashes, queues `queueLength` logins and refuses one more with 503 SERVER_BUSY', async () => {
    const { url, platform } = await start(2, 3);
    const admitted = [1, 2, 3, 4, 5].map((n) => login(url, n));
    await expect.poll(() => [gate.held, platform.loginHashQueue.queued]).toEqual([2, 3]);

    const refused = await login(url, 6, undefined, 'queue-refused');
    expect(refused.status).toBe(503);
    // A deliberate "busy" is a warning in the log, not an error with a stack nobody can act on.
    await expect
      .poll(() => log.entries().filter((line) => line.requestId === 'queue-refused'))
      .toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: 'request refused: server busy',
          res: { statusCode: 503 },
        }),
      ]);
    expect(log.entries().find((line) => line.requestId === 'queue-refused')).not.toHaveProperty('err');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    const { error } = httpErrorBodySchema.parse(await refused.json());
    expect(error).toEqual({
      code: 'SERVER_BUSY',
      message: `登录人数较多,服务器繁忙,请${retryAfter}秒后重试`,
      retryAfterSeconds: retryAfter,
    });

    gate.open();
    for (const res of await Promise.all(admitted)) await expectError(res, 401, 'INVALID_CREDENTIALS');
    expect(gate.counts).toMatchObject({ calls: 5, maxActive: 2 });
    // The refused login was never hashed, and once the queue has drained a login is admitted again.
    await expectError(await login(url, 7), 401, 'INVALID_CREDENTIALS');
    expect(gate.counts.calls).toBe(6);
  });

  it('drops the queued login of a client that disconnected: never hashed, attempt not counted', async () => {
    const { url, platform } = await start(1, 2);
    const first = login(url, 1);
    await expect.poll(() => gate.held).toBe(1);
    const leaving = new AbortController();
    const gone = login(url, 2, leaving.signal).catch((error: unknown) => error);
    const staying = login(url, 3);
    await expect.poll(() => platform.loginHashQueue.queued).toBe(2);

    leaving.abort();
    await gone;
    await expect.poll(() => platform.loginHashQueue.queued).toBe(1);

    gate.open();
    await expectError(await first, 401, 'INVALID_CREDENTIALS');
    await expectError(await staying, 401, 'INVALID_CREDENTIALS');
    expect(gate.counts.calls).toBe(2);
    const counted = await platform.db.selectFrom('login_failures').select('subject').execute();
    expect(counted.map((row) => row.subject).sort()).toEqual(['account:queued_1', 'account:queued_3']);
  });

  it('does not count a login that is refused as busy', async () => {
    const { url, platform } = await start(1, 0);
    const first = login(url, 1);
    await expect.poll(() => gate.held).toBe(1);
    await expectError(
      await postJson(`${url}/api/auth/login`, { identifier: 'unitadmin', password: 'x' }),
      503,
      'SERVER_BUSY',
    );
    const counted = await platform.db.selectFrom('login_failures').select('subject').execute();
    expect(counted.map((row) => row.subject)).toEqual(['account:queued_1']);
    gate.open();
    await first;
  });
});
