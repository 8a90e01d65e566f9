import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustProxyFromEnv } from '../../src-server/config';
import type { TrustProxy } from '../../src-server/config';
import { startServer } from '../../src-server/listen';
import type { RunningServer } from '../../src-server/listen';
import { describeEachDatabase } from './databases';
import type { DatabaseConfig } from './databases';
import { expectError, testClock, testConfig } from './helpers';

/** 20 seconds into a minute; each test moves a whole window on, so it starts with empty buckets. */
const START = '2026-03-10T02:00:20.000Z';

describeEachDatabase('TRUST_PROXY and the client address of rate limits', (fresh) => {
  let database: DatabaseConfig;
  const clock = testClock(START);
  const servers: RunningServer[] = [];
  const rateLimits = { captcha: { max: 2, windowSeconds: 60 } };

  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  async function serverTrusting(trustProxy: TrustProxy) {
    clock.advanceSeconds(60);
    const server = await startServer(testConfig(database, { now: clock.now, rateLimits, trustProxy }));
    servers.push(server);
    return (forwardedFor?: string) =>
      fetch(`${server.url}/api/captcha`, {
        headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      });
  }

  it('without TRUST_PROXY, X-Forwarded-For is ignored: every client address shares the peer’s bucket', async () => {
    const captcha = await serverTrusting(false);
    expect((await captcha('203.0.113.1')).status).toBe(200);
    expect((await captcha('203.0.113.2')).status).toBe(200);
    await expectError(await captcha('203.0.113.3'), 429, 'RATE_LIMITED');
    await expectError(await captcha(), 429, 'RATE_LIMITED');
  });

  it('with the proxy trusted, each forwarded client address gets its own bucket', async () => {
    const captcha = await serverTrusting(['loopback']);
    expect((await captcha('203.0.113.1')).status).toBe(200);
    expect((await captcha('203.0.113.1')).status).toBe(200);
    await expectError(await captcha('203.0.113.1'), 429, 'RATE_LIMITED');
    expect((await captcha('203.0.113.2')).status).toBe(200);
    // A hop count: the address the one trusted proxy appended is the client, whatever came before it.
    const hops = await serverTrusting(1);
    expect((await hops('198.51.100.7, 203.0.113.4')).status).toBe(200);
    expect((await hops('198.51.100.8, 203.0.113.4')).status).toBe(200);
    await expectError(await hops('198.51.100.9, 203.0.113.4'), 429, 'RATE_LIMITED');
    expect((await hops('203.0.113.5')).status).toBe(200);
  });

  it('a forged header from a peer that is not the trusted proxy changes nothing', async () => {
    const captcha = await serverTrusting(['10.1.2.3']);
    expect((await captcha('203.0.113.1')).status).toBe(200);
    expect((await captcha('203.0.113.2')).status).toBe(200);
    await expectError(await captcha('203.0.113.3'), 429, 'RATE_LIMITED');
  });
});

describe('TRUST_PROXY in the environment', () => {
  it('is off unless set, and takes a hop count or a list of addresses, subnets and names', () => {
    expect(trustProxyFromEnv(undefined)).toBe(false);
    expect(trustProxyFromEnv(' ')).toBe(false);
    expect(trustProxyFromEnv('false')).toBe(false);
    expect(trustProxyFromEnv('0')).toBe(false);
    expect(trustProxyFromEnv('2')).toBe(2);
    expect(trustProxyFromEnv('loopback, 10.0.0.0/8, 192.0.2.7, fd00::/8')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
    ]);
  });

  it('refuses true (it would trust any forged header) and anything that is not an address', () => {
    expect(() => trustProxyFromEnv('true')).toThrow(/number of proxies/);
    expect(() => trustProxyFromEnv('proxy.example.org')).toThrow(/proxy\.example\.org/);
    expect(() => trustProxyFromEnv('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });
});
