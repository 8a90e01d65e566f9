import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../src-shared/contracts/errors';
import { busyRetryDelayMs, ServerClient } from '../../src-main/core/server-client/server-client';
import { SessionService } from '../../src-main/core/session/session-service';
import { MemoryTokenVault } from '../../src-main/core/session/token-vault';
import { startDemoServer, type DemoServer } from '../support/demo-server';
import { hashGate, type HashGate } from '../support/hash-gate';

/**
 * The core's login against a busy server (a login storm): the real server with one hash slot and no
 * queue, the slot held at a gate, and a sleep that records how long the client would wait.
 */
describe('login against a busy server', () => {
  let server: DemoServer | undefined;
  let gate: HashGate;

  afterEach(async () => {
    gate?.open();
    await server?.close();
    server = undefined;
  });

  async function busyServer() {
    gate = hashGate();
    server = await startDemoServer({
      loginHashing: { concurrency: 1, queueLength: 0, verifyPassword: gate.verifyPassword },
    });
    const holder = fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'slot_holder', password: 'Any@2026' }),
    });
    await expect.poll(() => gate.held).toBe(1);
    return { url: server.url, holder };
  }

  it('waits the Retry-After plus jitter, then signs in', async () => {
    const { url, holder } = await busyServer();
    const waits: number[] = [];
    const client = new ServerClient(url, {
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
        gate.open();
        await holder;
      },
    });
    const session = new SessionService(client, new MemoryTokenVault());
    const state = await session.login({ identifier: 'unitadmin', password: 'Unit@2026' });
    expect(state.user?.account).toBe('unitadmin');
    expect(waits).toHaveLength(1);
    // At least the server's Retry-After (a whole number of seconds), and the jitter on top of it.
    expect(waits[0]! % 1500).toBe(0);
    expect(waits[0]).toBeGreaterThanOrEqual(1500);
  });

  it('gives up after its retries with the server’s Chinese message', async () => {
    const { url, holder } = await busyServer();
    const waits: number[] = [];
    const client = new ServerClient(url, {
      busyRetries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const failure = await client
      .call('login', { identifier: 'unitadmin', password: 'Unit@2026' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toMatchObject({
      code: 'SERVER_BUSY',
      message: expect.stringMatching(/服务器繁忙/),
    });
    expect(waits).toHaveLength(2);
    expect(gate.counts.calls).toBe(1);
    gate.open();
    await holder;
  });

  it('spreads clients over one to two Retry-Afters', () => {
    expect(busyRetryDelayMs(3, 0)).toBe(3000);
    expect(busyRetryDelayMs(3, 0.999)).toBe(5997);
    expect(busyRetryDelayMs(0, 0)).toBe(1000);
  });
});
